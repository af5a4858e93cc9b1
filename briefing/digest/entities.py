"""Entities merged across articles: one Person, Mission, Organization, Place per real thing,
with every source that mentions it, and one Quote per thing said (however many sources quote it).

Within an article the NLP layer has already resolved names; across articles a person is the
same when the full name matches, when one form is the other without a middle part or with
an initial ("V. Narayanan" = "Venkat Narayanan"), or without a last part that is not a
regnal number ("Luis Ortega" = "Luis Ortega Salas", "John Paul" != "John Paul II"); a
surname-only person goes to the most often named full name with that surname. Missions,
organizations and places merge on names and aliases.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from briefing.config import Config
from briefing.digest.memo import ArticleMemo
from briefing.model import (
    Article,
    ArticleAnalysis,
    Context,
    Mission,
    Organization,
    Person,
    Place,
    Quote,
)
from briefing.names import mission_key
from briefing.names import name_key as key  # the merge rules' short name for it

CONTEXTS_PER_ENTITY = 3
KEY_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes, not quotes worth listing


@dataclass
class Entities:
    people: list[Person] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


class _Groups:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


_JOINED_PARTICLE = re.compile(r"^[a-z]{1,3}-(?=[A-Z])")


def _words(name: str) -> list[str]:
    """The capitalised words of a name; "el-Sisi" is Sisi (as nlp.people reads it)."""
    words = (_JOINED_PARTICLE.sub("", w) for w in name.split())
    return [w for w in words if w[:1].isupper()]


_REGNAL = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")


def _person_groups(names: Counter[str]) -> dict[str, str]:
    """Every person name seen -> the name that stands for its person."""
    groups = _Groups()
    words = {n: _words(n) for n in names}
    by_surname: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for n in names:
        groups.find(key(n))
        if len(words[n]) >= 2:
            by_surname.setdefault(key(words[n][-1]), []).append(n)
            by_first.setdefault(key(words[n][0]), []).append(n)
    for namesakes in by_first.values():
        # "Luis Ortega" is "Luis Ortega Salas" (a second surname left out), but "John Paul"
        # is not "John Paul II"
        for a in namesakes:
            for b in namesakes:
                wa, wb = [key(w) for w in words[a]], [key(w) for w in words[b]]
                if len(wa) < len(wb) and wb[:len(wa)] == wa \
                        and not any(_REGNAL.match(w) for w in words[b][len(wa):]):
                    groups.union(key(b), key(a))
    for namesakes in by_surname.values():
        if len(namesakes) < 2:
            continue
        for a in namesakes:
            first_a = key(words[a][0])
            for b in namesakes:
                first_b = key(words[b][0])
                if a != b and len(words[a]) <= len(words[b]) and (
                        first_a == first_b or (len(first_a) == 1 and first_b.startswith(first_a))):
                    groups.union(key(b), key(a))
    for n in names:
        if len(words[n]) < 2 and by_surname.get(key(n)):
            # a lone surname goes to the person most often named with it (a lone first name
            # or title, "Amir", is nobody's surname)
            best = max(by_surname[key(n)], key=lambda f: (names[f], f))
            groups.union(groups.find(key(best)), key(n))
    members: dict[str, list[str]] = {}
    for n in names:
        members.setdefault(groups.find(key(n)), []).append(n)
    canonical = {}
    for group in members.values():
        best = max(group, key=lambda n: (len(words[n]) >= 2, names[n], len(n)))
        for n in group:
            canonical[n] = best
    return canonical


@dataclass(slots=True)
class Named:
    """One name's mentions in one article: how many, the sentence of the first, and the
    surface forms in the order they appear."""

    count: int
    sentence: str
    surfaces: list[str]


@dataclass
class Brought:
    """What one article brings to the merge, by the names it resolved itself; computed once
    per version of the article (digest.memo)."""

    people: dict[str, Named] = field(default_factory=dict)
    missions: dict[str, Named] = field(default_factory=dict)  # by name as the article has it
    organizations: dict[str, Named] = field(default_factory=dict)
    places: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> count, first name
    org_aliases: list[tuple[str, list[str]]] = field(default_factory=list)
    mission_aliases: list[tuple[str, list[str]]] = field(default_factory=list)
    quotes: list[tuple[tuple[str, ...], str, str | None]] = field(default_factory=list)
    storms: list[str] = field(default_factory=list)  # names the article gives storms: "Odile"

    def record(self) -> dict[str, Any]:
        """What `from_record` needs, as JSON data."""
        def named(table: dict[str, Named]) -> list[list[Any]]:
            return [[k, n.count, n.sentence, n.surfaces] for k, n in table.items()]

        return {"people": named(self.people), "missions": named(self.missions),
                "organizations": named(self.organizations),
                "places": [[k, count, first] for k, (count, first) in self.places.items()],
                "org_aliases": self.org_aliases, "mission_aliases": self.mission_aliases,
                "quotes": [[list(words), text, speaker] for words, text, speaker in self.quotes],
                "storms": self.storms}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Brought:
        def named(rows: list[list[Any]]) -> dict[str, Named]:
            return {k: Named(count, sentence, surfaces) for k, count, sentence, surfaces in rows}

        return cls(named(data["people"]), named(data["missions"]),
                   named(data["organizations"]),
                   {k: (count, first) for k, count, first in data["places"]},
                   [(name, forms) for name, forms in data["org_aliases"]],
                   [(name, forms) for name, forms in data["mission_aliases"]],
                   [(tuple(words), text, speaker) for words, text, speaker in data["quotes"]],
                   list(data["storms"]))


def brought_by(article: Article, an: ArticleAnalysis | None) -> Brought:
    out = Brought()
    if an is None:
        return out
    sentence_text = _sentences(article, an)
    out.storms = list(dict.fromkeys(m.name for m in an.mentions if m.label == "STORM"))
    # "Typhoon Mawar" or "Mawar" that NER took for a place or an organization is the storm
    storm = {key(m.name) for m in an.mentions if m.label == "STORM"} \
        | {key(m.text) for m in an.mentions if m.label == "STORM"}
    for m in an.mentions:
        if key(m.name) in storm or key(m.text) in storm:
            continue
        if m.label == "PLACE":
            k = key(m.name)
            count, first = out.places.get(k, (0, m.name))
            out.places[k] = (count + 1, first)
            continue
        named = {"PERSON": out.people, "MISSION": out.missions,
                 "ORG": out.organizations}.get(m.label)
        if named is None:
            continue
        found = named.get(m.name)
        if found is None:
            found = named[m.name] = Named(0, sentence_text(m.sentence), [])
        found.count += 1
        if m.text not in found.surfaces:
            found.surfaces.append(m.text)
    for name, forms in an.aliases.items():
        if name in out.organizations:
            out.org_aliases.append((name, forms))
        if name in out.missions:
            out.mission_aliases.append((name, forms))
    for q in an.quotes:
        words = tuple(_quote_words(q.text))
        if len(words) >= KEY_QUOTE_WORDS:
            out.quotes.append((words, q.text, q.speaker))
    return out


def merge_entities(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                   config: Config, memo: ArticleMemo[Brought] | None = None) -> Entities:
    """`memo` keeps what each article version brings between merges (digest.state)."""
    memo = memo if memo is not None else ArticleMemo(brought_by)
    ordered = [(a, analyses[a.id], memo.get(a, analyses[a.id]))
               for a in articles if a.id in analyses]
    memo.next_generation()
    org_name = _organization_names([b for _, _, b in ordered], config)
    storms = {key(name) for _, _, b in ordered for name in b.storms}
    person_counts: Counter[str] = Counter()
    for _, _, brought in ordered:
        for name, named in brought.people.items():
            if not _storm(name, storms):
                person_counts[name] += named.count
    person_of = _person_groups(person_counts)
    mission_of = _mission_names([b for _, _, b in ordered])
    people: dict[str, Person] = {}
    missions: dict[str, Mission] = {}
    organizations: dict[str, Organization] = {}
    places: dict[str, Place] = {}
    # mentions per entity (by identity: each is made once below), counted into its frozen
    # dataclass at the end
    mentions: Counter[int] = Counter()
    for article, an, brought in ordered:
        source = article.id
        for name, named in brought.people.items():
            if _storm(name, storms):
                continue
            canonical = person_of[name]
            person = people.get(canonical)
            if person is None:
                person = people[canonical] = Person(name=canonical)
            mentions[id(person)] += _count(person, source, named)
        for name, named in brought.missions.items():
            canonical = mission_of[mission_key(name)]
            mission = missions.get(canonical)
            if mission is None:
                mission = missions[canonical] = Mission(name=canonical)
            mentions[id(mission)] += _count(mission, source, named)
        for name, named in brought.organizations.items():
            canonical = org_name.get(key(name), name)
            org = organizations.get(canonical)
            if org is None:
                org = organizations[canonical] = Organization(name=canonical)
            mentions[id(org)] += named.count
            _add_source(org.sources, source)
            for surface in named.surfaces:
                if surface != canonical:
                    _add(org.aliases, surface)
        for k, (count, first) in brought.places.items():
            place = places.get(k)
            if place is None:
                place = places[k] = Place(name=first)
            mentions[id(place)] += count
            _add_source(place.sources, source)
        for canonical, forms in an.aliases.items():
            target = people.get(person_of.get(canonical, "")) or missions.get(
                mission_of.get(mission_key(canonical), ""))
            if target is not None:
                for form in forms:
                    if form != target.name:
                        _add(target.aliases, form)
        for r in an.roles:
            person = people.get(person_of.get(r.person, ""))
            if person is None:
                continue
            role = _known_role(person, r.role)
            _add(person.role_sources.setdefault(role, []), source)
            if r.organization:
                _add(person.organizations, org_name.get(key(r.organization), r.organization))
        for c in an.crew:
            person = people.get(person_of.get(c.person, ""))
            mission = missions.get(mission_of.get(mission_key(c.mission), ""))
            if person is not None and mission is not None:
                _add(mission.people, person.name)
                _add(person.missions, mission.name)
    return Entities(
        people=_counted(people.values(), mentions),
        missions=_counted(missions.values(), mentions),
        organizations=_counted(organizations.values(), mentions),
        places=_counted(places.values(), mentions),
        quotes=_quotes([(a, b) for a, _, b in ordered], person_of, storms))


def _storm(name: str, storms: set[str]) -> bool:
    """A one-word name that some article gives a storm ("Hurricane Odile") is that storm in
    every article, not a person; a full name ("Odile Marchetti") is a person still."""
    return len(_words(name)) < 2 and key(name) in storms


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _add_source(sources: list[str], source: str) -> bool:
    """Add a source unless it is already the last one (the merge goes article by article);
    True when added."""
    if sources and sources[-1] == source:
        return False
    sources.append(source)
    return True


E = TypeVar("E", Person, Mission, Organization, Place)


def _counted(entities: Iterable[E], mentions: Mapping[int, int]) -> list[E]:
    """The entities with their mentions counted, the most mentioned first."""
    found = [dataclasses.replace(e, mentions=mentions[id(e)]) for e in entities]
    return sorted(found, key=lambda e: (-e.mentions, e.name))


def _count(entity: Person | Mission, source: str, named: Named) -> int:
    """Add one article's sources, contexts and aliases of one name (the article is new to
    the entity, or a second name of it in the same article); its mentions there."""
    if _add_source(entity.sources, source):
        if len(entity.contexts) < CONTEXTS_PER_ENTITY and named.sentence:
            entity.contexts.append(Context(source=source, sentence=named.sentence))
    for surface in named.surfaces:
        if surface != entity.name:
            _add(entity.aliases, surface)
    return named.count


def _known_role(person: Person, role: str) -> str:
    """The same role in other words of case ("NASA administrator") is one role."""
    for known in person.roles:
        if known.casefold() == role.casefold():
            return known
    person.roles.append(role)
    return role


def _sentences(article: Article, an: ArticleAnalysis) -> Callable[[int], str]:
    def text(i: int) -> str:
        if 0 <= i < len(an.sentences):
            s = an.sentences[i]
            return article.text[s.start:s.end]
        return ""
    return text


def _organization_names(ordered: list[Brought], config: Config) -> dict[str, str]:
    """Name key -> organization name, from the gazetteer and the aliases each article learned."""
    groups = _Groups()
    preferred: dict[str, str] = {}
    for name, aliases in config.gazetteers.organizations.items():
        preferred[key(name)] = name
        for alias in aliases:
            groups.union(key(name), key(alias))
    for brought in ordered:
        for name, forms in brought.org_aliases:
            preferred.setdefault(key(name), name)
            for form in forms:
                groups.union(key(name), key(form))
        for name in brought.organizations:
            preferred.setdefault(key(name), name)
    by_root: dict[str, str] = {}
    for k, name in preferred.items():
        root = groups.find(k)
        if root not in by_root or name in config.gazetteers.organizations:
            by_root[root] = name
    return {k: by_root[groups.find(k)] for k in list(groups.parent) + list(preferred)
            if groups.find(k) in by_root}


def _mission_names(ordered: list[Brought]) -> dict[str, str]:
    """Mission name key -> the name most articles use for that mission."""
    groups = _Groups()
    counts: Counter[str] = Counter()
    for brought in ordered:
        for name, named in brought.missions.items():
            counts[name] += named.count
            groups.find(mission_key(name))
        for name, forms in brought.mission_aliases:
            for form in forms:
                groups.union(mission_key(name), mission_key(form))
    best: dict[str, str] = {}
    for name, _ in counts.most_common():
        best.setdefault(groups.find(mission_key(name)), name)
    return {k: best[groups.find(k)] for k in groups.parent if groups.find(k) in best}


def _quote_words(text: str) -> list[str]:
    return re.findall(r"\w+", key(text))


def _quotes(ordered: list[tuple[Article, Brought]], person_of: Mapping[str, str],
            storms: set[str]) -> list[Quote]:
    """One Quote per wording: sources that quote the same words (case, quote marks and
    apostrophes aside) share it. A reworded version ("we're" / "we are", an inserted
    "[name]") stays a quote of its own, so every source a quote cites has it verbatim; the
    digest lists such pairs as differences between sources. A storm says nothing: a quote
    the NLP gave it ("Odile" in an article that never says "Hurricane") has no speaker."""
    merged: dict[tuple[str, ...], Quote] = {}
    for article, brought in ordered:
        for words, text, said_by in brought.quotes:
            speaker = person_of.get(said_by, said_by) \
                if said_by and not _storm(said_by, storms) else None
            same = merged.get(words)
            if same is None or (same.speaker and speaker and same.speaker != speaker):
                merged.setdefault(words, Quote(text=text, speaker=speaker,
                                               sources=[article.id]))
                continue
            _add(same.sources, article.id)
            if same.speaker is None:
                merged[words] = dataclasses.replace(same, speaker=speaker)
    return list(merged.values())
