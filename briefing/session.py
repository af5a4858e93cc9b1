"""A live briefing: the folder's articles, their analyses and the digest's memos kept between
reloads, so a changed file re-reads and re-analyses only that file. The dashboard holds one
and turns its callbacks into messages; plain Python (no Textual), called from worker threads.

A reload is four steps: read (what changed in the folder), analyse (only new or changed
articles), assemble (everything, with the session's DigestState), commit (under the lock, unless
cancelled). Reads and analyses run with the cyclic collector paused (briefing.collector).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import collector, pipeline
from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, Briefing, LoadWarning
from briefing.pipeline import Cancelled, Progress

if TYPE_CHECKING:
    from briefing.digest.state import DigestState
    from briefing.store import Fingerprints, Store


@contextmanager
def _closing(store: Store | None) -> Iterator[Store | None]:
    try:
        yield store
    finally:
        if store is not None:
            store.close()


def is_watched(path: str | Path, folder: Path, config: Config) -> bool:
    """False for what the ingest skips too: hidden and editors' temp files, the ignore globs,
    unknown extensions, and anything outside the folder. A folder, or a name without an
    extension that is no longer there, may be a folder moved in or out (its files send no
    events of their own), so it is watched."""
    from briefing.ingest.scan import ignored

    try:
        rel = Path(path).relative_to(folder)
    except ValueError:
        return False
    if not rel.suffix and not Path(path).is_file():
        return not any(part.startswith(".") for part in rel.parts)
    return not ignored(rel.as_posix(), config)


def _is_folder(path: Path, folder: Path, articles: Mapping[str, Article],
               warnings: list[LoadWarning]) -> bool:
    """A folder now, or one that held articles or skipped files before it moved away."""
    if path.is_dir():
        return True
    try:
        prefix = path.relative_to(folder).as_posix() + "/"
    except ValueError:
        return False
    return any(p.startswith(prefix) for p in [*(a.path for a in articles.values()),
                                               *(w.path for w in warnings)])


def _order(article: Article) -> tuple[str, int]:
    _, _, entry = article.id.partition("#")
    return article.path, int(entry) if entry.isdigit() else 0


@dataclass(frozen=True)
class Reloaded:
    """What one reload produced: the new briefing and a one-line account of the changes."""

    briefing: Briefing
    note: str


@dataclass(frozen=True)
class _Sources:
    """The articles and warnings one reload works on."""

    articles: dict[str, Article]
    warnings: list[LoadWarning]


class Session:
    """Holds article id -> (content hash, analysis) and the digest's memos; thread-safe
    commits."""

    def __init__(self, config: Config, cache_dir: str | None = None, use_cache: bool = True):
        self.config = config
        # the analysis forks its worker processes; forking a process that runs Textual's threads
        # can deadlock, so a session analyses in its own worker thread, one process.
        self.analysis_config = dataclasses.replace(
            config, nlp=dataclasses.replace(config.nlp, processes=1))
        self.folder = config.seeds.resolve()
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self._digest: DigestState | None = None  # made with the first assembly
        self._fingerprints: Fingerprints | None = None
        self._lock = threading.Lock()
        self.articles: dict[str, Article] = {}
        self._read_alone: dict[str, Article] = {}  # each file's articles before across_sites
        self.warnings: list[LoadWarning] = []
        self.analyses: dict[str, tuple[str, ArticleAnalysis]] = {}
        self.briefing = Briefing(analysed=False)

    def prepare(self) -> None:
        """Load the spaCy model ahead of the first change to the folder."""
        pipeline.prepare_analysis(self.analysis_config)

    def _store(self) -> Store | None:
        """The store for one load or reload (one connection), with the session's
        fingerprints (made once: they read the code)."""
        store = pipeline.open_store(self.config, self.cache_dir, self.use_cache,
                                    self._fingerprints)
        if store is not None:
            self._fingerprints = store.fingerprints
        return store

    def digest(self) -> DigestState:
        """What the session's assemblies keep for the next one; made when first asked for, so
        the first paint does not wait for the digest's imports (numpy), and made again when
        its vocabulary has outgrown the folder (DigestState.outgrown)."""
        if self._digest is None or self._digest.outgrown():
            from briefing.digest.state import DigestState

            self._digest = DigestState()
        return self._digest

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        entry = self.analyses.get(article_id)
        return entry[1] if entry else None

    def load(self, reading: Callable[[Briefing], object] | None = None) -> Briefing:
        """Read every source (no spaCy): the first paint. A big folder read for the first time
        takes a while: `reading` gets the sources read so far every quarter of a second."""

        def so_far(articles: list[Article], warnings: list[LoadWarning]) -> None:
            if reading is not None:
                reading(pipeline.sources_only(sorted(articles, key=_order), warnings))

        with collector.paused(), _closing(self._store()) as store:
            read, warnings = pipeline.read_sources(self.config, use_cache=False,
                                                   reading=so_far, store=store)
        briefing = pipeline.sources_only(sorted(pipeline.across_sites(read), key=_order),
                                         warnings)
        with self._lock:
            self._read_alone = {a.id: a for a in read}
            self.articles = {a.id: a for a in briefing.sources}
            self.warnings = list(warnings)
            self.briefing = briefing
        return briefing

    def refresh(self, paths: set[Path] | None, progress: Progress | None = None,
                cancelled: Cancelled | None = None,
                read: Callable[[Briefing], object] | None = None) -> Reloaded | None:
        """Re-read `paths` (None: the whole folder), analyse only new or changed articles,
        assemble everything. None when cancelled (nothing is committed then). When files
        brought new or changed articles and took none away, `read` gets the last briefing
        with the sources as now read before the analysis starts: a file that landed is
        listed at once."""
        stop = cancelled if cancelled is not None else (lambda: False)
        with self._lock:
            before = self.briefing
            known = dict(self.analyses)
            held = _Sources(dict(self._read_alone), list(self.warnings))
        with _closing(self._store()) as store:
            return self._reload(paths, held, before, known, store, stop, progress, read)

    def _reload(self, paths: set[Path] | None, held: _Sources, before: Briefing,
                known: dict[str, tuple[str, ArticleAnalysis]], store: Store | None,
                stop: Cancelled, progress: Progress | None,
                read: Callable[[Briefing], object] | None) -> Reloaded | None:
        sources = self._read(paths, held, stop, store)
        if sources is None:
            return None
        ordered = sorted(pipeline.across_sites(list(sources.articles.values())), key=_order)
        todo = [a for a in ordered if a.id not in known or known[a.id][0] != a.content_hash]
        if (read is not None and todo and before.analysed
                and all(a.id in sources.articles for a in before.sources)):
            read(dataclasses.replace(before, sources=ordered, warnings=sources.warnings))
        fresh = self._analyse(todo, progress, stop, store)
        if stop():
            return None
        analyses = {a.id: (a.content_hash, fresh[a.id]) if a.id in fresh else known[a.id]
                    for a in ordered if a.id in fresh or a.id in known}
        briefing = pipeline.assemble(ordered, {k: v[1] for k, v in analyses.items()},
                                     sources.warnings, self.config, state=self.digest(),
                                     store=store)
        if not self._commit(sources, ordered, analyses, briefing, stop):
            return None
        return Reloaded(briefing, describe_changes(before, briefing) if before.analysed else "")

    def _read(self, paths: set[Path] | None, sources: _Sources, stop: Cancelled,
              store: Store | None) -> _Sources | None:
        """The sources after re-reading `paths`; the whole folder when `paths` is None or
        names a folder. None when cancelled."""
        if paths is not None and any(_is_folder(p, self.folder, sources.articles,
                                                sources.warnings) for p in paths):
            paths = None
        with collector.paused():
            if paths is None:
                loaded, warnings = pipeline.read_sources(self.config, use_cache=False,
                                                         store=store)
                return _Sources({a.id: a for a in loaded}, warnings)
            for path in sorted(paths):
                if stop():
                    return None
                sources = self._reload_file(path, sources)
        return sources

    def _reload_file(self, path: Path, sources: _Sources) -> _Sources:
        from briefing.ingest.folder import relative_id

        if not path.is_relative_to(self.folder):
            return sources
        rel = relative_id(path, self.folder)
        articles = {k: a for k, a in sources.articles.items() if a.path != rel}
        warnings = [w for w in sources.warnings
                    if w.path != rel and not w.path.startswith(rel + "#")]
        if not path.is_file():
            return _Sources(articles, warnings)
        from briefing.ingest import load_file

        try:
            found, problems = load_file(path, self.folder, self.config)
        except (OSError, UnicodeError, ValueError) as exc:
            return _Sources(articles, [*warnings, LoadWarning(rel, f"could not read: {exc}")])
        articles.update({a.id: a for a in found})
        return _Sources(articles, [*warnings, *problems])

    def _analyse(self, todo: list[Article], progress: Progress | None, stop: Cancelled,
                 store: Store | None) -> dict[str, ArticleAnalysis]:
        if not todo:
            return {}
        with collector.paused():
            return pipeline.analyse(todo, self.analysis_config, use_cache=False,
                                    progress=progress, cancelled=stop, store=store)

    def _commit(self, sources: _Sources, ordered: list[Article],
                analyses: dict[str, tuple[str, ArticleAnalysis]], briefing: Briefing,
                stop: Cancelled) -> bool:
        with self._lock:
            if stop():
                return False
            self._read_alone = sources.articles
            self.articles = {a.id: a for a in ordered}
            self.warnings = sources.warnings
            self.analyses = analyses
            self.briefing = briefing
        return True


def _names(one: str, many: str, items: list[str]) -> str:
    noun = one if len(items) == 1 else many
    shown = ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
    return f"{len(items)} {noun}: {shown}"


def describe_changes(before: Briefing, after: Briefing) -> str:
    """'1 new source: …; 2 new people: …' — what a reload changed, or '' when nothing did."""
    old_src = {a.id: a for a in before.sources}
    new_src = {a.id: a for a in after.sources}
    parts = []
    added = [new_src[i].title or i for i in new_src if i not in old_src]
    changed = [new_src[i].title or i for i in new_src
               if i in old_src and old_src[i].content_hash != new_src[i].content_hash]
    removed = [old_src[i].title or i for i in old_src if i not in new_src]
    old_people = {p.name for p in before.people}
    new_people = {p.name for p in after.people}
    old_missions = {m.name for m in before.missions}
    new_missions = {m.name for m in after.missions}
    for one, many, items in (
        ("new source", "new sources", added),
        ("source updated", "sources updated", changed),
        ("source removed", "sources removed", removed),
        ("new person", "new people",
         [p.name for p in after.people if p.name not in old_people]),
        ("person gone", "people gone",
         [p.name for p in before.people if p.name not in new_people]),
        ("new mission", "new missions",
         [m.name for m in after.missions if m.name not in old_missions]),
        ("mission gone", "missions gone",
         [m.name for m in before.missions if m.name not in new_missions]),
    ):
        if items:
            parts.append(_names(one, many, items))
    return "; ".join(parts)
