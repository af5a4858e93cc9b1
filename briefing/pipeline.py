"""The one way to build a briefing. The CLI, the TUI and the tests all come through here.

The steps are exposed separately so the dashboard can paint the sources before the (slow)
analysis and re-analyse only the files that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, Briefing, LoadWarning

if TYPE_CHECKING:
    from briefing.digest.state import DigestState
    from briefing.ingest.folder import Reading

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def load_sources(config: Config, *, cache_dir: str | None = None, use_cache: bool = True,
                 reading: Reading | None = None) -> tuple[list[Article], list[LoadWarning]]:
    """Read and clean every article in the seeds folder; files seen before come from the
    cache. `reading` is told what has been read so far, now and then, while a big folder
    loads."""
    from briefing.ingest import load_folder

    if not (use_cache and config.cache.enabled):
        return load_folder(config.seeds, config, reading)
    from briefing.cache import SourceCache

    with SourceCache.open(config, cache_dir) as cache:
        return load_folder(config.seeds, config, reading, known=cache if cache.enabled else None)


def analyse(articles: Sequence[Article], config: Config, *, cache_dir: str | None = None,
            use_cache: bool = True, progress: Progress | None = None,
            cancelled: Cancelled | None = None,
            meanwhile: Callable[[Mapping[str, ArticleAnalysis]], None] | None = None
            ) -> dict[str, ArticleAnalysis]:
    """Analyse articles, reusing cached analyses; spaCy is imported only for cache misses.
    `meanwhile` is given the cached analyses while the missing ones are made: when they are
    few and spaCy is not loaded yet, a child process makes them (nlp.aside) and loads spaCy
    on the other core as `meanwhile` runs."""
    from briefing.cache import AnalysisCache

    cache = AnalysisCache.open(config, cache_dir) if use_cache and config.cache.enabled else None
    try:
        stored = cache.fetch_many(articles) if cache else {}
        aside = None
        if meanwhile is not None:
            from briefing.nlp.aside import analyse_aside

            aside = analyse_aside([a for a in articles if a.id not in stored], config)
        found = cache.decode_many(articles, stored) if cache else {}
        if meanwhile is not None:
            meanwhile(found)
        fresh = []
        if aside is not None:
            fresh += zip(aside.articles, aside.result(), strict=True)
            found.update((article.id, analysis) for article, analysis in fresh)
        missing = [article for article in articles if article.id not in found]
        if missing:
            from briefing.nlp import analyse_articles

            done = len(found)
            total = len(articles)

            def step(n: int, _: int) -> None:
                if progress:
                    progress(done + n, total)

            made = list(zip(missing, analyse_articles(missing, config, progress=step,
                                                      cancelled=cancelled), strict=False))
            found.update((article.id, analysis) for article, analysis in made)
            fresh += made
        if cache and fresh:
            cache.put_many(fresh)
    finally:
        if cache:
            cache.close()
    if progress:
        progress(len(found), len(articles))
    return {article.id: found[article.id] for article in articles if article.id in found}


def assemble(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
             warnings: Sequence[LoadWarning], config: Config, *,
             cache_dir: str | None = None, use_cache: bool = False,
             state: DigestState | None = None) -> Briefing:
    """People, missions, stories and the summary from analysed articles. `state` keeps what
    the assembly computes for the next one (digest.state). With the cache, what earlier runs
    computed for unchanged articles and stories is taken from it."""
    from briefing.digest import assemble_briefing
    from briefing.digest.state import DigestState

    state = state if state is not None else DigestState()
    if not (use_cache and config.cache.enabled):
        return assemble_briefing(list(articles), analyses, list(warnings), config, state=state)
    from briefing.cache import DigestCache

    with DigestCache.open(config, cache_dir) as digests:
        digests.recall(state, articles, analyses)
        briefing = assemble_briefing(list(articles), analyses, list(warnings), config,
                                     book=digests, state=state)
        digests.remember(state, articles, analyses)
    return briefing


def build_briefing(config: Config, *, cache_dir: str | None = None, use_cache: bool = True,
                   progress: Progress | None = None) -> Briefing:
    """Folder in, briefing out. When no article changed since the last build, the briefing
    comes from the cache whole: no analysis and no assembly."""
    articles, warnings = load_sources(config, cache_dir=cache_dir, use_cache=use_cache)
    if not (use_cache and config.cache.enabled):
        analyses = analyse(articles, config, use_cache=False, progress=progress)
        return assemble(articles, analyses, warnings, config)
    from briefing.cache import BriefingCache
    from briefing.digest.state import DigestState

    with BriefingCache.open(config, cache_dir) as cache:
        key = cache.key(articles, warnings)
        briefing = cache.get(key)
        if briefing is None:
            state = DigestState()
            analyses = analyse(articles, config, cache_dir=cache_dir, progress=progress,
                               meanwhile=lambda known: _recall_digests(
                                   state, articles, known, config, cache_dir))
            briefing = assemble(articles, analyses, warnings, config, cache_dir=cache_dir,
                                use_cache=True, state=state)
            cache.put(key, briefing)
    return briefing


def _recall_digests(state: DigestState, articles: Sequence[Article],
                    analyses: Mapping[str, ArticleAnalysis], config: Config,
                    cache_dir: str | None) -> None:
    """Seed `state` with the digest records of the analysed articles from the cache now, so
    that the assembly that follows computes only what changed."""
    from briefing.cache import DigestCache

    with DigestCache.open(config, cache_dir) as digests:
        digests.recall(state, articles, analyses)


WARM_UP = Article(id="warm-up", path="warm-up", text=(
    "HOUSTON — NASA Administrator Jared Isaacman said on Monday that the Crew-12 astronauts "
    "were ready. \u201cWe are go for launch,\u201d said astronaut Jessica Meir."))


def prepare_analysis(config: Config) -> None:
    """Load the spaCy model now and run it once over a made-up article (its first run builds
    what the rules compile lazily: 0.1 to 0.3 s), so that the next analysis does not wait."""
    from briefing.nlp import analyse_articles

    analyse_articles([WARM_UP], config)


def sources_only(articles: Sequence[Article], warnings: Sequence[LoadWarning]) -> Briefing:
    """A briefing with just the sources, for the first paint before analysis is done."""
    return Briefing(sources=list(articles), warnings=list(warnings), analysed=False)
