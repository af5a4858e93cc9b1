"""Churn while the dashboard watches: about 200 files created, rewritten, renamed, saved
atomically, half-written, cut short and deleted within 5 seconds. The app must not crash, no
worker may fail or stay stuck, and once the folder is quiet its panes must equal those of a
fresh load. Runs on the fake analysis of test_tui.py so it stays fast. A second test scripts
the one race the churn hits only now and then: a file changed again while its analysis commits.

The churn runs in another process (this file run as a script), as an editor or a scraper
would: a thread in the test would share the GIL with the app's workers and be slowed by them."""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path

from test_tui import SIZE, dashboard, fake_analyse, fake_assemble, items, make_config, wait_for
from textual.message import Message
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from briefing import pipeline
from briefing.session import Session
from briefing.tui.messages import FilesChanged
from briefing.tui.run import make_app
from briefing.tui.widgets.summary import MARK, PLAIN

SEED = 20261122
OPERATIONS = 200
CHURN_SECONDS = 5.0
QUIET_SECONDS = 1.5
SETTLE_TIMEOUT = 60.0
ANALYSIS_SECONDS = 0.003
PEOPLE = ["Anil Menon", "Anna Kikina", "Pyotr Dubrov", "Jessica Meir", "Sunita Williams",
          "Butch Wilmore", "Oleg Kononenko", "Jasmin Moghbeli", "Andreas Mogensen",
          "Satoshi Furukawa", "Konstantin Borisov", "Nikolai Chub", "Tracy Dyson", "Don Pettit"]
SUFFIXES = [".txt", ".md", ".html", ".json"]
JUNK = ["{}.swp", ".{}.swp", "{}~", "{}.part", ".#{}", "4913"]


def beside(name: str, pattern: str) -> str:
    """An editor's temp name for `name`, in the same folder."""
    path = Path(name)
    return (path.parent / pattern.format(path.name)).as_posix()


def body(rng: random.Random) -> str:
    a, b, c = rng.sample(PEOPLE, 3)
    return (f"Soyuz MS-{rng.randint(20, 30)} will carry astronaut {a} and astronaut {b} to "
            f"the station.\n\nThe crew trained for a year, said astronaut {c}.")


def render(name: str, rng: random.Random) -> str:
    """A valid article in the format the file name asks for (a JSON file may be a list)."""
    title = f"Report {rng.randint(1, 10_000)}"
    suffix = Path(name).suffix
    if suffix == ".md":
        return f"# {title}\n\n{body(rng)}\n"
    if suffix == ".html":
        paragraphs = "".join(f"<p>{p}</p>" for p in body(rng).split("\n\n"))
        return f"<html><head><title>{title}</title></head><body>{paragraphs}</body></html>"
    if suffix == ".json":
        entries = [{"title": f"{title} part {n}", "text": body(rng)}
                   for n in range(rng.randint(1, 3))]
        return json.dumps(entries if len(entries) > 1 or rng.random() < 0.3 else entries[0])
    return body(rng) + "\n"


def broken(name: str, rng: random.Random) -> str:
    """What a crashed writer leaves: JSON cut short, HTML cut mid-tag, text cut mid-word."""
    text = render(name, rng)
    if Path(name).suffix == ".html":
        return text[:text.index("</p>") + 3]
    return text[:len(text) // 2]


class Churn:
    """Random file operations on the folder, from a fixed seed: the same operations, in the
    same order, on every run (only their timing against the watcher varies)."""

    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.files = sorted(p.relative_to(folder).as_posix()
                            for p in folder.rglob("*") if p.is_file())
        self.count = 0

    def new_name(self) -> str:
        self.count += 1
        where = self.rng.choice(["", "", "desk/"])
        return f"{where}n{self.count:03}{self.rng.choice(SUFFIXES)}"

    def write(self, name: str, text: str) -> None:
        (self.folder / name).write_text(text, encoding="utf-8")
        if name not in self.files:
            self.files.append(name)

    def create(self) -> None:
        name = self.new_name()
        self.write(name, render(name, self.rng))

    def rewrite(self) -> None:
        name = self.rng.choice(self.files)
        self.write(name, render(name, self.rng))

    def rename(self) -> None:
        source = self.rng.choice(self.files)
        others = [f for f in self.files if f != source]
        target = (self.rng.choice(others) if others and self.rng.random() < 0.3
                  else self.new_name())
        os.replace(self.folder / source, self.folder / target)
        self.files.remove(source)
        if target not in self.files:
            self.files.append(target)

    def delete(self) -> None:
        name = self.rng.choice(self.files)
        (self.folder / name).unlink()
        self.files.remove(name)

    def atomic_save(self) -> None:
        """An editor's save: a temp file beside the article, then renamed over it."""
        name = self.rng.choice(self.files)
        temp = self.folder / beside(name, self.rng.choice(JUNK[:-1]))
        temp.write_text(render(name, self.rng), encoding="utf-8")
        os.replace(temp, self.folder / name)

    def half_write(self) -> None:
        """Written in two chunks with a pause between, so the watcher may see the first."""
        name = self.rng.choice([self.new_name(), self.rng.choice(self.files)])
        text = render(name, self.rng)
        cut = self.rng.randint(1, len(text) - 1)
        with open(self.folder / name, "w", encoding="utf-8") as handle:
            handle.write(text[:cut])
            handle.flush()
            time.sleep(self.rng.uniform(0.02, 0.1))
            handle.write(text[cut:])
        if name not in self.files:
            self.files.append(name)

    def cut_short(self) -> None:
        name = self.new_name()
        self.write(name, broken(name, self.rng))

    def junk(self) -> None:
        name = beside(self.rng.choice(self.files), self.rng.choice(JUNK))
        (self.folder / name).write_text("swap", encoding="utf-8")

    def flash(self) -> None:
        """A file deleted right after it was written."""
        name = self.new_name()
        path = self.folder / name
        path.write_text(render(name, self.rng), encoding="utf-8")
        path.unlink()

    def run(self, operations: int) -> float:
        """Do the operations, pausing a little between them and now and then a little longer;
        return the seconds taken."""
        kinds = [(self.create, 26), (self.rewrite, 20), (self.rename, 12), (self.delete, 10),
                 (self.atomic_save, 8), (self.half_write, 8), (self.cut_short, 6),
                 (self.junk, 6), (self.flash, 6)]
        start = time.monotonic()
        for _ in range(operations):
            operation = self.rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            if len(self.files) < 4 and operation in (self.rename, self.delete):
                operation = self.create
            operation()
            quiet = self.rng.random() < 0.04  # long enough for an analysis to finish
            time.sleep(self.rng.uniform(0.1, 0.3) if quiet else self.rng.uniform(0, 0.006))
        return time.monotonic() - start


def option_text(option: Option) -> str:
    text = str(option.prompt)
    return PLAIN + text.removeprefix(MARK) if text.startswith(MARK) else text


def panes(app) -> dict[str, list[str]]:
    """What the Sources, People & Missions and Summary panes list, with the Summary's marks
    for the highlighted source dropped, its "What's new" rows too (what the session saw
    change, not what the folder holds), and the Sources' warnings in path order."""
    screen = dashboard(app)
    shown = {}
    for pane in ("sources", "entities", "summary"):
        option_list = screen.query_one(f"#{pane}-list")
        options = [option_list.get_option_at_index(i) for i in range(option_list.option_count)]
        warnings = [o for o in options if pane == "sources" and option_text(o).startswith("⚠")]
        texts = [option_text(o) for o in options if o not in warnings]
        if pane == "summary":
            texts = [t for t in texts
                     if not t.startswith(("What's new", PLAIN + "+ "))]
        shown[pane] = texts + sorted(option_text(o) for o in warnings)
    shown["title"] = [screen.title]
    return shown


def watching(app) -> bool:
    return any(w.group == "watcher" and w.state == WorkerState.RUNNING for w in app.workers)


def busy(app) -> bool:
    """A worker other than the watcher is pending or running: reading or analysing."""
    return any(w.group != "watcher" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
               for w in app.workers)


async def settle(pilot) -> dict[str, list[str]]:
    """Wait until only the watcher runs and the panes have not changed for QUIET_SECONDS."""
    app = pilot.app
    deadline = time.monotonic() + SETTLE_TIMEOUT
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        await pilot.pause(0.1)
        now = panes(app)
        if busy(app) or now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= QUIET_SECONDS:
            return now
    raise AssertionError("the dashboard did not settle: an analysis worker is stuck or looping")


def seed_folder(folder: Path) -> None:
    (folder / "desk").mkdir(parents=True)
    rng = random.Random(SEED - 1)
    for name in ["alpha.txt", "beta.md", "gamma.html", "delta.json", "desk/epsilon.txt",
                 "desk/zeta.json"]:
        (folder / name).write_text(render(name, rng), encoding="utf-8")


def slow_analyse(articles, config, *, cancelled=None, **kwargs):
    """The fake analysis at a few milliseconds an article, stopping when cancelled, so workers
    overlap the churn and get cancelled by it, as with the real analysis."""
    for _ in articles:
        if cancelled is not None and cancelled():
            return {}
        time.sleep(ANALYSIS_SECONDS)
    return fake_analyse(articles, config, cancelled=cancelled, **kwargs)


async def test_churn_settles_to_a_fresh_load(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", slow_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)
    fake_analyse.seen = []
    folder = tmp_path / "seeds"
    seed_folder(folder)
    config = make_config(folder, debounce_ms=20)
    failures: list[Worker] = []

    def hook(message: Message) -> None:
        if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
            failures.append(message.worker)

    app = make_app(config, use_cache=False)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await wait_for(pilot, lambda: dashboard(app).live.briefing.analysed and watching(app))
        await pilot.pause(0.3)
        before = len(fake_analyse.seen)
        writer = await asyncio.create_subprocess_exec(
            sys.executable, __file__, str(folder), stdout=asyncio.subprocess.PIPE)
        out, _ = await writer.communicate()
        assert writer.returncode == 0
        assert float(out) <= CHURN_SECONDS
        live_panes = await settle(pilot)
        assert app.is_running and watching(app) and not failures
        assert not [n.message for n in app._notifications if n.severity == "error"]
        assert len(fake_analyse.seen) > before
        sources = [a.id for a in items(app, "sources-list")]
        people = [e.name for e in items(app, "entities-list")]

    articles, _ = pipeline.load_sources(config, use_cache=False)
    assert sources == [a.id for a in articles]
    fresh = pipeline.build_briefing(config, use_cache=False)
    assert people == [p.name for p in fresh.people] + [m.name for m in fresh.missions]
    assert len(fresh.people) >= 5 and any("#" in source for source in sources)

    check = make_app(make_config(folder, watch=False), use_cache=False)
    async with check.run_test(size=SIZE) as pilot:
        assert live_panes == await settle(pilot)


def wait_until(condition, timeout: float = 10.0) -> None:
    """Block this (worker) thread until `condition` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out in a worker"
        time.sleep(0.01)


async def test_a_change_seen_while_an_analysis_commits_is_not_lost(tmp_path, monkeypatch):
    """The race the churn can hit: analysis A commits a file, the file changes again and
    analysis B starts for it, A's result arrives, then B is cancelled by a change elsewhere.
    The analysis after B must still re-read the file."""
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)
    folder = tmp_path / "seeds"
    folder.mkdir()
    alpha, beta = folder / "alpha.txt", folder / "beta.txt"
    alpha.write_text("Launch day for astronaut Anil Menon.", encoding="utf-8")
    beta.write_text("Landing day for astronaut Anna Kikina.", encoding="utf-8")
    refresh = Session.refresh
    started: list[set[Path] | None] = []
    app = make_app(make_config(folder, watch=False), use_cache=False)

    def scripted(live, paths, progress=None, cancelled=None, read=None):
        started.append(paths)
        if len(started) == 3:  # B: cancelled by the change to beta before it commits
            wait_until(cancelled)
        result = refresh(live, paths, progress, cancelled, read)
        if len(started) == 2:  # A has committed alpha: alpha changes again, B starts
            alpha.write_text("Launch day for astronaut Don Pettit.", encoding="utf-8")
            dashboard(app).post_message(FilesChanged({alpha}))
            wait_until(cancelled)
        return result

    def shown() -> list[str]:
        return [e.name for e in items(app, "entities-list")]

    monkeypatch.setattr(Session, "refresh", scripted)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: dashboard(app).live.briefing.analysed)
        alpha.write_text("Launch day for astronaut Jessica Meir.", encoding="utf-8")
        dashboard(app).post_message(FilesChanged({alpha}))
        await wait_for(pilot, lambda: len(started) == 3 and "Jessica Meir" in shown())
        beta.write_text("Landing day for astronaut Tracy Dyson.", encoding="utf-8")
        dashboard(app).post_message(FilesChanged({beta}))
        await wait_for(pilot, lambda: "Tracy Dyson" in shown())
        await settle(pilot)
        assert shown() == ["Don Pettit", "Tracy Dyson"]


if __name__ == "__main__":
    print(Churn(Path(sys.argv[1]), SEED).run(OPERATIONS))
