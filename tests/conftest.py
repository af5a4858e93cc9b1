"""Shared test set-up: never touch the user's real cache dir."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()
