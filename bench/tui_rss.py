"""Dashboard memory over many reloads, headless: the process's RSS after every tenth of N
reloads (one file rewritten each time, as an editor saving it), with an article screen open
during the first reload and closed after, and whether that screen was freed.

    .venv/bin/python bench/tui_rss.py [SEEDS] [--reloads N]

Runs on a temporary copy of SEEDS (default: ./seeds) with a fresh cache, the real pipeline
and the live reload off (reloads are requested as the watcher would). A flat series means
what each reload drops is freed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import tempfile
import time
import weakref
from pathlib import Path

from briefing.config import load_config

PAGE = 4096
ARTICLE = """Crew {n} reaches the station

HOUSTON — NASA astronaut Test Person{n} and cosmonaut Other Person{n} docked on Tuesday
aboard Soyuz MS-{n}, NASA Administrator Jared Isaacman said.
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1e6


async def until(condition, timeout: float = 120.0) -> None:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the dashboard did not update in time")
        await asyncio.sleep(0.01)


async def measure(seeds: Path, reloads: int) -> None:
    import dataclasses

    from briefing.tui.run import make_app
    from briefing.tui.screens.article import ArticleScreen

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        shutil.copytree(seeds, folder)
        config = load_config(None, seeds=folder)
        config = dataclasses.replace(config, tui=dataclasses.replace(config.tui, watch=False))
        app = make_app(config, cache_dir=str(Path(tmp) / "cache"))
        async with app.run_test(size=(160, 45)) as pilot:
            board = app.screen_stack[0]
            await until(lambda: board.live.briefing.analysed and board._pending == set())
            landed = folder / "landed.txt"

            async def reload(n: int) -> None:
                landed.write_text(ARTICLE.format(n=n), encoding="utf-8")
                board.request_analysis({landed.resolve()})
                await until(lambda: board._pending == set()
                            and board.live.articles.get("landed.txt") is not None
                            and f"Person{n}" in board.live.articles["landed.txt"].text)
                await pilot.pause()

            board.open_article(board.live.briefing.sources[0].id)
            await until(lambda: isinstance(app.screen, ArticleScreen))
            screen = weakref.ref(app.screen)
            await reload(0)
            await pilot.press("escape")
            await until(lambda: app.screen is board)
            print(f"| reloads | RSS (MB) |\n|---:|---:|\n| 0 | {rss_mb():.0f} |")
            step = max(1, reloads // 10)
            for n in range(1, reloads + 1):
                await reload(n)
                if n % step == 0:
                    print(f"| {n} | {rss_mb():.0f} |", flush=True)
            gc.collect()
            print(f"\nclosed article screen freed: {'yes' if screen() is None else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=Path("seeds"))
    parser.add_argument("--reloads", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(measure(args.seeds.resolve(), args.reloads))


if __name__ == "__main__":
    main()
