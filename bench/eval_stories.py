"""Stories against known events, beside a plain TF-IDF average-link baseline, in one run.

Sets (each article's event is known):

- multiling: the 100 MultiLing 2011 Wikinews articles (10 topics, one folder), as
  ../shared/eval/stories_check.py runs them;
- multiling+gum: the same plus the 24 GUM Wikinews articles, each its own event (unrelated
  news that must stay apart: a check of precision);
- multiling-3: the first three articles of each topic (a small folder: 30 articles);
- followups: tests/fixtures/stories/, events told over days by several outlets (the folder
  name before "__" in a file's name is its event), with look-alike events of the same beat;
- multiling-alone: each MultiLing topic alone in its folder (10 folders of 10 articles: an
  editor's folder on one event, which must make one story);
- multiling-mix: 8 random folders of 3 topics x 5 articles each (seeded, the same every run);
- synthetic: bench/corpus.py's newsroom (300 articles, seed 0): about 75 launches, dockings
  and crew announcements, each told by several outlets, all of one beat and written from the
  same templates (a file's event is the slug in its name): a check of precision where every
  event shares the beat's words and only the names tell them apart.

A set of several folders prints each folder's line and the mean over its folders.

Articles are loaded by our ingest and analysed by our NLP (cached under --cache-dir), then
grouped by briefing.digest.stories.group_stories with the config's `stories` settings. The
baseline is average-link clustering of TF-IDF vectors (words of 3+ letters, sub-linear TF,
IDF over the set) stopped at cosine distance 0.85, as in stories_check.py. Printed: stories,
B-cubed and pairwise precision / recall / F1.

    python bench/eval_stories.py [--cache-dir DIR] [--sets multiling,multiling-3,...]
                                 [--min-similarity X] [--min-pair-similarity X]
                                 [--day-scale DAYS]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.config import load_config  # noqa: E402
from briefing.digest.stories import group_stories  # noqa: E402
from briefing.pipeline import analyse, load_sources  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
MULTILING = SHARED / "mds_multiling2011_en" / "multiling2011_en.jsonl"
GUM = SHARED / "ner_gum_wikinews" / "gum_news_entities.jsonl"
FOLLOWUPS = ROOT / "tests" / "fixtures" / "stories"


def multiling() -> dict[str, tuple[str, str]]:
    """file name -> (text, event)."""
    out = {}
    for line in MULTILING.read_text(encoding="utf-8").splitlines():
        topic = json.loads(line)
        for doc in topic["docs"]:
            out[doc["doc_id"] + ".txt"] = (doc["text"] + "\n", topic["topic_id"])
    return out


def gum() -> dict[str, tuple[str, str]]:
    out = {}
    for line in GUM.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        out[doc["doc_id"] + ".txt"] = (f"{doc['title']}\n\n{doc['date_created']}\n\n"
                                       f"{doc['text']}\n", doc["doc_id"])
    return out


def followups() -> dict[str, tuple[str, str]]:
    return {p.name: (p.read_text(encoding="utf-8"), p.name.split("__")[0])
            for p in sorted(FOLLOWUPS.glob("*.txt"))}


def synthetic(n: int = 300) -> dict[str, tuple[str, str]]:
    """bench/corpus.py's articles (seed 0), each with the slug of its event's plan."""
    with tempfile.TemporaryDirectory() as tmp:
        return {p.name: (p.read_text(encoding="utf-8"), p.stem.split("_", 1)[1])
                for p in generate(Path(tmp), n, seed=0)}


def scores(gold: Mapping[str, str], pred: Mapping[str, object]) -> tuple[float, ...]:
    ids = [i for i in gold if i in pred]
    pc = Counter(pred[i] for i in ids)
    gc = Counter(gold[i] for i in ids)
    joint = Counter((pred[i], gold[i]) for i in ids)
    bp = sum(joint[(pred[i], gold[i])] / pc[pred[i]] for i in ids) / len(ids)
    br = sum(joint[(pred[i], gold[i])] / gc[gold[i]] for i in ids) / len(ids)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp, fp, fn = tp + (g and p), fp + (p and not g), fn + (g and not p)
    pp, pr = tp / max(tp + fp, 1), tp / max(tp + fn, 1)

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return len(pc), bp, br, f(bp, br), pp, pr, f(pp, pr)


def baseline(texts: Mapping[str, str], cut: float = 0.85) -> dict[str, int]:
    """Average-link clustering of TF-IDF vectors, stopped at cosine distance `cut`."""
    names = sorted(texts)
    docs = [re.findall(r"[a-z]{3,}", texts[n].lower()) for n in names]
    df = Counter(w for d in docs for w in set(d))
    vocab = {w: i for i, w in enumerate(w for w in df if df[w] > 1)}
    x = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for w, c in Counter(d).items():
            if w in vocab:
                x[i, vocab[w]] = (1 + math.log(c)) * math.log(len(docs) / df[w])
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    total = x @ x.T  # sums of similarities between clusters
    size = np.ones(len(docs))
    alive = np.ones(len(docs), dtype=bool)
    label = list(range(len(docs)))
    while alive.sum() > 1:
        mean = total / np.outer(size, size)
        mean[~alive] = mean[:, ~alive] = -1.0
        np.fill_diagonal(mean, -1.0)
        a, b = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if 1 - mean[a, b] > cut:
            break
        total[a] += total[b]
        total[:, a] += total[:, b]
        size[a] += size[b]
        alive[b] = False
        label = [a if k == b else k for k in label]
    return {n: label[i] for i, n in enumerate(names)}


Folder = Mapping[str, tuple[str, str]]


def run_set(name: str, folders: list[Folder], cache: str, stories: Mapping[str, float]) -> None:
    rows = [run_folder(f"{name}[{k}]" if len(folders) > 1 else name, data, cache, stories)
            for k, data in enumerate(folders)]
    if len(rows) > 1:
        print(f"{name}: mean over {len(rows)} folders")
        for system in ("briefing", "tf-idf avg-link"):
            mean = np.mean([row[system] for row in rows], axis=0)
            print(f"  {system:16} {mean[0]:5.1f} stories  B3 P {mean[1]:.3f} R {mean[2]:.3f} "
                  f"F1 {mean[3]:.3f}  pairwise P {mean[4]:.3f} R {mean[5]:.3f} F1 {mean[6]:.3f}")


def run_folder(name: str, data: Folder, cache: str, stories: Mapping[str, float]
               ) -> dict[str, tuple[float, ...]]:
    with tempfile.TemporaryDirectory() as tmp:
        for file, (text, _) in data.items():
            Path(tmp, file).write_text(text, encoding="utf-8")
        config = load_config(None, seeds=tmp)
        articles, _ = load_sources(config, cache_dir=cache)
        analyses = analyse(articles, config, cache_dir=cache)
    gold = {file: event for file, (_, event) in data.items()}
    groups = group_stories(articles, analyses, dataclasses.replace(config.stories, **stories))
    ours = {s: k for k, g in enumerate(groups) for s in g.sources}
    base = baseline({file: text for file, (text, _) in data.items()})
    events = len(set(gold.values()))
    print(f"{name}: {len(data)} articles, {events} events")
    out = {}
    for system, pred in (("briefing", ours), ("tf-idf avg-link", base)):
        out[system] = found = scores(gold, pred)
        n, bp, br, b3, pp, pr, pf = found
        print(f"  {system:16} {n:3.0f} stories  B3 P {bp:.3f} R {br:.3f} F1 {b3:.3f}  "
              f"pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}")
    return out


def multiling_few(per_topic: int = 3) -> dict[str, tuple[str, str]]:
    """The first articles of each topic: a small folder, where IDF tells less."""
    return {f: v for f, v in multiling().items() if int(f[4]) < per_topic}


def multiling_alone() -> list[Folder]:
    """Each topic in a folder of its own."""
    topics: dict[str, dict[str, tuple[str, str]]] = {}
    for file, (text, topic) in multiling().items():
        topics.setdefault(topic, {})[file] = (text, topic)
    return [topics[t] for t in sorted(topics)]


def multiling_mix(folders: int = 8, topics: int = 3, per_topic: int = 5) -> list[Folder]:
    """Random small folders of a few topics, a few articles each (seeded)."""
    rng = random.Random(14)
    alone = multiling_alone()
    out = []
    for _ in range(folders):
        picked: dict[str, tuple[str, str]] = {}
        for folder in rng.sample(alone, topics):
            picked.update((f, folder[f]) for f in rng.sample(sorted(folder), per_topic))
        out.append(picked)
    return out


SETS: dict[str, Callable[[], list[Folder]]] = {
    "multiling": lambda: [multiling()],
    "multiling+gum": lambda: [{**multiling(), **gum()}],
    "multiling-3": lambda: [multiling_few()],
    "followups": lambda: [followups()],
    "multiling-alone": multiling_alone,
    "multiling-mix": multiling_mix,
    "synthetic": lambda: [synthetic()],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir())
                                                   / "eval-stories-cache"))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--min-similarity", type=float, help="instead of the config's")
    parser.add_argument("--min-pair-similarity", type=float, help="instead of the config's")
    parser.add_argument("--day-scale", type=float, help="instead of the config's")
    args = parser.parse_args()
    stories = {k: v for k, v in (("min_similarity", args.min_similarity),
                                 ("min_pair_similarity", args.min_pair_similarity),
                                 ("day_scale", args.day_scale)) if v is not None}
    for name in args.sets.split(","):
        run_set(name, SETS[name](), args.cache_dir, stories)
    return 0


if __name__ == "__main__":
    sys.exit(main())
