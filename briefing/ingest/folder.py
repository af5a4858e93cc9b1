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
from briefing.ingest.loaders import LINE_BASED, LOADERS, MULTI, Entry, LoaderError
from briefing.ingest.metadata import derive_title, read_header, same_title, split_dateline
from briefing.ingest.scan import ignored, list_files
from briefing.model import Article, LoadWarning


class Skip(Exception):
    """This file gives no article; the message is the warning."""


def relative_id(path: Path, folder: Path) -> str:
    """The path relative to the folder (posix): what Article.id and a warning name a file
    by. A name that is not UTF-8 shows its bytes escaped (b'\\xff' as "\\xff"): valid text to
    print, store and hash, and still one id per file."""
    try:
        rel = path.relative_to(folder).as_posix()
    except ValueError:
        rel = Path(os.path.relpath(path, folder)).as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _nonblocking(path: str, flags: int) -> int:
    # a FIFO (or a device) swapped in for the file after it was listed opens at once
    # instead of waiting for a writer; fstat on the opened descriptor then refuses it
    return os.open(path, flags | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))


def read_file(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; a bigger file is refused without reading it
    whole. What is checked is the file opened, not the name (it may change in between).
    Raises Skip."""
    try:
        with open(path, "rb", opener=_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise Skip("is a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file")
            if info.st_size > limit:
                raise Skip(f"file is larger than ingest.max_file_bytes ({limit} bytes); skipped")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Skip("broken link (the symlink's target does not exist)") from None
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


def _first_lines(text: str, limit: int) -> tuple[str, bool]:
    """The text up to its `limit`-th line break, and whether anything was left out."""
    at = -1
    for _ in range(limit):
        at = text.find("\n", at + 1)
        if at < 0:
            return text, False
    return text[:at], bool(text[at:].strip())


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
             warnings: list[LoadWarning], cut_before: bool = False) -> Article | None:
    # bounded before the cleaning rules run over every paragraph (3 MB of "<p>x" made
    # 750,000 one-letter paragraphs: a minute of furniture matching)
    most = config.ingest.max_paragraphs
    text, too_long = _first_lines(sanitize(entry.text), 10 * most)
    text, cut = _cut_lines(text, config.ingest.max_line_chars)
    cut = cut or cut_before
    title = _field(entry.title)
    units = units_of(text)
    if too_long or len(units) > most:
        units = units[:most]
        warnings.append(LoadWarning(ident, f"more than ingest.max_paragraphs ({most}) "
                                           f"paragraphs; the rest was cut"))
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
    cleaned = strip_furniture(units, config.ingest.furniture_phrases, entry.structured,
                              config.ingest.promo_phrases)
    removed += entry.removed + cleaned.removed
    paragraphs = [unglue(p) for p in cleaned.paragraphs]
    paragraphs = paragraphs if entry.structured else dedupe(paragraphs)
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
        title = _field(derive_title(body))  # one line, at most 500 characters
    return Article(
        id=ident, path=rel, text=body, title=title, title_derived=derived and title is not None,
        outlet=outlet or cleaned.outlet, date=date or cleaned.date, dateline=dateline,
        section=section, author=_field(author), url=_field(entry.url), content_hash=digest,
        removed=removed)


def _outside(path: Path, folder: Path) -> bool:
    """A symlink whose target (followed to the end) is not under `folder`."""
    if not os.path.islink(path):
        return False
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _load(path: Path, folder: Path, rel: str, config: Config
          ) -> tuple[list[Article], list[LoadWarning]]:
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise Skip(f"unsupported file type {suffix or '(none)'}")
    if not config.ingest.follow_symlinks_outside and _outside(path, folder):
        raise Skip("symlink to a file outside the seeds folder; skipped "
                   "(ingest.follow_symlinks_outside: false)")
    data = read_file(path, config.ingest.max_file_bytes)
    if not data.strip():
        raise Skip("empty file")
    try:
        text = decode(data)
    except BinaryFile as exc:
        raise Skip(str(exc)) from None
    if not text.strip():
        raise Skip("empty file")
    cut = False
    if suffix in LINE_BASED:  # before the loader's line patterns run over them
        text, cut = _cut_lines(text, config.ingest.max_line_chars)
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
                           warnings, cut)
        if article is not None:
            articles.append(article)
    return articles, warnings


def load_file(path: Path, folder: Path, config: Config) -> tuple[list[Article], list[LoadWarning]]:
    """The articles in one file (a feed or JSON list gives several). Never raises."""
    path, folder = Path(path), Path(folder)
    rel = relative_id(path, folder)
    if ignored(rel, config):
        return [], []
    try:
        return _load(path, folder, rel, config)
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
