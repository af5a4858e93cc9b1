"""Roles and affiliations as the text states them: titles before a name ("NASA Administrator
Jared Isaacman"), appositions after it ("Amit Kshatriya, NASA's associate administrator") or
before it ("NASA's acting administrator, Transportation Secretary Sean Duffy"), and titles
shared by a coordinated list ("Roscosmos cosmonauts Pyotr Dubrov and Anna Kikina")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.config import Config
from briefing.model import CrewLink, RoleMention
from briefing.nlp.organizations import clean_organization, organization_names
from briefing.nlp.people import PersonSpan, noun_titles

_RUN_ENTS = {"ORG", "NORP", "GPE", "MISSION"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our"}
_APPOSITION_END = {",", ".", ";", ")", "—", "–", ":"}
_POSSESSIVE = {"'s", "’s"}


@dataclass
class _Role:
    text: str
    organization: str | None
    head: str  # the role word, lower case and singular
    plural: bool
    missions: list[str]
    affiliated: bool  # a nationality or place already says whose ("Russian cosmonaut")


class RoleFinder:
    """Role runs around one person mention, from the article's tokens and entities."""

    def __init__(self, doc, people: list[PersonSpan], mission_at: dict[int, str],
                 config: Config):
        self.doc = doc
        self.words = {w.lower() for w in config.roles.words}
        self.plurals = {w + "s": w for w in self.words} | {w + "es": w for w in self.words}
        self.modifiers = {w.lower() for w in config.roles.modifiers}
        self.mission_at = mission_at
        self.person_tokens = {i for p in people for i in range(p.tok_start, p.tok_end)}
        self.person_ending = {p.tok_end: p for p in people}
        # "Taoiseach Brendan Walsh" beside "the Taoiseach": a title the article knows
        nouns = noun_titles(doc)
        self.titles_before = {p.tok_start - 1 for p in people
                              if p.tok_start and doc[p.tok_start - 1].text in nouns}
        self.organization_at = {i: e.text for e in doc.ents if e.label_ == "ORG"
                                for i in range(e.start, e.end)}

    def head(self, tok) -> str | None:
        """The role word `tok` is (singular, lower case), if it is one."""
        low = tok.lower_
        return low if low in self.words or tok.i in self.titles_before \
            else self.plurals.get(low)

    def _allowed(self, tok) -> bool:
        if tok.i in self.person_tokens:
            return False
        if tok.ent_type_ in _RUN_ENTS or tok.lower_ in _POSSESSIVE:
            return True
        if tok.lower_ in self.modifiers or self.head(tok):
            return True
        if tok.text == "-" and tok.i > 0 and self.doc[tok.i - 1].lower_ == "then":
            return True
        return tok.is_title and tok.tag_ in ("NNP", "NNPS", "NN", "NNS")

    def _back(self, end: int) -> int:
        """Start of the run of role tokens ending just before token `end`."""
        i = end
        while i > 0 and self._allowed(self.doc[i - 1]):
            i -= 1
            if self.doc[i].is_sent_start:
                break
        while i < end and (self.doc[i].lower_ in _POSSESSIVE or self.doc[i].is_punct
                           or self.doc[i].lower_ == "then" and self.doc[i + 1].text == "-"):
            i += 1
        return i

    def _role(self, start: int, end: int) -> _Role | None:
        tokens = [t for t in self.doc[start:end] if t.lower_ not in _DETERMINERS]
        # a possessive common noun ("the agency's president") says nothing on its own
        keep = [t for k, t in enumerate(tokens)
                if not (t.lower_ in _POSSESSIVE and k and tokens[k - 1].ent_type_ not in _RUN_ENTS)
                and not (k + 1 < len(tokens) and tokens[k + 1].lower_ in _POSSESSIVE
                         and t.ent_type_ not in _RUN_ENTS)]
        head = self.head(keep[-1]) if keep else None
        if not head:
            return None
        plural = keep[-1].lower_ != head
        parts = [t.text for t in keep
                 if not (t.lower_ in _POSSESSIVE or t.lower_ == "then" or t.text == "-")]
        if plural:
            parts[-1] = parts[-1][:len(head)]
        org = next((self.organization_at[t.i] for t in keep if t.i in self.organization_at),
                   None)
        missions = [self.mission_at[t.i] for t in keep if t.i in self.mission_at]
        return _Role(text=re.sub(r"\s+", " ", " ".join(parts)), organization=org, head=head,
                     plural=plural, missions=missions,
                     affiliated=any(t.ent_type_ in ("NORP", "GPE") for t in keep))

    def before(self, p: PersonSpan) -> list[_Role]:
        roles = []
        start = self._back(p.tok_start)
        own = self._role(start, p.tok_start) if start < p.tok_start else None
        if own:
            acronym = self._bracketed_organization(start)
            if acronym and own.organization is None:
                own.organization, own.text = acronym, f"{acronym} {own.text}"
            roles.append(own)
        if start >= 2 and self.doc[start - 1].text == ",":
            other = self._back(start - 1)
            before_other = other - 2
            if (other < start - 1 and not (before_other >= 0 and self.doc[other - 1].text == ","
                                           and before_other in self.person_tokens)):
                chained = self._role(other, start - 1)
                if chained:
                    roles.append(chained)
        return roles

    def _bracketed_organization(self, start: int) -> str | None:
        """"Japan Aerospace Exploration Agency (JAXA) astronaut X": the role belongs to JAXA."""
        doc = self.doc
        if start >= 3 and doc[start - 1].text == ")" and doc[start - 3].text == "(" \
                and doc[start - 2].ent_type_ == "ORG":
            return doc[start - 2].text
        return None

    def after(self, p: PersonSpan) -> _Role | None:
        doc = self.doc
        if p.tok_end >= len(doc) or doc[p.tok_end].text != ",":
            return None
        start = i = p.tok_end + 1
        while i < len(doc) and doc[i].text not in _APPOSITION_END and (
                i == start or not doc[i].is_sent_start):
            tok = doc[i]
            if not (tok.lower_ in _DETERMINERS or tok.lower_ == "of" or self._allowed(tok)
                    or ((tok.pos_ == "ADJ" or tok.dep_ == "amod") and tok.is_lower)
                    # "X, a longtime adviser", "X, pioneering surgeon,"
                    or (i + 1 < len(doc) and doc[i + 1].lower_ in _POSSESSIVE)):
                if (tok.pos_ == "ADP" or tok.tag_ in ("WP", "WP$", "WDT")) and i > start \
                        and self.head(doc[i - 1]):
                    break  # "the agency's associate administrator for space operations",
                    # "the architect whose libraries ..."
                return None
            i += 1
        if i == start:
            return None
        if doc[i - 1].lower_ == "of":
            return None
        return self._role(start, i)


def find_roles(doc, text: str, people: list[PersonSpan], mission_at: dict[int, str],
               config: Config) -> tuple[list[RoleMention], list[CrewLink]]:
    """Roles per person mention, and crew links stated in a title ("Shenzhou-22 commander X")."""
    finder = RoleFinder(doc, people, mission_at, config)
    found: list[tuple[PersonSpan, _Role]] = []
    by_end: dict[int, list[_Role]] = {}
    for p in people:
        roles = finder.before(p)
        if not roles:
            roles = _coordinated(doc, p, finder.person_ending, by_end)
        after = finder.after(p)
        if after:
            roles.append(after)
        by_end[p.tok_end] = roles
        found += [(p, r) for r in roles]
    orgs_of_head = _organizations_by_role(doc, finder, found)
    crew_heads = {w.lower() for w in config.roles.crew}
    sentence_org = _SentenceOrganization(doc, text, config, finder.person_tokens)
    mentions: list[RoleMention] = []
    crew: list[CrewLink] = []
    seen = set()
    for p, r in found:
        text, org = r.text, r.organization
        if org is None and not r.affiliated:
            if len(orgs_of_head.get(r.head, ())) == 1:
                org = next(iter(orgs_of_head[r.head]))
            elif r.head not in crew_heads and r.text.split()[-1].islower():
                # "chairman V. Narayanan" in a sentence about ISRO is ISRO's; a capitalised
                # title ("President Carla Ruiz") stands on its own
                org = sentence_org(p.tok_start)
            if org is not None:
                text = f"{org} {text}"
        key = (p.name, text.casefold())
        if key not in seen:
            seen.add(key)
            mentions.append(RoleMention(person=p.name, role=text, organization=org))
        if r.head in crew_heads:
            crew += [CrewLink(mission=m, person=p.name) for m in r.missions]
    return mentions, crew


class _SentenceOrganization:
    """The one organization a sentence names, in its shortest form in the article
    ("chairman V. Narayanan" in a sentence about ISRO -> "ISRO"); a name NER took for an
    organization but the article for a person ("her son, Javier Ruiz") or a storm ("Hurricane
    Odile") is none."""

    def __init__(self, doc, text: str, config: Config, person_tokens: set[int]):
        self.known = organization_names(config)
        self.doc = doc
        self.text = text
        self.forms: dict[str, list[str]] = {}
        self.canonical: dict[int, str] = {}
        cues = {w.lower() for c in config.gazetteers.not_people_cues for w in c.split()}
        for ent in doc.ents:
            if ent.label_ == "ORG" and person_tokens.isdisjoint(range(ent.start, ent.end)) \
                    and ent[0].lower_ not in cues:
                name = self.known.get(ent.text.casefold(), ent.text)
                self.canonical[ent.start_char] = name
                self.forms.setdefault(name, []).append(ent.text)

    def __call__(self, token: int) -> str | None:
        sent = self.doc[token].sent
        text = self.text
        lo = max(sent.start_char, text.rfind("\n", 0, self.doc[token].idx) + 1)
        hi = text.find("\n", self.doc[token].idx)
        hi = min(sent.end_char, hi if hi >= 0 else len(text))
        names = {n for i, n in self.canonical.items() if lo <= i < hi}
        gazetteer = {n for n in names if n.casefold() in self.known}
        names = gazetteer or names
        if len(names) != 1:
            return None
        return clean_organization(min(self.forms[names.pop()], key=len))


def _coordinated(doc, p: PersonSpan, person_ending: dict[int, PersonSpan],
                 by_end: dict[int, list[_Role]]) -> list[_Role]:
    """"cosmonauts A and B": B shares A's plural title."""
    i = p.tok_start
    while i > 0 and doc[i - 1].lower_ in (",", "and", "or"):
        i -= 1
    if i == p.tok_start or i not in person_ending:
        return []
    return [r for r in by_end.get(i, []) if r.plural]


def _organizations_by_role(doc, finder: RoleFinder, found) -> dict[str, set[str]]:
    """Role word -> organizations the article pairs it with ("NASA administrator")."""
    orgs: dict[str, set[str]] = {}
    for _, r in found:
        if r.organization:
            orgs.setdefault(r.head, set()).add(r.organization)
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        j = ent.end
        while j < len(doc) and (doc[j].lower_ in _POSSESSIVE or doc[j].lower_ in finder.modifiers):
            j += 1
        if j < len(doc) and (head := finder.head(doc[j])):
            orgs.setdefault(head, set()).add(ent.text)
    return orgs
