"""The digest's records in the cache: a new run (a pipeline.assemble without a state) after
one changed article recomputes that article and its story only, and gives the briefing a run
without the cache gives."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from test_stories import NAMES, analysis_with_people, load

from briefing import pipeline
from briefing.digest import build, features
from briefing.model import Article, ArticleAnalysis
from briefing.store import Store

ORDER = ("probe_a.txt", "budget_a.txt", "probe_b.txt", "budget_b.txt")


def hashed(article: Article) -> Article:
    return dataclasses.replace(article, content_hash=hashlib.sha256(
        article.text.encode("utf-8")).hexdigest())


def corpus() -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    articles = [hashed(load(name)) for name in ORDER]
    analyses = {a.id: dataclasses.replace(analysis_with_people(a, NAMES[a.id]),
                                          content_hash=a.content_hash) for a in articles}
    return articles, analyses



@pytest.fixture
def counted(monkeypatch) -> dict[str, list[str]]:
    """The articles whose features are computed, and the stories summarised, by source."""
    calls: dict[str, list[str]] = {"features": [], "stories": []}
    compute, story_text = features.compute, build._story_text

    def compute_counted(vocabulary, article, analysis):
        calls["features"].append(article.id)
        return compute(vocabulary, article, analysis)

    def story_counted(group, *args):
        calls["stories"].append(group.sources[0])
        return story_text(group, *args)

    monkeypatch.setattr(features, "compute", compute_counted)
    monkeypatch.setattr(build, "_story_text", story_counted)
    return calls


def edited(articles, analyses, name):
    i = next(n for n, a in enumerate(articles) if a.id == name)
    changed = hashed(dataclasses.replace(
        articles[i], text=articles[i].text + "\n\nMore on this story is expected on Friday."))
    articles = [*articles[:i], changed, *articles[i + 1:]]
    analyses = {**analyses, name: dataclasses.replace(
        analysis_with_people(changed, NAMES[name]), content_hash=changed.content_hash)}
    return articles, analyses


def test_a_new_run_recomputes_only_the_changed_article_and_its_story(config, tmp_path,
                                                                     counted):
    articles, analyses = corpus()
    pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path, use_cache=True)
    assert sorted(counted["features"]) == sorted(ORDER)
    assert sorted(counted["stories"]) == ["budget_a.txt", "probe_a.txt"]

    articles, analyses = edited(articles, analyses, "budget_b.txt")
    counted["features"].clear()
    counted["stories"].clear()
    cached = pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path,
                               use_cache=True)
    assert counted["features"] == ["budget_b.txt"]
    assert counted["stories"] == ["budget_a.txt"]

    assert cached == pipeline.assemble(articles, analyses, [], config)


def test_an_unchanged_run_reads_everything_back(config, tmp_path, counted):
    articles, analyses = corpus()
    first = pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path,
                              use_cache=True)
    counted["features"].clear()
    counted["stories"].clear()
    again = pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path,
                              use_cache=True)
    assert counted == {"features": [], "stories": []}
    assert again == first


def test_a_damaged_record_is_computed_again(config, tmp_path, counted):
    articles, analyses = corpus()
    first = pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path,
                              use_cache=True)
    with Store.open(config, tmp_path) as store:
        cache = store.digests
        damaged = [(cache.article_key(a), '{"features": {"terms": 3}}') for a in articles[:1]]
        damaged += [(cache.story_key([articles[1], articles[3]]), '["half a story"]')]
        cache.store(damaged)
    counted["features"].clear()
    counted["stories"].clear()
    again = pipeline.assemble(articles, analyses, [], config, cache_dir=tmp_path,
                              use_cache=True)
    assert counted == {"features": ["probe_a.txt"], "stories": ["budget_a.txt"]}
    assert again == first
