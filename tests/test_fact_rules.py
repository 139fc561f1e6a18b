"""The rules that judge whether two values are one fact (issue #16), each on texts written
for it: a positive example, a look-alike control, and the positive failing with the rule off."""

from __future__ import annotations

from datetime import date

import pytest

from storydiff import rules
from storydiff.compare import compare_articles
from storydiff.model import Article


def _conflicts(texts: list[tuple[str, date]], disabled: tuple[str, ...] = ()) -> tuple[list[str], dict]:
    articles = [Article(id=f"r{i}", text=text, published=day) for i, (text, day) in enumerate(texts)]
    with rules.rule_run(disabled) as run:
        comparison = compare_articles(articles)
    return [f.explanation for f in comparison.findings if f.type == "conflict"], dict(run.fired)


FLOORS = [
    ("At least 127 people were killed in the bombings in the capital of Veltria on Friday, "
     "the interior ministry said.", date(2026, 3, 7)),
    ("At least 131 people were killed in the bombings in the capital of Veltria on Friday, "
     "the interior ministry said on Sunday.", date(2026, 3, 8)),
]


def test_two_floors_of_one_toll_conflict():
    found, fired = _conflicts(FLOORS)
    assert any("127" in f and "131" in f for f in found)
    assert fired.get("compare.judge.floors_differ")


def test_two_floors_conflict_only_with_the_rule_on():
    found, _ = _conflicts(FLOORS, ("compare.judge.floors_differ",))
    assert not any("127" in f and "131" in f for f in found)


def test_a_round_floor_agrees_with_a_finer_one():
    # "more than 100" is 131 written loosely, not another tally
    found, fired = _conflicts([
        ("More than 100 people were killed in the bombings in the capital of Veltria on Friday, "
         "the interior ministry said.", date(2026, 3, 7)),
        FLOORS[1],
    ])
    assert found == []
    assert not fired.get("compare.judge.floors_differ")


MEASURES = [
    ("The Selby carmaker laid off 2,000 workers at its plant in Dorna on Monday, the union said.",
     date(2026, 3, 7)),
    ("The Selby carmaker hired 2,600 workers at its plant in Dorna on Monday, the union said.",
     date(2026, 3, 7)),
]


def test_counts_of_different_measures_do_not_conflict():
    found, fired = _conflicts(MEASURES)
    assert found == []
    assert fired.get("compare.veto.different_measure")


def test_different_measures_conflict_with_the_veto_off():
    found, _ = _conflicts(MEASURES, ("compare.veto.different_measure",))
    assert any("2000" in f and "2600" in f for f in found)


def test_one_measure_told_two_ways_still_conflicts():
    found, _ = _conflicts([
        ("The Selby carmaker laid off 2,000 workers at its plant in Dorna on Monday, the union said.",
         date(2026, 3, 7)),
        ("The Selby carmaker laid off 2,600 workers at its plant in Dorna on Monday, the union said.",
         date(2026, 3, 7)),
    ])
    assert any("2000" in f and "2600" in f for f in found)


BACKGROUND = [
    ("Mayor Dorin Malek opened the new ferry terminal in 1988, the harbour trust said.", date(2026, 3, 7)),
    ("Mayor Dorin Malek opened the new ferry terminal on Friday, the harbour trust said.", date(2026, 3, 7)),
]


def test_a_date_years_back_is_background_to_the_reported_days():
    found, fired = _conflicts(BACKGROUND)
    assert found == []
    assert fired.get("compare.veto.background_date")


def test_background_date_conflicts_with_the_veto_off():
    found, _ = _conflicts(BACKGROUND, ("compare.veto.background_date",))
    assert any("1988" in f for f in found)


def test_two_background_dates_of_one_event_still_conflict():
    found, _ = _conflicts([
        BACKGROUND[0],
        ("Mayor Dorin Malek opened the new ferry terminal in 1989, the harbour trust said.", date(2026, 3, 7)),
    ])
    assert any("1988" in f and "1989" in f for f in found)


@pytest.mark.parametrize("name", ["compare.judge.floors_differ", "compare.veto.different_measure",
                                  "compare.veto.background_date"])
def test_fact_rules_are_registered_with_a_doc(name):
    rule = rules.get(name)
    assert rule.doc and rule.family.startswith("compare.")
