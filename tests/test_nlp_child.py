"""nlp.child: a few articles analysed in a child process while the parent goes on."""

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing.config import ConfigError
from briefing.model import Article, ArticleAnalysis
from briefing.nlp import child

REPO = Path(__file__).parent.parent



def article(n):
    return Article(id=f"a{n}.txt", path=f"a{n}.txt", text=f"Article number {n}.")


def made_by_pid(articles, config):
    """A stand-in analysis that records which process made it."""
    return [ArticleAnalysis(source_id=a.id, content_hash=str(os.getpid())) for a in articles]


def test_the_child_makes_the_analyses_in_order(config, monkeypatch):
    monkeypatch.setattr(child, "analyse_articles", made_by_pid)
    articles = [article(n) for n in range(3)]
    made = child.ChildAnalysis(articles, config).result()
    assert [a.source_id for a in made] == ["a0.txt", "a1.txt", "a2.txt"]
    assert {a.content_hash for a in made} != {str(os.getpid())}


def test_an_error_in_the_child_is_raised_in_the_parent(config, monkeypatch):
    def fails(articles, config):
        raise ConfigError("nlp.model: cannot load spaCy model 'nope'")

    monkeypatch.setattr(child, "analyse_articles", fails)
    with pytest.raises(ConfigError, match="nlp.model: cannot load"):
        child.ChildAnalysis([article(1)], config).result()


def test_a_child_that_dies_is_replaced_by_the_parent(config, monkeypatch):
    parent = os.getpid()

    def dies_in_the_child(articles, config):
        if os.getpid() != parent:
            os._exit(9)
        return made_by_pid(articles, config)

    monkeypatch.setattr(child, "analyse_articles", dies_in_the_child)
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
