"""Files -> Articles: read safely, pick the loader, clean, fill metadata. Never raises."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from briefing.config import Config
from briefing.ingest.clean import dedupe, strip_furniture, unglue, units_of
from briefing.ingest.decode import BinaryFile, decode, sanitize
from briefing.ingest.known import KnownFiles, Loaded
from briefing.ingest.loaders import LOADERS, MULTI, Entry, LoaderError
from briefing.ingest.metadata import derive_title, read_header, same_title, split_dateline
from briefing.ingest.scan import ignored, list_files
from briefing.model import Article, LoadWarning


class Skip(Exception):
    """This file gives no article; the message is the warning."""


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, folder)).as_posix()


def _read(path: Path, limit: int) -> bytes:
    """At most `limit` bytes; a bigger file is refused without reading it whole."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise Skip("not a regular file")
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise Skip(f"file is larger than ingest.max_file_bytes ({limit} bytes); skipped")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise Skip("file disappeared before it could be read") from None
    except PermissionError:
        raise Skip("permission denied") from None
    except IsADirectoryError:
        raise Skip("is a folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Skip("symlink loop") from None
        raise Skip(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise Skip(f"file is larger than ingest.max_file_bytes ({limit} bytes); skipped")
    return data


def _cut_lines(text: str, limit: int) -> tuple[str, bool]:
    lines = text.split("\n")
    if all(len(line) <= limit for line in lines):
        return text, False
    return "\n".join(line[:limit] for line in lines), True


def _cut_text(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for sep in ("\n\n", ". ", " "):
        at = cut.rfind(sep)
        if at > limit // 2:
            return cut[:at + (1 if sep == ". " else 0)].rstrip()
    return cut.rstrip()


def _field(value: str | None) -> str | None:
    """A metadata value on one line, without control characters, or None."""
    if not value:
        return None
    return " ".join(sanitize(value).split())[:500] or None


def _article(entry: Entry, ident: str, rel: str, digest: str, config: Config,
             warnings: list[LoadWarning]) -> Article | None:
    text, cut = _cut_lines(sanitize(entry.text), config.ingest.max_line_chars)
    title = _field(entry.title)
    units = units_of(text)
    removed: list[str] = []
    date, section, author = entry.date, None, entry.author
    header = read_header(units, title) if entry.plain else None
    if header is not None and header.body_start < len(units):  # a header, not the whole text
        removed += header.removed
        title = title or header.title
        date, section = date or header.date, header.section
        author = author or header.author
        units = units[header.body_start:]
    units = [u for u in units if not same_title(u, title)]
    dateline, outlet = None, _field(entry.outlet)
    for i, unit in enumerate(units[:3]):
        found = split_dateline(unit)
        if found:
            dateline, outlet = found[0], outlet or found[1]
            units[i] = found[2]
            break
    cleaned = strip_furniture(units, config.ingest.furniture_phrases)
    removed += cleaned.removed
    paragraphs = dedupe([unglue(p) for p in cleaned.paragraphs])
    # Cut again: joining a paragraph's lines or splitting glued sentences can lengthen a line.
    body, cut_after = _cut_lines("\n\n".join(paragraphs), config.ingest.max_line_chars)
    if cut or cut_after:
        warnings.append(LoadWarning(ident, f"lines longer than ingest.max_line_chars "
                                           f"({config.ingest.max_line_chars}) were cut"))
    if not body.strip():
        warnings.append(LoadWarning(ident, "no article text found"))
        return None
    if len(body) > config.ingest.max_article_chars:
        body = _cut_text(body, config.ingest.max_article_chars)
        warnings.append(LoadWarning(ident, f"text longer than ingest.max_article_chars "
                                           f"({config.ingest.max_article_chars}) was cut"))
    derived = title is None
    if derived:
        title = derive_title(body)
    return Article(
        id=ident, path=rel, text=body, title=title, title_derived=derived and title is not None,
        outlet=outlet or cleaned.outlet, date=date or cleaned.date, dateline=dateline,
        section=section, author=_field(author), url=_field(entry.url), content_hash=digest,
        removed=removed)


def _load(path: Path, rel: str, config: Config) -> tuple[list[Article], list[LoadWarning]]:
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise Skip(f"unsupported file type {suffix or '(none)'}")
    data = _read(path, config.ingest.max_file_bytes)
    if not data.strip():
        raise Skip("empty file")
    try:
        text = decode(data)
    except BinaryFile as exc:
        raise Skip(str(exc)) from None
    if not text.strip():
        raise Skip("empty file")
    try:
        entries = loader(text)
    except LoaderError as exc:
        raise Skip(str(exc)) from None
    except RecursionError:
        raise Skip("nested too deeply to parse") from None
    digest = hashlib.sha256(data).hexdigest()
    numbered = (len(entries) > 1 or (suffix in MULTI and suffix != ".json")
                or text.lstrip().startswith("["))
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    for n, entry in enumerate(entries, start=1):
        ident = f"{rel}#{n}" if numbered else rel
        warnings += [LoadWarning(ident, note) for note in entry.notes]
        article = _article(entry, ident, rel, f"{digest}#{n}" if numbered else digest, config,
                           warnings)
        if article is not None:
            articles.append(article)
    return articles, warnings


def load_file(path: Path, folder: Path, config: Config) -> tuple[list[Article], list[LoadWarning]]:
    """The articles in one file (a feed or JSON list gives several). Never raises."""
    path, folder = Path(path), Path(folder)
    rel = _relative(path, folder)
    if ignored(rel, config):
        return [], []
    try:
        return _load(path, rel, config)
    except Skip as exc:
        return [], [LoadWarning(rel, str(exc))]
    except RecursionError:
        return [], [LoadWarning(rel, "nested too deeply to parse")]
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the folder
        return [], [LoadWarning(rel, f"could not load: {type(exc).__name__}: {exc}"[:200])]


Reading = Callable[[list[Article], list[LoadWarning]], None]
READING_EVERY_S = 0.25


class ReadingReport:
    """Calls `reading` with what has been read so far at most every READING_EVERY_S."""

    def __init__(self, reading: Reading | None) -> None:
        self.reading = reading
        self.due = time.monotonic() + READING_EVERY_S

    def __call__(self, articles: list[Article], warnings: list[LoadWarning]) -> None:
        if self.reading is not None and time.monotonic() >= self.due:
            self.reading(list(articles), list(warnings))
            self.due = time.monotonic() + READING_EVERY_S


def load_folder(folder: Path, config: Config, reading: Reading | None = None,
                known: KnownFiles | None = None) -> tuple[list[Article], list[LoadWarning]]:
    """Every article under `folder`, in path order, and a warning per file given up on.
    `reading` is told what has been read so far, now and then, while a big folder loads.
    Files `known` has found unchanged are not read again; what the others give is added to
    it."""
    folder = Path(folder)
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    report = ReadingReport(reading)
    paths = list_files(folder, config, warnings)
    recalled = known.find(folder, paths) if known is not None else {}
    fresh: list[tuple[Path, Loaded]] = []
    for path in paths:
        found = recalled.get(path)
        if found is None:
            found = load_file(path, folder, config)
            fresh.append((path, found))
        articles += found[0]
        warnings += found[1]
        report(articles, warnings)
    if known is not None:
        known.add(fresh)
    return articles, warnings
