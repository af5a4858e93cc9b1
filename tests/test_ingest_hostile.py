"""Hostile input: nothing raises out of the ingest layer, every bad file becomes a warning."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing.ingest.folder as folder_module
from briefing.ingest import load_file, load_folder

ROOT = Path(__file__).resolve().parent.parent
STORY = "The rocket lifted off on time from the coast on Tuesday, the agency said.\n"
SUFFIXES = [".txt", ".md", ".html", ".json", ".xml", ".rss", ".atom"]



def with_ingest(config, **changes):
    return dataclasses.replace(config, ingest=dataclasses.replace(config.ingest, **changes))


def one(tmp_path: Path, config, name: str, data: bytes | str):
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return load_folder(tmp_path, config)


def clean_string(value: str) -> bool:
    """No control, format or surrogate characters, except the two joiners that shape Persian
    and Indic words, which decoding keeps on purpose."""
    return all(ch in "\n\t\u200c\u200d" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
               for ch in value)


def assert_safe(articles) -> None:
    for article in articles:
        for field in dataclasses.fields(article):
            value = getattr(article, field.name)
            if isinstance(value, str):
                assert clean_string(value), (field.name, value)
        assert all(clean_string(line) for line in article.removed)


@pytest.mark.parametrize("name, data, reason", [
    ("noise.txt", bytes(range(256)) * 8, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\t\n   \n", "empty"),
    ("trunc.json", b'[{"title": "A", "text": "The rocket', "invalid JSON"),
    ("number.json", b"42", "neither"),
    ("trunc.rss", b"<rss><channel><title>X</title><item><title>One", "truncated"),
    ("nofeed.xml", b"<html><body>Not a feed</body></html>", "not an RSS"),
    ("empty.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title></feed>',
     "no entries"),
    ("xxe.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<rss><channel><item><title>&x;</title></item></channel></rss>", "refused"),
    ("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                 b"<rss><channel><item><title>&b;</title></item></channel></rss>", "refused"),
    ("deep.json", b"[" * 200_000 + b"]" * 200_000, "nested"),
])
def test_bad_files_become_warnings(tmp_path, config, name, data, reason):
    (tmp_path / "good.txt").write_text(STORY)
    articles, warnings = one(tmp_path, config, name, data)
    assert [a.id for a in articles] == ["good.txt"]
    assert len(warnings) == 1 and warnings[0].path == name
    assert reason in warnings[0].message


def test_deep_html_and_broken_html_load(tmp_path, config):
    (tmp_path / "deep.html").write_text("<div>" * 5000 + "<p>" + STORY + "</p>" + "</div>" * 5000)
    (tmp_path / "broken.html").write_text("<html><body><p>" + STORY + "<div><span><p")
    articles, _ = load_folder(tmp_path, config)
    assert [a.text for a in articles] == [STORY.strip(), STORY.strip()]


def test_file_over_size_limit_is_skipped_unread(tmp_path, config, monkeypatch):
    (tmp_path / "big.txt").write_text(STORY * 100)
    reads = []
    real_open = open

    def spy(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        real_read = handle.read

        def read(size=-1):
            reads.append(size)
            return real_read(size)

        handle.read = read
        return handle

    monkeypatch.setattr(folder_module, "open", spy, raising=False)
    articles, warnings = load_folder(tmp_path, with_ingest(config, max_file_bytes=1000))
    assert articles == [] and "max_file_bytes" in warnings[0].message
    assert all(0 < size <= 1001 for size in reads)


def test_long_lines_are_cut(tmp_path, config):
    text = "The opening sentence runs on and on " + "and on " * 5000 + "\n\n" + STORY
    articles, warnings = one(tmp_path, with_ingest(config, max_line_chars=500), "a.txt", text)
    assert "max_line_chars" in warnings[0].message
    assert all(len(p) <= 500 for p in articles[0].paragraphs)


def test_long_article_is_cut(tmp_path, config):
    text = "\n\n".join(f"Paragraph {i} says the launch went well, officials said." for i in
                       range(200))
    articles, warnings = one(tmp_path, with_ingest(config, max_article_chars=1000), "a.txt",
                             text)
    assert "max_article_chars" in warnings[0].message
    assert 500 < len(articles[0].text) <= 1000


def test_symlink_loops_do_not_hang(tmp_path, config):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("self.txt", tmp_path / "self.txt")
    articles, warnings = load_folder(tmp_path, config)
    assert [a.id for a in articles] == ["a.txt"]
    assert [(w.path, w.message) for w in warnings] == [("self.txt", "symlink loop")]


def test_file_deleted_after_listing(tmp_path, config, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    monkeypatch.setattr(folder_module, "list_files",
                        lambda folder, cfg, warnings: [folder / "a.txt", folder / "gone.txt"])
    articles, warnings = load_folder(tmp_path, config)
    assert [a.id for a in articles] == ["a.txt"]
    assert warnings[0].path == "gone.txt" and "disappeared" in warnings[0].message


def test_unreadable_file(tmp_path, config, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY)
    real_open = open

    def guarded(path, *args, **kwargs):
        if Path(path).name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(folder_module, "open", guarded, raising=False)
    articles, warnings = load_folder(tmp_path, config)
    assert [a.id for a in articles] == ["a.txt"]
    assert (warnings[0].path, warnings[0].message) == ("b.txt", "permission denied")


def test_unexpected_loader_error_is_a_warning(tmp_path, config, monkeypatch):
    def explode(text):
        raise ValueError("boom")

    monkeypatch.setitem(folder_module.LOADERS, ".txt", explode)
    found, warnings = load_file(tmp_path / "a.txt", tmp_path, config)
    assert found == [] and warnings[0].path == "a.txt"
    (tmp_path / "a.txt").write_text(STORY)
    found, warnings = load_file(tmp_path / "a.txt", tmp_path, config)
    assert found == [] and "boom" in warnings[0].message


def test_missing_folder(tmp_path, config):
    articles, warnings = load_folder(tmp_path / "nowhere", config)
    assert articles == [] and [w.path for w in warnings] == ["."]


def test_fifo_is_skipped_without_blocking(tmp_path, config):
    os.mkfifo(tmp_path / "pipe.txt")
    articles, warnings = load_folder(tmp_path, config)
    assert articles == [] and warnings[0].message == "not a regular file"


def test_terminal_escapes_and_controls_removed(tmp_path, config):
    text = ("\x1b[31mRed\x1b[0m rocket \x1b]8;;https://evil.example\x07launched\x1b]8;;\x07 on "
            "time\x07 from the \x9b2Jcoast\u202e on Tuesday, the [bold]agency[/bold] said.\n")
    articles, _ = one(tmp_path, config, "a.txt", text)
    assert articles[0].text == ("Red rocket launched on time from the coast on Tuesday, the "
                                "[bold]agency[/bold] said.")


def test_seeds_folder_is_not_written(config):
    seeds = ROOT / "seeds"
    before = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in seeds.iterdir())
    load_folder(seeds, config)
    after = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in seeds.iterdir())
    assert before == after


FAST = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x1b[31m", "\x1b]8;;http://x\x07", "\x07", "\x00", "\r", "\u2028",
                         "[bold red]", "[/]", "[link=http://x]", "<p>", "</div>", "&amp;",
                         "—", "“", "\ufeff", ".", "\n", "\n\n", "WASHINGTON — ", "---\n"]),
    ),
    max_size=120,
).map("".join).map(lambda s: s + "x" * 3000 if len(s) % 7 == 0 else s)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise(config, suffix, data):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "f" + suffix).write_bytes(data)
        articles, warnings = load_folder(Path(tmp), with_ingest(config, max_line_chars=1000))
        assert_safe(articles)
        assert all(isinstance(w.message, str) for w in warnings)


def _wrap(suffix: str, text: str) -> str:
    if suffix == ".json":
        return json.dumps({"title": text[:50], "text": text, "date": text[:20],
                           "outlet": text[-30:], "author": text[5:40], "url": text[:60]})
    if suffix in (".xml", ".rss"):
        return f"<rss><channel><title>T</title><item><title>T</title><description>" \
               f"{text.replace('&', '&amp;').replace('<', '&lt;')}</description></item>" \
               f"</channel></rss>"
    if suffix == ".html":
        return f"<html><head><title>{text[:40]}</title></head><body><p>{text}</p></body></html>"
    if suffix == ".md":
        return f"---\ntitle: {text[:30]}\n---\n{text}"
    return text


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(text=HOSTILE_TEXT)
def test_random_text_never_raises(config, suffix, text):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "f" + suffix).write_text(_wrap(suffix, text), encoding="utf-8",
                                           errors="surrogatepass")
        articles, _ = load_folder(Path(tmp), with_ingest(config, max_line_chars=1000))
        assert_safe(articles)
        for article in articles:
            assert all(len(line) <= 1000 for line in article.text.split("\n"))


@pytest.mark.parametrize("text", ["Launch scrubbed.", "Liftoff!",
                                  "12 May 2026\nCrew safe after the capsule splashed down"])
def test_tiny_articles_keep_their_text(tmp_path, config, text):
    articles, warnings = one(tmp_path, config, "a.txt", text)
    assert warnings == [] and articles[0].text
