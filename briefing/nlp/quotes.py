"""Direct quotes and who said them.

A quote is the text between quotation marks within a paragraph: curly (also ”this” style) or
straight doubles, TeX-style ``doubles'', guillemets « » and ‹ ›, low-high „ “ and curly singles
‘ ’ (outside a double quote), straight singles of two words or more in copy without double
marks, without the trailing comma. An opening mark that never closes runs to the attribution
that ends it (", she said"), else to the next opening mark of its style or the end of its
paragraph, never further.

The second half of a split quote (the first half ends in a comma, the second starts in lower
case) has the first half's speaker, whoever is named between them. Otherwise the speaker
comes from the dependency parse first: from the quote's words up their heads, within the
paragraph, to the first verb outside the quote that has a subject ("fumed", "told reporters",
"shouted ... that voters wanted"). A person mention there (or an apposition or compound of it,
a lone surname of one of the article's people, "according to X", "in the words of X", on the
verb or on the quote's own words, the person inside a title
the parse made the head, the named owner of what speaks when it is no role: "Cornyn's statement
said", not "Forsythe's spokeswoman said") is the speaker, a relative
"who" stands for the noun it hangs on, a pronoun for its antecedent (or for the named subject
of the verb above it: "X said she was "thrilled""); a subject that is no person settles it for
a speech verb ("the agency said": no speaker) and hands it on to the verb above otherwise.
When the parse has no verdict, the window rules follow: the person next to a speech verb after
the quote (quote then speaker) or before it in its sentence (speaker then quote), else after a
colon on the line before, else the speaker of the quote just before in the same paragraph,
else, for a quote that is a sentence of its own, the speaker of the sentence before it (in the
same or the previous paragraph): its quote's speaker or its person subject.
A pronoun ("he said") is the last named person of a compatible gender who was the subject of a
main clause before it (else of any clause, else named); a person's gender is what the article
says of them: a title or gendered noun before the name or in apposition to it ("Her husband,
the engineer X"), a possessive pronoun in the clause they lead ("Perrin embraced his wife").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from briefing.config import Config
from briefing.model import QuoteMention, Span
from briefing.nlp.people import PersonSpan, surname

_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_WINDOW = 160
# opening mark -> (closing marks, marks that close only where a closing mark stands: after a
# word, before a space or punctuation; copy mixes styles: "a decision.“ However")
_PAIRS = {"``": (("''",), ()), "“": (("”",), ("“", '"')), "„": (("“", "”"), ()),
          "«": (("»",), ()), "‹": (("›",), ()), '"': ((), ('"', "”", "“")), "‘": ((), ("’",)),
          "'": ((), ("'",)), "”": ((), ("”", '"', "“"))}
_OPEN = re.compile(r"``|[“„«‹\"‘”]")  # ” opens too where an opening mark stands: ”like this”
# straight single marks are quotes only in copy that has no double marks at all ('We won,' he
# said), and only when they close in their paragraph: elsewhere they are apostrophes
_OPEN_WITH_SINGLES = re.compile(r"[‹‘']")
_DOUBLES = re.compile(r"``|[“”„«»\"]")
_SUBJECTS = {"nsubj", "nsubjpass"}
# not "poss": "Forsythe's spokeswoman" speaks; "conj": "academic and professor X commented"
_NAME_PARTS = {"appos", "compound", "flat", "conj"}
_CLAUSE_HEADS = {"ROOT", "ccomp", "parataxis"}
_OWN_CLAUSE = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj"}
_OBJECTS = {"dobj", "pobj", "prep", "attr"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
# grammatical gender of English titles and kin or role nouns (a closed class, not a gazetteer)
_MALE_NOUNS = {"mr", "sir", "lord", "king", "prince", "husband", "son", "father", "brother",
               "grandfather", "grandson", "uncle", "nephew", "widower", "boyfriend", "chairman",
               "spokesman", "businessman", "congressman", "sportsman", "actor", "monsieur", "señor",
               "herr", "signor"}
_FEMALE_NOUNS = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "wife",
                 "daughter", "mother", "sister", "grandmother", "granddaughter", "aunt", "niece",
                 "widow", "girlfriend", "chairwoman", "spokeswoman", "businesswoman",
                 "congresswoman", "sportswoman", "actress", "madame", "señora", "frau",
                 "signora"}


@dataclass(frozen=True)
class _Mark:
    """One quote: the marks' outer offsets and the quoted words' offsets."""

    outer_start: int
    outer_end: int
    start: int
    end: int


def find_quotes(doc, text: str, sentences: list[Span], people: list[PersonSpan],
                config: Config) -> list[QuoteMention]:
    speech = re.compile(r"\b(?:" + "|".join(map(re.escape, config.nlp.speech_verbs)) + r")\b",
                        re.I) if config.nlp.speech_verbs else re.compile("(?!)")
    starts = [s.start for s in sentences]
    marks = _marks(text, speech)
    ctx = _People.of(doc, people, speech)
    roles = {w.lower() for w in config.roles.words}
    parse = _Parse(doc, marks, people, ctx, speech, roles | {w + "s" for w in roles})
    quotes: list[QuoteMention] = []
    for k, m in enumerate(marks):
        start, end = m.start, m.end
        stripped = text[start:end]
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        found: str | None | _Unknown
        if quotes and _continues(text, marks[k - 1], m):
            found = quotes[-1].speaker
        else:
            found = parse.speaker(k)
        speaker: str | None
        if isinstance(found, _Unknown):  # else settled, even as nobody ("the post said")
            speaker = _fallback(text, k, marks, sentences, starts, people, speech, ctx,
                                quotes, parse)
        else:
            speaker = found
        quotes.append(QuoteMention(text=stripped, speaker=ctx.renamed.get(speaker, speaker)
                                   if speaker else None, start=start, end=end,
                                   sentence=sentence))
    return quotes


def _fallback(text: str, k: int, marks: list[_Mark], sentences: list[Span], starts: list[int],
              people: list[PersonSpan], speech: re.Pattern[str], ctx: _People,
              quotes: list[QuoteMention], parse: _Parse) -> str | None:
    """The window rules, for a quote the parse has no verdict on."""
    m = marks[k]
    sentence = max(0, bisect.bisect_right(starts, m.start) - 1)
    speaker = _window_speaker(text, k, marks, sentences, starts, people, speech, ctx)
    if speaker is None and not text[text.rfind("\n", 0, m.outer_start) + 1:
                                    m.outer_start].strip():
        speaker = _introduced(text, m.outer_start, people, speech, ctx)
    if speaker is None and quotes and _same_paragraph(text, quotes[-1].end, m.start) \
            and all(p.name == quotes[-1].speaker for p in people
                    if quotes[-1].end < p.start < m.start):
        speaker = quotes[-1].speaker
    if speaker is None and _stands_alone(text, m, sentences, sentence):
        speaker = _previous_speaker(text, m, sentences, sentence, quotes, parse)
    return speaker


def _marks(text: str, speech: re.Pattern[str]) -> list[_Mark]:
    """Every quote of the text, left to right; a quote inside another is part of it."""
    out: list[_Mark] = []
    clause = _attribution_clause(speech)
    opener = _OPEN if _DOUBLES.search(text) else _OPEN_WITH_SINGLES
    pos = 0
    while True:
        m = opener.search(text, pos)
        if m is None:
            return out
        opening = m.group()
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        if not _opens(text, m.start(), m.end(), opening):
            pos = m.end()
            continue
        inner_end, outer_end, closed = _closing(text, m.end(), para_end, opening)
        if opening == "'" and (not closed or " " not in text[m.end():inner_end].strip()):
            pos = m.end()  # an apostrophe: "rock 'n' roll", "'90s"
            continue
        if not closed:
            said = clause.search(text, m.end(), inner_end)
            inner_end = outer_end = said.start() if said else inner_end
        found = _trimmed(text, m.start(), outer_end, m.end(), inner_end)
        if found is not None:
            out.append(found)
        pos = max(outer_end, m.end())


def _opens(text: str, start: int, end: int, opening: str) -> bool:
    """An opening mark: at a line start or after a space or bracket (or, straight, glued to
    'said,"'), before a word (a straight or single mark elsewhere is an apostrophe, an inch
    mark or a closing mark)."""
    if opening not in ('"', "‘", "'", "”"):
        return True
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else ""
    if opening == "'" and not after.isalpha():
        return False  # "the '90s"
    return (before.isspace() or before in "([{—–-/" or (before in ",:;" and opening == '"')) \
        and bool(after) and not after.isspace()


def _closing(text: str, pos: int, limit: int, opening: str) -> tuple[int, int, bool]:
    """(end of the quoted words, end of the quote, closed): at the closing mark, else (the
    mark never closes) before the next opening mark of its style or at the paragraph end,
    whichever comes first ("“First paragraph. “Second paragraph.”")."""
    strict, loose = _PAIRS[opening]
    for i in range(pos, limit):
        for c in strict:
            if text.startswith(c, i):
                return i, i + len(c), True
        for c in loose:
            if text.startswith(c, i) and _closes(text, i, i + len(c)) and not (
                    c == "'" and re.fullmatch(r"s' [a-z]", text[i - 1:i + 3])):
                return i, i + len(c), True  # not the plural possessive of "the players' union"
        if text.startswith(opening, i) and _opens(text, i, i + len(opening), opening):
            return i, i, False
    return limit, limit, False


def _closes(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and not before.isspace() and not (after.isalnum() or after == "_")


def _attribution_clause(speech: re.Pattern[str]) -> re.Pattern[str]:
    """What ends an unclosed quote: ", she said" (a comma, a pronoun or one to four
    capitalised words, a speech verb)."""
    return re.compile(r",\s+(?:he|she|they|we|I|(?:[A-Z][\w.'’-]*\s+){1,4})\s*(?:"
                      + speech.pattern + ")")


def _trimmed(text: str, outer_start: int, outer_end: int, start: int, end: int) -> _Mark | None:
    inner = text[start:end]
    stripped = inner.rstrip(" ,\u00a0")
    lead = len(stripped) - len(stripped.lstrip())
    start, end = start + lead, start + len(stripped)
    if end <= start or not re.search(r"\w", text[start:end]):
        return None
    return _Mark(outer_start=outer_start, outer_end=outer_end, start=start, end=end)


def _continues(text: str, previous: _Mark, m: _Mark) -> bool:
    """The second half of a split quote: the first ends in a comma, this one starts in lower
    case, in the same paragraph ("“I would be delighted,” he said, “if she ran.”")."""
    return text[previous.end:previous.end + 1] == "," and text[m.start].islower() \
        and _same_paragraph(text, previous.end, m.start)


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


class _Unknown:
    """The parse has no verdict: the window rules decide."""


_UNKNOWN = _Unknown()


class _Parse:
    """Speakers from the dependency parse."""

    def __init__(self, doc, marks: list[_Mark], people: list[PersonSpan],
                 ctx: _People, speech: re.Pattern[str], role_nouns: set[str]):
        self.doc, self.marks, self.people, self.ctx = doc, marks, people, ctx
        self.speech, self.role_nouns = speech, role_nouns
        self.person_at = {i: p for p in people for i in range(p.tok_start, p.tok_end)}
        self.quote_of: dict[int, int] = {}
        self.tokens: dict[int, list] = {}
        breaks = [m.start() for m in re.finditer("\n", doc.text)]
        self.paragraph = [bisect.bisect_right(breaks, tok.idx) for tok in doc]
        outer = [(m.outer_start, m.outer_end) for m in marks]
        starts = [a for a, _ in outer]
        for tok in doc:
            k = bisect.bisect_right(starts, tok.idx) - 1
            if k >= 0 and tok.idx < outer[k][1]:
                self.quote_of[tok.i] = k
                self.tokens.setdefault(k, []).append(tok)

    def speaker(self, k: int) -> str | None | _Unknown:
        inside = self.tokens.get(k, [])
        if not inside:
            return _UNKNOWN
        self.here = self.paragraph[inside[0].i]
        for tok in inside:
            if tok.head.i == tok.i or self.quote_of.get(tok.head.i) == k:
                continue
            verdict = self._up(tok.head, tok.pos_ in ("VERB", "AUX"))
            if verdict is not _UNKNOWN:
                return verdict
        for tok in inside:  # the speech clause hangs on the quote ("I knew," Marchant said)
            source = self._source(tok)
            if source:
                return source
            for child in tok.children:
                if child.i not in self.quote_of and child.pos_ in ("VERB", "AUX") \
                        and self.paragraph[child.i] == self.here \
                        and self._speaks_through(child, tok.pos_ in ("VERB", "AUX")):
                    verdict = self._subject_of(child)
                    if verdict is not _UNKNOWN:
                        return verdict
        return _UNKNOWN

    def _speaks_through(self, verb, clause: bool) -> bool:
        """A speech verb, or any verb of which the quote is a clause ("We lost," X fumed); a
        phrase in marks on another verb is a name or a title ("sells an essay called "...")."""
        return clause or bool(self.speech.fullmatch(verb.text))

    def _up(self, tok, clause: bool) -> str | None | _Unknown:
        """The first verb up the heads that says who speaks; past a verb without a subject
        only when it hangs on another clause ("saying", "to say"), not when it heads one."""
        while self.paragraph[tok.i] == self.here:
            if tok.i not in self.quote_of and tok.pos_ in ("VERB", "AUX") \
                    and self._speaks_through(tok, clause):
                verdict = self._subject_of(tok)
                if verdict is not _UNKNOWN:
                    return verdict
                if tok.dep_ in _CLAUSE_HEADS and not self._has_subject(tok):
                    return _UNKNOWN
            if tok.head.i == tok.i:
                return _UNKNOWN
            tok = tok.head
        return _UNKNOWN

    def _source(self, tok) -> str | None:
        """The person of "according to X" or "in the words of X" hanging on tok."""
        for child in tok.children:
            if child.i not in self.quote_of and (child.lower_ == "according" or (
                    child.dep_ == "prep" and any(g.lower_ == "words" for g in child.children))):
                named = self._named_in(child)
                if named:
                    return named[0]
        return None

    def _has_subject(self, verb) -> bool:
        return any(c.dep_ in _SUBJECTS for c in verb.children)

    def _subject_of(self, verb) -> str | None | _Unknown:
        """The person who speaks through this verb: "according to X", else its subject; a
        subject that is no person settles it (None) for a speech verb only ("the agency said"),
        and passes it on to the verb above otherwise ("voters wanted" in "X shouted that ...")."""
        source = self._source(verb)
        if source:
            return source
        verdicts = [self.person(c, verb) for c in verb.children
                    if c.dep_ in _SUBJECTS and c.i not in self.quote_of
                    and self.paragraph[c.i] == self.paragraph[verb.i]]
        named = [v for v in verdicts if isinstance(v, str)]
        if named:  # of two subjects ("Malaysia's Prime Minister, Najib Razak said"), the person
            return named[0]
        if not verdicts:
            return _UNKNOWN
        if verdicts[0] is None and not self.speech.fullmatch(verb.text):
            return _UNKNOWN
        return verdicts[0]

    def person(self, tok, verb=None) -> str | None | _Unknown:
        """The person a subject token names, None when it names something else."""
        if tok.i in self.person_at:
            return self.person_at[tok.i].name
        for child in tok.children:
            if child.dep_ in _NAME_PARTS and child.i in self.person_at:
                return self.person_at[child.i].name
        lower = tok.lower_
        if tok.pos_ == "PROPN" and tok.text in self.ctx.by_surname:
            return self.ctx.by_surname[tok.text]  # a surname the people rules did not mark
        if lower in ("he", "she"):
            if verb is not None and verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
                matrix = self._subject_of(verb.head)  # "X said she was "thrilled""
                if isinstance(matrix, str) and self.ctx.genders.get(matrix, "") in (
                        "", "m" if lower == "he" else "f"):
                    return matrix
            return _antecedent(self.people, tok.idx, self.ctx, lower)
        if lower in ("who", "that") and verb is not None and verb.dep_ == "relcl":
            return self.person(verb.head)
        if tok.pos_ in ("PRON", "DET") and lower not in ("it", "this"):
            return _UNKNOWN  # "I", "we", "they": the window rules look around
        if tok.pos_ == "PROPN":  # a title the parse made the head: "Governor of X Chris Y"
            named = self._named_in(tok)
            if named:
                return named[0]
        elif tok.pos_ == "NOUN" and lower not in self.role_nouns:
            # what a named person issues speaks for them: "Cornyn's statement added"
            owners = [c for c in tok.children if c.dep_ == "poss" and c.i in self.person_at]
            if owners:
                return self.person_at[owners[0].i].name
        return None if tok.pos_ in ("NOUN", "PROPN", "PRON") else _UNKNOWN

    def _named_in(self, tok) -> list[str]:
        stack, names = [tok], []
        while stack:
            t = stack.pop()
            if t.i in self.person_at:
                names.append(self.person_at[t.i].name)
                continue
            stack.extend(c for c in t.children if c.dep_ not in _OWN_CLAUSE)
        return names

    def sentence_subject(self, start: int, end: int) -> str | None:
        """The person subject of the main verb of the text between two offsets."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for tok in span:
            if tok.dep_ in _SUBJECTS and tok.head.dep_ == "ROOT" and tok.i not in self.quote_of:
                verdict = self.person(tok, tok.head)
                return verdict if isinstance(verdict, str) else None
        return None


def _window_speaker(text: str, k: int, marks: list[_Mark], sentences: list[Span],
                    starts: list[int], people: list[PersonSpan], speech: re.Pattern[str],
                    ctx: _People) -> str | None:
    m = marks[k]
    stripped = text[m.start:m.end]
    after_end = _window_end(text, m.outer_end, sentences, starts,
                            marks[k + 1].outer_start if k + 1 < len(marks) else len(text))
    before_start = _window_start(text, m.outer_start, sentences, starts,
                                 marks[k - 1].outer_end if k else 0)
    after = _speaker(text, m.outer_end, after_end, people, speech, True, ctx)
    before = _speaker(text, before_start, m.outer_start, people, speech, False, ctx)
    # a quote that ends its own sentence inside a sentence ("called it "historic."") was
    # introduced before; one ending with a comma is attributed after
    return (before or after) if stripped.endswith((".", "!", "?")) else (after or before)


def _window_end(text, pos, sentences, starts, next_mark) -> int:
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    end = sentences[i].end if sentences and sentences[i].end > pos else pos + _WINDOW
    if i + 1 < len(sentences) and end <= pos + 2:
        end = sentences[i + 1].end
    line_end = text.find("\n", pos)
    return min(x for x in (end, next_mark, pos + _WINDOW,
                           line_end if line_end >= 0 else len(text)))


def _window_start(text, pos, sentences, starts, prev_mark) -> int:
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    start = sentences[i].start if sentences else 0
    return max(start, prev_mark, pos - _WINDOW, text.rfind("\n", 0, pos) + 1)


def _speaker(text: str, a: int, b: int, people: list[PersonSpan], speech: re.Pattern[str],
             after: bool, ctx: _People) -> str | None:
    window = text[a:b]
    verbs = list(speech.finditer(window))
    verb = (verbs[0] if after else verbs[-1]) if verbs else None
    colon = not after and window.rstrip().endswith(":")
    if verb is None and not colon:
        return None
    anchor = a + (verb.start() if verb else len(window))
    # (position, person or None for a pronoun): the one right before the verb is the speaker
    # ("Koch, who flew ..., said she"; "he told Isaacman"), else the one right after ("said X")
    candidates: list[tuple[int, int, PersonSpan | None, str]] = [
        (p.end, p.start, p, "") for p in people if a <= p.start and p.end <= b]
    candidates += [(a + m.end(), a + m.start(), None, m.group().lower())
                   for m in _PRONOUN.finditer(window)]
    before = [c for c in candidates if c[0] <= anchor]
    after_verb = [c for c in candidates if c[0] > anchor]
    if before:
        _, pos, person, pronoun = max(before, key=lambda c: c[0])
    elif after_verb:
        _, pos, person, pronoun = min(after_verb, key=lambda c: c[1])
    else:
        return None
    return person.name if person is not None else _antecedent(people, pos, ctx, pronoun)


def _introduced(text: str, pos: int, people: list[PersonSpan], speech: re.Pattern[str],
                ctx: _People) -> str | None:
    """A quote opening a paragraph after a line ending in a colon ("Isaacman said:")."""
    before = text[:pos].rstrip()
    if not before.endswith(":"):
        return None
    line_start = before.rfind("\n") + 1
    return _speaker(text, line_start, len(before), people, speech, False, ctx)


def _stands_alone(text: str, m: _Mark, sentences: list[Span], i: int) -> bool:
    """The quote is its sentence: nothing but marks and punctuation around it."""
    if not sentences:
        return False
    s = sentences[i]
    rest = text[s.start:m.outer_start] + text[m.outer_end:max(s.end, m.outer_end)]
    return not re.search(r"\w", rest)


def _previous_speaker(text: str, m: _Mark, sentences: list[Span], i: int,
                      quotes: list[QuoteMention], parse: _Parse) -> str | None:
    """A quote standing alone after a sentence of the same or the previous paragraph: the
    speaker of that sentence's quote, else the person it has as its subject."""
    if i == 0 or text[sentences[i - 1].end:m.outer_start].count("\n") > 2:
        return None
    prev = sentences[i - 1]
    said = [q for q in quotes if prev.start <= q.start < prev.end]
    if said:
        return said[-1].speaker
    return parse.sentence_subject(prev.start, prev.end)


@dataclass(frozen=True)
class _People:
    """What the article says of its people beyond their mentions: gender ("m" or "f", for those
    it genders one way only), the mentions that are the subject of a main clause, the people a
    lone surname stands for, and the names that swallowed the speech verb after them in Title
    Case copy ("Clinton Said" when the article names a Clinton), with the person they stand
    for."""

    genders: dict[str, str]
    main_subjects: frozenset[int]  # start offsets of mentions
    by_surname: dict[str, str]
    renamed: dict[str, str]  # "Clinton Said" (Title Case copy) -> "Hillary Clinton"

    @classmethod
    def of(cls, doc, people: list[PersonSpan], speech: re.Pattern[str]) -> _People:
        votes: dict[str, set[str]] = {}
        main: set[int] = set()
        for p in people:
            head = doc[p.tok_end - 1]
            words = [doc[p.tok_start - 1].lower_.rstrip(".")] if p.tok_start > 0 else []
            words += [t.lower_.rstrip(".") for t in doc[p.tok_start:p.tok_end]]
            up = head
            while up.dep_ == "appos" and up.head.i != up.i:  # "Her husband, the farmer X"
                up = up.head
                words.append(up.lower_)
            words += [c.lower_ for c in head.children if c.dep_ == "appos"]
            phrase = head
            while phrase.dep_ in _NAME_PARTS and phrase.head.i != phrase.i:
                phrase = phrase.head  # "Under Secretary ..., Paula Dobriansky, ..., says"
            if phrase.dep_ in _SUBJECTS:
                verb = phrase.head
                if verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
                    verb = verb.head  # "..., and Jonas Berg is buried"
                if verb.dep_ == "ROOT" or "\n" in doc.text[min(verb.idx, verb.head.idx):
                                                            max(verb.idx, verb.head.idx)]:
                    main.add(p.start)  # a main verb, or one the parse hung across paragraphs
            if head.dep_ in _SUBJECTS:
                # "Perrin embraced his wife": a possessive pronoun in the clause it leads
                words += [t.lower_ for c in head.head.children if c.dep_ in _OBJECTS
                          for t in c.subtree if t.dep_ == "poss"][:1]
            for w in words:
                if w in _MALE_NOUNS or w in ("his", "himself"):
                    votes.setdefault(p.name, set()).add("m")
                elif w in _FEMALE_NOUNS or w in ("her", "herself"):
                    votes.setdefault(p.name, set()).add("f")
        names = {p.name for p in people}
        surnames: dict[str, set[str]] = {}
        for name in names:
            surnames.setdefault(surname(name), set()).add(name)
        by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        renamed = {}
        for name in names:
            words = name.split()
            rest = " ".join(words[:-1])
            if len(words) > 1 and speech.fullmatch(words[-1]) and (rest in names
                                                                   or rest in by_surname):
                # only when the rest is one of the article's people: "Omar Said" stays
                renamed[name] = rest if rest in names else by_surname[rest]
        return cls(genders={n: next(iter(v)) for n, v in votes.items() if len(v) == 1},
                   main_subjects=frozenset(main), by_surname=by_surname, renamed=renamed)


def _antecedent(people: list[PersonSpan], pos: int, ctx: _People | None = None,
                pronoun: str = "") -> str | None:
    """The person a pronoun at pos stands for: the last one of a compatible gender that was
    the subject of a main clause, else of any clause, else mentioned, before it."""
    want = "m" if pronoun in _MALE else "f" if pronoun in _FEMALE else ""
    before = [p for p in people if p.end <= pos
              and not (want and ctx and ctx.genders.get(p.name, want) != want)]
    for pick in ([p for p in before if ctx and p.start in ctx.main_subjects],
                 [p for p in before if p.subject], before):
        if pick:
            return pick[-1].name
    return None
