"""The dashboard's theme: `tui.theme` in config.yaml, else the one last picked in the palette
(kept in the cache dir), else Textual's default."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App
from textual.theme import BUILTIN_THEMES

from briefing.config import Config, ConfigError
from briefing.safe_text import clean
from briefing.store.location import cache_dir_for


def check_theme(config: Config) -> None:
    """Refuse a `tui.theme` Textual does not have (one line naming the key)."""
    name = config.tui.theme
    if name is not None and name not in BUILTIN_THEMES:
        raise ConfigError(f"tui.theme: unknown theme {name!r} (known: "
                          f"{', '.join(sorted(BUILTIN_THEMES))})")


def theme_file(config: Config, cache_dir: str | None) -> Path:
    return cache_dir_for(config, cache_dir) / "tui-theme.json"


def remembered(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        name = json.loads(path.read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name in BUILTIN_THEMES else None


def apply_theme(app: App[object], config: Config, path: Path | None) -> None:
    """Set the starting theme and remember the ones picked from now on (path None: keep
    nothing, as without a cache)."""
    name = config.tui.theme or remembered(path)
    if name is not None:
        app.theme = name
    if path is None:
        return

    def picked(theme: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"theme": theme}), encoding="utf-8")
        except OSError:
            app.notify(clean(f"The theme could not be remembered in {path}."),
                       severity="warning", markup=False)
    app.watch(app, "theme", picked, init=False)
