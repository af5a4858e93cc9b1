"""Shared test set-up: never touch the user's real home or cache dir; one `config`."""

import importlib.util
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

import pytest

from briefing.config import Config, load_config

REPO = Path(__file__).parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """pytest-textual-snapshot writes its report of failed snapshots into the current dir by
    default; it goes to the system's tmp dir instead (an explicit --snapshot-report wins)."""
    if config.getoption("--snapshot-report", None) == "snapshot_report.html":
        config.option.snapshot_report = str(Path(tempfile.gettempdir())
                                            / "briefing-snapshot-report.html")


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
def bench_script() -> Callable[[str], ModuleType]:
    """Loads a script of bench/ (not a package) as a module: `bench_script("eval_beats")`."""
    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"bench_{name}",
                                                      REPO / "bench" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    return load


@pytest.fixture(scope="session")
def config() -> Config:
    """The built-in settings over the repository's seeds (a Config is frozen: one for all)."""
    return load_config(None, seeds=REPO / "seeds")


@pytest.fixture
def write_seeds(tmp_path):
    """Writes {file name: text} into a new seeds folder under tmp_path and returns it."""

    def write(articles: Mapping[str, str]) -> Path:
        folder = tmp_path / "seeds"
        folder.mkdir()
        for name, text in articles.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write
