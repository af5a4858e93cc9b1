"""The one way to build a briefing. The CLI, the TUI and the tests all come through here.

The steps are exposed separately so the dashboard can paint the sources before the (slow)
analysis and re-analyse only the files that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, Briefing, LoadWarning

if TYPE_CHECKING:
    from briefing.digest.state import DigestState
    from briefing.ingest.folder import Reading
    from briefing.nlp.child import Helper
    from briefing.store import Fingerprints, Store

Progress = Callable[[int, int, int], object]
# told (articles done, of total, words of the articles analysed in this run); what it
# returns is ignored
Cancelled = Callable[[], bool]


def open_store(config: Config, cache_dir: str | None = None, use_cache: bool = True,
               fingerprints: Fingerprints | None = None) -> Store | None:
    """The store for one run (one connection), or None when caching is off."""
    if not (use_cache and config.cache.enabled):
        return None
    from briefing.store import Store

    return Store.open(config, cache_dir, fingerprints)


@contextmanager
def _using(config: Config, cache_dir: str | None, use_cache: bool, store: Store | None
           ) -> Iterator[Store | None]:
    """`store` when the caller has one open; else one opened (and closed) for this step."""
    if store is not None:
        yield store
        return
    opened = open_store(config, cache_dir, use_cache)
    try:
        yield opened
    finally:
        if opened is not None:
            opened.close()


def read_sources(config: Config, *, cache_dir: str | None = None, use_cache: bool = True,
                 reading: Reading | None = None, store: Store | None = None
                 ) -> tuple[list[Article], list[LoadWarning]]:
    """Read and clean every file in the seeds folder, each on its own; files seen before
    come from the store. `reading` is told what has been read so far, now and then, while a
    big folder loads."""
    from briefing.ingest import load_folder

    with _using(config, cache_dir, use_cache, store) as opened:
        known = opened.sources if opened is not None and opened.enabled else None
        return load_folder(config.seeds, config, reading, known=known)


def across_sites(articles: Sequence[Article]) -> list[Article]:
    """The folder-level cleaning of articles read each on its own: the lines a site repeats
    on many of its pages go (ingest.site_furniture)."""
    from briefing.ingest.site_furniture import strip_site_furniture

    return strip_site_furniture(articles)


def load_sources(config: Config, *, cache_dir: str | None = None, use_cache: bool = True,
                 reading: Reading | None = None, store: Store | None = None
                 ) -> tuple[list[Article], list[LoadWarning]]:
    """Every article of the seeds folder, cleaned: `read_sources`, then `across_sites`."""
    articles, warnings = read_sources(config, cache_dir=cache_dir, use_cache=use_cache,
                                      reading=reading, store=store)
    return across_sites(articles), warnings


def analyse(articles: Sequence[Article], config: Config, *, cache_dir: str | None = None,
            use_cache: bool = True, progress: Progress | None = None,
            cancelled: Cancelled | None = None,
            meanwhile: Callable[[Mapping[str, ArticleAnalysis]], None] | None = None,
            store: Store | None = None, helping: Helper | None = None
            ) -> dict[str, ArticleAnalysis]:
    """Analyse articles, reusing stored analyses; spaCy is imported only for misses.
    The misses are handed to the helper of `build_briefing` (nlp.child), if it has one,
    before the stored analyses are decoded; `meanwhile` is given those while the misses
    are being made."""
    from briefing.nlp.child import Analysis

    with _using(config, cache_dir, use_cache, store) as opened:
        table = opened.analyses if opened is not None else None
        stored = table.fetch_many(articles) if table else {}
        running = Analysis([a for a in articles if a.id not in stored], config, helping)
        found = table.decode_many(articles, stored) if table else {}
        if meanwhile is not None:
            meanwhile(found)
        done = len(found)
        total = len(articles)
        analysed = 0  # the words analysed so far, for the last call

        def step(n: int, _: int, words: int) -> None:
            nonlocal analysed
            analysed = words
            if progress:
                progress(done + n, total, words)

        made = list(zip(running.articles, running.result(step, cancelled), strict=False))
        found.update((article.id, analysis) for article, analysis in made)
        # a stored entry that did not decode is made again
        missing = [article for article in articles if article.id not in found]
        if missing and not (cancelled and cancelled()):
            again = Analysis(missing, config).result(cancelled=cancelled)
            made += zip(missing, again, strict=False)
            found.update((article.id, analysis) for article, analysis in made)
        if table and made:
            table.put_many(made)
    if progress:
        progress(len(found), len(articles), analysed)
    return {article.id: found[article.id] for article in articles if article.id in found}


def assemble(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
             warnings: Sequence[LoadWarning], config: Config, *,
             cache_dir: str | None = None, use_cache: bool = False,
             state: DigestState | None = None, store: Store | None = None) -> Briefing:
    """People, missions, stories and the summary from analysed articles. `state` keeps what
    the assembly computes for the next one (digest.state). With a store, what earlier runs
    computed for unchanged articles and stories is taken from it."""
    from briefing.digest import assemble_briefing
    from briefing.digest.state import DigestState

    state = state if state is not None else DigestState()
    with _using(config, cache_dir, use_cache, store) as opened:
        if opened is None:
            return assemble_briefing(list(articles), analyses, list(warnings), config,
                                     state=state)
        opened.digests.seed(state, articles, analyses)
        briefing = assemble_briefing(list(articles), analyses, list(warnings), config,
                                     stored_stories=opened.digests, state=state)
        opened.digests.save(state, articles, analyses)
    return briefing


def build_briefing(config: Config, *, cache_dir: str | None = None, use_cache: bool = True,
                   progress: Progress | None = None) -> Briefing:
    """Folder in, briefing out, in one run over one store connection. When no article
    changed since the last build, the briefing comes from the store whole: no analysis and
    no assembly."""
    from briefing.nlp.child import helper

    with helper(config) as helping:
        store = open_store(config, cache_dir, use_cache)
        if store is None or store.analyses.empty:
            helping.start()  # everything is analysed: spaCy loads while the folder is read
        if store is None:
            articles, warnings = load_sources(config, use_cache=False)
            analyses = analyse(articles, config, use_cache=False, progress=progress,
                               helping=helping)
            return assemble(articles, analyses, warnings, config)
        with store:
            articles, warnings = load_sources(config, store=store)
            key = store.briefings.key_of(articles, warnings)
            briefing = store.briefings.get(key)
            if briefing is None:
                made: list[DigestState] = []

                def seed(known: Mapping[str, ArticleAnalysis]) -> None:
                    # the digest (numpy and all) is imported here, while the helper analyses
                    from briefing.digest.state import DigestState

                    made.append(DigestState())
                    store.digests.seed(made[0], articles, known)

                analyses = analyse(articles, config, progress=progress, store=store,
                                   meanwhile=seed, helping=helping)
                briefing = assemble(articles, analyses, warnings, config, state=made[0],
                                    store=store)
                store.briefings.put(key, briefing)
    return briefing


WARM_UP = Article(id="warm-up", path="warm-up", text=(
    "HOUSTON — NASA Administrator Jared Isaacman said on Monday that the Crew-12 astronauts "
    "were ready. \u201cWe are go for launch,\u201d said astronaut Jessica Meir."))


def prepare_analysis(config: Config) -> None:
    """Load the spaCy model now and run it once over a made-up article (its first run builds
    what the rules compile lazily), so that the next analysis does not wait."""
    from briefing.nlp import analyse_articles

    analyse_articles([WARM_UP], config)


def sources_only(articles: Sequence[Article], warnings: Sequence[LoadWarning]) -> Briefing:
    """A briefing with just the sources, for the first paint before analysis is done."""
    return Briefing(sources=list(articles), warnings=list(warnings), analysed=False)
