"""Per-article analyses, keyed by what the NLP reads of an article (Article.digest) and the
analysis fingerprint."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from briefing.collector import paused
from briefing.model import Article, ArticleAnalysis
from briefing.store.codec import decode_analysis, encode_analysis
from briefing.store.table import Table


class AnalysisTable(Table):
    name = "analyses"

    @property
    def empty(self) -> bool:
        """Whether no analysis is stored (of any fingerprint): a new cache."""
        return self.db.empty(self.name)

    def key_of(self, article: Article) -> bytes:
        return self.key(article.digest)

    def get_many(self, articles: Sequence[Article]) -> dict[str, ArticleAnalysis]:
        """Stored analyses by article id, for the articles that have one."""
        return self.decode_many(articles, self.fetch_many(articles))

    def fetch_many(self, articles: Sequence[Article]) -> dict[str, str | bytes]:
        """The stored (still encoded) analyses by article id, for the articles that have one:
        what is missing is known before the decoding (decode_many)."""
        keys = {article.id: self.key_of(article) for article in articles}
        blobs = self.fetch(list(dict.fromkeys(keys.values())))
        return {source: blobs[key] for source, key in keys.items() if key in blobs}

    def decode_many(self, articles: Sequence[Article], blobs: Mapping[str, str | bytes]
                    ) -> dict[str, ArticleAnalysis]:
        """The analyses of fetch_many's blobs; one that does not decode is left out."""
        found = {}
        with paused():
            for article in articles:
                blob = blobs.get(article.id)
                if blob is None:
                    continue
                try:
                    found[article.id] = decode_analysis(blob, article.id, article.content_hash)
                except ValueError:
                    continue
        return found

    def put_many(self, pairs: Iterable[tuple[Article, ArticleAnalysis]]) -> None:
        self.store([(self.key_of(article), encode_analysis(analysis))
                    for article, analysis in pairs])
