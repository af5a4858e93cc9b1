"""Crew links: people the text says fly, ride, command or are carried on a mission.

Per sentence: "M will carry A and B" (carry verb after the mission, or after a vehicle whose
mission the article names: "the Crew Dragon spacecraft carrying A" -> Crew-12), "A, who flew
with B on M" (fly verb, mission after it), "M's A and B", and a crew word ("aboard", "crew")
in a sentence naming a mission outside a relative clause links the people of the sentence.
From the dependency parse: the subject of a fly verb (and its object, those "with" it or "by"
whom it is joined: "A will join B on M", "NASA assigned A to M") flies the mission named in the
verb's complements ("A will command Ax-6", "He first flew on STS-113"); when none is named, no
other name stands there (not "A flew aboard Boeing's Starliner") and the verb has no object or
a definite "the mission", "the flight" ("A will command the mission", "A and B touched down at
6:20"), it flies the mission in focus: of those named before outside a relative clause ("A, who
flew on M, will be joined by B" is not about M), the one the article names most.
A crew word gathers the people it stands for ("the M crew, A and B", "M's crew: A, B and C",
"leads a crew that includes A and B", "the crew includes A") for the mission it names, else the
one its sentence names, else the mission in focus. People whose only roles are not crew roles
(administrators, directors) and speakers ("X said the crew ...") are not linked by the loose
rules (all but the named or referred mission of a fly verb).
"""

from __future__ import annotations

import bisect
import re

from briefing.config import Config
from briefing.model import CrewLink, RoleMention, Span
from briefing.names import mission_key
from briefing.nlp.missions import MissionSpan
from briefing.nlp.people import PersonSpan

# between a person and the verb: "A, who flew", "A, a French pilot, will fly", "A will fly"
_SUBJECT_GAP = re.compile(r"[\s,]*(?:(?:a|an|the)\s+[^.;:!?\n,]{0,60},\s*|"
                          r"(?:a|an|the)\s+(?:[\w-]+\s+){0,4}who\s+|who\s+)?(?:\w+\s+){0,2}")
_WITH = re.compile(r"\s+with\s+(?:[\w'’-]+\s+){0,4}")


def _verbs(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b" if words else "(?!)")


def find_crew(doc, text: str, sentences: list[Span], people: list[PersonSpan],
              missions: list[MissionSpan], vehicles: list[tuple[int, int, str]],
              roles: list[RoleMention], config: Config) -> list[CrewLink]:
    carry = _verbs(config.missions.carry_verbs)
    fly = _verbs(config.missions.fly_verbs)
    crew_word = _verbs(config.missions.crew_words)
    speech = _verbs(config.nlp.speech_verbs)
    crew_heads = {w.lower() for w in config.roles.crew}
    role_words: dict[str, set[str]] = {}
    for r in roles:
        role_words.setdefault(r.person, set()).add(r.role.split()[-1].lower())
    not_crew = {p for p, heads in role_words.items() if heads.isdisjoint(crew_heads)}
    links: list[CrewLink] = []
    title_words = {w.lower() for w in config.roles.words + config.roles.modifiers}
    title_words |= {w + "s" for w in title_words} | {"and", "'s", "’s"}

    def listed(gap: str) -> bool:
        """Only commas, "and" and titles between two names: "A, B and astronaut C"."""
        return all(w[:1].isupper() or w.lower() in title_words
                   for w in re.findall(r"[\w'’-]+", gap)) and not re.search(r"[.;:!?]", gap)

    speaks_after = re.compile(r"\s*,?\s*(?:\w+\s+){0,2}?" + speech.pattern)

    def speaks(p: PersonSpan) -> bool:
        """"Elon Musk said the Crew-12 crew ...": the speaker is not crew."""
        return speaks_after.match(text, p.end, p.end + 40) is not None

    def link(mission: str, persons: list[PersonSpan], loose: bool) -> None:
        for p in persons:
            if not (loose and (p.name in not_crew or speaks(p))):
                links.append(CrewLink(mission=mission, person=p.name))

    starts = [s.start for s in sentences]
    people_in: dict[int, list[PersonSpan]] = {}
    missions_in: dict[int, list[MissionSpan]] = {}
    for p in people:
        people_in.setdefault(bisect.bisect_right(starts, p.start) - 1, []).append(p)
    for m in missions:
        missions_in.setdefault(bisect.bisect_right(starts, m.start) - 1, []).append(m)
    for i, s in enumerate(sentences):
        ps = [p for p in people_in.get(i, ()) if p.start < s.end]
        if not ps:
            continue
        ms = [m for m in missions_in.get(i, ()) if m.start < s.end]
        body = text[s.start:s.end]
        for v in carry.finditer(body):
            pos = s.start + v.start()
            mission = _last_before(ms, pos)
            name = mission.name if mission else None
            if name is None:
                vehicle = _last_before_tuple(vehicles, s.start, pos)
                name = _mission_of_vehicle(vehicle, missions, pos) if vehicle else None
            if name:
                stop = _clause_end(body, v.end(), s.start, ms, speech, carry, fly)
                link(name, [p for p in ps if pos < p.start < stop], loose=True)
        for v in fly.finditer(body):
            pos = s.start + v.start()
            after = [m for m in ms if m.start > pos]
            if not after:
                continue
            mission = after[0]
            subject = _subject_chain(text, [p for p in ps if p.end <= pos], pos, listed)
            link(mission.name, subject + [p for p in ps if pos < p.start < mission.start]
                 + _companions(text, mission, ps, listed), loose=False)
        focus = [m for m in ms if not _in_own_clause(doc[m.tok_start])]
        if focus and crew_word.search(body):  # not "A, who flew on M, leads a crew ..."
            link(focus[0].name, ps, loose=True)
        for m in ms:  # "Crew-9's Nick Hague and Aleksandr Gorbunov"
            named = [p for p in ps if p.start > m.end]
            if named and re.fullmatch(r"['’]s\s+", text[m.end:named[0].start]):
                link(m.name, _listed_run(text, named, listed), loose=False)
    for name, persons, loose in _parsed(doc, text, people, missions, config, listed):
        link(name, persons, loose=loose)
    unique = {(c.mission, c.person): c for c in links}
    return list(unique.values())


def _companions(text: str, mission: MissionSpan, ps: list[PersonSpan],
                listed) -> list[PersonSpan]:
    """"... on M with NASA's Loral O'Hara and X": the people named with the mission."""
    after = [p for p in ps if p.start >= mission.end]
    if not after or not _WITH.fullmatch(text[mission.end:after[0].start]):
        return []
    return _listed_run(text, after, listed)


def _listed_run(text: str, after: list[PersonSpan], listed) -> list[PersonSpan]:
    """The first person and those listed right after it ("A, B and C")."""
    named = [after[0]]
    for p in after[1:]:
        if not listed(text[named[-1].end:p.start]):
            break
        named.append(p)
    return named


def _last_before(ms: list[MissionSpan], pos: int) -> MissionSpan | None:
    before = [m for m in ms if m.end <= pos]
    return before[-1] if before else None


def _last_before_tuple(items: list[tuple[int, int, str]], lo: int, pos: int):
    before = [v for v in items if lo <= v[0] and v[1] <= pos]
    return before[-1] if before else None


def _mission_of_vehicle(vehicle: tuple[int, int, str], missions: list[MissionSpan],
                        pos: int) -> str | None:
    """The article's mission named after the vehicle ("Crew Dragon" -> Crew-12), else the last
    mission named before."""
    family = vehicle[2].split()[0].casefold()
    fits = [m for m in missions if mission_key(m.name).startswith(family)] or \
        [m for m in missions if m.end <= pos]
    if not fits:
        return None
    before = [m for m in fits if m.end <= pos]
    return (before[-1] if before else fits[0]).name


def _clause_end(body: str, start: int, offset: int, ms: list[MissionSpan], *verbs) -> int:
    ends = [offset + len(body)]
    ends += [m.start for m in ms if m.start > offset + start]
    for v in verbs:
        m = v.search(body, start)
        if m:
            ends.append(offset + m.start())
    return min(ends)


def _subject_chain(text: str, before: list[PersonSpan], pos: int,
                   listed) -> list[PersonSpan]:
    """The person right before the verb ("A, who flew"), and those listed with it ("A and B")."""
    if not before or not _SUBJECT_GAP.fullmatch(text[before[-1].end:pos]):
        return []
    chain = [before[-1]]
    for p in reversed(before[:-1]):
        if not listed(text[p.end:chain[-1].start]):
            break
        chain.append(p)
    return chain


# clauses of their own: what they hold is not about the verb or noun they hang on
_OWN_CLAUSE = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_COMPLEMENTS = {"dobj", "prep", "attr", "prt", "npadvmod", "oprd", "xcomp"}
_OBJECTS = {"dobj", "attr", "oprd"}
_SETTING = {"GPE", "LOC", "FAC", "DATE", "TIME"}  # names of where and when, not of a craft
# nouns that stand for the mission in focus: "will command the mission", "the flight"
_BACK_REFERENCES = {"mission", "missions", "flight", "flights", "spaceflight", "expedition"}


def _parsed(doc, text: str, people: list[PersonSpan], missions: list[MissionSpan],
            config: Config, listed) -> list[tuple[str, list[PersonSpan], bool]]:
    """(mission, people, loose) from the dependency parse: fly verbs and crew words; loose
    when the mission is not named or referred to where the people are."""
    fly = {w.lower() for w in config.missions.fly_verbs}
    crew_words = {w.lower() for w in config.missions.crew_words}
    refs = _BACK_REFERENCES | crew_words
    person_at = {i: p for p in people for i in range(p.tok_start, p.tok_end)}
    mission_at = {i: m for m in missions for i in range(m.tok_start, m.tok_end)}
    focus = [(m.start, m.name) for m in missions if not _in_own_clause(doc[m.tok_start])]
    starts = [f[0] for f in focus]
    weight: dict[str, int] = {}
    for m in missions:
        weight[m.name] = weight.get(m.name, 0) + 1

    def in_focus(pos: int) -> str | None:
        """Of the missions named before pos outside a relative clause, the one the article
        names most (the story's mission, not "is part of Expedition 74"), the later on a tie."""
        named_before = [name for _, name in focus[:bisect.bisect_left(starts, pos)]]
        if not named_before:
            return None
        order = {name: i for i, name in enumerate(named_before)}
        return max(order, key=lambda name: (weight[name], order[name]))

    def persons(tok) -> list[PersonSpan]:
        found: dict[int, PersonSpan] = {}
        for t in _subtree(tok):
            if t.i in person_at:
                found.setdefault(person_at[t.i].start, person_at[t.i])
        return list(found.values())

    def named(tok) -> str | None:
        return next((mission_at[t.i].name for t in _subtree(tok) if t.i in mission_at), None)

    def subject(tok) -> list[PersonSpan]:
        out = []
        for child in tok.children:
            if child.dep_ in _SUBJECTS:
                named_here = persons(child)
                if named_here:  # and those listed before it: "A and B and astronaut C landed"
                    before = [p for p in people if p.end <= named_here[0].start]
                    named_here = _subject_chain(text, before + named_here[:1],
                                                named_here[0].end, listed) + named_here
                out += named_here or _pronoun(child, people)
        if not out and tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
            return subject(tok.head)  # "A is set to fly M", "A trained and flew M"
        return out

    found: list[tuple[str, list[PersonSpan], bool]] = []
    for tok in doc:
        low = tok.lower_
        particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
        if tok.pos_ in ("VERB", "AUX") and (low in fly or f"{low} {particle}" in fly):
            crew = subject(tok)
            for child in tok.children:
                if child.dep_ in ("agent", "dobj") or (child.dep_ == "prep"
                                                       and child.lower_ == "with"):
                    crew += persons(child)  # "joined by B", "NASA assigned B to M", "with B"
            if not crew:
                continue
            complements = [c for c in tok.children if c.dep_ in _COMPLEMENTS
                           and c.lower_ not in ("for", "with")]
            mission = next((m for m in map(named, complements) if m), None)
            inside = [t for c in complements for t in _subtree(c)]
            referred = any(t.lower_ in refs and _definite(t) for t in inside)
            loose = mission is None and not referred
            if mission is None and not any(t.pos_ == "PROPN" and t.ent_type_ not in _SETTING
                                           for t in inside) and (
                    referred or not any(c.dep_ in _OBJECTS for c in complements)):
                mission = in_focus(tok.idx)
            if mission:
                found.append((mission, crew, loose))
        elif low in crew_words and tok.pos_ in ("NOUN", "PROPN"):
            mission = next((m for m in (named(c) for c in tok.children
                                        if c.dep_ not in _OWN_CLAUSE) if m), None)
            if mission is None:  # "The next crew, on M, includes A": the sentence's mission
                mission = next((mission_at[t.i].name for t in tok.sent if t.i in mission_at
                                and not _in_own_clause(t)), None)
            members = _members(tok, persons, fly)
            after = [p for p in people if p.start > tok.idx]
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text in (":", ",") and after \
                    and listed(text[tok.idx + len(tok) + 1:after[0].start]):
                members += _listed_run(text, after, listed)  # "the M crew, A, B and C"
            if members and (mission := mission or in_focus(tok.idx)):
                found.append((mission, members, True))
    return found


def _members(tok, persons, fly: set[str]) -> list[PersonSpan]:
    """The people a crew word stands for: in apposition ("the crew, A and B"), what it
    includes ("the crew includes A", "a crew that includes A") and who leads or joins it."""
    out = [p for c in tok.children if c.dep_ in ("appos", "conj") for p in persons(c)]
    clauses = [c for c in tok.children if c.dep_ == "relcl"]
    head = tok.head
    if tok.dep_ in _SUBJECTS:
        clauses.append(head)
    for verb in clauses:
        out += [p for c in verb.children if c.dep_ in ("dobj", "attr", "prep")
                for p in persons(c)]
    if tok.dep_ in ("dobj", "pobj") and head.i != tok.i:
        verb = head.head if tok.dep_ == "pobj" else head
        if verb.lower_ in fly or verb.lower_ in ("lead", "leads", "led", "leading"):
            out += [p for c in verb.children if c.dep_ in _SUBJECTS for p in persons(c)]
    return out


def _definite(tok) -> bool:
    """"the mission", "this flight": not "its first test flight"."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _subtree(tok):
    """The tokens of tok's phrase, without the clauses of their own that hang on it."""
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t
        stack.extend(c for c in t.children if c.dep_ not in _OWN_CLAUSE)


def _in_own_clause(tok) -> bool:
    while tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl"):
            return True
        tok = tok.head
    return False


def _pronoun(tok, people: list[PersonSpan]) -> list[PersonSpan]:
    """"He first flew on M": the last person before who was a subject."""
    if tok.lower_ not in ("he", "she"):
        return []
    before = [p for p in people if p.end <= tok.idx and p.subject]
    return before[-1:]
