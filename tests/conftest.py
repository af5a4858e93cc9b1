"""Shared test set-up: never touch the user's real home or cache dir."""

import pytest


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
