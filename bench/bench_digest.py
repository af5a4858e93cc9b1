"""Speed of the digest alone: assemble_briefing on N analysed synthetic articles, by part.

The corpus comes from bench/corpus.py; ingest and the real NLP run once per (N, seed) and are
pickled under bench/out/digest/, so later runs only time the digest:

- assemble: digest.assemble_briefing end to end: cold (memos empty, as in a fresh process:
  the CLI's case), again (nothing changed: the TUI's reload) and with one article changed;
- its steps, cold: entities (digest.entities.merge_entities), features (sentences and terms
  of every article, digest.features), stories (digest.stories.group_stories) and summaries
  (each story's title, points and differences).

Times are the process's CPU time (time.process_time), steadier than wall time on a shared
machine; on an idle one the two agree (the digest does not wait on I/O).

    python bench/bench_digest.py [--sizes 1000,5000] [--seed 0] [--profile N]

--profile N prints the cProfile top functions of one cold assemble at size N.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import pickle
import pstats
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out" / "digest"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from corpus import generate  # noqa: E402

from briefing import pipeline  # noqa: E402
from briefing.config import Config, load_config  # noqa: E402
from briefing.digest import (  # noqa: E402
    assemble_briefing,  # noqa: E402
    build,
    features,
)
from briefing.digest.entities import merge_entities  # noqa: E402
from briefing.digest.state import DigestState  # noqa: E402
from briefing.digest.stories import group_stories  # noqa: E402
from briefing.model import Article, ArticleAnalysis, LoadWarning  # noqa: E402

CLOCK = time.process_time  # CPU time: the machine may be shared, wall time is noisy there
Data = tuple[list[Article], dict[str, ArticleAnalysis], list[LoadWarning]]


def prepare(n: int, seed: int) -> tuple[Data, Config]:
    """Articles and their real analyses for a corpus of n, from the pickle when it exists."""
    # named by the generator's code too: a changed corpus.py makes a new corpus
    made_by = hashlib.sha1((BENCH / "corpus.py").read_bytes()).hexdigest()[:8]
    folder = OUT / f"corpus-{n}-{seed}-{made_by}"
    if not folder.exists():
        generate(folder, n, seed)
    config = load_config(None, seeds=str(folder))
    pickled = OUT / f"analysed-{n}-{seed}-{made_by}.pickle"
    if pickled.exists():
        with pickled.open("rb") as fh:
            return pickle.load(fh), config
    started = time.perf_counter()
    articles, warnings = pipeline.load_sources(config, use_cache=False)
    analyses = pipeline.analyse(articles, config, use_cache=False)
    print(f"N={n}: ingest + analysis {time.perf_counter() - started:.0f} s (once)", flush=True)
    data = (articles, analyses, warnings)
    with pickled.open("wb") as fh:
        pickle.dump(data, fh)
    return data, config


def changed_one(data: Data) -> Data:
    """The same corpus with one article's text edited (a new content hash)."""
    articles, analyses, warnings = data
    edited = list(articles)
    old = edited[len(edited) // 2]
    text = old.text + "\n\nThe agency gave no further details."
    edited[len(edited) // 2] = dataclasses.replace(
        old, text=text, content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest())
    analyses = dict(analyses)
    analyses[old.id] = dataclasses.replace(analyses[old.id],
                                           content_hash=edited[len(edited) // 2].content_hash)
    return edited, analyses, warnings


def parts(data: Data, config: Config) -> dict[str, float]:
    """The cold assembly split into its steps, each timed once with the memos empty."""
    articles, analyses, _ = data
    times = {}
    started = CLOCK()
    merge_entities(articles, analyses, config)
    times["entities"] = CLOCK() - started
    started = CLOCK()
    feats = features.article_features(articles, analyses)
    times["features"] = CLOCK() - started
    started = CLOCK()
    groups = group_stories(articles, analyses, config.stories, feats)
    times["stories"] = CLOCK() - started
    by_id = {a.id: a for a in articles}
    started = CLOCK()
    for group in groups:
        build._story_text(group, feats, by_id, analyses, config)
    times["summaries"] = CLOCK() - started
    return times


def timed(fn) -> float:
    started = CLOCK()
    fn()
    return CLOCK() - started


def measure(n: int, seed: int) -> dict[str, object]:
    data, config = prepare(n, seed)
    state = DigestState()  # kept from one assembly to the next, as a live session keeps it
    row: dict[str, object] = {"N": len(data[0])}
    row["assemble cold"] = timed(lambda: assemble_briefing(*data, config, state=state))
    row["again"] = timed(lambda: assemble_briefing(*data, config, state=state))
    changed = changed_one(data)
    row["1 changed"] = timed(lambda: assemble_briefing(*changed, config, state=state))
    row.update(parts(data, config))
    row["stories found"] = len(assemble_briefing(*data, config).stories)
    return row


def profile(n: int, seed: int, top: int = 30) -> None:
    data, config = prepare(n, seed)
    profiler = cProfile.Profile()
    profiler.enable()
    assemble_briefing(*data, config)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--prepare-only", action="store_true",
                        help="generate, ingest and analyse the corpora, time nothing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.prepare_only:
        for n in sizes:
            prepare(n, args.seed)
        return
    if args.profile:
        profile(args.profile, args.seed)
        return
    rows = [measure(n, args.seed) for n in sizes]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---:|" * len(keys))
    for row in rows:
        print("| " + " | ".join(f"{row[k]:.3f} s" if isinstance(row[k], float) else str(row[k])
                                for k in keys) + " |", flush=True)


if __name__ == "__main__":
    main()
