"""What the timeline and the change list cost, against the cold and the warm `print`.

On the synthetic corpus of bench/corpus.py (articles and real analyses from bench_digest's
pickle, made once):

- timeline: digest.timeline.story_timeline for every story of a cold assembly (the sentences
  already split, as the summary splits them anyway), the median of five passes; against the
  cold print (the wall time of ingest + analysis when the pickle is made, spaCy's worker
  processes included, plus the CPU time of the cold assembly, which includes the timeline);
- changes: what a warm `print` adds: recall the last briefing shown, compare, snapshot and
  remember it (last_seen.recall + last_seen.shown), the median of five; against a warm
  build_briefing + JSON render in this process (start-up not counted: the share is an upper
  bound).

Otherwise CPU time (time.process_time): the machine may be shared, wall time is noisy there.

    python bench/bench_timeline.py [--n 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench_digest import CLOCK, forget, prepare  # noqa: E402

from briefing import last_seen  # noqa: E402
from briefing.digest import assemble_briefing, features  # noqa: E402
from briefing.digest.stories import group_stories  # noqa: E402
from briefing.digest.timeline import story_timeline  # noqa: E402
from briefing.pipeline import build_briefing  # noqa: E402
from briefing.render.json_out import render_json  # noqa: E402


def median_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        started = CLOCK()
        fn()
        times.append(CLOCK() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    (articles, analyses, warnings), config = prepare(args.n, args.seed)
    made = time.perf_counter() - started
    forget()
    cold_assembly = median_of(1, lambda: assemble_briefing(articles, analyses, warnings,
                                                           config))
    feats = features.article_features(articles, analyses)
    groups = group_stories(articles, analyses, config.stories, feats)
    by_id = {a.id: a for a in articles}
    sentences = {a.id: feats[a.id].sentences for a in articles}
    timeline = median_of(5, lambda: [story_timeline(g.sources, sentences, by_id, analyses)
                                     for g in groups])
    with tempfile.TemporaryDirectory() as cache:
        build_briefing(config, cache_dir=cache)

        def warm_print() -> None:
            render_json(build_briefing(config, cache_dir=cache))

        warm = median_of(5, warm_print)
        briefing = build_briefing(config, cache_dir=cache)
        changes = median_of(5, lambda: last_seen.shown(
            config, briefing, last_seen.recall(config, cache), cache))
    events = sum(len(story_timeline(g.sources, sentences, by_id, analyses)[0]) for g in groups)
    print(f"N={len(articles)}, {len(groups)} stories, {events} timeline events")
    if made < 1.0:
        print("(ingest + analysis came from the pickle: run once more after deleting "
              "bench/out/digest to count them; the cold share below is of the assembly)")
        cold = cold_assembly
    else:
        cold = made + cold_assembly
    print(f"cold print: {cold:.2f} s; timeline: {timeline * 1000:.1f} ms "
          f"= {100 * timeline / cold:.2f}% of it")
    print(f"warm print (CPU, in process): {warm * 1000:.0f} ms; change list: "
          f"{changes * 1000:.2f} ms = {100 * changes / warm:.2f}% of it")


if __name__ == "__main__":
    main()
