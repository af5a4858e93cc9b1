"""nlp.child: many articles shared with forked workers; a few analysed in a child process
while the parent goes on."""

import dataclasses
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing.config import ConfigError
from briefing.model import Article, ArticleAnalysis
from briefing.nlp import analyse, child

REPO = Path(__file__).parent.parent



def article(n):
    return Article(id=f"a{n}.txt", path=f"a{n}.txt", text=f"Article number {n}.")


def made_by_pid(articles, config):
    """A stand-in analysis that records which process made it."""
    return [ArticleAnalysis(source_id=a.id, content_hash=str(os.getpid())) for a in articles]


def test_the_child_makes_the_analyses_in_order(config, monkeypatch):
    monkeypatch.setattr(child, "analyse_here", made_by_pid)
    articles = [article(n) for n in range(3)]
    made = child.ChildAnalysis(articles, config).result()
    assert [a.source_id for a in made] == ["a0.txt", "a1.txt", "a2.txt"]
    assert {a.content_hash for a in made} != {str(os.getpid())}


def test_an_error_in_the_child_is_raised_in_the_parent(config, monkeypatch):
    def fails(articles, config):
        raise ConfigError("nlp.model: cannot load spaCy model 'nope'")

    monkeypatch.setattr(child, "analyse_here", fails)
    with pytest.raises(ConfigError, match="nlp.model: cannot load"):
        child.ChildAnalysis([article(1)], config).result()


def test_a_child_that_dies_is_replaced_by_the_parent(config, monkeypatch):
    parent = os.getpid()

    def dies_in_the_child(articles, config):
        if os.getpid() != parent:
            os._exit(9)
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "analyse_here", dies_in_the_child)
    made = child.ChildAnalysis([article(1)], config).result()
    assert [a.content_hash for a in made] == [str(parent)]


def test_no_child_when_it_would_not_pay_or_not_be_safe(config, monkeypatch):
    monkeypatch.setattr(child, "model_loaded", lambda config: False)
    monkeypatch.setattr(child, "ChildAnalysis", lambda articles, config: "child")
    few = [article(n) for n in range(3)]
    assert child.analyse_in_child(few, config) == "child"
    assert child.analyse_in_child([], config) is None
    many = [article(n) for n in range(config.nlp.parallel_min_articles)]
    assert child.analyse_in_child(many, config) is None
    one = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, processes=1))
    assert child.analyse_in_child(few, one) is None
    monkeypatch.setattr(child, "model_loaded", lambda config: True)
    assert child.analyse_in_child(few, config) is None
    monkeypatch.setattr(child, "model_loaded", lambda config: False)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert child.analyse_in_child(few, config) is None
    finally:
        stop.set()
        other.join()


def shared(config, processes=2, batch_size=2):
    return dataclasses.replace(config, nlp=dataclasses.replace(
        config.nlp, processes=processes, batch_size=batch_size))


def test_many_articles_are_shared_with_a_worker_and_come_back_in_order(config, monkeypatch):
    parent = os.getpid()
    worker_done = multiprocessing.get_context("fork").Event()

    def made_somewhere(articles, config):
        if os.getpid() == parent:
            worker_done.wait(60)  # so that the worker takes a batch before the parent ends
        else:
            worker_done.set()
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "load_nlp", lambda config: None)
    monkeypatch.setattr(child, "analyse_here", made_somewhere)
    articles = [article(n) for n in range(9)]
    seen = []
    made = child.analyse_articles(articles, shared(config),
                                  progress=lambda done, total: seen.append((done, total)))
    assert [a.source_id for a in made] == [a.id for a in articles]
    makers = {a.content_hash for a in made}
    assert str(parent) in makers and len(makers) == 2
    assert seen[-1] == (9, 9) and all(total == 9 for _, total in seen)


def test_batches_a_worker_leaves_are_analysed_in_the_parent(config, monkeypatch):
    parent = os.getpid()

    def dies_or_fails_in_a_worker(articles, config):
        if os.getpid() != parent:
            if articles[0].id == "a0.txt":
                raise ValueError("a worker's error")
            os._exit(9)
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "load_nlp", lambda config: None)
    monkeypatch.setattr(child, "analyse_here", dies_or_fails_in_a_worker)
    articles = [article(n) for n in range(7)]
    for processes in (2, 3):
        made = child.analyse_articles(articles, shared(config, processes))
        assert [a.source_id for a in made] == [a.id for a in articles]
        assert {a.content_hash for a in made} == {str(parent)}


def test_a_cancelled_shared_analysis_returns_a_prefix(config, monkeypatch):
    calls = []

    def counted(articles, config):
        calls.append(len(articles))
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "load_nlp", lambda config: None)
    monkeypatch.setattr(child, "analyse_here", counted)
    articles = [article(n) for n in range(20)]
    made = child.analyse_articles(articles, shared(config), cancelled=lambda: bool(calls))
    assert [a.source_id for a in made] == [a.id for a in articles[:len(made)]]
    assert len(made) < len(articles)


def test_one_process_or_one_batch_analyses_here(config, monkeypatch):
    monkeypatch.setattr(child, "_Shared", None)  # calling it would fail
    monkeypatch.setattr(child, "analyse_here", lambda articles, config, *rest: "here")
    articles = [article(n) for n in range(4)]
    assert child.analyse_articles(articles, shared(config, processes=1)) == "here"
    assert child.analyse_articles(articles, shared(config, batch_size=4)) == "here"


def test_the_shared_analysis_equals_one_process(config):
    """The real pipeline: seeds shared out in batches of 2 give what one process gives."""
    from briefing import pipeline

    assert child._can_fork()
    articles, _ = pipeline.load_sources(config, use_cache=False)
    one = analyse.analyse_articles(articles, config)
    assert child.analyse_articles(articles, shared(config)) == one


@pytest.mark.subprocess
def test_print_after_one_changed_file_equals_a_fresh_build(tmp_path):
    """Through the real command, where the changed article goes to a child process: the
    briefing is the one a build without any cache gives."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in (REPO / "seeds").iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())

    def show(*extra):
        done = subprocess.run([sys.executable, "-m", "briefing", "--seeds", str(seeds),
                               "print", "--format", "json", *extra], capture_output=True,
                              text=True, cwd=REPO, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    cache = ["--cache-dir", str(tmp_path / "cache")]
    show(*cache)
    first = sorted(seeds.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nNASA Administrator Jared "
                     "Isaacman said the Soyuz MS-29 crew is ready.\n", encoding="utf-8")
    changed = show(*cache)
    assert changed.pop("changes")["updated"] == [first.name]  # what's new since the first
    fresh = show("--no-cache")
    assert fresh.pop("changes") is None  # no cache: no earlier briefing
    assert changed == fresh
    assert any("Soyuz MS-29 crew is ready" in s["text"] for s in changed["sources"])
