"""A folder of everything scrapers and editors drop in, beside the seeds: `print` still works,
names every bad file, keeps markup literal and lets no escape byte through."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main

REPO = Path(__file__).parent.parent
SEEDS = REPO / "seeds"

MARKUP = "[bold red]ALERT[/bold red] and [link=https://example.com]a link[/link]"


def build_hostile(folder: Path) -> dict[str, str]:
    """Write the hostile files; return {relative path: what must hold} for the bad ones."""
    shutil.copytree(SEEDS, folder)
    (folder / "random.bin.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "legacy.txt").write_bytes(
        "Quoted \u201cfairly\u201d in cp1252 \u2014 caf\u00e9 news from Houston. "
        "The agency said the launch would go ahead on Monday.\n".encode("cp1252"))
    (folder / "escapes.txt").write_text(
        "Escapes \x1b[31mred\x1b[0m and \x1b]8;;http://x\x07link\x1b]8;;\x07 here. "
        f"{MARKUP}. The council said the bridge will reopen in May.\n", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(20 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"A very large file. " * 1000)
    (folder / "longline.txt").write_text("word " * 250_000 + "\n", encoding="utf-8")
    (folder / "broken.html").write_text("<html><head><title>Broken</title><body><p>Unclosed "
                                        "<div><span>", encoding="utf-8")
    (folder / "truncated.json").write_text('{"title": "Half", "text": "The rest is mis',
                                           encoding="utf-8")
    (folder / "truncated.xml").write_text("<rss><channel><item><title>Cut</title><descr",
                                          encoding="utf-8")
    (folder / "frontmatter.md").write_text("---\ntitle: [unclosed\n---\nBody of the note.\n",
                                           encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "loop").mkdir()
    os.symlink(folder / "loop", folder / "loop" / "again")
    return {"random.bin.txt": "", "empty.txt": "", "huge.txt": "", "truncated.json": "",
            "truncated.xml": ""}


TITLE = "[@click=app.quit]Quit[/] [/] Crew-12 [VIDEO] docks"


def build_attack(folder: Path, outside: Path) -> None:
    """The hostile folder plus the attack files of issue 17: names with terminal escapes,
    bidi controls and bytes that are not UTF-8, a title of markup and actions, a YAML alias
    bomb, a FIFO, links dangling or out of the folder, a Markdown line of unclosed links and
    a page of unclosed tags."""
    build_hostile(folder)
    story = "The council said the bridge will reopen in May, the mayor told reporters.\n"
    (folder / "\x1b]52;c;aGVsbG8=\x07.txt").write_bytes(b"")
    (folder / "\x1b]0;pwned\x07title.txt").write_text(story, encoding="utf-8")
    (folder / "wipe\x1b[2J.txt").write_text(story, encoding="utf-8")
    (folder / "rtl\u202etxt.md").write_text(story, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff\xfename.txt")).write_text(story, encoding="utf-8")
    (folder / "markup.md").write_text(f"---\ntitle: '{TITLE}'\n---\n{story}", encoding="utf-8")
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join([f'*{chr(96 + n)}'] * 9)}]"
        for n in range(1, 9)]
    (folder / "bomb.md").write_text("---\n" + "\n".join(bomb) + "\nauthor: *i\n---\n" + story,
                                    encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "nothing.txt", folder / "dangling.txt")
    outside.mkdir()
    (outside / "private.txt").write_text("Not for the briefing, the owner said.\n")
    os.symlink(outside / "private.txt", folder / "outside.txt")
    (folder / "links.md").write_text("[a" * 40_000 + "\n\n" + story, encoding="utf-8")
    (folder / "tags.html").write_text("<p>x" * 150_000, encoding="utf-8")


@pytest.mark.subprocess
def test_attack_folder_prints_with_nothing_escaping(tmp_path):
    folder = tmp_path / "seeds"
    build_attack(folder, tmp_path / "outside")
    result = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder),
                             "--cache-dir", str(tmp_path / "cache")], capture_output=True,
                            cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream
        assert "\u202e".encode() not in stream
    out, err = result.stdout.decode(), result.stderr.decode()
    assert TITLE in out and "Not for the briefing" not in out
    assert "dangling.txt: broken link" in err and "pipe.txt: not a regular file" in err
    assert "outside.txt: symlink to a file outside" in err and "bomb.md: invalid YAML" in err


def test_hostile_folder_prints_json(tmp_path, capsys):
    folder = tmp_path / "seeds"
    bad = build_hostile(folder)
    assert main(["print", "--seeds", str(folder), "--format", "json", "--no-cache"]) == 0
    out = json.loads(capsys.readouterr().out)
    warned = {w["path"] for w in out["warnings"]}
    for path in bad:
        assert path in warned, f"{path} not named in warnings: {warned}"
    ids = {s["id"] for s in out["sources"]}
    assert {"000_c34876a6c97edda2.txt", "001_2e1da42c93aa5fe6.txt"} <= ids
    legacy = next(s for s in out["sources"] if s["id"] == "legacy.txt")
    assert "\u201cfairly\u201d" in legacy["text"] and "caf\u00e9" in legacy["text"]
    escapes = next(s for s in out["sources"] if s["id"] == "escapes.txt")
    assert "\x1b" not in escapes["text"] and "[bold red]ALERT[/bold red]" in escapes["text"]
    assert "\x1b" not in json.dumps(out, ensure_ascii=False)
    assert not list(folder.glob("**/*.cache*"))


@pytest.mark.subprocess
def test_hostile_folder_rich_output_has_no_escape_byte(tmp_path):
    folder = tmp_path / "seeds"
    build_hostile(folder)
    result = subprocess.run([sys.executable, "-m", "briefing", "print", "--seeds", str(folder),
                             "--no-cache"], capture_output=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=st.one_of(st.binary(max_size=4000),
                         st.text(max_size=4000).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".xml"]))
def test_random_files_through_print(tmp_path_factory, capsys, payload, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(SEEDS / "000_c34876a6c97edda2.txt", folder)
    (folder / f"random{suffix}").write_bytes(payload)
    code = main(["print", "--seeds", str(folder), "--format", "json", "--no-cache"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert any(s["id"] == "000_c34876a6c97edda2.txt" for s in out["sources"])
    assert "\x1b" not in json.dumps(out, ensure_ascii=False)


async def test_attack_folder_in_the_dashboard(tmp_path, monkeypatch):
    """The real ingest, the analysis stubbed: every file is listed or named as skipped, the
    title shows literally, no escape reaches the screen, q quits with 0."""
    from briefing import pipeline
    from briefing.config import load_config
    from briefing.model import ArticleAnalysis, Briefing
    from briefing.tui.run import make_app

    monkeypatch.setattr(pipeline, "analyse", lambda articles, config, **_: {
        a.id: ArticleAnalysis(a.id, a.content_hash) for a in articles})
    monkeypatch.setattr(pipeline, "assemble", lambda articles, analyses, warnings, config, **_:
                        Briefing(sources=list(articles), warnings=list(warnings)))
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)
    folder = tmp_path / "seeds"
    build_attack(folder, tmp_path / "outside")
    app = make_app(load_config(None, seeds=folder), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(200, 200), notifications=True) as pilot:
        for _ in range(400):
            if app.screen.live.briefing.analysed:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        screen = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "\x1b" not in screen and "\x07" not in screen and "\u202e" not in screen
        print(screen)
        assert TITLE in screen and "⚠ dangling.txt" in screen
        await pilot.press("q")
    assert app.return_code == 0
