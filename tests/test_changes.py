"""What changed since the last briefing shown for a folder, and since a date: the same folder
twice gives nothing new; one changed article gives exactly its changes."""

import json
import shutil
from pathlib import Path

import pytest

from briefing.changes import compare
from briefing.cli import main
from briefing.config import load_config
from briefing.last_seen import ShownInTurn, path_for, remember
from briefing.model import Article, Briefing

FIXTURES = Path(__file__).parent / "fixtures" / "timeline"
NEW_QUOTE = ('\n\n"The gates were old, and nobody wanted to pay for new ones," said '
             'fisherman Arno Pellig, who has moored at the quay for thirty years.\n')


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "copy"
    target.mkdir()
    for path in FIXTURES.glob("*.txt"):
        shutil.copy(path, target)
    return target


def changes(capsys, folder, cache, since="last"):
    argv = ["print", "--seeds", str(folder), "--cache-dir", str(cache), "--format", "json",
            "--since", since]
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)["changes"]


def listed(found):
    return {key: value for key, value in found.items()
            if key not in ("since", "previous", "empty") and value}


def test_the_same_folder_twice_is_nothing_new(capsys, folder, tmp_path):
    cache = tmp_path / "cache"
    first = changes(capsys, folder, cache)
    assert first["previous"] is None and first["empty"]
    second = changes(capsys, folder, cache)
    assert second["previous"] is not None
    assert second["empty"] and listed(second) == {}
    assert listed(changes(capsys, folder, cache)) == {}


def test_one_changed_article_gives_exactly_its_changes(capsys, folder, tmp_path):
    cache = tmp_path / "cache"
    changes(capsys, folder, cache)
    with (folder / "harbour_b.txt").open("a", encoding="utf-8") as out:
        out.write(NEW_QUOTE)
    found = changes(capsys, folder, cache)
    assert found["updated"] == ["harbour_b.txt"]
    assert found["new_people"] == ["Arno Pellig"]
    assert [q["speaker"] for q in found["new_quotes"]] == ["Arno Pellig"]
    assert set(listed(found)) <= {"updated", "new_people", "new_quotes", "new_roles",
                                  "changed_summaries"}
    assert all("harbour_b.txt" in s["sources"] for s in found["changed_summaries"])
    assert listed(changes(capsys, folder, cache)) == {}  # and then nothing new again


def test_new_and_removed_articles(capsys, folder, tmp_path):
    cache = tmp_path / "cache"
    changes(capsys, folder, cache)
    (folder / "mill.txt").unlink()
    shutil.copy(FIXTURES / "harbour_b.txt", folder / "harbour_c.txt")
    found = changes(capsys, folder, cache)
    assert found["removed"] == [{"id": "mill.txt", "title": "Weavers' mill to become a museum"}]
    assert [(s["title"], s["sources"]) for s in found["joined"]] == [
        ("Floodgates fail as storm surge swamps Port Avery harbour", ["harbour_c.txt"])]
    assert found["new_stories"] == []


def test_since_a_date_counts_the_articles_dated_from_then(capsys, folder, tmp_path):
    found = changes(capsys, folder, tmp_path / "cache", since="2024-01-01")
    assert found["since"] == "2024-01-01" and found["previous"] == "2024-01-01"
    assert [sorted(s["sources"]) for s in found["new_stories"]] == [
        ["harbour_a.txt", "harbour_b.txt"]]
    assert found["removed"] == [] and found["joined"] == []
    later = changes(capsys, folder, tmp_path / "cache", since="2024-03-08")
    assert [s["sources"] for s in later["joined"]] == [["harbour_a.txt"]]
    assert [sorted(s["sources"]) for s in later["changed_summaries"]] == [
        ["harbour_a.txt", "harbour_b.txt"]]


def test_the_briefing_shows_whats_new_only_when_something_is(capsys, folder, tmp_path):
    argv = ["print", "--seeds", str(folder), "--cache-dir", str(tmp_path / "cache"),
            "--format", "markdown"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main(argv) == 0
    assert capsys.readouterr().out == first and "What's new" not in first
    (folder / "trial.txt").unlink()
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "## What's new since the last briefing" in out
    assert "- **Removed**: Jury retires in the Dunmore warehouse fraud trial" in out


def test_the_last_briefing_is_kept_in_the_cache_dir_not_the_folder(capsys, folder, tmp_path):
    before = sorted(p.name for p in folder.iterdir())
    changes(capsys, folder, tmp_path / "cache")
    assert sorted(p.name for p in folder.iterdir()) == before
    config = load_config(None, seeds=folder)
    kept = path_for(config, str(tmp_path / "cache"))
    assert kept.is_relative_to(tmp_path / "cache") and kept.exists()
    kept.write_text("{not json", encoding="utf-8")  # a broken file is no earlier briefing
    assert changes(capsys, folder, tmp_path / "cache")["previous"] is None


def test_without_the_cache_nothing_is_remembered(capsys, folder, tmp_path):
    argv = ["print", "--seeds", str(folder), "--no-cache", "--format", "json"]
    assert main([*argv, "--since", "last"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"]["previous"] is None
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["changes"] is None


def test_a_bad_since_is_a_usage_error(capsys, folder):
    with pytest.raises(SystemExit) as info:
        main(["print", "--seeds", str(folder), "--since", "yesterday"])
    assert info.value.code == 2
    assert "--since" in capsys.readouterr().err


def test_a_dashboard_compares_each_briefing_with_the_one_it_showed_before(folder, tmp_path):
    config = load_config(None, seeds=folder)
    cache = str(tmp_path / "cache")
    one = Article(id="a.txt", path="a.txt", text="Harbour gates fail.", title="Gates",
                  content_hash="1")
    two = Article(id="b.txt", path="b.txt", text="Harbour reopens.", title="Reopens",
                  content_hash="2")
    first = Briefing(sources=[one, two])
    turns = ShownInTurn(config, cache, keep=True)
    changes, kept = turns.show(first)
    assert changes.previous is None and kept is not None  # nothing remembered yet
    remember(config, kept, cache)
    assert turns.show(first) == (compare(kept, first), None)  # nothing new: nothing to write
    changes, kept = turns.show(Briefing(sources=[one]))
    assert [r.id for r in changes.removed] == ["b.txt"] and kept is not None
    # a dashboard opened later starts from the briefing remembered for the folder
    assert ShownInTurn(config, cache, keep=True).show(first)[0].previous is not None
    assert ShownInTurn(config, cache, keep=False).show(first) == (compare(None, first), None)
