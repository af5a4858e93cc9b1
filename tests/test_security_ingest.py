"""Attack files from issue 17: one small file must not hang the ingest nor blow up its memory,
a file swapped for a FIFO must not block, links are followed only where the config says.

The hang tests bound the work by their fixture's size (what took tens of seconds before:
80,000-character Markdown lines, a 434-byte alias bomb, 3 MB of unclosed HTML tags), never
by a timed assertion."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

import pytest

import briefing.ingest.folder as folder_module
from briefing.cli import main
from briefing.ingest import load_file, load_folder
from briefing.ingest.loaders import MAX_EXTRACT_TAGS, load_markdown

STORY = "The rocket lifted off on time from the coast on Tuesday, the agency said.\n"



def with_ingest(config, **changes):
    return dataclasses.replace(config, ingest=dataclasses.replace(config.ingest, **changes))


@pytest.mark.parametrize("line", ["[a" * 40_000, "![a" * 30_000, "**a " * 20_000,
                                  "__a " * 20_000, "[a](b" * 20_000, "<!--a" * 20_000,
                                  "# " + " #" * 40_000 + "x",
                                  "| a " * 20_000 + "|", "|-" * 40_000 + "|"])
def test_markdown_patterns_are_linear_on_one_long_line(line):
    """Before: one 80,000-character line of '[a' took 25 s (each '[' scanned the line)."""
    (entry,) = load_markdown(line + "\n\n" + STORY)
    assert STORY.strip() in entry.text


@pytest.mark.parametrize("line", ["A. " * 6_500, "Mr. A. B. " * 2_000])
def test_a_line_of_initials_splits_in_linear_time(tmp_path, config, line):
    """Before: 13 s for a 20,000-character line of initials (every stop split the text
    read since the last sentence)."""
    (tmp_path / "initials.txt").write_text(line + "\n\n" + STORY)
    articles, _ = load_folder(tmp_path, config)
    assert STORY.strip() in articles[0].text


def test_markdown_still_unwraps_links_images_emphasis_and_headings():
    (entry,) = load_markdown("# Launch day ##\n\nSee [the agency](https://x.example/a) "
                             "![pad](pad.png)and **the crew** with __the rover__.\n"
                             "<!-- draft -->\n## Next #\nEnd.")
    assert entry.title == "Launch day"
    assert entry.text.split() == "See the agency and the crew with the rover. Next End.".split()


def test_a_megabyte_markdown_file_loads(tmp_path, config):
    """Before: more than 120 s. Its lines are cut to ingest.max_line_chars first."""
    (tmp_path / "big.md").write_text(("[a" * 50_000 + "\n") * 10 + STORY, encoding="utf-8")
    articles, warnings = load_folder(tmp_path, config)
    assert len(articles) == 1 and STORY.strip() in articles[0].text
    assert [w.message for w in warnings] == [
        "lines longer than ingest.max_line_chars (20000) were cut"]


def test_an_alias_bomb_in_front_matter_is_refused(tmp_path, config):
    """Before: this 434-byte file took 38 s and 3.7 GB."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join([f'*{chr(96 + n)}'] * 9)}]")
    text = "---\ntitle: Bomb\n" + "\n".join(lines) + "\nauthor: *i\n---\n" + STORY
    assert len(text.encode()) < 500
    (tmp_path / "bomb.md").write_text(text, encoding="utf-8")
    articles, warnings = load_folder(tmp_path, config)
    assert articles[0].text == STORY.strip() and articles[0].author is None
    assert "aliases" in warnings[0].message and "front matter" in warnings[0].message


def test_three_megabytes_of_unclosed_tags_are_read_as_plain_text(tmp_path, config):
    """Before: 38 s in the article extraction before "no article text found"."""
    (tmp_path / "tags.html").write_text("<p>x" * 750_000, encoding="utf-8")
    articles, warnings = load_folder(tmp_path, config)
    assert any(f"more than {MAX_EXTRACT_TAGS} HTML tags" in w.message for w in warnings)
    assert any("ingest.max_paragraphs" in w.message for w in warnings)


def test_a_page_of_many_tags_keeps_its_text_without_scripts_or_navigation(tmp_path, config):
    rows = "".join(f"<div><span>Crews checked valve {i} before the count resumed.</span></div>"
                   for i in range(MAX_EXTRACT_TAGS))
    page = (f"<html><head><title>T</title><script>var a = '<p>x';</script></head><body>"
            f"<nav>Home News</nav><p>{STORY}</p>{rows}</body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    articles, _ = load_folder(tmp_path, config)
    text = articles[0].text
    assert text.startswith(STORY.strip()) and "Crews checked valve 17 before" in text
    assert "var a" not in text and "Home News" not in text


def test_a_page_with_fewer_tags_still_gets_the_article_extraction(tmp_path, config):
    page = ("<html><head><title>Launch | Daily Orbit</title></head><body><nav>Home</nav>"
            f"<article><p>{STORY}</p><p>{STORY}</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    articles, warnings = load_folder(tmp_path, config)
    assert warnings == [] and "Home" not in articles[0].text


def test_a_fifo_swapped_in_after_the_check_does_not_block(tmp_path, config, monkeypatch):
    """The name is a regular file when looked at, a FIFO when opened: the opened descriptor
    is what is checked. (Should the open block, a writer turns up after a while so the test
    ends, and fails.)"""
    fifo = tmp_path / "swap.txt"
    os.mkfifo(fifo)
    (tmp_path / "plain.txt").write_text(STORY)
    regular = os.stat(tmp_path / "plain.txt")
    real_stat = os.stat

    def stat_before_the_swap(path, *args, **kwargs):
        return regular if Path(path) == fifo else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(folder_module.os, "stat", stat_before_the_swap)
    done = threading.Event()

    def unblock() -> None:
        if not done.wait(20):
            with open(fifo, "wb"):
                pass

    threading.Thread(target=unblock, daemon=True).start()
    found, warnings = load_file(fifo, tmp_path, config)
    done.set()
    assert found == [] and warnings[0].message == "not a regular file"


def test_a_dangling_symlink_is_a_broken_link(tmp_path, config):
    (tmp_path / "a.txt").write_text(STORY)
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    articles, warnings = load_folder(tmp_path, config)
    assert [a.id for a in articles] == ["a.txt"]
    assert warnings[0].path == "link.txt" and warnings[0].message.startswith("broken link")


def test_symlinks_outside_the_folder_are_followed_only_when_configured(tmp_path, config):
    seeds, elsewhere = tmp_path / "seeds", tmp_path / "elsewhere"
    seeds.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("Private note: the launch code is 1234, he said.\n")
    (seeds / "inside.txt").write_text(STORY)
    os.symlink(elsewhere / "secret.txt", seeds / "out.txt")
    os.symlink(seeds / "inside.txt", seeds / "in.txt")
    articles, warnings = load_folder(seeds, config)
    assert sorted(a.id for a in articles) == ["in.txt", "inside.txt"]
    assert [w.path for w in warnings] == ["out.txt"]
    assert "ingest.follow_symlinks_outside" in warnings[0].message
    articles, warnings = load_folder(seeds, with_ingest(config, follow_symlinks_outside=True))
    assert sorted(a.id for a in articles) == ["in.txt", "inside.txt", "out.txt"]
    assert warnings == []


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_file_name_that_is_not_utf8(tmp_path, capsys, use_cache):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / os.fsdecode(b"bad\xff\xfename.txt")).write_text(STORY)
    args = ["print", "--seeds", str(seeds), "--format", "json",
            "--cache-dir", str(tmp_path / "cache")]
    assert main(args if use_cache else [*args[:-2], "--no-cache"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in out["sources"]] == ["bad\\xff\\xfename.txt"]
    assert out["stories"][0]["sources"] == ["bad\\xff\\xfename.txt"]


def test_an_unlistable_seeds_folder_says_why(tmp_path, capsys, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(STORY)
    real_scandir = os.scandir

    def refused(path="."):
        if Path(path) == seeds:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refused)
    assert main(["print", "--seeds", str(seeds), "--no-cache"]) == 3
    err = capsys.readouterr().err
    assert "Permission denied" in err.splitlines()[-1]
