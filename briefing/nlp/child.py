"""Analysing a few articles in a child process, so that loading spaCy (the import and the
model) runs on the second core while the caller does its other work (decoding the stored
analyses, seeding the digest state from its records). Used when a start finds a few changed
files and no model loaded yet; more articles go to `analyse_articles` and its spaCy workers."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis
from briefing.nlp.analyse import analyse_articles
from briefing.nlp.language import model_loaded


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
        return analyse_articles(self.articles, self.config)


def _child(send: Connection, articles: list[Article], config: Config) -> None:
    try:
        send.send(("done", analyse_articles(articles, config)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        send.send(("error", exc))
    finally:
        send.close()


def analyse_in_child(articles: Sequence[Article], config: Config) -> ChildAnalysis | None:
    """Start analysing `articles` in a child process, or None when that would not pay or
    not be safe: no model to load (already loaded here), enough articles for spaCy's own
    workers, one process asked for or one core, no fork on this system, or other threads
    running (a lock one of them holds would stay locked in the child)."""
    if (not articles or model_loaded(config) or config.nlp.processes == 1
            or len(articles) >= config.nlp.parallel_min_articles
            or (os.cpu_count() or 1) < 2 or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return None
    return ChildAnalysis(articles, config)
