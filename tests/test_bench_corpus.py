"""The benchmark's corpus generator: N files, deterministic, all loadable without warnings."""

from briefing.config import load_config
from briefing.ingest import load_folder


def test_generator_is_deterministic_and_loads_cleanly(tmp_path, bench_script):
    corpus = bench_script("corpus")
    first = corpus.generate(tmp_path / "a", 20, seed=7)
    again = corpus.generate(tmp_path / "b", 20, seed=7)
    other = corpus.generate(tmp_path / "c", 20, seed=8)
    assert len(first) == 20
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    assert {p.suffix for p in first} >= {".txt", ".md", ".html", ".json"}

    config = load_config(None, seeds=tmp_path / "a")
    articles, warnings = load_folder(config.seeds, config)
    assert warnings == []
    assert sorted(a.path for a in articles) == sorted(p.name for p in first)
    words = [a.words for a in articles]
    assert min(words) >= 100 and max(words) <= 1200
    assert all(a.text.strip() for a in articles)
