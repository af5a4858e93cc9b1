"""The command line as a user drives it: options, exit codes, streams."""

import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import main
from briefing.store import DB_NAME

REPO = Path(__file__).parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(SEEDS, target)
    return target


def run_json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--format" in out


def test_seeds_option_before_and_after_print(capsys, folder):
    before = run_json(capsys, ["--seeds", str(folder), "print", "--format", "json"])
    after = run_json(capsys, ["print", "--seeds", str(folder), "--format", "json"])
    assert [s["id"] for s in before["sources"]] == [s["id"] for s in after["sources"]]
    assert len(before["sources"]) == 2


def test_json_contract_keys(capsys, folder):
    out = run_json(capsys, ["print", "--seeds", str(folder), "--format", "json"])
    assert out["schema"] == 1
    assert set(out) >= {"sources", "stories", "people", "missions", "organizations", "places",
                        "quotes", "summary", "warnings"}
    source = out["sources"][0]
    assert set(source) >= {"id", "path", "title", "title_derived", "outlet", "date",
                           "dateline", "section", "author", "words", "story", "text"}
    assert set(out["summary"]) >= {"headline", "points"}


def test_empty_folder_exits_3(tmp_path, capsys):
    assert main(["print", "--seeds", str(tmp_path), "--format", "json"]) == 3
    assert "no readable article" in capsys.readouterr().err


def test_bad_config_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "config.yaml"
    bad.write_text("summary:\n  max_words: many\n", encoding="utf-8")
    assert main(["--config", str(bad), "print", "--seeds", str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "summary.max_words" in err and "Traceback" not in err


def test_missing_seeds_folder_exits_2(tmp_path, capsys):
    assert main(["print", "--seeds", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_warnings_go_to_stderr_not_stdout(folder, capsys):
    (folder / "empty.txt").write_bytes(b"")
    assert main(["print", "--seeds", str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert any(w["path"] == "empty.txt" for w in json.loads(captured.out)["warnings"])
    assert "empty.txt" in captured.err


@pytest.mark.subprocess
def test_rich_output_to_a_pipe_has_no_escape_codes(folder):
    result = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() and "\x1b" not in result.stdout


@pytest.mark.subprocess
def test_color_always_forces_escape_codes(folder):
    result = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder),
                             "--color", "always"], capture_output=True, text=True, cwd=REPO,
                            timeout=120)
    assert result.returncode == 0 and "\x1b[" in result.stdout


@pytest.mark.subprocess
def test_no_color_env_is_honoured(folder, tmp_path):
    cache = tmp_path / "cache"
    result = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder)],
                            capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin",
                                 "TERM": "xterm-256color", "FORCE_COLOR": "",
                                 "HOME": os.environ["HOME"], "BRIEFING_CACHE_DIR": str(cache)})
    assert result.returncode == 0 and "\x1b" not in result.stdout
    assert (cache / DB_NAME).is_file()  # a replaced environment still keeps the cache in tmp


def test_the_suite_keeps_out_of_the_users_home():
    from platformdirs import user_cache_dir

    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert not Path(os.environ["BRIEFING_CACHE_DIR"]).is_relative_to(home)
    assert not Path(user_cache_dir("briefing")).is_relative_to(home)


def test_print_never_writes_into_the_seeds_folder(folder, capsys):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in folder.rglob("*"))
    run_json(capsys, ["print", "--seeds", str(folder), "--format", "json"])
    assert sorted((p.name, p.stat().st_mtime_ns) for p in folder.rglob("*")) == before


def test_the_dashboard_command_never_freezes_the_collector(folder, monkeypatch):
    import gc

    import briefing.tui.run
    from briefing import cli, collector

    frozen = []

    def dashboard(config, **_) -> int:
        with collector.paused():
            made = [[n] for n in range(1000)]
        frozen.append(gc.get_freeze_count())
        return len(made) - 1000

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(briefing.tui.run, "run_dashboard", dashboard)
    monkeypatch.setattr(cli.os, "_exit", exit_now)
    monkeypatch.setattr(sys, "argv", ["briefing", "--seeds", str(folder)])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exited:
            cli.run()
    finally:
        gc.unfreeze()
    assert exited.value.code == 0
    assert frozen == [0]


@pytest.mark.parametrize("fmt", ["rich", "markdown", "json"])
def test_a_reader_that_goes_away_is_not_an_error(folder, fmt):
    """`briefing print | head`: the pipe is closed before the output is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder),
                               "--format", fmt], stdout=write, stderr=subprocess.PIPE,
                              text=True, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_no_readable_article_is_said_on_stderr_only(tmp_path, capsys):
    assert main(["print", "--seeds", str(tmp_path), "--format", "rich", "--color", "never"]) == 3
    captured = capsys.readouterr()
    assert "No readable article" not in captured.out
    assert "no readable article" in captured.err


def test_the_progress_line_counts_rates_and_clears():
    import io

    from briefing.progress import StderrProgress

    out, ticks = io.StringIO(), iter([0.0, 1.0, 1.05, 2.0, 3.0])
    bar = StderrProgress(out, clock=lambda: next(ticks))
    bar(2, 10, 0)  # two cached: the rate starts here
    bar(4, 10, 900)
    bar(5, 10, 1300)  # 0.05 s later: not redrawn
    bar(6, 10, 1800)
    assert out.getvalue().count("\r") == 2
    assert out.getvalue().endswith("6/10 · 900 words/s · ETA 2s")  # 2 articles a second
    bar(10, 10, 6000)
    bar.close()
    assert out.getvalue().endswith("\r" + " " * len("analysing [" + "#" * 24 + "] 10/10 · "
                                                     "2,000 words/s · ETA 0s") + "\r")


def test_print_shows_no_progress_when_stderr_is_not_a_terminal(folder, capsys):
    assert main(["print", "--seeds", str(folder), "--format", "json", "-q"]) == 0
    assert main(["print", "--seeds", str(folder), "--no-cache", "--format", "json"]) == 0
    assert "analysing" not in capsys.readouterr().err
