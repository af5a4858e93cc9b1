"""analyse_articles: one analysis per article in order, progress, cancelling, one model load."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

from briefing.config import builtin_defaults
from briefing.model import Article
from briefing.nlp import analyse_articles, language
from briefing.nlp.child import process_count
from briefing.nlp.language import load_nlp
from briefing.store.codec import decode_analysis, encode_analysis

TEXTS = ["NASA astronaut Jonny Kim flew on Soyuz MS-26.",
         "ESA Director General Josef Aschbacher spoke in Paris on Monday.",
         "Roscosmos head Dmitry Bakanov met reporters."]


def articles() -> list[Article]:
    return [Article(id=f"{i}.txt", path=f"{i}.txt", text=t, content_hash=f"h{i}")
            for i, t in enumerate(TEXTS)]


def test_one_analysis_per_article_in_order_with_progress():
    seen = []
    out = analyse_articles(articles(), builtin_defaults(),
                           progress=lambda done, total, words: seen.append((done, total, words)))
    assert [a.source_id for a in out] == ["0.txt", "1.txt", "2.txt"]
    assert [a.content_hash for a in out] == ["h0", "h1", "h2"]
    words = [a.words for a in articles()]
    assert seen == [(1, 3, words[0]), (2, 3, words[0] + words[1]), (3, 3, sum(words))]


def test_cancel_returns_what_is_done():
    out = analyse_articles(articles(), builtin_defaults(), cancelled=lambda: True)
    assert out == []
    calls = iter([False, True])
    out = analyse_articles(articles(), builtin_defaults(), cancelled=lambda: next(calls))
    assert len(out) == 1


def test_model_is_loaded_once_and_only_needed_components_run():
    config = builtin_defaults()
    nlp = load_nlp(config)
    assert load_nlp(config) is nlp
    # the quote and crew rules read the dependency parse; nothing reads lemmas
    assert "lemmatizer" not in nlp.pipe_names and "parser" in nlp.pipe_names
    assert nlp.pipe_names.index("briefing_ruler") < nlp.pipe_names.index("ner")


def test_processes_are_chosen_from_the_amount_of_work():
    config = builtin_defaults()
    assert process_count(config, config.nlp.parallel_min_articles - 1) == 1
    assert process_count(config, 10_000) == (2 if (os.cpu_count() or 1) > 1 else 1)


def test_analysis_round_trips_through_the_cache_format():
    analysis = analyse_articles(articles()[:1], builtin_defaults())[0]
    assert decode_analysis(encode_analysis(analysis), analysis.source_id,
                           analysis.content_hash) == analysis
    assert analysis.crew and analysis.roles


def test_loaded_models_load_each_key_once_and_drop_the_least_recently_used(monkeypatch):
    loads: list[str] = []

    def fake_load(model, patterns):
        loads.append(model)
        return object()

    monkeypatch.setattr(language, "_load", fake_load)
    models = language.LoadedModels(limit=2)
    first = models.get(("a", ()))
    models.get(("b", ()))
    assert models.get(("a", ())) is first  # "a" is now the most recently used
    models.get(("c", ()))
    assert ("a", ()) in models and ("b", ()) not in models and ("c", ()) in models
    assert loads == ["a", "b", "c"]


def test_two_threads_asking_at_once_load_the_model_once(monkeypatch):
    loads: list[str] = []
    started = threading.Event()

    def slow_load(model, patterns):
        loads.append(model)
        started.wait(1)
        return object()

    monkeypatch.setattr(language, "_load", slow_load)
    models = language.LoadedModels(limit=1)
    with ThreadPoolExecutor(2) as pool:
        got = [pool.submit(models.get, ("m", ())) for _ in range(2)]
        started.set()
        first, second = (f.result() for f in got)
    assert first is second
    assert loads == ["m"]
