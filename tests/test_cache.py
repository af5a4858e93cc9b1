"""The caches: hits and misses, what their keys depend on, and surviving a broken disk."""

import dataclasses
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

import briefing.ingest
from briefing import pipeline
from briefing.config import load_config
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    Context,
    CrewLink,
    DateMention,
    Difference,
    EntityMention,
    LoadWarning,
    Mission,
    Person,
    Quote,
    QuoteMention,
    RoleMention,
    Span,
    Story,
    Summary,
    SummaryPoint,
)
from briefing.nlp import child
from briefing.store import DB_NAME, Fingerprints, Store, cache_dir_for
from briefing.store.codec import plain

REPO = Path(__file__).parent.parent
TEXT = ("NASA Administrator Jared Isaacman said he plans to attend the next Soyuz launch.\n\n"
        "\u201cI am certainly planning to attend,\u201d Isaacman said.")



def article(text=TEXT, id="wire/a.txt", **meta):
    return Article(id=id, path=id, text=text, content_hash=f"hash-{len(text)}", **meta)


def analysis_of(art):
    return ArticleAnalysis(
        source_id=art.id, content_hash=art.content_hash,
        sentences=[Span(0, 80), Span(82, len(art.text))],
        mentions=[EntityMention("Jared Isaacman", "Jared Isaacman", "PERSON", 20, 34, 0),
                  EntityMention("NASA", "NASA", "ORG", 0, 4, 0)],
        roles=[RoleMention("Jared Isaacman", "NASA Administrator", "NASA")],
        crew=[CrewLink("Soyuz MS-29", "Anil Menon")],
        dates=[DateMention("Feb. 13", "2026-02-13", "day", 3, 10),
               DateMention("this summer", None, "season", 11, 22)],
        quotes=[QuoteMention("I am certainly planning to attend,", "Jared Isaacman", 83, 119, 1)],
        aliases={"Jared Isaacman": ["Isaacman", "Jared Isaacman"]},
    )


@contextmanager
def open_cache(config, folder=None):
    """The analyses table of a store opened on `folder`."""
    with Store.open(config, folder) as store:
        yield store.analyses


def fingerprint(config):
    return Fingerprints(config).analysis


def test_miss_then_hit_round_trips_every_field(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        assert cache.enabled
        assert cache.get_many([art]) == {}
        cache.put_many([(art, analysis_of(art))])
    with open_cache(config, tmp_path) as cache:
        assert cache.get_many([art]) == {art.id: analysis_of(art)}


def test_hit_takes_the_id_of_the_article_asked_for(config, tmp_path):
    art = article()
    moved = article(id="renamed.txt")
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
        found = cache.get_many([art, moved])
    assert found[moved.id].source_id == "renamed.txt"
    assert found[art.id].source_id == art.id


def test_key_changes_with_text_and_metadata(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
        assert cache.get_many([article(TEXT + " More.")]) == {}
        assert cache.get_many([article(date="2026-02-13")]) == {}
        assert cache.get_many([article(title="Isaacman to attend")]) == {}


def test_key_changes_with_config_fingerprint(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
    more_orgs = dataclasses.replace(config, gazetteers=dataclasses.replace(
        config.gazetteers, organizations={**config.gazetteers.organizations, "ESA": []}))
    other_model = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, model="x_y"))
    for changed in (more_orgs, other_model):
        assert fingerprint(changed) != fingerprint(config)
        with open_cache(changed, tmp_path) as cache:
            assert cache.get_many([art]) == {}


def test_settings_that_do_not_change_the_analysis_keep_the_cache(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
    faster = dataclasses.replace(
        config, nlp=dataclasses.replace(config.nlp, batch_size=7, processes=2),
        stories=dataclasses.replace(config.stories, min_similarity=0.9))
    assert fingerprint(faster) == fingerprint(config)
    with open_cache(faster, tmp_path) as cache:
        assert art.id in cache.get_many([art])


def test_corrupt_entry_is_a_miss_and_is_rewritten(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("UPDATE analyses SET data = ?", ('{"sentences": [[1, 2, 3]]',))
    db.close()
    with open_cache(config, tmp_path) as cache:
        assert cache.get_many([art]) == {}
        cache.put_many([(art, analysis_of(art))])
        assert cache.get_many([art]) == {art.id: analysis_of(art)}


def test_entry_of_another_schema_is_a_miss(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("UPDATE analyses SET data = ?", ('{"sentences": {"a": 1}, "aliases": []}',))
    db.close()
    with open_cache(config, tmp_path) as cache:
        assert cache.get_many([art]) == {}


def test_database_of_another_format_is_rebuilt(config, tmp_path):
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("CREATE TABLE analyses (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("INSERT INTO analyses VALUES ('k', 'old')")
    db.close()
    art = article()
    with open_cache(config, tmp_path) as cache:
        assert cache.get_many([art]) == {}
        cache.put_many([(art, analysis_of(art))])
        assert art.id in cache.get_many([art])


def test_garbage_database_file_is_replaced(config, tmp_path):
    (tmp_path / DB_NAME).write_bytes(os.urandom(4096) * 4)
    art = article()
    with open_cache(config, tmp_path) as cache:
        assert cache.enabled
        assert cache.get_many([art]) == {}
        cache.put_many([(art, analysis_of(art))])
    with open_cache(config, tmp_path) as cache:
        assert art.id in cache.get_many([art])


def test_database_corrupted_while_open_is_replaced(config, tmp_path):
    art = article()
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(art, analysis_of(art))])
        (tmp_path / DB_NAME).write_bytes(b"\0garbage" * 4096)
        assert cache.get_many([art]) == {}
        cache.put_many([(art, analysis_of(art))])
        assert art.id in cache.get_many([art])


@pytest.mark.parametrize("make", ["parent_is_a_file", "db_is_a_folder", "read_only"])
def test_unusable_cache_dir_turns_caching_off(config, tmp_path, monkeypatch, make):
    folder = tmp_path / "cache"
    if make == "parent_is_a_file":
        folder.write_text("not a folder")
    elif make == "db_is_a_folder":
        (folder / DB_NAME).mkdir(parents=True)
    else:
        folder.mkdir()

        def refuse(*args, **kwargs):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(sqlite3, "connect", refuse)
    art = article()
    with open_cache(config, folder) as cache:
        assert not cache.enabled
        cache.put_many([(art, analysis_of(art))])
        assert cache.get_many([art]) == {}


def test_cache_dir_precedence(config, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir_for(config) == tmp_path / "env"
    assert cache_dir_for(config, str(tmp_path / "flag")) == tmp_path / "flag"
    with open_cache(config) as cache:
        assert cache.db.path == tmp_path / "env" / DB_NAME
    assert cache.db.path.is_file()
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    configured = dataclasses.replace(config, cache=dataclasses.replace(config.cache, dir="c"),
                                     source=tmp_path / "config.yaml")
    assert cache_dir_for(configured) == tmp_path / "c"
    assert cache_dir_for(config).name == "briefing"


def test_many_articles_are_looked_up_in_batches(config, tmp_path):
    arts = [article(f"Article number {i}.", id=f"{i}.txt") for i in range(1200)]
    with open_cache(config, tmp_path) as cache:
        cache.put_many((a, analysis_of(a)) for a in arts[::2])
        statements = []
        cache.db._db.set_trace_callback(statements.append)
        found = cache.get_many(arts)
    assert set(found) == {a.id for a in arts[::2]}
    assert len(statements) <= 3


def test_identical_articles_share_one_entry(config, tmp_path):
    arts = [article(id="a.txt"), article(id="b.txt")]
    with open_cache(config, tmp_path) as cache:
        cache.put_many([(arts[0], analysis_of(arts[0]))])
        assert set(cache.get_many(arts)) == {"a.txt", "b.txt"}


def test_warm_analyse_never_reaches_the_nlp(config, tmp_path, monkeypatch):
    arts = [article(id="a.txt"), article("Another story entirely.", id="b.txt")]
    with open_cache(config, tmp_path) as cache:
        cache.put_many((a, analysis_of(a)) for a in arts)

    def refuse(*args, **kwargs):
        raise AssertionError("NLP called on a warm cache")

    monkeypatch.setattr(child, "analyse_here", refuse)
    monkeypatch.setattr(child, "load_nlp", refuse)
    found = pipeline.analyse(arts, config, cache_dir=str(tmp_path))
    assert list(found) == ["a.txt", "b.txt"]


def test_analyse_stores_misses_and_respects_no_cache(config, tmp_path, monkeypatch):
    calls = []

    def fake(articles, config, progress=None, cancelled=None):
        calls.append([a.id for a in articles])
        return [analysis_of(a) for a in articles]

    monkeypatch.setattr(child, "analyse_here", fake)
    arts = [article(id="a.txt"), article("Another story entirely.", id="b.txt")]
    pipeline.analyse(arts[:1], config, cache_dir=str(tmp_path))
    pipeline.analyse(arts, config, cache_dir=str(tmp_path))
    pipeline.analyse(arts, config, cache_dir=str(tmp_path), use_cache=False)
    off = dataclasses.replace(config, cache=dataclasses.replace(config.cache, enabled=False))
    pipeline.analyse(arts, off, cache_dir=str(tmp_path))
    assert calls == [["a.txt"], ["b.txt"], ["a.txt", "b.txt"], ["a.txt", "b.txt"]]


@pytest.mark.subprocess
def test_warm_print_does_not_import_spacy(tmp_path):
    """With every file cached, `briefing print` does no spaCy or extraction work and never
    imports either."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in (REPO / "seeds").iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    config = load_config(None, seeds=seeds)
    articles, _ = pipeline.load_sources(config, cache_dir=str(tmp_path / "cache"))
    with open_cache(config, tmp_path / "cache") as cache:
        cache.put_many((a, analysis_of(a)) for a in articles)
    script = ("import sys; from briefing.cli import main; "
              f"code = main(['--seeds', {str(seeds)!r}, '--cache-dir', "
              f"{str(tmp_path / 'cache')!r}, 'print', '--format', 'json']); "
              "heavy = sorted(m for m in ('spacy', 'thinc', 'trafilatura', 'textual') "
              "if m in sys.modules); sys.stderr.write(f'HEAVY={heavy}'); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "HEAVY=[]" in done.stderr



@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in (REPO / "seeds").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "feed.json").write_text('[{"title": "One", "text": "First body."}, '
                                      '{"title": "Two", "text": "Second body."}]')
    (folder / "empty.txt").write_text("")
    return folder


def test_sources_come_from_the_cache_when_files_are_unchanged(seeds, tmp_path, monkeypatch):
    config = load_config(None, seeds=seeds)
    expected = briefing.ingest.load_folder(seeds, config)
    with Store.open(config, tmp_path / "cache") as store:
        assert briefing.ingest.load_folder(seeds, config, known=store.sources) == expected
    loaded = []
    real = briefing.ingest.folder.load_file
    monkeypatch.setattr(briefing.ingest.folder, "load_file",
                        lambda path, *a: loaded.append(path.name) or real(path, *a))
    with Store.open(config, tmp_path / "cache") as store:
        assert briefing.ingest.load_folder(seeds, config, known=store.sources) == expected
    assert loaded == []
    first = sorted(seeds.glob("*.txt"))[0]
    first.write_text(first.read_text() + "\n\nOne more paragraph for the update.")
    with Store.open(config, tmp_path / "cache") as store:
        articles, _ = briefing.ingest.load_folder(seeds, config, known=store.sources)
    assert loaded == [first.name]
    assert "One more paragraph" in next(a for a in articles if a.path == first.name).text


def test_sources_cache_follows_the_ingest_config(seeds, tmp_path, monkeypatch):
    config = load_config(None, seeds=seeds)
    with Store.open(config, tmp_path / "cache") as store:
        briefing.ingest.load_folder(seeds, config, known=store.sources)
    stricter = dataclasses.replace(config, ingest=dataclasses.replace(
        config.ingest, furniture_phrases=[*config.ingest.furniture_phrases, "Crew-12"]))
    loaded = []
    real = briefing.ingest.folder.load_file
    monkeypatch.setattr(briefing.ingest.folder, "load_file",
                        lambda path, *a: loaded.append(path.name) or real(path, *a))
    with Store.open(stricter, tmp_path / "cache") as store:
        briefing.ingest.load_folder(seeds, stricter, known=store.sources)
    assert len(loaded) == 4


def test_load_sources_without_cache_writes_nothing(seeds, tmp_path):
    config = load_config(None, seeds=seeds)
    cached = pipeline.load_sources(config, cache_dir=str(tmp_path / "cache"))
    plain = pipeline.load_sources(config, cache_dir=str(tmp_path / "none"), use_cache=False)
    assert cached == plain
    assert (tmp_path / "cache" / DB_NAME).is_file()
    assert not (tmp_path / "none").exists()


def test_corrupt_sources_entry_is_reloaded(seeds, tmp_path):
    config = load_config(None, seeds=seeds)
    expected = briefing.ingest.load_folder(seeds, config)
    with Store.open(config, tmp_path) as store:
        briefing.ingest.load_folder(seeds, config, known=store.sources)
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("UPDATE sources SET data = '[[[1]], []]'")
    db.close()
    with Store.open(config, tmp_path) as store:
        assert briefing.ingest.load_folder(seeds, config, known=store.sources) == expected
        assert briefing.ingest.load_folder(seeds, config, known=store.sources) == expected


def sample_briefing(art):
    return Briefing(
        sources=[art], warnings=[LoadWarning("bad.bin", "binary file")],
        people=[Person("Ann Lee", aliases=["Lee"], roles=["NASA astronaut"],
                       role_sources={"NASA astronaut": [art.id]}, sources=[art.id],
                       contexts=[Context(art.id, "Ann Lee flew.")], mentions=2)],
        missions=[Mission("Crew-9", people=["Ann Lee"], sources=[art.id])],
        quotes=[Quote("We are ready", "Ann Lee", [art.id])],
        stories=[Story("s1", "Crew-9 flies", [art.id], reason="one source",
                       points=[SummaryPoint("Crew-9 flew.", [art.id])],
                       differences=[Difference("Ann Lee quoted differently",
                                               [SummaryPoint("a", [art.id])])])],
        summary=Summary("Crew-9 flies", [SummaryPoint("Crew-9 flew.", [art.id])]))


def test_briefing_round_trips_and_is_keyed_by_every_article(config, tmp_path):
    art = article()
    briefing = sample_briefing(art)
    with Store.open(config, tmp_path) as store:
        cache = store.briefings
        key = cache.key_of([art], briefing.warnings)
        assert cache.get(key) is None
        cache.put(key, briefing)
        assert cache.get(key) == briefing
        assert cache.get(key).story_of(art.id).id == "s1"
        changed = dataclasses.replace(art, title="Another title")
        assert cache.key_of([changed], briefing.warnings) != key
        assert cache.key_of([art], []) != key


def test_corrupt_briefing_entry_is_a_miss(config, tmp_path):
    art = article()
    with Store.open(config, tmp_path) as store:
        cache = store.briefings
        key = cache.key_of([art], [])
        cache.store([(key, '{"sources": [{"id": 1}]}')])
        assert cache.get(key) is None


def test_damaged_briefing_entry_is_a_miss(config, tmp_path):
    """A stored briefing with one byte changed, cut short or made empty is never decoded."""
    art = article()
    with Store.open(config, tmp_path) as store:
        cache = store.briefings
        key = cache.key_of([art], [])
        cache.put(key, sample_briefing(art))
        (blob,) = cache.fetch([key]).values()
        for damaged in (blob[:20] + bytes([blob[20] ^ 1]) + blob[21:], blob[:-7], b"", b"\0"):
            cache.store([(key, damaged)])
            assert cache.get(key) is None
        cache.store([(key, blob)])
        assert cache.get(key) == sample_briefing(art)


def test_warm_print_reuses_the_briefing_and_sees_a_changed_file(tmp_path, capsys):
    from briefing.cli import main

    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("Astronaut Ann Lee said the Crew-9 launch went well.\n",
                                  encoding="utf-8")
    argv = ["print", "--seeds", str(folder), "--format", "json", "--cache-dir",
            str(tmp_path / "cache")]
    assert main(argv) == 0
    cold = capsys.readouterr().out
    assert main(argv) == 0
    assert capsys.readouterr().out == cold
    (folder / "a.txt").write_text("Astronaut Bo Chen said the Crew-9 launch went well.\n",
                                  encoding="utf-8")
    assert main(argv) == 0
    assert "Bo Chen" in capsys.readouterr().out


def test_briefings_are_stored_as_dataclasses_asdict_has_them_without_derived_fields():
    briefing = sample_briefing(article())
    expected = dataclasses.asdict(briefing)
    for source in expected["sources"]:
        del source["digest"]  # made again from the other fields when the article is made
    assert plain(briefing) == expected


@pytest.mark.parametrize("use_cache", [True, False])
def test_an_unlistable_subfolder_is_warned_with_and_without_the_cache(seeds, tmp_path,
                                                                      monkeypatch, use_cache):
    (seeds / "locked").mkdir()
    (seeds / "locked" / "a.txt").write_text("A body that nobody can list.")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    config = load_config(None, seeds=seeds)
    for _ in range(2):  # the second time, every listed file comes from the cache
        articles, warnings = pipeline.load_sources(config, cache_dir=str(tmp_path / "cache"),
                                                   use_cache=use_cache)
        assert [w.path for w in warnings if "cannot list folder" in w.message] == ["locked"]
        assert not any(a.path.startswith("locked/") for a in articles)


def test_a_print_opens_the_store_file_once(seeds, tmp_path, monkeypatch, capsys):
    from briefing.cli import main

    opened = []
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(a) or real(*a, **k))
    for _ in range(2):  # cold, then warm
        opened.clear()
        assert main(["print", "--seeds", str(seeds), "--format", "json",
                     "--cache-dir", str(tmp_path / "cache")]) == 0
        assert len(opened) == 1
    capsys.readouterr()


@pytest.mark.subprocess
def test_a_warm_print_does_not_import_the_digest(seeds, tmp_path):
    argv = ["print", "--seeds", str(seeds), "--format", "json", "--cache-dir",
            str(tmp_path / "cache")]
    check = ("import sys\nfrom briefing.cli import main\nmain(sys.argv[1:])\n"
             "sys.stderr.write(f'DIGEST={\"briefing.digest\" in sys.modules}')")
    for expected in ("DIGEST=True", "DIGEST=False"):  # cold, then warm
        done = subprocess.run([sys.executable, "-c", check, *argv], capture_output=True,
                              text=True, cwd=REPO, timeout=300)
        assert done.returncode == 0, done.stderr
        assert expected in done.stderr


def test_a_new_store_holds_no_analysis_until_one_is_put(config, tmp_path):
    art = article()
    with Store.open(config, tmp_path) as store:
        assert store.analyses.empty
        store.analyses.put_many([(art, analysis_of(art))])
        assert not store.analyses.empty
    with Store.open(config, tmp_path) as store:
        assert not store.analyses.empty
