"""Missions as entities: families of name + number, names from cue words, long and short
forms merged, vehicles and bodies kept apart, and who flies on what."""

from functools import cache
from pathlib import Path

from briefing.config import builtin_defaults
from briefing.model import Article
from briefing.names import mission_key
from briefing.nlp import analyse_articles

FIXTURES = Path(__file__).parent / "fixtures" / "nlp"


@cache
def analysed(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8").strip()
    return analyse_text(text)


def analyse_text(text: str):
    return analyse_articles([Article(id="a", path="a", text=text, date="2026-03-10")],
                            builtin_defaults())[0]


def missions(analysis) -> set[str]:
    return {m.name for m in analysis.mentions if m.label == "MISSION"}


def crew(analysis) -> set[tuple[str, str]]:
    return {(c.mission, c.person) for c in analysis.crew}


def test_numbered_mission_families():
    names = ["Soyuz MS-29", "Progress MS-31", "Crew-12", "Shenzhou-22", "Tianzhou-10",
             "Apollo 17", "Ax-4", "STS-135", "Expedition 74", "NG-24", "CRS-31", "Artemis II",
             "Chang'e 6", "Gaganyaan-1", "Progress 93", "Soyuz 11"]
    text = " ".join(f"Officials discussed {n} on Monday." for n in names)
    assert missions(analyse_text(text)) == set(names)


def test_vehicles_stations_and_bodies_are_not_missions():
    text = ("The Orion spacecraft and the Crew Dragon capsule were compared with Soyuz. "
            "A Soyuz 2.1a rocket and a Falcon 9 flew the same day. "
            "The ISS and Tiangong orbit Earth, while Didymos, Deimos and Mars do not. "
            "The Perseverance rover and the Ingenuity helicopter worked on Mars.")
    assert missions(analyse_text(text)) == set()


def test_names_introduced_by_a_cue_word_are_missions_everywhere_in_the_article():
    text = ("The Starfall Dawn private astronaut mission launched on Monday. "
            "Officials said Starfall Dawn would return within a week. "
            "ESA's Hera probe reached orbit, and Hera began taking pictures.")
    analysis = analyse_text(text)
    assert missions(analysis) == {"Starfall Dawn", "Hera"}
    assert len([m for m in analysis.mentions if m.name == "Hera"]) == 2
    assert not [m for m in analysis.mentions if m.label == "PERSON"]


def test_long_and_short_forms_are_one_mission():
    isro = analysed("isro.txt")
    assert "Ax-4" in missions(isro)
    assert "Axiom Mission 4" in isro.aliases["Ax-4"]
    assert "Axiom Mission 4" not in missions(isro)
    dart = analysed("dart_hera.txt")
    assert "Double Asteroid Redirection Test" in dart.aliases["DART"]
    assert missions(dart) == {"DART", "Hera"}


def test_mission_names_match_across_spellings():
    assert mission_key("Artemis II") == mission_key("Artemis 2")
    assert mission_key("Chang’e 6") == mission_key("Chang'e 6")
    assert mission_key("Artemis III.") == mission_key("Artemis 3")  # as the digest merges them


def test_crews_listed_with_the_mission():
    artemis = analysed("artemis.txt")
    assert {("Artemis II", p) for p in ("Reid Wiseman", "Victor Glover", "Christina Koch",
                                        "Jeremy Hansen")} <= crew(artemis)
    assert ("Artemis II", "Jared Isaacman") not in crew(artemis)
    assert ("Expedition 61", "Christina Koch") in crew(artemis)


def test_crew_from_a_title_and_a_crew_word():
    shenzhou = analysed("shenzhou.txt")
    assert {("Shenzhou-22", p) for p in ("Chen Dongmei", "Zhang Lu", "Wu Fei")} <= crew(shenzhou)
    assert ("Shenzhou-15", "Chen Dongmei") in crew(shenzhou)
    assert not [c for c in shenzhou.crew if c.person == "Lin Xiqiang"]


def test_who_flew_with_links_both_people():
    text = ("Astronaut Maria Lopez thanked Tom Baker, who flew with Lopez on the Polaris Dawn "
            "private astronaut mission in 2024.")
    analysis = analyse_text(text)
    assert crew(analysis) == {("Polaris Dawn", "Tom Baker"), ("Polaris Dawn", "Maria Lopez")}


def test_a_vehicle_carrying_people_belongs_to_the_mission_named_for_it():
    text = ("Crew-14 lifted off on Friday, NASA said.\n\n"
            "The Crew Dragon spacecraft carrying, among others, JAXA astronaut Kenji Sato, "
            "reached orbit after twelve minutes.")
    assert crew(analyse_text(text)) == {("Crew-14", "Kenji Sato")}


def test_the_mission_will_carry():
    text = ("The mission, Soyuz MS-30, will carry NASA astronaut Jonny Kim and Roscosmos "
            "cosmonauts Sergey Ryzhikov and Alexey Zubritsky to the station.")
    assert crew(analyse_text(text)) == {("Soyuz MS-30", "Jonny Kim"),
                                        ("Soyuz MS-30", "Sergey Ryzhikov"),
                                        ("Soyuz MS-30", "Alexey Zubritsky")}


def test_managers_are_not_crew():
    dart = analysed("dart_hera.txt")
    assert dart.crew == []


def test_mission_possessive_names_its_crew():
    text = ("The capsule will return on the Crew Dragon that brought Crew-9's Nick Hague and "
            "Aleksandr Gorbunov to the station.")
    assert crew(analyse_text(text)) == {("Crew-9", "Nick Hague"),
                                        ("Crew-9", "Aleksandr Gorbunov")}


def test_a_capitalised_noun_before_a_cue_word_is_a_mission():
    text = "Meanwhile, NASA's Psyche mission continued its cruise past Mars."
    assert missions(analyse_text(text)) == {"Psyche"}


def test_crews_of_several_missions_in_one_story():
    soyuz = analysed("soyuz_landing.txt")
    assert {("Soyuz MS-25", p) for p in ("Oleg Kononenko", "Nikolai Chub", "Tracy Dyson")} \
        <= crew(soyuz)
    assert {("Soyuz MS-24", p) for p in ("Oleg Kononenko", "Nikolai Chub", "Loral O'Hara")} \
        <= crew(soyuz)
    assert {("Soyuz MS-26", p) for p in ("Alexey Ovchinin", "Ivan Vagner", "Don Pettit")} \
        <= crew(soyuz)
    assert ("Crew-12", "Sophie Adenot") in crew(soyuz)
    assert not [c for c in soyuz.crew if c.person == "Yuri Borisov"]
    assert not {("Soyuz MS-25", p) for p in ("Alexey Ovchinin", "Ivan Vagner", "Don Pettit")} \
        & crew(soyuz)  # "The next crew, on Soyuz MS-26, includes ...": not the story's mission


def test_a_capsule_carrying_a_crew_and_a_mission_possessive():
    docking = analysed("crew10_docking.txt")
    assert {("Crew-10", p) for p in ("Anne McClain", "Nichole Ayers", "Takuya Onishi",
                                     "Kirill Peskov")} <= crew(docking)
    assert {("Crew-9", "Nick Hague"), ("Crew-9", "Aleksandr Gorbunov")} <= crew(docking)
    assert not [c for c in docking.crew if c.person in ("Butch Wilmore", "Suni Williams",
                                                        "Ken Bowersox", "Sean Duffy")]


def test_a_crew_word_links_the_crew_not_the_speaker():
    assert crew(analyse_text("Elon Musk said the Crew-12 crew was safe.")) == set()
    text = "The Crew-12 crew, NASA astronauts Jessica Meir and Jack Hathaway, docked on Sunday."
    assert crew(analyse_text(text)) == {("Crew-12", "Jessica Meir"), ("Crew-12", "Jack Hathaway")}


def test_will_command_the_mission_in_focus_and_joined_by():
    text = ("NASA named the crew of Artemis V on Tuesday. Astronaut Carla Ruiz will command the "
            "mission. Ruiz, who flew on Expedition 70, will be joined by pilot Sam Oduya and "
            "mission specialist Ines Berg.")
    assert crew(analyse_text(text)) == {("Artemis V", "Carla Ruiz"), ("Artemis V", "Sam Oduya"),
                                        ("Artemis V", "Ines Berg"),
                                        ("Expedition 70", "Carla Ruiz")}


def test_crew_lists_after_a_colon_or_a_comma():
    text = ("Soyuz MS-32 lifted off on Friday. Its crew: cosmonauts Pavel Orlov and Daria "
            "Kozlova and NASA astronaut Ben Hart.\n\nThe Soyuz MS-31 crew, Ivan Sokolov and "
            "Maria Lenz, will return to Earth next week.")
    assert crew(analyse_text(text)) == {
        ("Soyuz MS-32", "Pavel Orlov"), ("Soyuz MS-32", "Daria Kozlova"),
        ("Soyuz MS-32", "Ben Hart"), ("Soyuz MS-31", "Ivan Sokolov"), ("Soyuz MS-31", "Maria Lenz")}


def test_a_crew_that_includes_and_who_leads_it_not_the_mission_of_an_aside():
    text = ("China launched Shenzhou-23 on Friday. Commander Li Wen, who flew on Shenzhou-16, "
            "leads a crew that includes Gao Ming and Sun Yi.")
    found = crew(analyse_text(text))
    assert {("Shenzhou-23", p) for p in ("Li Wen", "Gao Ming", "Sun Yi")} <= found
    assert ("Shenzhou-16", "Li Wen") in found
    assert not {("Shenzhou-16", "Gao Ming"), ("Shenzhou-16", "Sun Yi")} & found


def test_people_landing_without_a_mission_named_fly_the_story_mission():
    text = ("A Soyuz MS-27 capsule landed in Kazakhstan on Sunday.\n\n"
            "Cosmonauts Yuri Lebedev and Olga Sokol touched down at 9:10 a.m.")
    assert crew(analyse_text(text)) == {("Soyuz MS-27", "Yuri Lebedev"),
                                        ("Soyuz MS-27", "Olga Sokol")}


def test_a_named_vehicle_elsewhere_is_not_the_mission_in_focus():
    text = ("Crew-15 docked on Sunday. Astronauts Tim Ocampo and Lea Park flew to the station "
            "last year aboard Boeing's Starliner capsule.")
    assert not [c for c in analyse_text(text).crew if c.person in ("Tim Ocampo", "Lea Park")]


def test_assigned_to_serving_on_and_joining_someone_on_a_mission():
    text = ("NASA assigned astronaut Mark Ruiz to the Crew-14 mission on Monday. Ruiz will join "
            "Ann Cole on Crew-14. Pilot Omar Said will serve as second in command on Soyuz "
            "MS-31.")
    assert crew(analyse_text(text)) == {("Crew-14", "Mark Ruiz"), ("Crew-14", "Ann Cole"),
                                        ("Soyuz MS-31", "Omar Said")}
