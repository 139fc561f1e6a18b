"""The typed settings tree (settings.py): stage thresholds from a TOML file, the environment
and Python change what the stages do; unknown names and wrong types are refused by name."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from storydiff.errors import SettingsError
from storydiff.model import Article
from storydiff.settings import (
    ClusterSettings,
    CompareSettings,
    Settings,
    StorylineSettings,
    WireSettings,
    current,
    default_settings,
    in_effect,
    load_settings,
    markdown,
)

# Two reports of one opening that give it different months: a date conflict by default, of two
# clauses that align at about 0.84 (above the default bar of 0.6, below 0.9).
OPENING = ("The new Harbour Bridge in Calloway opened to traffic in May 2019, the county council said.",
           "The Harbour Bridge in Calloway, with a cycle lane and a cafe, opened in August 2019 after years "
           "of delay.")


def _config(tmp_path: Path, text: str, name: str = "settings.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _date_conflicts(settings: Settings) -> list:
    from storydiff.compare import compare_articles

    articles = [Article(id=side, original="", text=text) for side, text in zip("ab", OPENING, strict=True)]
    return [f for f in compare_articles(articles, settings).findings if f.type == "conflict" and f.kind == "date"]


def test_a_compare_threshold_in_the_file_turns_a_conflict_off(tmp_path):
    (found,) = _date_conflicts(load_settings())
    assert "compare.veto.weak_alignment" in found.vetoes_passed
    # the claims align below 0.9: with that bar the weak-alignment veto drops the pair
    strict = load_settings(_config(tmp_path, "[storydiff.compare]\nconflict_score = 0.9\n"))
    assert strict.compare.conflict_score == 0.9
    assert _date_conflicts(strict) == []


def test_a_compare_threshold_from_python_and_the_environment(monkeypatch):
    assert _date_conflicts(Settings(compare=CompareSettings(conflict_score=0.9))) == []
    monkeypatch.setenv("STORYDIFF_COMPARE_CONFLICT_SCORE", "0.9")
    assert load_settings().compare.conflict_score == 0.9
    assert _date_conflicts(load_settings()) == []


def test_a_verify_threshold_changes_the_verdict(tmp_path, monkeypatch):
    from storydiff.verify import verify

    source = Article(id="s", original="", text="The council approved the budget on Monday. "
                                               "The mayor said the vote was close.")
    derived = Article(id="d", original="", text="The council approved the budget on Monday. "
                                                "Protesters gathered outside the zoo in Berlin.")
    default = verify(source, derived, load_settings())
    assert [s.status for s in default.statements] == ["supported", "not_mentioned"]
    assert default.verdict == "faithful"  # one statement in two unmentioned: below the share of 1.0
    monkeypatch.setenv("STORYDIFF_VERIFY_UNSUPPORTED_SHARE", "0.5")
    assert verify(source, derived, load_settings()).verdict == "unfaithful"
    monkeypatch.delenv("STORYDIFF_VERIFY_UNSUPPORTED_SHARE")
    config = _config(tmp_path, "[storydiff.verify]\nunsupported_share = 0.5\n")
    assert verify(source, derived, load_settings(config)).verdict == "unfaithful"


def test_the_file_keeps_its_other_keys_when_python_overrides_one(tmp_path):
    config = _config(tmp_path, '[storydiff.compare]\nagree_score = 0.5\ndisabled_rules = ["compare.finder.spelling"]\n')
    settings = load_settings(config, compare={"conflict_score": 0.7})
    assert (settings.compare.agree_score, settings.compare.conflict_score) == (0.5, 0.7)
    assert settings.compare.disabled_rules == ["compare.finder.spelling"]


@pytest.mark.parametrize("table, line, named", [
    ("compare", "conflict_scor = 0.7", "storydiff.compare.conflict_scor"),
    ("verify", "restate = 0.5", "storydiff.verify.restate"),
    ("storylines", "treshold = 0.2", "storydiff.storylines.treshold"),
])
def test_an_unknown_setting_is_refused_with_the_file_and_the_known_names(tmp_path, table, line, named):
    config = _config(tmp_path, f"[storydiff.{table}]\n{line}\n", "typo.toml")
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    message = str(caught.value)
    assert "typo.toml" in message and f"unknown setting {named}" in message
    assert all(name in message for name in Settings.model_fields[table].annotation.model_fields)


@pytest.mark.parametrize("line, named", [
    ('conflict_score = "0.7"', "storydiff.compare.conflict_score"),  # quoted: a mistake, not a number
    ("count_minimum = 2.5", "storydiff.compare.count_minimum"),
    ("statement_min_terms = true", "storydiff.compare.statement_min_terms"),
    ("conflict_score = 1.5", "storydiff.compare.conflict_score"),  # out of its range
])
def test_a_setting_of_the_wrong_type_or_range_is_refused_by_name(tmp_path, line, named):
    config = _config(tmp_path, f"[storydiff.compare]\n{line}\n", "wrong.toml")
    with pytest.raises(SettingsError, match="wrong.toml") as caught:
        load_settings(config)
    assert f"{named} must be" in str(caught.value)


def test_a_wrong_environment_value_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("STORYDIFF_VERIFY_EDIT_GAP", "two")
    with pytest.raises(SettingsError, match=r"STORYDIFF_\* environment variables: storydiff.verify.edit_gap must be"):
        load_settings()


def test_the_stage_tables_build_the_stages_own_settings_with_the_same_defaults():
    from storydiff.cluster import StoryClusterSettings
    from storydiff.storylines import StorylineSettings as StorylineStage
    from storydiff.wire import WireSettings as WireStage

    for table, stage in ((ClusterSettings, StoryClusterSettings), (WireSettings, WireStage),
                         (StorylineSettings, StorylineStage)):
        assert asdict(table().build()) == asdict(stage()), f"{table.__name__} drifted from {stage.__name__}"
    assert load_settings(cluster={"threshold": 1}).cluster.build().threshold == 1.0


def test_in_effect_is_scoped_to_the_run():
    changed = Settings(compare=CompareSettings(agree_score=0.9))
    assert current() is default_settings()
    with in_effect(changed):
        assert current().compare.agree_score == 0.9
    assert current() is default_settings()


def test_every_stage_setting_says_why():
    page = markdown()
    for line in page.splitlines():
        if line.startswith("| `"):
            assert not line.rstrip().endswith("|  |"), f"a setting without a comment: {line}"


def test_docs_settings_md_is_the_model_as_generated():
    from storydiff import settings

    page = Path(__file__).resolve().parents[1] / settings.DOCS_PATH
    assert page.read_text(encoding="utf-8") == markdown(), (
        f"{settings.DOCS_PATH} is out of date: run `python -m storydiff.settings`")


def test_a_changed_compare_threshold_makes_stored_results_stale():
    from storydiff.results import settings_hash

    default = settings_hash(Settings())
    assert settings_hash(Settings(compare=CompareSettings(conflict_score=0.6))) == default  # the default value
    assert settings_hash(Settings(compare=CompareSettings(conflict_score=0.7))) != default


def test_storyline_settings_from_the_file_reach_the_feeder(tmp_path):
    # four events, three storylines with these cluster settings (tests/test_storylines.py)
    from storydiff.feed import Feeder
    from storydiff.store import open_store
    from test_storylines import STREAM

    def storylines(config_text: str) -> int:
        settings = load_settings(_config(tmp_path, config_text))
        store = open_store(tmp_path / f"{len(config_text)}.db")
        Feeder(store, settings.cluster.build(), settings.wire.build(), settings.storylines.build()).feed(STREAM)
        count = len(store.list_storylines())
        store.close()
        return count

    events = "[storydiff.cluster]\ngap_scale_days = 10.0\n"
    assert storylines(events) == 3
    # no two events are this alike: each is a storyline of its own
    assert storylines(events + "[storydiff.storylines]\nthreshold = 0.99\nmerge_threshold = 0.99\n") == 4
