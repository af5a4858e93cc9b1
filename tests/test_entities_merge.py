"""merge_entities: one Person / Mission / Organization / Place / Quote across sources."""

from briefing.config import builtin_defaults
from briefing.digest.entities import merge_entities
from briefing.model import (
    Article,
    ArticleAnalysis,
    CrewLink,
    EntityMention,
    QuoteMention,
    RoleMention,
    Span,
)


def article(source: str, text: str) -> Article:
    return Article(id=source, path=source, text=text)


def mention(name: str, label: str, text: str | None = None, sentence: int = 0) -> EntityMention:
    return EntityMention(name=name, text=text or name, label=label, start=0, end=1,
                         sentence=sentence)


def merged():
    a = article("a.txt", "Jared Isaacman met Anna Menon. Anil Menon flew.")
    b = article("b.txt", "Isaacman spoke. The European Space Agency agreed.")
    c = article("c.txt", "ESA and Isaacman. Artemis 2 waits.")
    analyses = {
        "a.txt": ArticleAnalysis(
            source_id="a.txt", content_hash="", sentences=[Span(0, 30), Span(31, 47)],
            mentions=[mention("Jared Isaacman", "PERSON"),
                      mention("Anna Menon", "PERSON"),
                      mention("Anil Menon", "PERSON", sentence=1),
                      mention("Anil Menon", "PERSON", "Menon", sentence=1),
                      mention("Artemis II", "MISSION", sentence=1),
                      mention("NASA", "ORG"), mention("Moscow", "PLACE")],
            roles=[RoleMention("Jared Isaacman", "NASA Administrator", "NASA"),
                   RoleMention("Anil Menon", "NASA astronaut", "NASA")],
            crew=[CrewLink("Artemis II", "Anil Menon")],
            quotes=[QuoteMention("I am certainly planning to attend the next crewed launch",
                                 "Jared Isaacman", 0, 1, 0),
                    QuoteMention("the right call", "Jared Isaacman", 0, 1, 0)],
            aliases={"Anil Menon": ["Menon"]}),
        "b.txt": ArticleAnalysis(
            source_id="b.txt", content_hash="", sentences=[Span(0, 15), Span(16, 50)],
            mentions=[mention("Isaacman", "PERSON"),
                      mention("European Space Agency", "ORG", sentence=1)],
            roles=[RoleMention("Isaacman", "NASA administrator", "NASA")],
            quotes=[QuoteMention("I am Certainly planning to attend the next crewed launch",
                                 "Isaacman", 0, 1, 0)]),
        "c.txt": ArticleAnalysis(
            source_id="c.txt", content_hash="", sentences=[Span(0, 17), Span(18, 34)],
            mentions=[mention("ESA", "ORG"), mention("Jared Isaacman", "PERSON"),
                      mention("Artemis 2", "MISSION", sentence=1),
                      mention("Moscow", "PLACE")]),
    }
    return merge_entities([a, b, c], analyses, builtin_defaults())


def test_people_merge_across_sources_and_keep_namesakes_apart():
    people = {p.name: p for p in merged().people}
    assert set(people) == {"Jared Isaacman", "Anna Menon", "Anil Menon"}
    isaacman = people["Jared Isaacman"]
    assert isaacman.sources == ["a.txt", "b.txt", "c.txt"]
    assert isaacman.mentions == 3
    assert "Isaacman" in isaacman.aliases
    assert merged().people[0].name == "Jared Isaacman"  # most mentioned first


def test_roles_with_their_sources_and_organizations():
    people = {p.name: p for p in merged().people}
    isaacman = people["Jared Isaacman"]
    assert isaacman.roles == ["NASA Administrator"]
    assert isaacman.role_sources == {"NASA Administrator": ["a.txt", "b.txt"]}
    assert isaacman.organizations == ["NASA"]


def test_missions_merge_spellings_and_carry_their_crew():
    missions = merged().missions
    assert len(missions) == 1
    assert missions[0].name in ("Artemis II", "Artemis 2")
    assert missions[0].sources == ["a.txt", "c.txt"]
    assert missions[0].people == ["Anil Menon"]
    people = {p.name: p for p in merged().people}
    assert people["Anil Menon"].missions == [missions[0].name]


def test_organizations_merge_aliases_and_places_count_sources():
    entities = merged()
    orgs = {o.name: o for o in entities.organizations}
    assert set(orgs) == {"NASA", "European Space Agency"}
    assert orgs["European Space Agency"].sources == ["b.txt", "c.txt"]
    assert "ESA" in orgs["European Space Agency"].aliases
    assert [(p.name, p.sources) for p in entities.places] == [("Moscow", ["a.txt", "c.txt"])]


def test_the_same_quote_in_two_sources_is_one_quote_and_scare_quotes_are_left_out():
    quotes = merged().quotes
    assert len(quotes) == 1
    assert quotes[0].speaker == "Jared Isaacman"
    assert quotes[0].sources == ["a.txt", "b.txt"]


def test_a_reworded_quote_stays_apart_so_each_source_has_its_quote_verbatim():
    a, b = article("a.txt", "x"), article("b.txt", "y")
    analyses = {
        "a.txt": ArticleAnalysis(source_id="a.txt", content_hash="", quotes=[
            QuoteMention("I know that we're making preparations for a discussion", "Ann Lee",
                         0, 1, 0)]),
        "b.txt": ArticleAnalysis(source_id="b.txt", content_hash="", quotes=[
            QuoteMention("I know that we are making preparations for a discussion", "Ann Lee",
                         0, 1, 0)]),
    }
    quotes = merge_entities([a, b], analyses, builtin_defaults()).quotes
    assert [(q.text[:16], q.sources) for q in quotes] == [("I know that we'r", ["a.txt"]),
                                                          ("I know that we a", ["b.txt"])]


def test_contexts_are_sentences_from_the_sources():
    people = {p.name: p for p in merged().people}
    contexts = people["Anil Menon"].contexts
    assert [(c.source, c.sentence) for c in contexts] == [("a.txt", "Anil Menon flew.")]


def test_nothing_in_nothing_out():
    entities = merge_entities([], {}, builtin_defaults())
    assert entities.people == [] and entities.quotes == []


def test_a_lone_surname_goes_to_the_most_named_namesake_and_initials_merge():
    a = article("a.txt", "x")
    b = article("b.txt", "x")

    def analysis(source, names):
        return ArticleAnalysis(source_id=source, content_hash="",
                               sentences=[Span(0, 1)],
                               mentions=[mention(n, "PERSON") for n in names])

    entities = merge_entities([a, b], {
        "a.txt": analysis("a.txt", ["Anil Menon", "Anil Menon", "Anna Menon", "V. Narayanan"]),
        "b.txt": analysis("b.txt", ["Menon", "Venkat Narayanan"])}, builtin_defaults())
    people = {p.name: p for p in entities.people}
    assert set(people) == {"Anil Menon", "Anna Menon", "V. Narayanan"} or set(people) == {
        "Anil Menon", "Anna Menon", "Venkat Narayanan"}
    assert people["Anil Menon"].sources == ["a.txt", "b.txt"]
    assert people["Anna Menon"].sources == ["a.txt"]


def test_a_left_out_second_surname_merges_but_a_regnal_number_or_a_first_name_does_not():
    a, b, c = article("a.txt", "x"), article("b.txt", "x"), article("c.txt", "x")

    def analysis(source, names):
        return ArticleAnalysis(source_id=source, content_hash="", sentences=[Span(0, 1)],
                               mentions=[mention(n, "PERSON") for n in names])

    entities = merge_entities([a, b, c], {
        "a.txt": analysis("a.txt", ["Luis Ortega Salas", "John Paul II", "Amir Khan"]),
        "b.txt": analysis("b.txt", ["Luis Ortega", "John Paul"]),
        "c.txt": analysis("c.txt", ["Amir"])}, builtin_defaults())
    people = {p.name: p for p in entities.people}
    assert people["Luis Ortega Salas"].sources == ["a.txt", "b.txt"]
    assert {"John Paul II", "John Paul", "Amir", "Amir Khan"} <= set(people)


def test_a_storm_is_nobody_in_any_article_and_its_namesake_stays_a_person():
    a = article("a.txt", "Hurricane Odile hit the coast.")
    b = article("b.txt", "Odile flooded the valley. 'Odile took everything we had,' she said.")
    c = article("c.txt", "Odile Marchetti won the 200 metres. Odile was delighted.")
    analyses = {
        "a.txt": ArticleAnalysis(
            source_id="a.txt", content_hash="", sentences=[Span(0, 30)],
            mentions=[mention("Odile", "STORM", "Hurricane Odile"), mention("Odile", "PLACE"),
                      mention("Hurricane Odile", "ORG")]),
        "b.txt": ArticleAnalysis(
            source_id="b.txt", content_hash="", sentences=[Span(0, 25), Span(26, 69)],
            mentions=[mention("Odile", "PERSON"), mention("Odile", "PERSON", sentence=1)],
            quotes=[QuoteMention("Odile took everything we had", "Odile", 0, 1, 1)]),
        "c.txt": ArticleAnalysis(
            source_id="c.txt", content_hash="", sentences=[Span(0, 35), Span(36, 56)],
            mentions=[mention("Odile Marchetti", "PERSON"),
                      mention("Odile Marchetti", "PERSON", "Odile", sentence=1)]),
    }
    merged = merge_entities([a, b, c], analyses, builtin_defaults())
    assert [(p.name, p.sources) for p in merged.people] == [("Odile Marchetti", ["c.txt"])]
    assert [q.speaker for q in merged.quotes] == [None]
    assert not merged.places and not merged.organizations  # the storm is no place, no body


def test_a_surname_joined_to_its_particle_merges_across_sources():
    a = article("a.txt", "Abdel Fattah el-Sisi spoke.")
    b = article("b.txt", "Sisi spoke again.")
    analyses = {
        "a.txt": ArticleAnalysis(source_id="a.txt", content_hash="", sentences=[Span(0, 27)],
                                 mentions=[mention("Abdel Fattah el-Sisi", "PERSON")]),
        "b.txt": ArticleAnalysis(source_id="b.txt", content_hash="", sentences=[Span(0, 17)],
                                 mentions=[mention("Sisi", "PERSON")]),
    }
    people = merge_entities([a, b], analyses, builtin_defaults()).people
    assert [(p.name, p.sources) for p in people] == [("Abdel Fattah el-Sisi", ["a.txt", "b.txt"])]
