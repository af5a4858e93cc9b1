"""People in one article: clean the PERSON spans, drop what the gazetteers say is not a person,
and resolve surname-only and title-prefixed mentions to the full name the article gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.config import Config
from briefing.nlp.language import CELESTIAL, MISSION, NOT_PERSON, OUTLET, VEHICLE

_POSSESSIVE_END = re.compile(r"['’]s?$")
_POSSESSIVE = ("'s", "’s")
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "al",
              "el", "ter", "ten", "dos", "das", "del"}
# Entity labels a lone surname is sometimes given instead of PERSON ("invited Duffy to Moscow").
_SURNAME_LABELS = {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "EVENT", "LAW"}
_GAZETTEER_LABELS = {MISSION, VEHICLE, CELESTIAL, OUTLET, NOT_PERSON}
# Labels NER gives things that are not people; a name's mentions so labelled vote against it.
_OTHER_LABELS = _SURNAME_LABELS | {"FAC", "LANGUAGE"} | _GAZETTEER_LABELS
# A name as the object of these is where something happens ("in Tuscany"), not who.
_PLACE_PREPOSITIONS = {"in", "at", "near", "across", "throughout", "inside", "outside",
                       "around", "into", "within", "towards", "toward", "via"}
_PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
_BYLINE = re.compile(r"^\s*(?:by|written by|reporting by)\s", re.I)


@dataclass
class PersonSpan:
    """One mention of a person: canonical name within the article, surface text, offsets."""

    name: str
    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    subject: bool = False  # followed closely by a verb: the one who acts or speaks


_JOINED_PARTICLE = re.compile(r"^[a-z]{1,3}-(?=[A-Z])")


def name_words(name: str) -> list[str]:
    """The capitalised words of a name (particles such as "van der" left out, and the one
    joined to a surname: "el-Sisi" is Sisi)."""
    words = (_JOINED_PARTICLE.sub("", w) for w in name.split())
    return [w for w in words if w[:1].isupper() and w.lower() not in _PARTICLES]


def is_full_name(name: str) -> bool:
    return len(name_words(name)) >= 2


def surname(name: str) -> str:
    words = name_words(name)
    return words[-1] if words else name


_BRACKETS = set("()[]{}")
# What the parser makes of a capitalised word that opens a sentence without being a name
# ("Besides Ivanov", "However Smith"): a preposition, an adverb, a conjunction.
_NOT_NAME_DEPS = {"prep", "advmod", "mark", "cc", "intj", "aux", "neg"}


def _title_case_line(doc, i: int) -> bool:
    """Token i stands in a Title Case line (a headline), where every word is capitalised and
    a capitalised verb says nothing about a name: most of its longer words, past the first,
    start with a capital."""
    text, at = doc.text, doc[i].idx
    line = text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]
    words = re.findall(r"[^\W\d_]{4,}", line)[1:]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _sentence_opening(doc, i: int) -> bool:
    """Token i opens a sentence or a line: after a full stop (and a quote mark closing it),
    an opening quote mark, or a line break."""
    if doc[i].is_sent_start or i == 0 or "\n" in doc[i - 1].text_with_ws:
        return True
    prev = doc[i - 1]
    if prev.is_quote:
        return prev.is_sent_start or (i > 1 and doc[i - 2].text in (".", "!", "?"))
    return prev.text in (".", "!", "?")


def _trim(span, rules: _Rules):
    """Drop leading titles ("Administrator", "Dr.") and what a possessive ties to the name
    ("Party's Regina Ip"), and trailing possessives and punctuation. A name never crosses a
    sentence end ("Vaitkus. Events") nor holds a bracket ("[Bob] Smith"), and does not begin
    with the verb or adverb that opens its sentence ("Said Okafor", "Besides Ivanov") nor end
    with a speech verb ("Clinton Said")."""
    doc = span.doc
    start, end = span.start, span.end
    for i in range(start + 1, end):
        if doc[i].is_sent_start:
            end = i
            break
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in _BRACKETS or doc[i].text[:1] in _BRACKETS:
            start = i + 1
            break
    for i in range(end - 2, start - 1, -1):
        if doc[i].lower_ in _POSSESSIVE:
            start = i + 1
            break
    while start < end and (doc[start].text.rstrip(".").lower() in rules.titles
                           or (end - start > 1 and doc[start].lower_ in rules.roles)
                           or doc[start].is_punct or doc[start].lower_ == "then"
                           or (end - start > 1 and _sentence_opening(doc, start)
                               and (doc[start].lower_ in rules.speech
                                    or doc[start].dep_ in _NOT_NAME_DEPS))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _POSSESSIVE
                           or (end - start > 1 and doc[end - 1].lower_ in rules.speech
                               and _title_case_line(doc, end - 1))):
        end -= 1  # "Clinton Said" in a Title Case headline is Clinton ("Omar Said" elsewhere)
    return doc[start:end]


def _plausible(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 6 or any(c.isdigit() for c in text) or "\n" in text:
        return False
    if not text[:1].isupper() or not name_words(text):
        return False
    return not text.isupper()  # "OKAFOR SUSPENDED": a headline, not a name


def _followed_by_verb(doc, end: int) -> bool:
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
        return True
    for tok in doc[end:end + 4]:
        if tok.is_punct:
            return False
        if tok.pos_ in ("VERB", "AUX"):
            return True
    return False


class _Rules:
    def __init__(self, config: Config):
        self.titles = {t.lower().rstrip(".") for t in config.roles.titles}
        self.roles = {w.lower() for w in config.roles.words}
        self.roles |= {w + "s" for w in self.roles}
        self.heads = {h.lower() for h in config.gazetteers.not_people_heads}
        self.known_not = _not_people_regex(config)
        self.speech = {v.lower() for v in config.nlp.speech_verbs}
        # nouns an apposition gives only people ("Valeska Paris, an Australian woman")
        self.persons = self.roles | {w.lower() for w in config.roles.person_nouns}
        self.cues = self.cue_words(config)
        self.human_verbs = {f for v in config.roles.human_verbs for f in _verb_forms(v.lower())}
        self.life_verbs = {f for v in config.roles.life_verbs for f in _verb_forms(v.lower())}
        self.patient_verbs = {f for v in config.roles.person_object_verbs
                              for f in _verb_forms(v.lower())}
        self.things = {w.lower() for w in config.roles.thing_nouns}
        self.kin = {w.lower() for w in config.roles.kin_nouns}
        self.kin |= {w + "s" for w in self.kin}

    @staticmethod
    def cue_words(config: Config) -> set[str]:
        """The words of the storm cues ("Tropical Storm": tropical, storm), lower case."""
        return {w.lower() for c in config.gazetteers.not_people_cues for w in c.split()}

    def name_ok(self, text: str) -> bool:
        """Not a gazetteer name, not "Space Center"-like, not a bare title ("Prime Minister"),
        no role word inside ("NASA Administrator File": a caption's words)."""
        words = text.lower().split()
        last = words[-1].rstrip(".") if words else ""
        return _plausible(text) and not self.known_not.fullmatch(text) \
            and last not in self.heads and last not in self.roles and last not in self.titles \
            and words[0] not in self.cues and self.roles.isdisjoint(words[1:-1])


def _verb_forms(verb: str) -> set[str]:
    """A verb and its regular -s, -ed and -ing forms ("marry": marries, married, marrying)."""
    if verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    plural = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    return {verb, plural, verb + "ed", verb + "ing"}


def _name_token(tok) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper() \
        and tok.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT")


def _particles_then_name(doc, j: int) -> int:
    """How many lower-case particles start at token j and lead to a name word ("de" of
    "Ruiz de Alarcón", "van der" of "Jan van der Berg"); 0 if they do not."""
    k = j
    while k < len(doc) and k - j < 3 and doc[k].text in _PARTICLES:
        k += 1
    return k - j if k > j and k < len(doc) and _name_token(doc[k]) else 0


def _name_runs(doc):
    """Runs of capitalised proper nouns, hyphens inside them allowed ("Marie-Claire Dubois"),
    and lower-case particles between them ("Carmen Ruiz de Alarcón")."""
    i, n = 0, len(doc)
    while i < n:
        if not _name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _name_token(doc[j]):
                j += 1
            elif doc[j].text == "-" and j + 1 < n and _name_token(doc[j + 1]) \
                    and not doc[j].whitespace_:
                j += 1
            elif _particles_then_name(doc, j):
                j += _particles_then_name(doc, j) + 1
            else:
                break
        yield i, j
        i = j


_REGNAL = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|X{1,2}I{0,3}|Jr\.?|Sr\.?)$")


def _extend_back(span, rules: _Rules):
    """A name NER cut short at the front: "Simon" of "singer-songwriter Carly Simon" (never
    over a title or a role word: "Interior Minister Kemal Aydin")."""
    doc, start = span.doc, span.start
    while start > 0 and span.end - start < 5 and _name_token(doc[start - 1]) \
            and doc[start - 1].ent_type_ in ("", "PERSON") and doc[start - 1].whitespace_ \
            and doc[start - 1].text.rstrip(".").lower() not in rules.titles \
            and doc[start - 1].lower_ not in rules.roles:
        start -= 1
    return doc[start:span.end]


def _extend(span):
    """A name NER cut short: "Marie" of "Marie-Claire Dubois", "Javier Ruiz" of "Javier Ruiz
    de Alarcón", "Ramesses" of "Ramesses II", "Martin Luther King" of "... King Jr."."""
    doc, end = span.doc, span.end
    if not len(span):
        return span
    while end < len(doc) and end - span.start < 6:
        tok = doc[end]
        if tok.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
                and _name_token(doc[end + 1]) and not tok.whitespace_:
            end += 2
        elif _name_token(tok) and not tok.ent_type_:
            end += 1
        elif _particles_then_name(doc, end):
            end += _particles_then_name(doc, end) + 1
        elif _REGNAL.match(tok.text) and doc[end - 1].whitespace_:
            end += 1
            break
        elif tok.text == "," and end + 1 < len(doc) and doc[end + 1].text in ("Jr.", "Sr."):
            end += 2
            break
        elif _epithet(doc, end):
            end += 2
            break
        else:
            break
    return doc[span.start:end]


def _epithet(doc, i: int) -> bool:
    """"the Elder" of "Lucas Cranach the Elder", "the Great" of "Alfred the Great": "the" and
    one capitalised word that no name, noun or "of" follows ("gave Obama the Medal of
    Freedom" is no epithet)."""
    if i + 2 > len(doc) or doc[i].text != "the" or not doc[i + 1].is_title \
            or doc[i + 1].tag_ not in ("NNP", "NN", "JJ") \
            or doc[i + 1].ent_type_ in ("DATE", "TIME"):
        return False
    after = doc[i + 2] if i + 2 < len(doc) else None
    return after is None or not (after.is_alpha and (after.is_title or after.lower_ == "of"
                                                     or after.tag_.startswith("NN")))


def _listed_with_person(doc, start: int, end: int, taken: set[int]) -> bool:
    """"Nick Hague and Aleksandr Gorbunov", "A, B, and Dries Mertens": a name listed next to a
    person; one NER recognised as a whole organization only between two people ("Chuck
    Close, Walker Evans, Robert Mapplethorpe")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in (",", "and", "or") and start - i <= 2:
        i -= 1
    before = i < start - 1 and i in taken
    j = end
    while j < len(doc) and doc[j].lower_ in (",", "and", "or") and j - end < 2:
        j += 1
    after = end < j < len(doc) and j in taken
    if doc[start].ent_type_ == "ORG" and doc[start].ent_iob_ == "B" and doc[start:end].ents \
            and doc[start:end].ents[0].end == end:
        return before and after
    return before or after


def _affiliated(doc, start: int, end: int) -> bool:
    """"NASA's Loral O'Hara", "Don Pettit of NASA", "Mia Novak (U.S.)": a name tied to an
    organization or country (NER often calls these names organizations)."""
    before = start >= 2 and doc[start - 1].lower_ in _POSSESSIVE \
        and doc[start - 2].ent_type_ in ("ORG", "GPE")
    after = end + 1 < len(doc) and doc[end].lower_ == "of" \
        and doc[end + 1].ent_type_ in ("ORG", "GPE")
    # "Chloe Beaumont (France)": an athlete with a country in brackets on a results line
    inside = doc[end + 1] if end + 2 < len(doc) and doc[end].text == "(" \
        and doc[end + 2].text == ")" else None
    country = inside is not None and (inside.ent_type_ in ("GPE", "NORP") or (
        len(inside.text) == 3 and inside.text.isupper() and inside.ent_type_ != OUTLET))
    return before or after or country


def _role_anchored(doc, start: int, end: int, rules: _Rules) -> bool:
    """A name the text introduces with a role: "astronaut Jane Doe", "Jane Doe, NASA's chief",
    "her son, Javier Ruiz" (the parser's apposition, either way round), "Valeska Paris, an
    Australian woman"."""
    if start and doc[start - 1].lower_ in rules.roles and doc[start - 1].text.islower():
        return True
    last = doc[end - 1]
    if (last.dep_ == "appos" and last.head.lower_ in rules.persons and last.head.is_lower) \
            or any(c.dep_ == "appos" and c.lower_ in rules.persons and c.is_lower
                   for c in last.children):
        return True
    if end >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1:end + 7]:
        if tok.is_punct:
            return False
        if tok.lower_ in rules.persons:
            return True
        if not (tok.is_alpha or tok.lower_ in _POSSESSIVE):
            return False
    return False


def find_people(doc, text: str, config: Config, author: str | None = None) -> list[PersonSpan]:
    """Every person mention in `doc`, with `name` already the article's canonical full name."""
    rules = _Rules(config)
    raw: list[tuple[int, int]] = []
    taken: set[int] = set()

    ruled: set[int] = set()  # mentions a rule found with its own evidence (not NER's PERSON)
    common = _common_words(doc)
    nouns = noun_titles(doc)

    def add(start: int, end: int, rule: bool = False) -> None:
        if end - start >= 3 and not doc[start].is_lower and (
                doc[start].lower_ in common or doc[start].text in nouns):
            # "Nonpartisan Paul Tse" beside "nonpartisan Junius Ho": a modifier glued to the
            # name, not a part of it; "Taoiseach Brendan Walsh" beside "the Taoiseach": a
            # title the article also uses as a noun
            start += 1
        if end - start == 1:
            first = start
            while start and doc[start - 1].lower_ in _PARTICLES:
                start -= 1
            if start < first and start and _name_token(doc[start - 1]) \
                    and doc[start - 1].i not in taken:
                start -= 1  # "Ruiz de Alarcón", not "de Alarcón"
        raw.append((start, end))
        taken.update(range(start, end))
        if rule:
            ruled.add(start)

    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = _extend(_trim(_extend_back(ent, rules), rules))
        if len(span) == 0 or not rules.name_ok(_POSSESSIVE_END.sub("", span.text)) \
                or (len(span) == 1 and span[0].tag_ == "NNS"):
            continue  # "Farmers said": a plural noun opening a sentence is a group
        add(span.start, span.end)
    all_runs = list(_name_runs(doc))
    runs = [(s, e) for s, e in all_runs
            if 2 <= len(doc[s:e].text.split()) <= 4 and taken.isdisjoint(range(s, e))
            and rules.name_ok(doc[s:e].text)]
    later_subjects = _lone_subjects(doc)
    for start, end in runs:
        if _role_anchored(doc, start, end, rules) or _affiliated(doc, start, end) \
                or _named_then_surnamed(doc, start, end, later_subjects):
            span = _trim(doc[start:end], rules)  # "Lord Halifax, the Lord President" is Halifax
            if len(span):
                add(span.start, span.end, rule=True)
    for start, end in runs:
        if taken.isdisjoint(range(start, end)) and _listed_with_person(doc, start, end, taken):
            add(start, end, rule=True)
    headline = _title_case_lines(doc)
    for start, end in all_runs:
        # a name NER typed otherwise (or not at all) that the text uses as a person's (not in
        # a Title Case headline, where every word looks like a name)
        if not taken.isdisjoint(range(start, end)) or doc[start].idx in headline:
            continue
        span = _trim(doc[start:end], rules)
        if len(span) and len(span) <= 4 and taken.isdisjoint(range(span.start, span.end)) \
                and rules.name_ok(span.text) and (
                    _strong(doc, span.start, span.end, rules)
                    or _human_evidence(doc, span.start, span.end, rules)
                    or (span[-1].dep_ in ("nsubj", "nsubjpass", "poss")
                        and span[-1].ent_type_ not in ("LOC", "NORP", "FAC")
                        and _pronoun_after(doc, span.end) > 0)):
            # "Lucas Cranach the Elder": the vote reads the whole name, so what was said of
            # the shorter one counts as a rule's
            whole = _extend(span)
            add(whole.start, whole.end, rule=whole.end > span.end)
    full_names = {doc[s:e].text for s, e in raw if is_full_name(doc[s:e].text)}
    surnames = {surname(n) for n in full_names}
    if surnames:
        for ent in doc.ents:
            if ent.label_ in _GAZETTEER_LABELS or not taken.isdisjoint(range(ent.start, ent.end)):
                continue
            span = _trim(ent, rules)
            if span.text in full_names or (len(name_words(span.text)) == 1
                                           and surname(span.text) in surnames
                                           and ent.label_ in _SURNAME_LABELS):
                add(span.start, span.end, rule=True)
        for tok in doc:
            if tok.i not in taken and not tok.ent_type_ and tok.is_title and tok.text in surnames:
                add(tok.i, tok.i + 1, rule=True)
    raw.sort()
    mentions = [PersonSpan(name=doc[s:e].text, text=doc[s:e].text, start=doc[s].idx,
                           end=doc[e - 1].idx + len(doc[e - 1].text), tok_start=s, tok_end=e,
                           subject=_followed_by_verb(doc, e))
                for s, e in raw]
    mentions = _vote(doc, _resolve(mentions), rules, ruled)
    return _drop_bylines(text, mentions, author)


def find_storms(doc, config: Config) -> list[tuple[str, str, int, int]]:
    """Storms the article names with a cue word ("Hurricane Odile", "Tropical Storm Odile"):
    [(the name, "Odile"; the words as written; start; end)]. The digest keeps a lone word a
    storm's name in one article from being a person in another."""
    cues = _Rules.cue_words(config)
    found = []
    for tok in doc[:-1]:
        after = doc[tok.i + 1]
        if tok.lower_ in cues and after.tag_ == "NNP" and after.text[:1].isupper() \
                and after.lower_ not in cues and not after.is_sent_start:
            start = tok.i
            while start and doc[start - 1].lower_ in cues and not doc[start].is_sent_start:
                start -= 1
            found.append((after.text, doc[start:tok.i + 2].text, doc[start].idx,
                          after.idx + len(after.text)))
    return found


def _lone_subjects(doc) -> dict[str, int]:
    """Where each capitalised word first stands alone (no name word beside it) as the
    subject of a verb: "Nwosu began writing"."""
    first: dict[str, int] = {}
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NNP" and tok.is_title \
                and not (tok.i and _name_token(doc[tok.i - 1])) \
                and not (tok.i + 1 < len(doc) and _name_token(doc[tok.i + 1])):
            first.setdefault(tok.text, tok.i)
    return first


def _named_then_surnamed(doc, start: int, end: int, later: dict[str, int]) -> bool:
    """How news names a person: the full name once ("Amara Nwosu's fourth novel"), then the
    surname alone as who acts ("Nwosu began writing"). Not a name NER recognised whole as
    something else ("Leeds United ... Leeds won"), nor one whose first word NER took for a
    place or a people ("Hong Kong")."""
    words = [t for t in doc[start:end] if t.text not in _PARTICLES]
    if len(words) < 2 or later.get(doc[end - 1].text, -1) <= end:
        return False
    whole = doc[start:end].ents
    return words[0].ent_type_ not in _PLACE_LABELS and not (
        len(whole) == 1 and whole[0].label_ != "PERSON" and whole[0].start == start
        and whole[0].end == end)


def _common_words(doc) -> set[str]:
    """Words the article writes in lower case as an adjective, adverb or verb."""
    return {t.lower_ for t in doc if t.is_lower and t.tag_[:2] in ("JJ", "RB", "VB")}


def noun_titles(doc) -> set[str]:
    """Capitalised words the article uses as a common noun, after an article and before no
    name ("a letter to the Taoiseach", "the Bundeskanzler said"): before a name, a title."""
    return {tok.text for tok in doc[1:-1]
            if tok.is_title and doc[tok.i - 1].lower_ in ("the", "a", "an")
            and not _name_token(doc[tok.i + 1]) and not doc[tok.i + 1].is_title}


def _title_case_lines(doc) -> set[int]:
    """Character offsets of the lines written in Title Case ("Rival Tells Okafor To Quit"):
    four words or more, every word longer than three letters capitalised."""
    offsets: set[int] = set()
    for m in re.finditer(r"[^\n]+", doc.text):
        words = re.findall(r"[^\W\d_][\w'’-]*", m.group())
        long = [w for w in words if len(w) > 3]
        if len(words) >= 4 and long and all(w[:1].isupper() for w in long):
            offsets.update(range(m.start(), m.end()))
    return offsets


def _strong(doc, start: int, end: int, rules: _Rules) -> bool:
    """The text says this name is a person's: a title or role word before it ("Ms Pugh",
    "actor Jason Beghe", "Striker Diego Ramos"), a relative "who" after it, or it is who
    says something ("said Guilbeault", and "Added Moreau:" with the verb opening the
    sentence), or a regnal number or "Jr." ends it ("Ramesses II", "Andre Price III")."""
    prev = doc[start - 1] if start else None
    last = doc[end - 1]
    if end - start >= 2 and _REGNAL.match(last.text) and doc[end - 2].is_title:
        return True
    return (prev is not None and (prev.text.rstrip(".").lower() in rules.titles
                                  or (prev.lower_ in rules.speech
                                      and _sentence_opening(doc, start - 1))
                                  or prev.lower_ in rules.roles)) \
        or _who_after(doc, end) \
        or (last.dep_ in ("nsubj", "nsubjpass") and last.head.lower_ in rules.speech)


def _who_after(doc, end: int) -> bool:
    """", who" follows the name, and the parse does not tie its clause to another name before
    ("Senator Edward Kennedy of Massachusetts, who led the opposition" is Kennedy's; a
    clause it ties to a common noun is read as the name's)."""
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return False
    clause = doc[end + 1].head
    return clause.dep_ != "relcl" or clause.head.i == end - 1 \
        or clause.head.tag_ not in ("NNP", "NNPS")


def _human_evidence(doc, start: int, end: int, rules: _Rules) -> bool:
    """The parse says a person is meant: the subject of a verb said of people ("Vega
    suggested", "Aldrin has been married"), the agent of one in the passive ("was told by
    Curio"), the object of a verb done to people ("starring LaBeouf", "was arrested"), the
    possessor of a kinship, life or work noun ("Kipling's father", "Carangi's career", "a
    novel by Achebe", "Seagal, whose grandmother"). The subject of a verb of thought that NER
    calls a place or a people is a government ("Mexico hopes", "Beijing believes")."""
    last = doc[end - 1]
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "whose" \
            and doc[end + 1].head.lower_ in rules.kin:
        return True  # "Seagal, whose grandmother was from Vladivostok"
    if last.dep_ == "poss":
        return last.head.lower_ in rules.kin
    if last.dep_ == "pobj" and last.head.lower_ == "by" and last.head.dep_ == "prep":
        return last.head.head.lower_ in rules.kin  # "the two paintings by Lucas Cranach"
    if last.dep_ in ("dobj", "nsubjpass") and last.head.lower_ in rules.patient_verbs:
        return True  # "starring LaBeouf", "Okafor was sentenced"
    if last.dep_ in ("nsubj", "nsubjpass"):
        verb = last.head
        if last.ent_type_ not in _PLACE_LABELS and _predicate_person(verb, rules):
            return True
    elif last.dep_ == "pobj" and last.head.dep_ == "agent":
        verb = last.head.head
    else:
        return False
    return verb.lower_ in rules.life_verbs or (
        last.ent_type_ not in _PLACE_LABELS
        and (verb.lower_ in rules.human_verbs
             or (last.dep_ == "pobj" and verb.lower_ in rules.speech)))


def _predicate_person(verb, rules: _Rules) -> bool:
    """The verb says its subject is a person: "X is a lawyer", "X acts as spokesman",
    "X served as treasurer" (a role or person noun as the predicate)."""
    for child in verb.children:
        if child.dep_ == "attr" and child.lower_ in rules.persons:
            return True
        if child.dep_ == "prep" and child.lower_ == "as" and any(
                g.dep_ == "pobj" and g.lower_ in rules.persons for g in child.children):
            return True
    return False


# "he"/"she" left out: in "as Russia and the US have a lot to do, he added" it is the speaker
_HUMAN_PRONOUNS = {"him", "her", "his", "hers", "himself", "herself"}
_THING_PRONOUNS = {"its", "itself"}  # not "it": "after it was revealed that he ..."


def _pronoun_after(doc, end: int) -> int:
    """+1 when the next personal pronoun after a subject name, in its sentence or at the start
    of the next one, is "his"/"her"/"himself" ("Winstone met his wife"), -1 when it is
    "its"/"itself" and no noun stands between ("Formosa Semiconductor said on Thursday its
    profit", but in "Ana Ruiz said the city would review its policy" it is the city's), 0
    when none comes or another name stands between."""
    sent = doc[end - 1].sent
    limit = min(len(doc), sent.end + 6)
    noun = False
    for tok in doc[end:limit]:
        if tok.ent_type_ == "PERSON" or (tok.tag_ == "NNP" and tok.i >= sent.end):
            return 0
        if tok.lower_ in _HUMAN_PRONOUNS:
            return 1
        if tok.lower_ in _THING_PRONOUNS:
            return 0 if noun else -1
        noun = noun or (tok.tag_ in ("NN", "NNS") and not tok.ent_type_)
    return 0


def _label_vote(doc, start: int, end: int) -> int:
    """NER's word on one occurrence: 1 PERSON, -1 a thing's or a place's label, else 0."""
    labels = {t.ent_type_ for t in doc[start:end]}
    return 1 if "PERSON" in labels else -1 if labels & _OTHER_LABELS else 0


def _votes(doc, start: int, end: int, rules: _Rules) -> int:
    """What one occurrence of a name says of it: > 0 a person, < 0 a place or a thing."""
    score = _label_vote(doc, start, end)
    human = _human_evidence(doc, start, end, rules)
    if human or _strong(doc, start, end, rules) or _role_anchored(doc, start, end, rules):
        score += 2
    prev = doc[start - 1] if start else None
    last = doc[end - 1]
    if last.dep_ in ("nsubj", "nsubjpass") or (last.dep_ == "poss"
                                                and last.ent_type_ not in _PLACE_LABELS):
        # a later "its" may be anything's: it does not undo a verb said only of people
        # (but "Formosa Semiconductor said ... its profit" is a firm's); after a place's
        # possessive, "her" is someone else's ("Scotland's first transplant ... her home")
        pronoun = _pronoun_after(doc, end)
        score += 2 * (max(pronoun, 0) if human else pronoun)
    if prev is not None and prev.lower_ == "the" and last.dep_ != "compound":
        score -= 2  # "the Danube", "the Edmonton Sun"; in "the Andy Warhol exhibit" the
        # article is the exhibit's
    if last.dep_ == "pobj" and last.head.lower_ in _PLACE_PREPOSITIONS:
        score -= 2
    score += _coordinated_with(doc, last, end - start == 1)
    if _thing_shaped(doc, start, end, rules):
        score -= 2
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "where":
        score -= 2  # "then Glasgow, where he had studied"
    if any(c.dep_ == "appos" and c.lower_ in rules.things for c in last.children):
        score -= 2  # "Jackson, a town of 900"
    if end + 1 < len(doc) and not doc[end].is_sent_start and _role_word(doc[end], rules) \
            and (doc[end].is_lower or _name_token(doc[end + 1])):
        score -= 2  # "Bologna coach Andrea Fiorentini", "Goldman Sachs Chief Executive David
        # Solomon": a team's, a body's
    elif last.dep_ == "compound" and last.head.tag_ in ("NN", "NNS") and last.head.is_lower \
            and end - start == 1:
        score -= 1  # "the Essen police", "the Clyde shipbuilding industry" (but "a Donald
        # Trump victory" is a person's)
    return score


def _thing_shaped(doc, start: int, end: int, rules: _Rules) -> bool:
    """Where a name stands says it is a work, a place or a body: alone between quote marks
    (the song "Geronimo"); for a one-word name, after a place and a comma ("Livorno,
    Tuscany", but "the mayor of Bellingham, Kelli Linville" is a person) and the object of
    "of" after a role ("the kings of Gezer"; "the son of X" is kinship, "students of
    Goffredo Petrassi" a teacher's)."""
    last = doc[end - 1]
    if start and doc[start - 1].is_quote and end < len(doc) and (
            doc[end].is_quote or (doc[end].is_punct and end + 1 < len(doc)
                                  and doc[end + 1].is_quote)):
        return True
    if end - start == 1 and start >= 2 and doc[start - 1].text == "," \
            and doc[start - 2].ent_type_ == "GPE" and last.dep_ == "appos":
        return True
    if end - start == 1 and last.dep_ == "pobj" and last.head.lower_ == "of":
        noun = last.head.head
        return noun.is_lower and noun.lower_ in rules.roles and noun.lower_ not in rules.kin
    return False


def _coordinated_with(doc, last, lone: bool) -> int:
    """Coordinated words are things of one kind: -2 for a one-word name listed with a place
    ("visited Kamchatka and Sakhalin"; a full name is more likely a person the parser
    attached to the wrong list), +1 for a name listed with a person ("Chandler and
    Weller")."""
    head = last.head if last.dep_ == "conj" else last
    kinds = {t.ent_type_ for t in (head, *head.children)
             if t.i != last.i and (t is head or t.dep_ == "conj") and t.tag_ == "NNP"}
    if lone and kinds & {"GPE", "LOC"}:
        return -2
    if lone and "ORG" in kinds and "PERSON" not in kinds and last.ent_type_ != "PERSON":
        return -1  # "Amazon and Apple announced donations"
    return 1 if "PERSON" in kinds else 0


def _inside_longer_name(doc, end: int, rules: _Rules) -> bool:
    """An occurrence that a proper noun follows is a part of another name ("the Andy Warhol
    Foundation", "Warhol Factory") and says nothing of what the name alone is; a title or a
    role is no part of it ("Goldman Sachs Chief Executive David Solomon")."""
    return end < len(doc) and _name_token(doc[end]) and not doc[end].is_sent_start \
        and "\n" not in doc[end - 1].text_with_ws and not _role_word(doc[end], rules)


def _role_word(tok, rules: _Rules) -> bool:
    return tok.lower_ in rules.roles or tok.text.rstrip(".").lower() in rules.titles


_UNSAID_OCCURRENCES = 3


def _vote(doc, mentions: list[PersonSpan], rules: _Rules, ruled: set[int]) -> list[PersonSpan]:
    """Document-level type voting: a name stays a person when its occurrences in the whole
    article (those NER or the rules took for a person and all the others, but not those
    inside a longer name) say so more than they say place or thing. A lone word a full name
    explains is that person already; a mention a rule found from its context (a role, a
    listed person) votes for it too."""
    at: dict[str, list[int]] = {}
    for tok in doc:
        at.setdefault(tok.text, []).append(tok.i)
    verdict: dict[str, bool] = {}
    for m in mentions:
        if m.name in verdict or (m.name != m.text and is_full_name(m.name)):
            continue
        forms = [t.text for t in doc[m.tok_start:m.tok_end]]
        rule = any(p.tok_start in ruled for p in mentions if p.name == m.name)
        score, storm = 0, False
        labels, persons, seen = 0, 0, 0  # what NER alone says: PERSON less the others
        for i in at.get(forms[0], ()):
            if [t.text for t in doc[i:i + len(forms)]] == forms \
                    and not _inside_longer_name(doc, i + len(forms), rules):
                score += _votes(doc, i, i + len(forms), rules)
                storm = storm or (i > 0 and doc[i - 1].lower_ in rules.cues)
                label = _label_vote(doc, i, i + len(forms))
                labels += label
                persons += label > 0
                seen += 1
        # a one-word name the article uses again and again, of which nothing but NER's label
        # says a person (no verb, role, title or pronoun): a platform or a product ("posted
        # to Twitter", "on Twitter")
        unsaid = len(forms) == 1 and not rule and seen >= _UNSAID_OCCURRENCES \
            and score - labels <= 0
        score += 2 if rule else 0
        # a tie NER makes ("Duffy's trial" ORG, "cleared Duffy" PERSON) with nothing else
        # said either way stays a person
        verdict[m.name] = (score > 0 or (score == 0 and labels == 0 and persons > 0)) \
            and not storm and not unsaid
    return [m for m in mentions if verdict.get(m.name, True)]


def _not_people_regex(config: Config) -> re.Pattern[str]:
    gaz = config.gazetteers
    phrases = [*gaz.not_people, *gaz.vehicles, *gaz.celestial, *gaz.outlets, *gaz.facilities,
               *(n for name, aliases in gaz.organizations.items() for n in (name, *aliases))]
    return re.compile("|".join(f"(?:{p})" for p in phrases) or "(?!)", re.I)


def _resolve(mentions: list[PersonSpan]) -> list[PersonSpan]:
    """Partial names take the nearest preceding full name that fits (else the nearest after)."""
    by_surname: dict[str, list[PersonSpan]] = {}
    by_first: dict[str, list[PersonSpan]] = {}
    by_middle: dict[str, set[str]] = {}
    partial = []
    for m in mentions:  # in text order, so each list is too
        words = name_words(m.text)
        if len(words) >= 2:
            by_surname.setdefault(words[-1], []).append(m)
            by_first.setdefault(words[0], []).append(m)
            for w in words[1:-1]:
                by_middle.setdefault(w, set()).add(m.text)
        else:
            partial.append(m)
    for m in partial:
        key = surname(m.text)
        fits = by_surname.get(key) or by_first.get(key)
        if not fits and len(by_middle.get(key, ())) == 1:
            # "Lula" of "Luiz Inácio Lula da Silva": a word inside one full name only
            fits = [f for f in by_surname[name_words(next(iter(by_middle[key])))[-1]]
                    if f.text in by_middle[key]]
        if fits and m.text[:1].isupper() and m.text.split()[0].lower() in _PARTICLES:
            # "Al Neyadi" is Sultan Al Neyadi, but "Al Gale" is not Ruth Gale: a capitalised
            # particle is either the named person's or a first name
            fits = [f for f in fits if f.text.casefold().endswith(" " + m.text.casefold())]
        if fits:
            # the first person the article names with it: a second one sharing the surname
            # is named in full or by the first name ("Sato is married to Laura Sato")
            m.name = fits[0].text
    _fold_surname_parts(mentions)
    _merge_variants(mentions)
    return mentions


def _fold_surname_parts(mentions: list[PersonSpan]) -> None:
    """Two-word and particle surnames ("Ramos Vidal", "Ruiz de Alarcón") are the person whose
    full name ends with them, the first the article names."""
    longer: list[tuple[list[str], str]] = []
    for m in mentions:
        words = name_words(m.name)
        if len(words) >= 3 and all(w != m.name for _, w in longer):
            longer.append((words, m.name))
    for m in mentions:
        words = name_words(m.name)
        if m.name != m.text or len(words) < 2:
            continue
        fit = next((name for full, name in longer
                    if len(full) > len(words) and full[-len(words):] == words), None)
        if fit:
            m.name = fit


def _merge_variants(mentions: list[PersonSpan]) -> None:
    """A full name that is another full name with a middle part left out is the same person."""
    names = sorted({m.name for m in mentions}, key=len, reverse=True)
    for short in names:
        words = name_words(short)
        for long in names:
            other = name_words(long)
            if long != short and len(other) > len(words) and words[0] == other[0] \
                    and words[-1] == other[-1]:
                for m in mentions:
                    if m.name == short:
                        m.name = long
                break


def _drop_bylines(text: str, mentions: list[PersonSpan],
                  author: str | None) -> list[PersonSpan]:
    author_names = set()
    if author:
        author_names = {a.strip().casefold() for a in re.split(r",| and |&", author) if a.strip()}
    kept = []
    for m in mentions:
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if _BYLINE.match(line) and len(line.split()) <= 8:
            continue
        if m.name.casefold() in author_names and len(line.split()) <= 8:
            continue  # the author's credit line; "She spoke to Tom Ashcroft" is a person
        kept.append(m)
    return kept
