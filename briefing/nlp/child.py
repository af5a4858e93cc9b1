"""Every policy about analysing in other processes, one per case.

- Many articles (`analyse_articles`, from `nlp.parallel_min_articles` on): the model is
  loaded here, then worker processes are forked (they share its pages) and every process,
  this one included, takes the next batch of `nlp.batch_size` articles until none is left,
  running spaCy *and* the rules on it; a worker sends back only the analyses (small), not
  spaCy's Docs. The batches are the ones one process would make, so the analyses are the
  same. A batch a worker did not deliver (it died) is analysed here.
- A few changed files and no model loaded yet (`analyse_in_child`): one child process
  imports spaCy and analyses them, so that loading the model runs on the second core while
  the caller does its other work (decoding the stored analyses, seeding the digest state
  from its records).

Never with other threads running (a lock one of them holds would stay locked in the child:
the dashboard analyses in one process), nor where the system cannot fork.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from typing import TYPE_CHECKING

from briefing import collector
from briefing.config import Config
from briefing.model import Article, ArticleAnalysis
from briefing.nlp.analyse import analyse_articles as analyse_here
from briefing.nlp.language import load_nlp, model_loaded

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

Batch = list[Article]
Progress = Callable[[int, int], None]


def process_count(config: Config, articles: int) -> int:
    """How many processes analyse `articles` articles: `nlp.processes`, or with 0 two
    from `nlp.parallel_min_articles` articles on where there are two cores."""
    if config.nlp.processes:
        return config.nlp.processes
    return 2 if articles >= config.nlp.parallel_min_articles and (os.cpu_count() or 1) > 1 else 1


def _can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def analyse_articles(articles: Sequence[Article], config: Config,
                     progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[ArticleAnalysis]:
    """`nlp.analyse.analyse_articles`, shared with forked workers when there are many
    articles: one analysis per article, in order; stops early (returning what is done, a
    prefix) on cancel."""
    workers = process_count(config, len(articles)) - 1
    size = config.nlp.batch_size
    if workers < 1 or len(articles) <= size or not _can_fork():
        return analyse_here(articles, config, progress, cancelled)
    if cancelled and cancelled():
        return []
    load_nlp(config)  # before the fork: every worker has it
    batches = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
    return _Shared(batches, config, min(workers, len(batches) - 1)).run(progress, cancelled)


class _Shared:
    """Batches shared between this process and forked workers: each takes the next one
    from a shared counter until none is left."""

    def __init__(self, batches: list[Batch], config: Config, workers: int) -> None:
        self.batches = batches
        self.config = config
        context = multiprocessing.get_context("fork")
        self.taken: Synchronized[int] = context.Value("i", 0)
        self.results: Queue[tuple[int, list[ArticleAnalysis]]] = context.Queue()
        self.done: dict[int, list[ArticleAnalysis]] = {}
        # the heap is frozen: the workers' collectors do not walk (and so copy) its pages
        collector.before_fork()
        # what this process has buffered must not be written again by a worker
        sys.stdout.flush()
        sys.stderr.flush()
        self.workers = [context.Process(target=_work, daemon=True,
                                        args=(batches, config, self.taken, self.results))
                        for _ in range(workers)]
        for worker in self.workers:
            worker.start()

    def run(self, progress: Progress | None, cancelled: Callable[[], bool] | None
            ) -> list[ArticleAnalysis]:
        total = sum(map(len, self.batches))
        try:
            while (i := _take(self.taken, len(self.batches))) is not None:
                self.done[i] = analyse_here(self.batches[i], self.config)
                self._receive(block=False)
                if progress:
                    progress(sum(map(len, self.done.values())), total)
                if cancelled and cancelled():
                    return self._prefix()
            while len(self.done) < len(self.batches) and self._receive(block=True):
                if progress:
                    progress(sum(map(len, self.done.values())), total)
            for i, batch in enumerate(self.batches):  # what a worker that died left
                if i not in self.done:
                    self.done[i] = analyse_here(batch, self.config)
            return self._prefix()
        finally:
            for worker in self.workers:
                worker.kill()
                worker.join()
            self.results.close()

    def _receive(self, block: bool) -> bool:
        """Keep what the workers have sent. Blocking: wait for one result; False when every
        worker has ended and nothing is left to read (a worker's results are all written
        before it ends)."""
        while True:
            try:
                i, made = self.results.get(timeout=0.1) if block else self.results.get_nowait()
            except queue.Empty:
                if not block:
                    return True
                if any(worker.is_alive() for worker in self.workers):
                    continue
                try:
                    i, made = self.results.get_nowait()
                except queue.Empty:
                    return False
            self.done[i] = made
            if block:
                return True

    def _prefix(self) -> list[ArticleAnalysis]:
        """The analyses of the batches done, in order, up to the first one not done."""
        made: list[ArticleAnalysis] = []
        for i in range(len(self.batches)):
            if i not in self.done:
                break
            made += self.done[i]
        return made


def _take(taken: Synchronized[int], count: int) -> int | None:
    """The next batch nobody has taken, or None."""
    with taken.get_lock():
        i = taken.value
        if i >= count:
            return None
        taken.value = i + 1
    return i


def _work(batches: list[Batch], config: Config, taken: Synchronized[int],
          results: Queue[tuple[int, list[ArticleAnalysis]]]) -> None:
    """A worker: analyse batches until none is left. It sends each batch's analyses as they
    are made (a queue's thread writes them, so the worker goes on while the parent is busy).
    An error ends the worker: the parent analyses the batch again and so raises it."""
    try:
        while (i := _take(taken, len(batches))) is not None:
            results.put((i, analyse_here(batches[i], config)))
    except Exception:  # noqa: BLE001 - the parent redoes the batch and raises the error
        return


class ChildAnalysis:
    """The analyses of some articles, being made in a child process."""

    def __init__(self, articles: Sequence[Article], config: Config) -> None:
        self.articles = list(articles)
        self.config = config
        receive, send = multiprocessing.Pipe(duplex=False)
        # what the parent has buffered must not be written again by the child
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = multiprocessing.get_context("fork").Process(
            target=_child, args=(send, self.articles, config), daemon=True)
        self._process.start()
        send.close()
        self._receive = receive

    def result(self) -> list[ArticleAnalysis]:
        """The analyses in order. An error of the analysis (such as a model that does not
        load) is raised here; a child that died is replaced by analysing in this process."""
        try:
            kind, value = self._receive.recv()
        except (EOFError, OSError):
            kind, value = "lost", None
        finally:
            self._receive.close()
            self._process.join()
        if kind == "done":
            return value
        if kind == "error":
            raise value
        return analyse_here(self.articles, self.config)


def _child(send: Connection, articles: list[Article], config: Config) -> None:
    try:
        send.send(("done", analyse_here(articles, config)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        send.send(("error", exc))
    finally:
        send.close()


def analyse_in_child(articles: Sequence[Article], config: Config) -> ChildAnalysis | None:
    """Start analysing `articles` in a child process, or None when that would not pay or
    not be safe: no model to load (already loaded here), enough articles for the shared
    analysis (`analyse_articles`), one process asked for or one core, no fork on this
    system, or other threads running."""
    if (not articles or model_loaded(config) or config.nlp.processes == 1
            or len(articles) >= config.nlp.parallel_min_articles
            or (os.cpu_count() or 1) < 2 or not _can_fork()):
        return None
    return ChildAnalysis(articles, config)
