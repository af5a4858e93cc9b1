"""Timeline events and their dates against gold (tests/fixtures/timeline/timeline.gold.yaml).

The folder is briefed as `briefing print` does (no cache). Every timeline event counts once
per source it cites. A gold event is found when an event of its source holds its cue; it is
dated right when that event's date, precision and range end are the gold ones.

- precision: predicted (event, source) pairs that hold a gold cue of that source;
- recall: gold events found;
- date accuracy: found events dated right;
- folded: gold events told by several sources that one event cites in full;
- date differences: gold disagreements listed under the story.

    python bench/eval_timeline.py [--data DIR] [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from briefing.config import load_config
from briefing.model import Briefing
from briefing.pipeline import build_briefing

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "timeline"


def score(briefing: Briefing, gold: dict[str, Any], verbose: bool = False) -> dict[str, float]:
    told = [(source, event) for story in briefing.stories for event in story.timeline
            for source in event.sources]
    events = gold["events"]
    found = right = 0
    used: set[int] = set()
    for item in events:
        mine = [(i, e) for i, (s, e) in enumerate(told) if s == item["source"]
                and item["cue"].lower() in e.text.lower()]
        if not mine:
            if verbose:
                print(f"missed  {item['source']}: {item['cue']} ({item['date']})")
            continue
        found += 1
        want = (str(item["date"]), item["precision"], _opt(item.get("until")))
        exact = [(i, e) for i, e in mine if (e.date, e.precision, e.until) == want]
        used.update(i for i, _ in mine)
        if exact:
            right += 1
        elif verbose:
            got = ", ".join(f"{e.date}/{e.precision}/{e.until}" for _, e in mine)
            print(f"wrong   {item['source']}: {item['cue']}: {want} got {got}")
    if verbose:
        for i, (source, event) in enumerate(told):
            if i not in used:
                print(f"extra   {source}: {event.date} {event.text[:80]}")
    folded = sum(any(set(f["sources"]) <= set(e.sources) and f["cue"].lower() in e.text.lower()
                     for _, e in told) for f in gold.get("folded", []))
    differences = [d for story in briefing.stories for d in story.differences
                   if d.topic.startswith("date:")]
    listed = sum(any({v.sources[0] for v in d.versions} == set(g["sources"])
                     for d in differences) for g in gold.get("differences", []))
    return {
        "events_precision": len(used) / len(told) if told else 0.0,
        "events_recall": found / len(events),
        "date_accuracy": right / found if found else 0.0,
        "folded_recall": folded / max(1, len(gold.get("folded", []))),
        "date_differences_recall": listed / max(1, len(gold.get("differences", []))),
        "date_differences_listed": float(len(differences)),
        "events_predicted": float(len(told)),
        "events_gold": float(len(events)),
    }


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=FIXTURES)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    gold = yaml.safe_load((args.data / "timeline.gold.yaml").read_text(encoding="utf-8"))
    briefing = build_briefing(load_config(None, seeds=args.data), use_cache=False)
    for name, value in score(briefing, gold, args.verbose).items():
        print(f"{name}: {value:.3f}" if value <= 1 else f"{name}: {value:.0f}")


if __name__ == "__main__":
    main()
