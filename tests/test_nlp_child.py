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


@pytest.fixture
def no_model(monkeypatch):
    """The model neither loaded nor loading: the analyses are stand-ins; two cores, as a
    helper needs, whatever machine runs the tests."""
    monkeypatch.setattr(child, "model_loaded", lambda config: False)
    monkeypatch.setattr(child.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(child, "load_nlp", lambda config: None)


def test_the_helper_makes_a_few_analyses_in_order(config, no_model, monkeypatch):
    monkeypatch.setattr(child, "analyse_here", made_by_pid)
    articles = [article(n) for n in range(3)]
    with child.helper(config) as helping:
        assert helping.workers is None  # forked for a few articles to analyse
        made = child.Analysis(articles, config, helping).result()
        assert helping.workers is not None
    assert [a.source_id for a in made] == ["a0.txt", "a1.txt", "a2.txt"]
    assert str(os.getpid()) not in {a.content_hash for a in made}


def test_an_error_in_the_helper_is_raised_in_the_parent(config, no_model, monkeypatch):
    def fails(articles, config, *rest):
        raise ConfigError("nlp.model: cannot load spaCy model 'nope'")

    monkeypatch.setattr(child, "analyse_here", fails)
    with child.helper(config) as helping, pytest.raises(ConfigError, match="cannot load"):
        child.Analysis([article(1)], config, helping).result()


def test_a_helper_that_dies_is_replaced_by_the_parent(config, no_model, monkeypatch):
    parent = os.getpid()

    def dies_in_the_child(articles, config, *rest):
        if os.getpid() != parent:
            os._exit(9)
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "analyse_here", dies_in_the_child)
    with child.helper(config) as helping:
        made = child.Analysis([article(1), article(2)], config, helping).result()
    assert [a.content_hash for a in made] == [str(parent)] * 2


def test_a_helper_with_nothing_to_do_is_ended(config, no_model):
    with child.helper(config) as helping:
        helping.start()
        assert helping.workers is not None and helping.workers.processes[0].is_alive()
        assert child.Analysis([], config, helping).result() == []
        assert helping.workers.processes == []


def test_no_helper_when_it_would_not_pay_or_not_be_safe(config, no_model, monkeypatch):
    def started(config):
        with child.helper(config) as helping:
            helping.start()
            return helping.workers is not None

    assert started(config)
    assert not started(dataclasses.replace(config, nlp=dataclasses.replace(
        config.nlp, processes=1)))
    monkeypatch.setattr(child, "model_loaded", lambda config: True)
    assert not started(config)
    monkeypatch.setattr(child, "model_loaded", lambda config: False)
    monkeypatch.setattr(child.os, "cpu_count", lambda: 1)
    assert not started(config)
    monkeypatch.setattr(child.os, "cpu_count", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not started(config)
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
                                  progress=lambda done, total, _: seen.append((done, total)))
    assert [a.source_id for a in made] == [a.id for a in articles]
    makers = {a.content_hash for a in made}
    assert str(parent) in makers and len(makers) == 2
    assert seen[-1] == (9, 9) and all(total == 9 for _, total in seen)


def test_with_many_articles_the_helper_forks_a_worker_and_the_parent_gathers(
        config, no_model, monkeypatch):
    both = multiprocessing.get_context("fork").Barrier(2, timeout=60)

    def made_by_two(articles, config, *rest):
        both.wait()  # each of the two processes takes a batch before any goes on
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "analyse_here", made_by_two)
    many = shared(config, processes=0, batch_size=4)
    articles = [article(n) for n in range(many.nlp.parallel_min_articles)]
    with child.helper(many) as helping:
        helping.start()
        made = child.Analysis(articles, many, helping).result()
    assert [a.source_id for a in made] == [a.id for a in articles]
    makers = {a.content_hash for a in made}
    assert len(makers) == 2 and str(os.getpid()) not in makers


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
    monkeypatch.setattr(child, "Workers", None)  # calling it would fail
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


def test_a_fork_that_fails_leaves_the_analysis_to_this_process(config, monkeypatch):
    def no_fork(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(child, "load_nlp", lambda config: None)
    monkeypatch.setattr(child, "analyse_here", made_by_pid)
    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", no_fork)
    articles = [article(n) for n in range(9)]
    made = child.analyse_articles(articles, shared(config))
    assert [a.source_id for a in made] == [a.id for a in articles]
    assert {a.content_hash for a in made} == {str(os.getpid())}


ORPHAN = """
import os, sys, time
from briefing.config import builtin_defaults
from briefing.nlp import child
import dataclasses
child.load_nlp = lambda config: None
child.analyse_here = lambda articles, config, *rest: time.sleep(600)
from briefing.model import Article
config = builtin_defaults()
config = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, processes=2,
                                                               batch_size=1))
workers = child.Workers(config)
workers.fork(1)
workers.hand([[Article(id=str(n), path=str(n), text="x")] for n in range(3)])
print(workers.processes[0].pid, flush=True)
time.sleep(1)
os._exit(0)  # killed, as it were: no cleanup ends the worker
"""


@pytest.mark.subprocess
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_whose_parent_is_killed_ends(tmp_path):
    run = subprocess.run([sys.executable, "-c", ORPHAN], capture_output=True, text=True,
                         timeout=60, cwd=REPO)
    assert run.returncode == 0, run.stderr
    pid = int(run.stdout.split()[0])
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(200):  # it looks every ORPHAN_CHECK_S: gone within a few seconds
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                return  # ended, not yet reaped by whoever adopted it
        except (OSError, IndexError):
            return  # ended and reaped
        threading.Event().wait(0.05)
    os.kill(pid, 9)
    raise AssertionError("the orphaned worker kept running")
