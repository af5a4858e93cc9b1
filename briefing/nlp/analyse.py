"""Entry point of the NLP layer: articles in, one ArticleAnalysis per article out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, EntityMention, Span
from briefing.nlp.crews import find_crew
from briefing.nlp.dates import find_dates
from briefing.nlp.language import VEHICLE, load_nlp
from briefing.nlp.missions import find_missions
from briefing.nlp.organizations import find_organizations, find_places
from briefing.nlp.people import find_people, find_storms
from briefing.nlp.quotes import find_quotes
from briefing.nlp.roles import find_roles


def analyse_articles(articles: Sequence[Article], config: Config,
                     progress: Callable[[int, int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[ArticleAnalysis]:
    """One analysis per article, in order, in this process; stops early (returning what is
    done) on cancel; `progress` is told the articles done, of all, and their words.
    `nlp.analyse_articles` shares many articles with worker processes."""
    results: list[ArticleAnalysis] = []
    words = 0
    if not articles or (cancelled and cancelled()):
        return results
    nlp = load_nlp(config)
    docs = nlp.pipe((a.text for a in articles), batch_size=config.nlp.batch_size)
    for article, doc in zip(articles, docs, strict=False):
        results.append(analyse_doc(article, doc, config))
        if progress:
            words += article.words
            progress(len(results), len(articles), words)
        if cancelled and cancelled():
            break
    return results


def sentence_spans(doc, text: str) -> list[Span]:
    """spaCy's sentences, also cut at line breaks, trimmed of surrounding white space."""
    spans: list[Span] = []
    for sent in doc.sents:
        base = sent.start_char
        for m in re.finditer(r"[^\n]+", text[sent.start_char:sent.end_char]):
            chunk = m.group()
            stripped = chunk.strip()
            if not stripped:
                continue
            start = base + m.start() + (len(chunk) - len(chunk.lstrip()))
            if spans and _unfinished(text, spans[-1], start):
                spans[-1] = Span(start=spans[-1].start, end=start + len(stripped))
            else:
                spans.append(Span(start=start, end=start + len(stripped)))
    return spans


def _unfinished(text: str, previous: Span, start: int) -> bool:
    """A sentence cut inside a line without closing punctuation ("my counterpart [")."""
    return "\n" not in text[previous.end:start] and not re.search(
        r"[.!?:;\"”’')\]]$", text[previous.start:previous.end])


def analyse_doc(article: Article, doc, config: Config) -> ArticleAnalysis:
    text = article.text
    sentences = sentence_spans(doc, text)
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    people = find_people(doc, text, config, article.author)
    missions, mission_aliases = find_missions(doc, text)
    mission_at = {i: m.name for m in missions for i in range(m.tok_start, m.tok_end)}
    roles, role_crew = find_roles(doc, text, people, mission_at, config)
    vehicles = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == VEHICLE]
    crew = find_crew(doc, text, sentences, people, missions, vehicles, roles, config)
    crew += [c for c in role_crew if c not in crew]
    person_tokens = {i for p in people for i in range(p.tok_start, p.tok_end)}
    organizations, org_aliases = find_organizations(doc, text, person_tokens, config)
    places = find_places(doc, person_tokens)

    mentions = [EntityMention(name=p.name, text=p.text, label="PERSON", start=p.start, end=p.end,
                              sentence=sentence_of(p.start)) for p in people]
    mentions += [EntityMention(name=m.name, text=m.text, label="MISSION", start=m.start,
                               end=m.end, sentence=sentence_of(m.start)) for m in missions]
    mentions += [EntityMention(name=name, text=surface, label=label, start=start, end=end,
                               sentence=sentence_of(start))
                 for label, found in (("ORG", organizations), ("PLACE", places),
                                      ("STORM", find_storms(doc, config)))
                 for name, surface, start, end in found]
    mentions.sort(key=lambda m: m.start)

    aliases: dict[str, list[str]] = {}
    for m in mentions:
        if m.label == "STORM":
            continue
        if m.text != m.name and m.text not in aliases.setdefault(m.name, []):
            aliases[m.name].append(m.text)
    for source in (mission_aliases, org_aliases):
        for name, forms in source.items():
            aliases.setdefault(name, [])
            aliases[name] += [f for f in forms if f not in aliases[name] and f != name]
    return ArticleAnalysis(
        source_id=article.id, content_hash=article.content_hash, sentences=sentences,
        mentions=mentions, roles=roles, crew=crew, dates=find_dates(doc, article.date),
        quotes=find_quotes(doc, text, sentences, people, config),
        aliases={k: v for k, v in aliases.items() if v})
