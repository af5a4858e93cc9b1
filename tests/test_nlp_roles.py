"""Roles and affiliations as the text states them."""

from briefing.config import builtin_defaults
from briefing.model import Article
from briefing.nlp import analyse_articles


def roles_of(text: str) -> dict[str, set[str]]:
    analysis = analyse_articles([Article(id="a", path="a", text=text)], builtin_defaults())[0]
    out: dict[str, set[str]] = {}
    for r in analysis.roles:
        out.setdefault(r.person, set()).add(r.role)
    return out


def orgs_of(text: str) -> dict[str, set[str | None]]:
    analysis = analyse_articles([Article(id="a", path="a", text=text)], builtin_defaults())[0]
    out: dict[str, set[str | None]] = {}
    for r in analysis.roles:
        out.setdefault(r.person, set()).add(r.organization)
    return out


def test_title_before_the_name():
    roles = roles_of("ESA Director General Josef Aschbacher met JAXA President Hiroshi "
                     "Yamakawa in Paris.")
    assert roles["Josef Aschbacher"] == {"ESA Director General"}
    assert roles["Hiroshi Yamakawa"] == {"JAXA President"}


def test_plural_title_shared_by_a_list_is_singular():
    roles = roles_of("The capsule will carry NASA astronauts Jonny Kim, Nichole Ayers and "
                     "Anne McClain to orbit.")
    assert roles == {n: {"NASA astronaut"} for n in ("Jonny Kim", "Nichole Ayers",
                                                     "Anne McClain")}


def test_apposition_after_the_name():
    roles = roles_of("Amit Kshatriya, NASA's associate administrator, said the rocket was "
                     "ready.")
    assert roles["Amit Kshatriya"] == {"NASA associate administrator"}
    assert orgs_of("Amit Kshatriya, NASA's associate administrator, said so.")[
        "Amit Kshatriya"] == {"NASA"}


def test_apposition_before_a_title_gives_both_roles():
    roles = roles_of("In May, NASA's acting administrator, Energy Secretary Chris Wright, met "
                     "the crew.")
    assert roles["Chris Wright"] == {"Energy Secretary", "NASA acting administrator"}


def test_then_title_takes_the_organization_the_article_pairs_with_it():
    roles = roles_of("She would be the first NASA administrator to visit since 2018, when "
                     "then-Administrator Jim Bridenstine attended a launch.")
    assert roles["Jim Bridenstine"] == {"NASA Administrator"}


def test_role_without_organization_takes_the_one_the_sentence_names():
    roles = roles_of("The Indian Space Research Organisation (ISRO) will fly the robot first, "
                     "chairman V. Narayanan said.")
    assert roles["V. Narayanan"] == {"ISRO chairman"}


def test_acronym_in_brackets_before_the_title():
    roles = roles_of("Japan Aerospace Exploration Agency (JAXA) astronaut Kimiya Yui will "
                     "fly.")
    assert roles["Kimiya Yui"] == {"JAXA astronaut"}


def test_agency_head_and_possessive_common_noun():
    roles = roles_of("Roscosmos head Dmitry Bakanov spoke to Lisa Park, the agency's "
                     "spokesperson.")
    assert roles["Dmitry Bakanov"] == {"Roscosmos head"}
    assert roles["Lisa Park"] == {"spokesperson"} or roles["Lisa Park"] == {
        "Roscosmos spokesperson"}


def test_dateline_dash_is_not_part_of_the_role():
    roles = roles_of("WASHINGTON (Reuters) - NASA Administrator Jared Isaacman said on Friday "
                     "that talks were planned.")
    assert roles["Jared Isaacman"] == {"NASA Administrator"}


def test_apposition_ending_in_a_prepositional_phrase():
    roles = roles_of("\"It was a great day for NASA,\" said Ken Bowersox, the agency's "
                     "associate administrator for space operations.")
    assert roles["Ken Bowersox"] == {"NASA associate administrator"}


def test_a_nationality_is_affiliation_enough():
    roles = roles_of("NASA said the crew includes Russian cosmonaut Kirill Peskov.")
    assert roles["Kirill Peskov"] == {"Russian cosmonaut"}


def test_roles_of_every_beat_and_an_apposition_cut_at_its_relative_clause():
    roles = roles_of("Carmen Ruiz de Alarcón, the architect whose libraries changed a dozen "
                     "cities, died on Tuesday. Her death was announced by her son, Javier Ruiz "
                     "de Alarcón. Her former student Isabel Crespo spoke at the funeral, and "
                     "defence lawyer Kenneth Lau read a letter.")
    assert roles["Carmen Ruiz de Alarcón"] == {"architect"}
    assert roles["Javier Ruiz de Alarcón"] == {"son"}
    assert roles["Isabel Crespo"] == {"former student"}
    assert any("lawyer" in r for r in roles["Kenneth Lau"])


def test_a_person_ner_took_for_an_organization_is_no_ones_employer():
    roles = roles_of("Mia Novak, 24, birdied three of the last five holes as overnight leader "
                     "Hana Sato faltered.")
    assert not any("Novak" in r for r in roles.get("Hana Sato", set()))


def test_a_capitalised_title_takes_no_organization_from_its_sentence():
    roles = roles_of("After Hurricane Odile closed the port, President Carla Ruiz declared an "
                     "emergency. The Defense Department sent troops, Secretary Paul Ames said.")
    assert roles["Carla Ruiz"] == {"President"}
    assert roles["Paul Ames"] == {"Secretary"}


def test_a_judge_and_an_adjective_in_the_apposition():
    roles = roles_of("The review will be led by retired judge Eileen Murphy. \"We will listen,\" "
                     "said Harold Quint, a longtime adviser.")
    assert roles["Eileen Murphy"] == {"retired judge"}
    assert roles["Harold Quint"] == {"longtime adviser"}


def test_a_speaker_of_a_house():
    roles = roles_of("A jury convicted former Illinois House Speaker Michael Madigan of "
                     "bribery on Thursday.")
    assert roles["Michael Madigan"] == {"former Illinois House Speaker"}


def test_a_participle_modifying_the_role_of_an_apposition():
    roles = roles_of("Margaret Ellison, pioneering surgeon, died on Sunday at her home.")
    assert roles["Margaret Ellison"] == {"pioneering surgeon"}
