"""The multi-beat fixture corpus, scored by bench/eval_beats.py: floors just below the figures
the rules reach, so a regression in people, roles, quotes or crew links fails here."""

from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
FOLDER = REPO / "tests" / "fixtures" / "beats"
FLOORS = {"people_f1": 0.96, "roles_recall": 0.82, "quotes_recall": 0.98,
          "quotes_attribution": 0.97, "crew_links_recall": 0.95, "crew_links_precision": 0.95}


@pytest.fixture(scope="module")
def eval_beats(bench_script):
    return bench_script("eval_beats")


@pytest.fixture(scope="module")
def scored(eval_beats):
    return eval_beats.run(FOLDER)


def test_every_gold_article_is_loaded(scored):
    scores, output = scored
    assert set(scores.people) <= {s["id"] for s in output["sources"]}
    assert len(scores.people) >= 25


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_stays_above_its_floor(scored, figure):
    scores, _ = scored
    assert scores.figures()[figure] >= FLOORS[figure], scores.misses


def test_political_quotes_keep_their_speakers(scored, eval_beats):
    module = eval_beats
    gold = module.load_gold(FOLDER, ["politics*", "tex_wire*", "unclosed*", "desk.rss#3"])
    scores = module.score(gold, scored[1])
    figures = scores.figures()
    assert figures["quotes_recall"] >= 0.98 and figures["quotes_attribution"] >= 0.95, \
        scores.misses


def test_scoring_counts_a_wrong_speaker_and_a_runaway_quote(eval_beats):
    module = eval_beats
    gold = {"articles": {"a.txt": {
        "people": [{"name": "Ana Ruiz", "aliases": ["Ruiz"]}],
        "quotes": [{"text": "we will build the bridge", "speaker": "Ana Ruiz"},
                   {"text": "the river is rising fast", "speaker": "Ana Ruiz"}]}}}
    output = {"people": [{"name": "Ana Ruiz", "sources": ["a.txt"]},
                         {"name": "Hurricane Ruiz", "sources": ["a.txt"]}],
              "quotes": [{"text": "We will build the bridge", "speaker": "Ruiz",
                          "sources": ["a.txt"]},
                         {"text": "The river is rising fast " + "and more " * 20,
                          "speaker": "Ana Ruiz", "sources": ["a.txt"]}],
              "missions": []}
    figures = module.score(gold, output).figures()
    assert figures["people_precision"] == 0.5 and figures["people_recall"] == 1.0
    assert figures["quotes_recall"] == 0.5 and figures["quotes_attribution"] == 1.0
