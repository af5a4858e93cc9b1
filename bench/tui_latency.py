"""Dashboard latency, headless: time to first paint (sources listed), how fast a key press is
answered while the analysis runs, time to the analysed briefing, then the time from a file
landing in the seeds folder to the Sources pane listing it and to every pane showing its
analysis, and the process's peak RSS.

    .venv/bin/python bench/tui_latency.py [SEEDS] [--runs N] [--cache-dir DIR] [--keys N]

Runs on a temporary copy of SEEDS (default: ./seeds), with a fresh cache unless --cache-dir
names one (the cache of an earlier run over the same files: a warm start). The file-landed
figure includes the watcher's wait for quiet (50 ms). With --keys N and --runs 0 it stops
once the keys are pressed, without waiting for a cold analysis to end.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from textual import events
from textual.widgets.option_list import OptionDoesNotExist

from briefing.config import load_config

POLL = 0.005

ARTICLE = """Crew {n} reaches the station

HOUSTON — NASA astronaut Test Person{n} and cosmonaut Other Person{n} docked on Tuesday
aboard Soyuz MS-{n}, NASA Administrator Jared Isaacman said.
"""


async def wait_for(pilot, condition, timeout: float = 60.0) -> float:
    """When `condition` first holds, polled every 5 ms with a plain sleep: Pilot.pause would
    also make every widget process a round of messages each time, stealing the time of the
    analysis being measured."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the dashboard did not update in time")
        await asyncio.sleep(POLL)
    return time.perf_counter()


def analysed_with(app, source_id: str) -> bool:
    """Whether the panes show the analysed briefing with this source: its story is known."""
    pane = app.screen_stack[0].query_one("#sources")
    return pane.briefing.story_of(source_id) is not None


def listed(app, source_id: str | None = None) -> bool:
    """Whether the Sources pane lists this source (None: any source); a look-up, not a scan,
    so polling it does not slow the dashboard down."""
    option_list = app.screen_stack[0].query_one("#sources-list")
    if source_id is None:
        return any(hasattr(option, "item") for option in option_list.options)
    try:
        option_list.get_option(f"source:{source_id}")
    except OptionDoesNotExist:
        return False
    return True


async def keys_during_analysis(app, live, presses: int) -> list[float]:
    """Press j and k in turn (the Sources cursor, which also fills the Details pane) while the
    analysis runs; each figure is the time from the key reaching the app to the cursor having
    moved. (Pilot.press is not used: it also waits for the CPU to go idle, which it does not
    while spaCy works.)"""
    option_list = app.screen_stack[0].query_one("#sources-list")
    option_list.focus()
    latencies: list[float] = []
    while len(latencies) < presses and not live.briefing.analysed:
        before = option_list.highlighted
        if option_list.option_count < 2:  # a cursor on the only source cannot move
            await asyncio.sleep(0.05)
            continue
        # down and up in turn, never up from the top nor down from the bottom: the cursor
        # would stay where it is
        last = before is not None and before >= option_list.option_count - 1
        key = "k" if before and (len(latencies) % 2 or last) else "j"
        t0 = time.perf_counter()
        app._driver.send_message(events.Key(key, key))
        while option_list.highlighted == before and time.perf_counter() - t0 < 10:
            await asyncio.sleep(0.001)
        latencies.append((time.perf_counter() - t0) * 1000)
        await asyncio.sleep(0.2)
    return latencies


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(seeds: Path, runs: int, cache: Path | None, presses: int) -> None:
    start = time.perf_counter()
    from briefing.tui.run import make_app

    print(f"import the TUI:      {(time.perf_counter() - start) * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        shutil.copytree(seeds, folder)
        config = load_config(None, seeds=folder)
        app = make_app(config, cache_dir=str(cache or Path(tmp) / "cache"))
        kind = "warm cache" if cache else "cold cache"
        async with app.run_test(size=(160, 45)) as pilot:
            live = app.screen_stack[0].live
            painted = await wait_for(pilot, lambda: listed(app), timeout=3600)
            print(f"first paint:        {(painted - start) * 1000:7.0f} ms (from the import, "
                  f"{kind})")
            if presses:
                keys = await keys_during_analysis(app, live, presses)
                if keys:
                    print(f"key press during analysis: median {statistics.median(keys):.0f} ms, "
                          f"max {max(keys):.0f} ms over {len(keys)} presses")
                if runs == 0:
                    print(f"peak RSS:           {peak_rss_mb():7.0f} MB (analysis not finished)")
                    return
            analysed = await wait_for(pilot, lambda: live.briefing.analysed, timeout=36000)
            print(f"sources:            {len(live.briefing.sources)}")
            print(f"analysed briefing:  {(analysed - start) * 1000:7.0f} ms ({kind})")
            await pilot.pause(0.5)
            landed, done = [], []
            for n in range(runs):
                name = f"zz_bench_{n}.txt"
                t0 = time.perf_counter()
                (folder / name).write_text(ARTICLE.format(n=n + 1), encoding="utf-8")
                shown = await wait_for(pilot, lambda name=name: listed(app, name))
                landed.append((shown - t0) * 1000)
                finished = await wait_for(pilot, lambda name=name: analysed_with(app, name))
                done.append((finished - t0) * 1000)
                await pilot.pause(0.2)
            if landed:
                print(f"file landed -> listed: median {statistics.median(landed):.0f} ms, "
                      f"max {max(landed):.0f} ms over {runs} files "
                      f"(debounce {config.tui.debounce_ms} ms)")
                print(f"file landed -> panes: median {statistics.median(done):.0f} ms, "
                      f"max {max(done):.0f} ms (analysed: people, missions, stories)")
            print(f"peak RSS:           {peak_rss_mb():7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=Path("seeds"))
    parser.add_argument("--runs", type=int, default=5,
                        help="files to drop in once the briefing is analysed (0: none)")
    parser.add_argument("--cache-dir", type=Path,
                        help="an existing cache to start from (default: a fresh one)")
    parser.add_argument("--keys", type=int, default=0, metavar="N",
                        help="press a key up to N times while the analysis runs")
    args = parser.parse_args()
    asyncio.run(measure(args.seeds, args.runs, args.cache_dir, args.keys))


if __name__ == "__main__":
    main()
