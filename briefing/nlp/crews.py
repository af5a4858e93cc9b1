"""Crew links: people the text says fly, ride, command or are carried on a mission.

Per sentence: "M will carry A and B" (carry verb after the mission, or after a vehicle whose
mission the article names: "the Crew Dragon spacecraft carrying A" -> Crew-12), "A, who flew
with B on M" (fly verb, mission after it), and "the M crew, A and B" (crew word). People whose
only roles are not crew roles (administrators, directors) are not linked by the loose rules.
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


def find_crew(text: str, sentences: list[Span], people: list[PersonSpan],
              missions: list[MissionSpan], vehicles: list[tuple[int, int, str]],
              roles: list[RoleMention], config: Config) -> list[CrewLink]:
    carry = _verbs(config.missions.carry_verbs)
    fly = _verbs(config.missions.fly_verbs)
    crew_word = _verbs(config.missions.crew_words)
    speech = _verbs(config.nlp.speech_verbs)
    crew_heads = {w.lower() for w in config.roles.crew}
    role_words = {}
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
        if ms and crew_word.search(body):
            link(ms[0].name, ps, loose=True)
        for m in ms:  # "Crew-9's Nick Hague and Aleksandr Gorbunov"
            after = [p for p in ps if p.start > m.end]
            if after and re.fullmatch(r"['’]s\s+", text[m.end:after[0].start]):
                link(m.name, _listed_run(text, after, listed), loose=False)
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
