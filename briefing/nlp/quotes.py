"""Direct quotes and who said them.

A quote is the text between quotation marks (straight or curly), within a paragraph, without
the trailing comma. The speaker is the person next to a speech verb after the quote (quote then
speaker) or before it in its sentence (speaker then quote), else after a colon on the line
before, else the speaker of the quote just before in the same paragraph (split quotes).
A pronoun ("he said") is the last named person who was the subject of a sentence before it.
"""

from __future__ import annotations

import bisect
import re

from briefing.config import Config
from briefing.model import QuoteMention, Span
from briefing.nlp.people import PersonSpan

_QUOTE = re.compile(r"“([^“”\n]+)(?:”|(?=\n|$))|\"([^\"\n]+)\"")
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_WINDOW = 160


def find_quotes(text: str, sentences: list[Span], people: list[PersonSpan],
                config: Config) -> list[QuoteMention]:
    speech = re.compile(r"\b(?:" + "|".join(map(re.escape, config.nlp.speech_verbs)) + r")\b",
                        re.I) if config.nlp.speech_verbs else re.compile("(?!)")
    starts = [s.start for s in sentences]
    marks = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    quotes: list[QuoteMention] = []
    for k, m in enumerate(_QUOTE.finditer(text)):
        group = 1 if m.group(1) is not None else 2
        start, end = m.span(group)
        inner = text[start:end]
        stripped = inner.rstrip(" ,\u00a0")
        lead = len(inner) - len(inner.lstrip())
        start, end = start + lead, start + len(stripped)
        if end <= start or not re.search(r"\w", text[start:end]):
            continue
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        after_end = _window_end(text, m.end(), sentences, starts, marks[k + 1][0]
                                if k + 1 < len(marks) else len(text))
        before_start = _window_start(text, m.start(), sentences, starts,
                                     marks[k - 1][1] if k else 0)
        after = _speaker(text, m.end(), after_end, people, speech, True)
        before = _speaker(text, before_start, m.start(), people, speech, False)
        # a quote that ends its own sentence inside a sentence ("called it "historic."") was
        # introduced before; one ending with a comma is attributed after
        speaker = (before or after) if stripped.endswith((".", "!", "?")) else (after or before)
        if speaker is None and not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():
            speaker = _introduced(text, m.start(), people, speech)
        if speaker is None and quotes and _same_paragraph(text, quotes[-1].end, start) \
                and all(p.name == quotes[-1].speaker for p in people
                        if quotes[-1].end < p.start < start):
            speaker = quotes[-1].speaker
        if text[start:end] == stripped.lstrip():
            quotes.append(QuoteMention(text=text[start:end], speaker=speaker, start=start,
                                       end=end, sentence=sentence))
    return quotes


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


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
             after: bool) -> str | None:
    window = text[a:b]
    verbs = list(speech.finditer(window))
    verb = (verbs[0] if after else verbs[-1]) if verbs else None
    colon = not after and window.rstrip().endswith(":")
    if verb is None and not colon:
        return None
    anchor = a + (verb.start() if verb else len(window))
    # (position, person or None for a pronoun): the one right before the verb is the speaker
    # ("Koch, who flew ..., said she"; "he told Isaacman"), else the one right after ("said X")
    candidates = [(p.end, p.start, p) for p in people if a <= p.start and p.end <= b]
    candidates += [(a + m.end(), a + m.start(), None) for m in _PRONOUN.finditer(window)]
    before = [c for c in candidates if c[0] <= anchor]
    after_verb = [c for c in candidates if c[0] > anchor]
    if before:
        _, pos, person = max(before, key=lambda c: c[0])
    elif after_verb:
        _, pos, person = min(after_verb, key=lambda c: c[1])
    else:
        return None
    return person.name if person is not None else _antecedent(people, pos)


def _introduced(text: str, pos: int, people: list[PersonSpan],
                speech: re.Pattern[str]) -> str | None:
    """A quote opening a paragraph after a line ending in a colon ("Isaacman said:")."""
    before = text[:pos].rstrip()
    if not before.endswith(":"):
        return None
    line_start = before.rfind("\n") + 1
    return _speaker(text, line_start, len(before), people, speech, False)


def _antecedent(people: list[PersonSpan], pos: int) -> str | None:
    before = [p for p in people if p.end <= pos]
    subjects = [p for p in before if p.subject]
    if subjects:
        return subjects[-1].name
    return before[-1].name if before else None
