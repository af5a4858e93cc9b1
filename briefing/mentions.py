"""Every mention of a person or mission, sentence by sentence, from the articles' analyses:
what the dashboard's Details pane lists (the briefing keeps one context per source)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from briefing.model import Article, ArticleAnalysis, Mission, Person


@dataclass(frozen=True)
class MentionLine:
    source: str
    sentence: str
    mentions: int  # how many times the sentence names the person or mission


def every_mention(item: Person | Mission, articles: Mapping[str, Article],
                  analysis: Callable[[str], ArticleAnalysis | None]) -> list[MentionLine]:
    """Each sentence naming `item` (by its name or one of its aliases), source by source in
    the item's order, sentences in text order."""
    label = "PERSON" if isinstance(item, Person) else "MISSION"
    names = {item.name, *item.aliases}
    lines: list[MentionLine] = []
    for source in item.sources:
        article, analysed = articles.get(source), analysis(source)
        if article is None or analysed is None:
            continue
        counts: dict[int, int] = {}
        for mention in analysed.mentions:
            if mention.label == label and (mention.name in names or mention.text in names):
                counts[mention.sentence] = counts.get(mention.sentence, 0) + 1
        for index in sorted(counts):
            if 0 <= index < len(analysed.sentences):
                span = analysed.sentences[index]
                sentence = " ".join(article.text[span.start:span.end].split())
                lines.append(MentionLine(source, sentence, counts[index]))
    return lines
