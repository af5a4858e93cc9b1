"""Synthetic newsroom corpora for the speed benchmark: N articles from templates, deterministic.

Articles come in stories (several outlets covering one launch, docking or announcement), so
the digest has real merging and clustering to do. Each story is a distinct event, as on a real
wire: its own mission (no two stories fly the same one), its own people, and its own share of
the background sentences. Names mix cultures, initials and particles;
missions, agencies, outlets, datelines and date formats vary; bodies run 150-900 words with
quotes ("said", "told"), some furniture lines (ads, share links, captions) and some repeated
paragraphs; files are .txt, .md, .html and .json.

    python bench/corpus.py OUT_DIR --n 1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import html
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FIRST = [
    # English, Spanish, Portuguese, French, German, Dutch, Italian
    "Jared", "Anne", "Michael", "Sarah", "Christopher", "Jessica", "Robert", "Kathleen", "Warren",
    "Nicole", "Sunita", "Barry", "Victor", "Reid", "Christina", "Jeremy", "Loral", "Kayla",
    "Carlos", "Lucía", "Mateo", "Valentina", "João", "Mariana", "Thiago", "Ana Paula",
    "Jean-Luc", "Sophie", "Thomas", "Claudie", "Matthias", "Alexander", "Ulrike", "Pieter",
    "Andre", "Samantha", "Luca", "Paolo", "Marcus", "Pablo", "Sara", "Raphaël",
    # Russian, Ukrainian, Kazakh
    "Pyotr", "Anna", "Oleg", "Yelena", "Dmitry", "Sergey", "Nikolai", "Andrey", "Alexey",
    "Konstantin", "Yuri", "Tatyana", "Aidyn", "Ivan",
    # Chinese (given names; the family name comes first), Japanese, Korean
    "Yaping", "Haipeng", "Guangfu", "Tingbo", "Cong", "Ye", "Xuzhe", "Yang", "Koichi",
    "Satoshi", "Takuya", "Kimiya", "Akihiko", "Norishige", "Min-jun", "Ji-woo", "Soyeon",
    # Indian, Arabic, Persian, Turkish, African
    "Anil", "Shubhanshu", "Prasanth", "Angad", "Kalpana", "Rakesh", "Priya", "Vikram",
    "Sultan", "Hazzaa", "Rayyanah", "Ali", "Nora", "Omar", "Fatima", "Alper", "Tuva",
    "Chinedu", "Amara", "Kwame", "Thandiwe", "Wanjiru", "Sawadee", "Tomasz", "Sławosz",
]
SURNAMES = [
    "Isaacman", "McClain", "Hopkins", "Meir", "Cassidy", "Moore", "Hoburg", "Wilmore", "Glover",
    "Wiseman", "Koch", "Williams", "Mann", "Barratt", "Cardman", "Fincke", "Ayers", "O'Hara",
    "O'Brien", "D'Souza", "Smith-Jones", "García", "Fernández", "López", "Oliveira",
    "da Silva", "dos Santos", "de la Cruz", "van der Berg", "van den Bosch", "von Braun",
    "de Winne", "Le Guen", "Pesquet", "Cristoforetti", "Parmitano", "Gerst", "Maurer",
    "Kuipers", "Dubrov", "Kikina", "Fedyaev", "Kononenko", "Chub", "Prokopyev", "Petelin",
    "Borisov", "Ovchinin", "Vagner", "Platonov", "Zubritsky", "Bakanov", "Aimbetov",
    "Furukawa", "Onishi", "Yui", "Wakata", "Noguchi", "Hoshide", "Kim", "Park", "Lee",
    "Menon", "Shukla", "Nair", "Pratap", "Sharma", "Rao", "Iyer", "Al Neyadi", "Al Mansoori",
    "Barnawi", "bin Abdullah", "Al-Qarni", "Kapu", "Wapnitz", "Gezici", "Atasever",
    "Okafor", "Mensah", "Nkosi", "Kamau", "Uznański-Wiśniewski", "Kapustina", "Hansen",
]
CHINESE = [("Wang", "Yaping"), ("Jing", "Haipeng"), ("Ye", "Guangfu"), ("Tang", "Hongbo"),
           ("Zhang", "Lu"), ("Li", "Cong"), ("Li", "Guangsu"), ("Tang", "Shengjie"),
           ("Jiang", "Xinlin"), ("Chen", "Dong"), ("Liu", "Yang"), ("Cai", "Xuzhe"),
           ("Song", "Lingdong"), ("Wang", "Haoze")]
AGENCIES = [
    ("NASA", "Washington"), ("Roscosmos", "Moscow"), ("the European Space Agency", "Paris"),
    ("JAXA", "Tokyo"), ("the China Manned Space Agency", "Beijing"), ("ISRO", "Bengaluru"),
    ("the Canadian Space Agency", "Montreal"), ("SpaceX", "Hawthorne"),
    ("Axiom Space", "Houston"), ("the Mohammed bin Rashid Space Centre", "Dubai"),
    ("Boeing", "Arlington"), ("Blue Origin", "Kent"),
]
ROLES = [
    "Administrator", "astronaut", "cosmonaut", "flight director", "mission commander",
    "program manager", "chief engineer", "spokesperson", "Director General", "deputy head",
    "launch director", "chief scientist", "taikonaut", "flight engineer", "mission specialist",
    "payload specialist", "head of human spaceflight", "operations manager",
]
SITES = [
    "the Baikonur Cosmodrome in Kazakhstan", "Kennedy Space Center in Florida",
    "Cape Canaveral Space Force Station", "the Jiuquan Satellite Launch Center",
    "the Tanegashima Space Center", "the Satish Dhawan Space Centre in Sriharikota",
    "the Vostochny Cosmodrome", "the Guiana Space Centre in Kourou",
    "Vandenberg Space Force Base in California", "the Wenchang Space Launch Site",
]
DESTINATIONS = ["the International Space Station", "the Tiangong space station", "the Moon",
                "lunar orbit", "low Earth orbit", "the Gateway outpost"]
OUTLETS = [
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("AFP", "afp.com"),
    ("SpaceNews", "spacenews.com"), ("Space.com", "space.com"), ("TASS", "tass.com"),
    ("Xinhua", "xinhuanet.com"), ("The Hindu", "thehindu.com"), ("NHK World", "nhk.or.jp"),
    ("BBC News", "bbc.co.uk"), ("Ars Technica", "arstechnica.com"),
    ("Spaceflight Now", "spaceflightnow.com"), ("Kyodo News", "kyodonews.net"),
    ("Al Jazeera", "aljazeera.com"), ("Florida Today", "floridatoday.com"),
    ("The Times of India", "timesofindia.com"), ("Le Monde", "lemonde.fr"),
    ("Deutsche Welle", "dw.com"), ("The National", "thenationalnews.com"),
]
DATELINES = {
    "Washington": "WASHINGTON", "Moscow": "MOSCOW", "Paris": "PARIS", "Tokyo": "TOKYO",
    "Beijing": "BEIJING", "Bengaluru": "BENGALURU", "Montreal": "MONTREAL",
    "Hawthorne": "HAWTHORNE, Calif.", "Houston": "HOUSTON", "Dubai": "DUBAI",
    "Arlington": "ARLINGTON, Va.", "Kent": "KENT, Wash.",
}
SITE_DATELINES = ["BAIKONUR, Kazakhstan", "CAPE CANAVERAL, Fla.", "JIUQUAN, China",
                  "KOUROU, French Guiana", "SRIHARIKOTA, India", "HOUSTON"]
EVENTS = ["launch", "docking", "landing", "spacewalk", "crew announcement", "launch delay",
          "splashdown", "flight readiness review"]
QUOTES = [
    "We are ready, the vehicle is ready and the crew is ready",
    "This is a team that has trained for years for exactly this moment",
    "I am certainly planning to attend the next crewed launch",
    "Safety is the only thing that decides when we fly",
    "We will not launch until every open question has been answered",
    "Cooperation in orbit has survived a great deal on the ground",
    "It was a textbook ascent and the spacecraft is in excellent shape",
    "The station remains a place where our countries still work side by side",
    "We saw a small leak during the checks and we want to understand it fully",
    "Every mission teaches us something we did not expect",
    "My family has been with me through every step of the training",
    "Looking back at the Earth from up there changes how you see everything",
    "We have a lot to accomplish together in the years ahead",
    "The data from this flight will shape how we build the next vehicle",
]
FILLER = [
    "The {mission} mission is the {ordinal} crewed flight of its kind this year.",
    "Engineers spent the past {n} weeks reviewing telemetry from the previous flight, "
    "according to {org}.",
    "The crew is expected to spend about {n} months aboard {dest}, where they will run more "
    "than {n2} experiments in biology, materials science and human physiology.",
    "Weather forecasters gave a {pct} percent chance of acceptable conditions for the "
    "{weekday} attempt, citing high winds at the launch site.",
    "The spacecraft will dock {n} hours after lift-off if the fast-track rendezvous goes to "
    "plan.",
    "Officials at {org} said the schedule could still slip by a day or two.",
    "The flight comes {n} months after an earlier mission was cut short by a technical fault.",
    "Previous crews have reported problems with the station's toilet, a cooling loop and a "
    "persistent air leak in a Russian module.",
    "{Org} has flown crews to orbit since {year}, with a short gap after a failed launch.",
    "Budget talks in the capital have raised questions about how long the programme can "
    "continue at its current pace.",
    "The rocket's first stage is designed to return to Earth and land on a drone ship in the "
    "ocean, while the upper stage carries the capsule to orbit.",
    "Ground controllers in {city} will monitor the approach around the clock.",
    "A backup launch window is available on {date2}.",
    "The capsule carries roughly {n2} kilograms of food, water, equipment and science "
    "hardware.",
    "Once aboard, the new arrivals will overlap with the departing crew for about a week.",
    "Analysts note that commercial providers now carry most of the cargo and many of the "
    "crews that reach orbit.",
    "The agency has said it plans to retire the station around {year2} and replace it with "
    "commercial outposts.",
    "Training for the flight included survival exercises in winter forest and at sea, as "
    "well as hundreds of hours in simulators.",
    "The mission patch, designed by the crew, shows the spacecraft circling the Earth above "
    "the launch site.",
    "Some of the experiments study how muscles and bones change in weightlessness, which "
    "matters for longer trips to the Moon and Mars.",
]
FURNITURE = [
    "Advertisement", "Share this article", "Share on Facebook", "Share on X",
    "Sign up for our newsletter", "Click here to subscribe", "Related Articles",
    "Read more: Inside the race to build the next space station",
    "Photo: {agency}/Handout", "Image credit: {agency}", "Listen to this article",
    "© {year} {outlet}. All rights reserved.", "Follow us on social media",
    "Story continues below advertisement",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
                "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHEN = ["this summer", "next week", "later in the year", "in the spring", "by the end of the month"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth"]
FORMATS = [("txt", 40), ("md", 20), ("html", 25), ("json", 15)]


@dataclass
class Person:
    name: str
    surname: str
    role: str
    agency: str


@dataclass
class StoryPlan:
    mission: str
    event: str
    agency: str
    city: str
    site: str
    dest: str
    day: date
    people: list[Person]
    filler: list[str]  # the background sentences this event's articles draw from


def _person(rng: random.Random) -> Person:
    agency = rng.choice(AGENCIES)[0]
    role = rng.choice(ROLES)
    if rng.random() < 0.12:
        family, given = rng.choice(CHINESE)
        return Person(f"{family} {given}", family, role, agency)
    first = rng.choice(FIRST)
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.1:
        first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    elif rng.random() < 0.05:
        first = f"{first[0]}. {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    return Person(f"{first} {surname}", surname, role, agency)


def _mission(rng: random.Random, taken: set[str]) -> str:
    """A mission no other event of the corpus flies (added to `taken`)."""
    while True:
        kind = rng.randrange(9)
        n = rng.randint(1, 40 + len(taken))
        name = [f"Soyuz MS-{n + 10:02d}", f"Crew-{n}", f"Shenzhou-{n}", "Artemis II",
                f"Ax-{n}", f"Progress MS-{n + 20}", f"Tianzhou-{n}", f"Gaganyaan G{n}",
                "Polaris Dawn"][kind]
        if name not in taken:
            taken.add(name)
            return name


def _crew(rng: random.Random, taken: set[str]) -> list[Person]:
    """The event's people, none of them in another event of the corpus (added to `taken`)."""
    people: list[Person] = []
    size = rng.randint(3, 5)
    while len(people) < size:
        person = _person(rng)
        if person.name not in taken:
            taken.add(person.name)
            people.append(person)
    return people


def _plan(rng: random.Random, missions: set[str], names: set[str]) -> StoryPlan:
    agency, city = rng.choice(AGENCIES)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
    return StoryPlan(mission=_mission(rng, missions), event=rng.choice(EVENTS), agency=agency,
                     city=city, site=rng.choice(SITES), dest=rng.choice(DESTINATIONS), day=day,
                     people=_crew(rng, names), filler=rng.sample(FILLER, 8))


def _date_text(rng: random.Random, day: date) -> str:
    style = rng.randrange(6)
    return [f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
            f"{SHORT_MONTHS[day.month - 1]} {day.day}, {day.year}",
            day.isoformat(),
            f"{day.day:02d}.{day.month:02d}.{day.year}",
            f"{WEEKDAYS[day.weekday()]}, {SHORT_MONTHS[day.month - 1]} {day.day} {day.year}",
            ][style]


def _title(agency: str) -> str:
    return agency.removeprefix("the ")


def _intro(p: Person) -> str:
    return f"{_title(p.agency)} {p.role} {p.name}"


def _quote_paragraph(rng: random.Random, plan: StoryPlan, outlet: str) -> str:
    p = rng.choice(plan.people)
    quote = rng.choice(QUOTES)
    style = rng.randrange(5)
    return [
        f"\u201c{quote},\u201d {p.surname} said.",
        f"\u201c{quote},\u201d said {_intro(p)}.",
        f"{p.surname} told {outlet} that the {plan.event} would go ahead as planned. "
        f"\u201c{quote}.\u201d",
        f"\"{quote},\" {p.surname} told reporters at a news conference after the {plan.event}.",
        f"Asked about the {plan.mission} schedule, {p.surname} said: \u201c{quote}.\u201d",
    ][style]


def _filler(rng: random.Random, plan: StoryPlan) -> str:
    org = rng.choice(AGENCIES)[0]
    slots = {
        "mission": plan.mission, "ordinal": rng.choice(ORDINALS), "n": rng.randint(2, 9),
        "n2": rng.randint(100, 2500), "org": org, "Org": org[0].upper() + org[1:],
        "dest": plan.dest, "pct": rng.choice([40, 60, 70, 80, 90, 95]),
        "weekday": WEEKDAYS[plan.day.weekday()], "year": rng.randint(1961, 2011),
        "year2": rng.randint(2028, 2032), "city": plan.city,
        "date2": _date_text(rng, plan.day + timedelta(days=1)),
    }
    return " ".join(rng.choice(plan.filler).format(**slots) for _ in range(rng.randint(2, 4)))


def _body(rng: random.Random, plan: StoryPlan, outlet: str) -> list[str]:
    lead, *crew = plan.people
    dateline = (rng.choice(SITE_DATELINES) if rng.random() < 0.3
                else DATELINES.get(plan.city, plan.city.upper()))
    tag = rng.choice(["", f" ({outlet})", f", {SHORT_MONTHS[plan.day.month - 1]} {plan.day.day}"
                      f" ({outlet})"])
    crew_list = ", ".join(_intro(p) for p in crew[:-1]) + f" and {_intro(crew[-1])}"
    paragraphs = [
        f"{dateline}{tag} \u2014 {_intro(lead)} said on {WEEKDAYS[plan.day.weekday()]} that the "
        f"{plan.mission} {plan.event} from {plan.site} was on track, "
        f"{rng.choice(['days after', 'a week after', 'shortly after'])} a review of the "
        f"vehicle.",
        f"The {plan.mission} crew \u2014 {crew_list} \u2014 is bound for {plan.dest}.",
        _quote_paragraph(rng, plan, outlet),
        f"{lead.surname} said the {_title(plan.agency)} team met on "
        f"{_date_text(rng, plan.day - timedelta(days=rng.randint(1, 20)))} to review the "
        f"{plan.event}, and that a final decision would come {rng.choice(WHEN)}.",
    ]
    target = rng.randint(150, 900)
    while sum(len(p.split()) for p in paragraphs) < target:
        paragraphs.append(_quote_paragraph(rng, plan, outlet) if rng.random() < 0.3
                          else _filler(rng, plan))
    if rng.random() < 0.15:
        paragraphs.insert(rng.randrange(1, len(paragraphs)), rng.choice(paragraphs[1:]))
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            line = rng.choice(FURNITURE).format(agency=_title(plan.agency), outlet=outlet,
                                                year=plan.day.year)
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), line)
    return paragraphs


def _headline(rng: random.Random, plan: StoryPlan) -> str:
    lead = plan.people[0]
    return rng.choice([
        f"{plan.mission} {plan.event} on track, says {_title(plan.agency)}",
        f"{lead.surname} confirms {plan.mission} {plan.event} plans",
        f"{_title(plan.agency)} prepares {plan.mission} crew for {plan.dest}",
        f"What to know about the {plan.mission} {plan.event}",
    ])


def _render(rng: random.Random, ext: str, plan: StoryPlan, outlet: str, domain: str,
            slug: str) -> str:
    paragraphs = _body(rng, plan, outlet)
    title = _headline(rng, plan)
    author = _person(rng).name
    published = plan.day + timedelta(days=rng.randint(0, 2))
    url = f"https://www.{domain}/space/{published.isoformat()}/{slug}"
    if ext == "txt":
        head = [_date_text(rng, published)]
        if rng.random() < 0.5:
            head.append(outlet)
        head += ["", title, ""]
        if rng.random() < 0.6:
            head += [f"By {author}", ""]
        return "\n".join(head) + "\n\n".join(paragraphs) + "\n"
    if ext == "md":
        front = (f"---\ntitle: \"{title}\"\ndate: {published.isoformat()}\nauthor: {author}\n"
                 f"source: {outlet}\n---\n\n" if rng.random() < 0.5 else "")
        return f"{front}# {title}\n\n*By {author}*\n\n" + "\n\n".join(paragraphs) + "\n"
    if ext == "json":
        return json.dumps({"title": title, "date": published.isoformat(), "author": author,
                           "source": outlet, "url": url, "text": "\n\n".join(paragraphs)},
                          ensure_ascii=False, indent=1) + "\n"
    esc = html.escape
    body = "\n".join(f"    <p>{esc(p)}</p>" for p in paragraphs)
    nav = "".join(f"<li><a href=\"/{s.lower()}\">{s}</a></li>"
                  for s in ["World", "Science", "Space", "Business", "Opinion"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} | {esc(outlet)}</title>
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:site_name" content="{esc(outlet)}">
  <meta name="author" content="{esc(author)}">
  <meta property="article:published_time" content="{published.isoformat()}T09:30:00Z">
  <link rel="canonical" href="{url}">
</head>
<body>
  <header><nav><ul>{nav}</ul></nav><div class="promo">Subscribe for $1 a week</div></header>
  <main>
  <article>
    <h1>{esc(title)}</h1>
    <p class="byline">By {esc(author)}, {esc(outlet)}</p>
    <time datetime="{published.isoformat()}">{esc(_date_text(rng, published))}</time>
{body}
  </article>
  <aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li>
  <li><a href="/b">Storm warning for the coast</a></li></ul></aside>
  </main>
  <footer><p>&copy; {published.year} {esc(outlet)}. All rights reserved.</p>
  <p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
</body>
</html>
"""


def generate(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write `n` articles into `folder` (created if needed); the same seed gives the same
    bytes. Returns the files written, in order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    missions: set[str] = set()
    names: set[str] = set()
    plans = [_plan(rng, missions, names) for _ in range(max(1, n // 4))]
    exts = [ext for ext, _ in FORMATS]
    weights = [w for _, w in FORMATS]
    written = []
    for i in range(n):
        plan = rng.choice(plans)
        outlet, domain = rng.choice(OUTLETS)
        ext = rng.choices(exts, weights)[0]
        slug = f"{plan.mission}-{plan.event}".lower().replace(" ", "-").replace("'", "")
        path = folder / f"{i:05d}_{slug}.{ext}"
        path.write_text(_render(rng, ext, plan, outlet, domain, slug), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = generate(args.folder, args.n, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    print(f"{len(files)} files, {words} words (markup included) in {args.folder}")


if __name__ == "__main__":
    main()
