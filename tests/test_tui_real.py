"""The dashboard over the real pipeline (spaCy included), once: sources paint first, the
analysis completes, and a file copied in or deleted gives the briefing `print` would give."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.config import load_config
from briefing.pipeline import build_briefing, load_sources
from briefing.tui.run import make_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NEW = """Crew arrives at the station

HOUSTON — NASA astronaut Anil Menon and Roscosmos cosmonaut Anna Kikina arrived at the
International Space Station on Tuesday aboard Soyuz MS-29, NASA Administrator Jared Isaacman said.

"The crew is in great shape," Isaacman said.
"""


def shape(briefing) -> tuple[list[str], list[str], list[str]]:
    return ([a.id for a in briefing.sources], sorted(p.name for p in briefing.people),
            sorted(m.name for m in briefing.missions))


async def wait_for(pilot, condition, timeout: float = 60.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        errors = [n.message for n in pilot.app._notifications if n.severity == "error"]
        assert not errors, errors
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the dashboard")


async def test_real_pipeline_first_paint_then_live_reload(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    config = load_config(None, seeds=folder)
    cache = str(tmp_path / "cache")
    app = make_app(config, cache_dir=cache, use_cache=True)
    async with app.run_test(size=(160, 45)) as pilot:
        live = app.screen_stack[0].live
        expected = len(load_sources(config)[0])
        await wait_for(pilot, lambda: len(live.briefing.sources) == expected)
        await wait_for(pilot, lambda: live.briefing.analysed)
        assert shape(live.briefing) == shape(build_briefing(config, cache_dir=cache))

        (folder / "zz_new.txt").write_text(NEW, encoding="utf-8")
        await wait_for(pilot, lambda: "zz_new.txt" in [a.id for a in live.briefing.sources])
        assert shape(live.briefing) == shape(build_briefing(config, cache_dir=cache))
        assert app.screen_stack[0].query_one("#sources-list").option_count >= 3

        (folder / "zz_new.txt").unlink()
        await wait_for(pilot, lambda: "zz_new.txt" not in [a.id for a in live.briefing.sources])
        assert shape(live.briefing) == shape(build_briefing(config, cache_dir=cache))
