"""Command line: `briefing` opens the dashboard, `briefing print` writes the briefing and exits.

Exit codes: 0 ok (also with skipped files), 1 the dashboard stopped on an error, 2 usage or
config error, 3 no readable article.
Data goes to stdout; warnings and errors to stderr. The print path never imports Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from briefing import __version__, collector
from briefing.config import Config, ConfigError, discover_config, load_config
from briefing.model import Briefing, Changes

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_NO_ARTICLES = 3

EXAMPLES = """\
examples:
  briefing                              open the dashboard on ./seeds (or config.yaml's folder)
  briefing --seeds ~/wires              open the dashboard on another folder
  briefing print                        print the briefing (rich on a terminal)
  briefing print --format markdown      Markdown with footnote citations, ready to paste
  briefing print --format json | jq .people
  briefing print --since last           only what changed since the last briefing shown
  briefing print --since 2026-02-01     only what the articles dated since then brought
  briefing --config my.yaml print --seeds copy/ --color never
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seeds", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                        help="folder of articles (overrides config.yaml's `seeds`)")
    common.add_argument("--config", metavar="FILE", type=Path, default=argparse.SUPPRESS,
                        help="config file (default: ./config.yaml when present)")
    common.add_argument("--cache-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where analyses are cached (default: the user cache dir, "
                             "or $BRIEFING_CACHE_DIR)")
    common.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS,
                        help="analyse everything afresh; read and write no cache")

    parser = argparse.ArgumentParser(
        prog="briefing", parents=[common],
        description="A terminal newsroom briefing: a folder of copy in; sources, people, "
                    "missions, quotes and a cited summary out.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    printer = sub.add_parser(
        "print", parents=[common], help="print the briefing and exit",
        description="Print the briefing to stdout and exit. Warnings go to stderr.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    printer.add_argument("--format", choices=["rich", "markdown", "json"], default="rich",
                         help="output format (default: rich)")
    printer.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                         help="colour in rich output (default: auto; NO_COLOR is honoured)")
    printer.add_argument("--since", metavar="last|DATE", type=_since, default=None,
                         help="print only what changed: since the last briefing shown for "
                              "this folder (last), or since a day (YYYY-MM-DD, from the "
                              "articles' dates)")
    return parser


def _since(value: str) -> str:
    if value == "last":
        return value
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected 'last' or a date YYYY-MM-DD, got {value!r}") from None


def _config_from(args: argparse.Namespace) -> Config:
    path = getattr(args, "config", None) or discover_config()
    return load_config(path, seeds=getattr(args, "seeds", None))


def _error(message: str) -> None:
    sys.stderr.write(f"briefing: {message}\n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = _config_from(args)
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_USAGE
    cache_dir = getattr(args, "cache_dir", None)
    use_cache = not getattr(args, "no_cache", False)
    if args.command == "print":
        with collector.exiting():
            return _print(config, args.format, args.color, cache_dir, use_cache, args.since)
    from briefing.tui.run import run_dashboard

    return run_dashboard(config, cache_dir=cache_dir, use_cache=use_cache)


def run() -> None:
    """The `briefing` command: main(), then a quick exit. The output is flushed and the
    caches are closed by then; tearing the briefing's objects down one by one would only
    keep the user waiting. The collector's policy is chosen per command (briefing.collector):
    `print` freezes what it builds, the dashboard never freezes."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            continue  # the reader went away (`briefing print | head`), or it is closed
    os._exit(code)


def _print(config: Config, fmt: str, color: str, cache_dir: str | None,
           use_cache: bool, since: str | None = None) -> int:
    from briefing.pipeline import build_briefing
    from briefing.render.text import clean

    try:
        briefing = build_briefing(config, cache_dir=cache_dir, use_cache=use_cache)
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_USAGE
    for warning in briefing.warnings:
        _error(f"warning: {clean(warning.path)}: {clean(warning.message)}")
    changes = _changes(briefing, config, cache_dir, use_cache and config.cache.enabled, since)
    # the output's many small objects all live until written
    with collector.paused():
        if since is None and changes is not None and changes.empty:
            changes = None  # the briefing alone: "What's new" only when something is
        _render(briefing, fmt, color, changes, only_changes=since is not None)
    if not briefing.sources:
        _error(f"no readable article in {clean(str(config.seeds))}{_unlistable(config.seeds)}")
        return EXIT_NO_ARTICLES
    return EXIT_OK


def _unlistable(folder: Path) -> str:
    """Why the folder cannot be listed (' (cannot list it: …)'), or ''."""
    try:
        with os.scandir(folder):
            return ""
    except OSError as exc:
        return f" (cannot list it: {exc.strerror or type(exc).__name__})"


def _changes(briefing: Briefing, config: Config, cache_dir: str | None, remembered: bool,
             since: str | None) -> Changes | None:
    """What changed since `since` (a day), or since the last briefing shown for the folder,
    which this one then replaces (with the cache on: the last briefing is kept in it)."""
    if since not in (None, "last"):
        from briefing.changes import changes_since

        return changes_since(briefing, since)
    if not remembered:
        return Changes(since="last", previous=None) if since else None
    from briefing import last_seen

    return last_seen.shown(config, briefing, last_seen.recall(config, cache_dir), cache_dir)[0]


def _render(briefing: Briefing, fmt: str, color: str, changes: Changes | None = None,
            only_changes: bool = False) -> None:
    if fmt == "json":
        from briefing.render.json_out import render_json

        sys.stdout.write(render_json(briefing, changes, only_changes))
    elif fmt == "markdown":
        from briefing.render.markdown_out import render_markdown

        sys.stdout.write(render_markdown(briefing, changes, only_changes))
    else:
        from briefing.render.rich_out import make_console, render_rich

        render_rich(briefing, make_console(color, no_color="NO_COLOR" in os.environ),
                    changes, only_changes)

