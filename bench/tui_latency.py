"""Dashboard latency, headless: time to first paint (sources listed) and to the analysed
briefing, then the time from a file landing in the seeds folder to the panes showing it.

    .venv/bin/python bench/tui_latency.py [SEEDS] [--runs N]

Runs on a temporary copy of SEEDS (default: ./seeds) with a fresh cache, so the first
analysis is cold; the file-landed figure includes the watcher's debounce (tui.debounce_ms).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from textual.widgets.option_list import OptionDoesNotExist

from briefing.config import load_config

ARTICLE = """Crew {n} reaches the station

HOUSTON — NASA astronaut Test Person{n} and cosmonaut Other Person{n} docked on Tuesday
aboard Soyuz MS-{n}, NASA Administrator Jared Isaacman said.
"""


async def wait_for(pilot, condition, timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the dashboard did not update in time")
        await pilot.pause(0.005)
    return time.perf_counter()


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


async def measure(seeds: Path, runs: int) -> None:
    start = time.perf_counter()
    from briefing.tui.run import make_app

    print(f"import the TUI:      {(time.perf_counter() - start) * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        shutil.copytree(seeds, folder)
        config = load_config(None, seeds=folder)
        app = make_app(config, cache_dir=str(Path(tmp) / "cache"))
        async with app.run_test(size=(160, 45)) as pilot:
            live = app.screen_stack[0].live
            painted = await wait_for(pilot, lambda: listed(app))
            analysed = await wait_for(pilot, lambda: live.briefing.analysed, timeout=3600)
            print(f"sources:            {len(live.briefing.sources)}")
            print(f"first paint:        {(painted - start) * 1000:7.0f} ms (from the import)")
            print(f"analysed briefing:  {(analysed - start) * 1000:7.0f} ms (cold cache)")
            await pilot.pause(0.5)
            landed = []
            for n in range(runs):
                name = f"zz_bench_{n}.txt"
                t0 = time.perf_counter()
                (folder / name).write_text(ARTICLE.format(n=n + 1), encoding="utf-8")
                shown = await wait_for(pilot, lambda name=name: listed(app, name))
                landed.append((shown - t0) * 1000)
                await pilot.pause(0.2)
            print(f"file landed -> panes: median {statistics.median(landed):.0f} ms, "
                  f"max {max(landed):.0f} ms over {runs} files "
                  f"(debounce {config.tui.debounce_ms} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=Path("seeds"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(measure(args.seeds, args.runs))


if __name__ == "__main__":
    main()
