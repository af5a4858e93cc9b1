"""Every policy about analysing in other processes.

Worker processes are forked from this one (`Workers`). A worker loads the model (at once
when this process had it before the fork), is handed the batches of `nlp.batch_size`
articles to analyse, and takes the next one nobody has taken from a shared counter until
none is left, running spaCy *and* the rules on it; it sends back only the analyses (small),
never spaCy's Docs. The batches are those one process makes, so the analyses are the same.
A batch a worker did not deliver (it died, or failed) is analysed here.

- `print` (`pipeline.build_briefing`) may fork one worker, the helper (`Helper`), when the
  model is not loaded here: it imports spaCy and loads the model on the other core while
  this process goes on. It is forked before the folder is read when everything is to be
  analysed (no store, or an empty one), and else when the analysis finds a few articles to
  make (fewer than `nlp.parallel_min_articles`), before the stored analyses are decoded and
  the digest seeded. It is handed every article to analyse; for many, it forks workers of
  its own once its model is loaded (`nlp.processes` in all, two with 0), which share the
  model's pages; this process only gathers. The helper leads a process group, so that
  ending it ends its workers too.
- Elsewhere, from `nlp.parallel_min_articles` articles on, the model is loaded here, then
  `nlp.processes` - 1 workers (one, with 0) are forked: they share its pages.

Never with other threads running (a lock one of them holds would stay locked in the child:
the dashboard analyses in one process), nor where the system cannot fork.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from briefing import collector
from briefing.config import Config
from briefing.model import Article, ArticleAnalysis
from briefing.nlp.language import load_nlp, model_loaded

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue
    from multiprocessing.sharedctypes import Synchronized

Batch = list[Article]
ORPHAN_CHECK_S = 0.5  # how often a worker looks whether the process that forked it is gone
Progress = Callable[[int, int, int], None]  # articles done, of all, their words
Cancelled = Callable[[], bool]


def analyse_here(articles: Sequence[Article], config: Config,
                 progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> list[ArticleAnalysis]:
    """`nlp.analyse.analyse_articles`, in this process (the rules are imported only when an
    analysis runs: not on a start that finds everything stored)."""
    from briefing.nlp.analyse import analyse_articles as analyse_in_process

    return analyse_in_process(articles, config, progress, cancelled)


def process_count(config: Config, articles: int) -> int:
    """How many processes analyse `articles` articles: `nlp.processes`, or with 0 two
    from `nlp.parallel_min_articles` articles on where there are two cores."""
    if config.nlp.processes:
        return config.nlp.processes
    return 2 if articles >= config.nlp.parallel_min_articles and (os.cpu_count() or 1) > 1 else 1


def _can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


class Workers:
    """Worker processes forked from this one, for one set of batches (see the module)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._context = multiprocessing.get_context("fork")
        self.taken: Synchronized[int] = self._context.Value("i", 0)
        self.results: Queue[tuple[int, list[ArticleAnalysis]]] = self._context.Queue()
        self.processes: list[BaseProcess] = []
        self._waiting: list[Connection] = []  # pipes of workers forked before the batches
        self.batches: list[Batch] | None = None

    def fork(self, count: int) -> None:
        # the heap is frozen: the workers' collectors do not walk (and so copy) its pages
        collector.before_fork()
        # what this process has buffered must not be written again by a worker
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                continue  # closed or broken: nothing of it to write twice
        for _ in range(count):
            receive, send = self._context.Pipe(duplex=False)
            process = self._context.Process(target=_work, daemon=True, args=(
                self.config, receive, self.taken, self.results))
            try:
                process.start()
            except OSError:  # no fork now (memory, process limits): analysed here instead
                receive.close()
                send.close()
                break
            if process.pid is not None:  # it and the workers it forks end together (close)
                _own_group(process.pid)
            receive.close()
            self.processes.append(process)
            self._waiting.append(send)
        if self.batches is not None:
            self.hand(self.batches)

    def hand(self, batches: list[Batch], spawn: int = 0) -> None:
        """Give the workers the batches (they take them from the shared counter); a worker
        forked before gets them with `spawn`, how many more workers it forks of itself
        once it has loaded the model (they share its pages)."""
        self.batches = batches
        for pipe in self._waiting:
            try:
                pipe.send((batches, spawn))
            except OSError:
                continue  # a worker that has ended: its batches are analysed here
            finally:
                pipe.close()
        self._waiting = []

    def take(self) -> int | None:
        """The next batch nobody has taken, or None."""
        assert self.batches is not None
        return _take(self.taken, len(self.batches))

    def receive(self, done: dict[int, list[ArticleAnalysis]], block: bool) -> bool:
        """Keep in `done` what the workers have sent. Blocking: wait for one result; False
        when every worker has ended and nothing is left to read (a worker's results are
        all written before it ends)."""
        while True:
            try:
                i, made = self.results.get(timeout=0.1) if block else self.results.get_nowait()
            except queue.Empty:
                if not block:
                    return True
                if any(process.is_alive() for process in self.processes):
                    continue
                try:
                    i, made = self.results.get_nowait()
                except queue.Empty:
                    return False
            done[i] = made
            if block:
                return True

    def close(self) -> None:
        """End every worker (done or not) and free what they used; once is enough."""
        for pipe in self._waiting:
            pipe.close()
        self._waiting = []
        for process in self.processes:
            if process.pid is not None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:
                    process.kill()  # not (or no longer) a group of its own
            process.join()
        self.processes = []
        self.results.close()


def _end_with_parent() -> None:
    """In a worker: end it (at once, without flushing its queue) when the process that
    forked it is gone, killed before it could end its workers: an orphan would otherwise
    wait forever to write results nobody reads, holding the model's memory."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="end-with-parent").start()


def _take(taken: Synchronized[int], count: int) -> int | None:
    with taken.get_lock():
        i = taken.value
        if i >= count:
            return None
        taken.value = i + 1
    return i


def _own_group(pid: int) -> None:
    """Make the process `pid` (0: this one) lead a process group of its own; both the parent
    and the child call it, so whichever runs first, the group exists when the child runs."""
    try:
        os.setpgid(pid, pid)
    except OSError:
        return  # the child has ended already, or it was done by the other side


def _read(receive: Connection, handed: list[Any]) -> None:
    try:
        handed.append(receive.recv())
    except (EOFError, OSError):
        return  # closed without batches: nothing to analyse
    finally:
        receive.close()


def _analyse_batches(batches: list[Batch], config: Config, taken: Synchronized[int],
                     results: Queue[tuple[int, list[ArticleAnalysis]]]) -> None:
    while (i := _take(taken, len(batches))) is not None:
        results.put((i, analyse_here(batches[i], config)))


def _spawn(batches: list[Batch], config: Config, taken: Synchronized[int],
           results: Queue[tuple[int, list[ArticleAnalysis]]]) -> int:
    """Fork a worker of this worker, which analyses batches too; its process id."""
    collector.before_fork()
    pid = os.fork()
    if pid:
        return pid
    _end_with_parent()
    code = 1
    try:
        _analyse_batches(batches, config, taken, results)
        code = 0
    finally:
        results.close()
        results.join_thread()  # every result is written before the process ends
        os._exit(code)


def _work(config: Config, receive: Connection, taken: Synchronized[int],
          results: Queue[tuple[int, list[ArticleAnalysis]]]) -> None:
    """A worker: load the model while a thread receives the batches, fork the workers it is
    asked for, then analyse batches until none is left, sending each one's analyses as they
    are made (a queue's thread writes them, so the worker goes on while the parent is busy),
    and wait for its own workers. An error ends the worker: the parent analyses the batch
    again, and so raises it (a model that does not load, too)."""
    _own_group(0)
    _end_with_parent()
    handed: list[tuple[list[Batch], int]] = []
    reader = threading.Thread(target=_read, args=(receive, handed), daemon=True)
    reader.start()
    spawned: list[int] = []
    try:
        load_nlp(config)
        reader.join()
        batches, spawn = handed[0] if handed else ([], 0)
        spawned += [_spawn(batches, config, taken, results) for _ in range(spawn)]
        _analyse_batches(batches, config, taken, results)
    except Exception:  # noqa: BLE001 - the parent redoes the batch and raises the error
        return
    finally:
        for pid in spawned:  # their batches are done when this worker ends
            os.waitpid(pid, 0)


def _helps(config: Config) -> bool:
    """Whether a helper pays and is safe: the model not loaded here, more than one process
    allowed and two cores, fork on this system and no other thread running."""
    return (not model_loaded(config) and config.nlp.processes != 1
            and (os.cpu_count() or 1) > 1 and _can_fork())


class Helper:
    """The helper of one `print` (see the module): forked by `start`, where it helps."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.workers: Workers | None = None

    def start(self) -> None:
        """Fork the helper now, unless it runs already or would not help (`_helps`)."""
        if self.workers is None and _helps(self.config):
            self.workers = Workers(self.config)
            self.workers.fork(1)
            if not self.workers.processes:  # the fork failed: no helper, all done here
                self.workers.close()
                self.workers = None

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()


@contextmanager
def helper(config: Config) -> Iterator[Helper]:
    """A helper for the block (not forked yet: `Helper.start`), ended when the block ends."""
    helping = Helper(config)
    try:
        yield helping
    finally:
        helping.close()


class Analysis:
    """The analysis of some articles. With a helper (`print`) they are handed to it at once
    (forked now for a few articles if it is not running yet: it loads spaCy while this
    process decodes the stored analyses); for many it forks workers of its own. Without,
    workers are forked when `result` runs, after this process has loaded the model, and
    this process takes batches too."""

    def __init__(self, articles: Sequence[Article], config: Config,
                 helping: Helper | None = None) -> None:
        self.articles = list(articles)
        self.config = config
        size = config.nlp.batch_size
        self.batches = [self.articles[i:i + size] for i in range(0, len(self.articles), size)]
        few = len(self.articles) < config.nlp.parallel_min_articles
        if helping is not None and self.batches and few:
            helping.start()
        workers = helping.workers if helping is not None else None
        self.workers = workers if workers is not None and workers.batches is None else None
        if self.workers is not None and not self.batches:
            self.workers.close()  # nothing for the helper: it stops loading spaCy now
            self.workers = None
        if self.workers is not None:
            # many: the helper forks workers of its own up to the processes asked for
            processes = min(process_count(config, len(self.articles)), len(self.batches))
            self.workers.hand(self.batches, spawn=0 if few else processes - 1)
        self.here = self.workers is None  # with the helper, this process only gathers

    def result(self, progress: Progress | None = None, cancelled: Cancelled | None = None
               ) -> list[ArticleAnalysis]:
        """One analysis per article, in order; stops early (returning what is done, a
        prefix) on cancel."""
        if not self.batches:
            return []
        processes = process_count(self.config, len(self.articles))
        workers = self.workers
        if workers is None and (processes < 2 or len(self.batches) < 2 or not _can_fork()):
            return analyse_here(self.articles, self.config, progress, cancelled)
        if cancelled and cancelled():
            return []
        if self.here:
            load_nlp(self.config)  # before forking more workers: they have it
        if workers is None:
            workers = Workers(self.config)
            workers.hand(self.batches)
        more = min(processes - 1, len(self.batches) - 1) - len(workers.processes)
        if self.here and more > 0 and _can_fork():
            workers.fork(more)
        try:
            return self._shared(workers, progress, cancelled)
        finally:
            if workers is not self.workers:
                workers.close()

    def _shared(self, workers: Workers, progress: Progress | None,
                cancelled: Cancelled | None) -> list[ArticleAnalysis]:
        done: dict[int, list[ArticleAnalysis]] = {}
        total = len(self.articles)
        words: dict[int, int] = {}  # per batch done, its words

        def told() -> None:
            if progress:
                for i in done.keys() - words.keys():
                    words[i] = sum(a.words for a in self.batches[i])
                progress(sum(map(len, done.values())), total, sum(words.values()))

        while self.here and (i := workers.take()) is not None:
            done[i] = analyse_here(self.batches[i], self.config)
            workers.receive(done, block=False)
            told()
            if cancelled and cancelled():
                return self._prefix(done)
        while len(done) < len(self.batches) and workers.receive(done, block=True):
            told()
            if cancelled and cancelled():
                return self._prefix(done)
        for i, batch in enumerate(self.batches):  # what a worker that ended left
            if i not in done:
                done[i] = analyse_here(batch, self.config)
        return self._prefix(done)

    def _prefix(self, done: dict[int, list[ArticleAnalysis]]) -> list[ArticleAnalysis]:
        """The analyses of the batches done, in order, up to the first one not done."""
        made: list[ArticleAnalysis] = []
        for i in range(len(self.batches)):
            if i not in done:
                break
            made += done[i]
        return made


def analyse_articles(articles: Sequence[Article], config: Config,
                     progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> list[ArticleAnalysis]:
    """One analysis per article, in order; from `nlp.parallel_min_articles` articles on
    shared with forked workers (see the module). Stops early (returning what is done, a
    prefix) on cancel."""
    return Analysis(articles, config).result(progress, cancelled)
