"""Organizations (with aliases from the gazetteer and from "Long Name (ACRONYM)" in the text)
and places (GPE, LOC, FAC) in one article."""

from __future__ import annotations

import re

from briefing.config import Config
from briefing.nlp.missions import initials

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def clean_organization(text: str) -> str:
    """Without a leading "the" or a trailing possessive."""
    text = re.sub(r"^(?:the|The)\s+", "", re.sub(r"\s+", " ", text.strip()))
    return re.sub(r"['’]s?$", "", text).strip()


def organization_names(config: Config) -> dict[str, str]:
    """Every gazetteer name and alias, case-folded -> the canonical organization name."""
    names = {}
    for name, aliases in config.gazetteers.organizations.items():
        for n in (name, *aliases):
            names[n.casefold()] = name
    return names


def within_sentence(ent):
    """The part of an entity span before a sentence starts inside it ("Vaitkus. Events"
    is "Vaitkus"): an entity never crosses a sentence end."""
    for tok in ent[1:]:
        if tok.is_sent_start:
            end = tok.i
            while end > ent.start + 1 and ent.doc[end - 1].is_punct:
                end -= 1
            return ent.doc[ent.start:end]
    return ent


def find_organizations(doc, text: str, person_tokens: set[int], config: Config):
    """[(canonical, surface, start, end)] and canonical -> aliases learned in this article."""
    known = organization_names(config)
    ents = [within_sentence(e) for e in doc.ents if e.label_ == "ORG"
            and person_tokens.isdisjoint(range(e.start, e.end))]
    learned: dict[str, str] = {}
    for e in ents:
        m = re.match(r"\s*\(([A-Z][A-Za-z.&-]{1,9})\)", text[e.end_char:])
        surface = clean_organization(e.text)
        if m and initials(surface).upper() == m.group(1).replace(".", "").upper():
            learned.setdefault(m.group(1).casefold(), known.get(surface.casefold(), surface))
    found = []
    aliases: dict[str, list[str]] = {}
    for e in ents:
        surface = clean_organization(e.text)
        if not surface or not any(c.isupper() for c in surface) or _dateline(text, e):
            continue
        key = surface.casefold()
        name = known.get(key) or learned.get(key) or surface
        if surface != name and surface not in aliases.setdefault(name, []):
            aliases[name].append(surface)
        start = e.start_char + e.text.find(surface)
        found.append((name, surface, start, start + len(surface)))
    return found, {k: v for k, v in aliases.items() if v}


def _dateline(text: str, ent) -> bool:
    """"DARMSTADT, Germany —": a capitalised place at the start of a paragraph, not an org."""
    return ent.text.isupper() and len(ent.text) > 4 and (
        ent.start_char == 0 or text[ent.start_char - 1] == "\n")


def find_places(doc, person_tokens: set[int]):
    """[(canonical, surface, start, end)] for countries, cities, regions and facilities."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS \
                or not person_tokens.isdisjoint(range(ent.start, ent.end)):
            continue
        e = within_sentence(ent)
        surface = clean_organization(e.text)
        if not surface or not surface[0].isupper():
            continue
        name = surface.title() if surface.isupper() and len(surface) > 4 else surface
        start = e.start_char + e.text.find(surface)
        found.append((name, surface, start, start + len(surface)))
    return found
