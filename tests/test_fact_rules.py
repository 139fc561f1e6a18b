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


# --- same event, same holder, same scope (facts.different_fact reading scope.scope_of) -----------
# Each case: two reports whose values' own clauses put them elsewhere (the veto drops the conflict;
# with compare.veto.different_fact off it is reported), and a look-alike control whose values are
# of one fact (the conflict stays). Texts written for this test.
D1, D2 = date(2026, 3, 9), date(2026, 3, 10)
SCOPES = {
    "places that exclude each other": (
        [("A truck bomb in Kenya killed 213 people at the embassy in Nairobi on Friday.", D1),
         ("The Friday bombings of embassies in Kenya and Tanzania killed 224 people, officials said.", D2)],
        [("A truck bomb in Kenya killed 213 people at the embassy in Nairobi on Friday.", D1),
         ("The Friday bombing of the embassy in Kenya killed 224 people, officials said.", D2)]),
    "a possibility or a belief": (
        [("Aid officials who toured the north said 2 million people may have died because of the famine.", D1),
         ("Hall said he thought that at least 1 million people had died in the famine.", D2)],
        [("Aid officials who toured the north said 2 million people died because of the famine.", D1),
         ("Hall said that 1.2 million people had died in the famine.", D2)]),
    "different counted bounds": (
        [("Ortiz hit .358 with 13 homers and 43 RBIs in 54 games with the Otters.", D1),
         ("Playing in a combined 157 games with the Otters and the Hawks, Ortiz had 33 homers and 121 RBIs.", D2)],
        [("Ortiz hit .358 with 13 homers and 43 RBIs in 54 games with the Otters.", D1),
         ("Ortiz hit .358 with 13 homers and 45 RBIs in 54 games with the Otters.", D2)]),
    "different holders": (
        [("In total, the 92 clubs in the league recorded a pre-tax loss of $204m.", D1),
         ("The other 14 clubs recorded combined losses of $117m.", D2)],
        [("In total, the 14 clubs in the league recorded a pre-tax loss of $117m.", D1),
         ("The 14 clubs recorded combined losses of $127m.", D2)]),
    "background years before the story": (
        [("Now about 100,000 procedures are performed annually, polls indicate.", D1),
         ("The institute said that in 2019 there were 142,410 procedures in New York.", D2)],
        [("The institute said that in 2019 there were about 100,000 procedures in New York.", D1),
         ("The institute said that in 2019 there were 142,410 procedures in New York.", D2)]),
    "one item of a list of values": (
        [("The patch can be used on Windows XP, Vista, 7, 8, and 8.1, the company said.", D1),
         ("The flaw affects Windows XP, Vista and 7, the company said.", D2)],
        [("The rebels seized 52 villages in the north, the army said.", D1),
         ("The rebels seized 48 villages in the north, the army said.", D2)]),
    "background in the past perfect": (
        [("The rebel group had seized 14 crew members from a tanker off the coast.", D1),
         ("The rebel group seized 11 crew members from the tanker off the coast on Friday, officials said.", D2)],
        [("Officials said the rebel group had seized 14 crew members from the tanker off the coast.", D1),
         ("The rebel group seized 11 crew members from the tanker off the coast on Friday, officials said.", D2)]),
    "a loose lower bound": (
        [("The conflict has left more than 275,000 refugees, officials said.", D2),
         ("The operation has created more than 250,000 refugees, officials said.", D1)],
        [("The conflict has left more than 275,000 refugees, officials said.", D2),
         ("The operation has created more than 255,000 refugees, officials said.", D1)]),
}


@pytest.mark.parametrize("case", sorted(SCOPES))
def test_values_of_another_event_holder_or_scope_do_not_conflict(case):
    positive, control = SCOPES[case]
    found, fired = _conflicts(positive)
    assert found == [] and fired.get("compare.veto.different_fact"), case
    assert _conflicts(positive, ("compare.veto.different_fact",))[0], f"{case}: no conflict with the veto off"
    assert _conflicts(control)[0], f"{case}: the control lost its conflict"


def test_a_toll_rising_over_days_is_one_series_in_publication_order():
    articles = [Article(id=f"r{i}", text=text, published=day) for i, (text, day) in enumerate([
        ("A strong earthquake struck the coastal province of Marra on Sunday, killing at least 40 people, "
         "officials said.", date(2026, 3, 9)),
        ("Sunday's earthquake in the coastal province of Marra has killed 65 people, officials said on "
         "Tuesday.", date(2026, 3, 10)),
        ("Rescuers pulled more bodies from the rubble on Wednesday, and officials said 90 people had died "
         "in Sunday's earthquake in Marra.", date(2026, 3, 11))])]
    comparison = compare_articles(list(reversed(articles)))
    conflict = next(f for f in comparison.findings if f.type == "conflict")
    assert conflict.likely_update
    [series] = comparison.series
    assert [p.value for p in series.points] == [40.0, 65.0, 90.0] and series.direction == "rose"


PLAN = ("Holbrooke will meet Milosevic in Belgrade later Monday to explain the situation, aides said.", D1)


def test_a_plan_for_later_today_against_an_earlier_day_is_another_event():
    texts = [("Holbrooke said he will explain the situation when he meets Milosevic later Monday.", D1),
             ("On Sunday, Milosevic met with the Russian foreign minister Igor Ivanov.", D1)]
    found, fired = _conflicts(texts)
    assert found == [] and fired.get("compare.veto.after_publication")
    assert _conflicts(texts, ("compare.veto.after_publication",))[0]


def test_a_plan_for_later_today_done_the_next_day_is_an_update():
    found, _ = _conflicts([PLAN, ("Holbrooke met Milosevic in Belgrade on Tuesday to explain the situation, "
                                  "aides said.", D2)])
    assert found
