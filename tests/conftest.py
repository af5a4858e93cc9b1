"""Shared test set-up: never touch the user's real home or cache dir; one `config`."""

from pathlib import Path

import pytest

from briefing.config import Config, load_config

REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True, scope="session")
def _isolated_home(tmp_path_factory):
    """BRIEFING_CACHE_DIR, HOME and XDG_CACHE_HOME point into a tmp dir for the whole run, so
    neither the tests nor the commands they start write into the user's home."""
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    home = tmp_path_factory.mktemp("home")
    mp.setenv("HOME", str(home))
    mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def config() -> Config:
    """The built-in settings over the repository's seeds (a Config is frozen: one for all)."""
    return load_config(None, seeds=REPO / "seeds")
