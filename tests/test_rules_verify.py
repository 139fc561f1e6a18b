"""Every registered "verify." and "temporal." rule, one by one: a positive example it decides,
a look-alike control it leaves alone, and the positive example decided otherwise with the
rule switched off. The texts are written for these tests.

Verify's rules overlap on purpose (a changed number is seen by compare and by the window
edits), so an example may name ``background`` rules switched off in all three runs: what is
tested is what this rule adds when the others are quiet.
"""

from __future__ import annotations

from datetime import date

import pytest

from storydiff import rules
from storydiff.annotate.temporal import find_timexes
from storydiff.model import Article
from storydiff.settings import RuleSwitches, Settings
from storydiff.verify import verify

# rule: (source, positive derived text, look-alike derived text, background rules off)
# or, for a control that varies the source: (source, positive, (control source, control derived), background)
_VALUE_EDITS = ("verify.check.replaced_value", "verify.check.swapped_value", "verify.check.novel_value")
VERIFY_EXAMPLES: dict[str, tuple] = {
    "verify.check.typed_conflict": (
        "The city council approved a budget of $5 million on Monday.",
        "The city council approved a budget of $9 million on Monday.",
        "The city council approved a budget of $5 million on Monday.",
        ("verify.check.conflicting_value", *_VALUE_EDITS)),
    "verify.check.status_clash": (
        "The minister signed the treaty in Geneva last week.",
        "The minister did not sign the treaty in Geneva.",
        "The minister signed the treaty in Geneva.",
        ("verify.check.edit_negation",)),
    "verify.check.direction": (
        "The airline raised its fares by ten percent this spring.",
        "The airline lowered its fares by ten percent this spring.",
        "The airline raised its fares this spring.",
        ("verify.check.status_clash", "verify.check.edit_antonym", "verify.check.slot")),
    "verify.check.same_value": (
        "The new bridge cost $40 million to build.",
        "The bridge cost $40 million.",
        "The bridge was expensive to build.",
        ()),
    "verify.check.conflicting_value": (
        "The storm killed 12 people in the coastal town.",
        "The storm killed 15 people in the coastal town.",
        "The storm killed 12 people in the coastal town.",
        ("verify.check.typed_conflict", *_VALUE_EDITS)),
    "verify.check.part_of_day": (
        "The protest began on Thursday morning outside the embassy.",
        "The protest began on Thursday afternoon outside the embassy.",
        "The protest began on Thursday outside the embassy.",
        ("verify.check.substitution", "verify.check.typed_conflict", *_VALUE_EDITS)),
    "verify.check.unstated_value": (
        "The company opened a new plant in Ohio.",
        "The company opened a new plant in Ohio in 2019.",
        "The company opened a new plant in Ohio.",
        ()),
    "verify.check.edit_negation": (
        "Investigators have found evidence of fraud at the bank, officials said on Friday.",
        "Investigators have found no evidence of fraud at the bank.",
        "Investigators have found evidence of fraud at the bank.",
        ("verify.check.status_clash",)),
    "verify.check.edit_antonym": (
        "The museum will remain open during the holidays.",
        "The museum will remain closed during the holidays.",
        "The museum will stay open during the holidays.",
        ("verify.check.status_clash",)),
    "verify.check.swapped_value": (
        "Stocks fell for a third straight session on Wall Street.",
        "Stocks fell for a second straight session on Wall Street.",
        "Stocks fell for a third straight session on Wall Street.",
        ("verify.check.unstated_value", "verify.check.typed_conflict")),
    "verify.check.replaced_value": (
        "The mayor of Springfield, Anna Lee, opened the new library.",
        "The mayor of Springfield, Maria Lopez, opened the new library.",
        "The mayor of Springfield, Anna Lee, opened the library.",
        ("verify.check.novel_value", "verify.check.typed_conflict", "verify.check.argument",
         "verify.check.novel_name")),
    "verify.check.substitution": (
        "The city will build a new library near the river.",
        "The city will build a new prison near the river.",
        "The city will build a new library beside the river.",
        ()),
    "verify.check.novel_value": (
        "The company hired new staff at its plant.",
        "The company hired new staff at its plant in Denver.",
        "The company hired new staff at its big plant.",
        ("verify.check.unstated_value", "verify.check.novel_name")),
    "verify.check.modality": (
        "Staff were allowed to keep the app on their phones.",
        "Staff were forced to keep the app on their phones.",
        "Staff were allowed to keep the app on their own phones.",
        ()),
    "verify.check.unsupported_contrast": (
        "Sales rose last year. The company raised its prices.",
        "Sales rose last year despite the company raising its prices.",
        ("Sales rose last year, although the company raised its prices.",
         "Sales rose last year despite the company raising its prices."),
        ()),
    "verify.check.slot": (
        "The board voted to approve the merger on Monday, the chairman said.",
        "Shareholders heard that on Monday the board voted to reject the merger.",
        "Shareholders heard that on Monday the board voted to approve the merger.",
        ("verify.check.status_clash", "verify.check.edit_antonym")),
    "verify.check.participant_opposite": (
        "The union accepted the offer from the company on Friday.",
        "On Friday, the union rejected the company's offer.",
        "On Friday, the union accepted the company's offer.",
        ("verify.check.edit_antonym", "verify.check.status_clash", "verify.check.slot")),
    "verify.check.noun_opposite": (
        "His sister runs the family bakery in town.",
        "The family bakery in town is run by his brother.",
        "The family bakery in town is run by his sister.",
        ()),
    "verify.check.modifier_swap": (
        "The ship suffered a loss of propulsion at sea.",
        "The ship suffered a loss of power at sea.",
        "The ship suffered a loss of propulsion at sea.",
        ("verify.check.substitution",)),
    "verify.check.argument": (
        "The senators met with Angela Merkel in Berlin. Emmanuel Macron was in Paris.",
        "In Berlin the senators met with Emmanuel Macron.",
        "In Berlin the senators met with Angela Merkel.",
        ()),
    "verify.check.novel_name": (
        "The company opened a factory in the north.",
        "The Germans opened a factory in the north.",
        "The company opened a factory in the north.",
        ("verify.check.novel_value",)),
    "verify.check.no_counterpart": (
        "The council approved the budget on Monday.",
        "The council approved the budget. Penguins enjoy cold water.",
        "The council approved the budget. The council met on Monday.",
        ()),
    "verify.veto.restated_value": (
        "The company was founded in 1990 in Ohio. It moved to Texas in 2005.",
        "The company was founded in 2005 in Ohio.",
        "The company was founded in 1990 in Ohio.",
        ("verify.check.conflicting_value", *_VALUE_EDITS)),
    "verify.veto.stated_value": (
        "The firm cut 200 jobs in 2019. It hired 300 workers in 2021.",
        "The firm cut 300 jobs in 2019.",
        "The firm cut 200 jobs.",
        ("verify.check.typed_conflict", *_VALUE_EDITS)),
    "verify.veto.outside_window": (
        "The plant will not close this year. Workers fear it may close later.",
        "Workers fear the plant may close later.",
        "Workers fear the plant will close this year.",
        ()),
    "verify.veto.loose_restatement": (
        "Workers were hired at its plant in Ohio last year, the company said.",
        "The company opened an office in Brazil.",
        "Workers were hired at its plant in Brazil last year.",
        ("verify.check.unstated_value",)),
    "verify.veto.name_variant": (
        "The U.N. sent food aid to the region.",
        "The UN sent food aid to the region.",
        "The EU sent food aid to the region.",
        ()),
}

PUBLISHED = date(2021, 3, 10)  # a Wednesday
# pattern: (text, expression, its value, look-alike text)
TEMPORAL_EXAMPLES: dict[str, tuple[str, str, str, str]] = {
    "month_day": ("The vote is set for Tuesday, March 2.", "Tuesday, March 2", "2021-03-02",
                  "The vote is set for March."),
    "day_month": ("The vote was held on 3 March 2020.", "3 March 2020", "2020-03-03",
                  "The vote was held in March 2020."),
    "iso_date": ("The case was filed 2020-11-04 in court.", "2020-11-04", "2020-11-04",
                 "The case number is 2020-1104 in court."),
    "slash_date": ("The case was filed on 11/04/2020 in court.", "11/04/2020", "2020-11-04",
                   "The team scored 11/04 in the test."),
    "month_year": ("Sales fell in June 2019.", "June 2019", "2019-06", "Sales fell in June."),
    "month_relative_year": ("Sales fell in June last year.", "June last year", "2020-06", "Sales fell last June."),
    "bare_month": ("Sales fell this past June.", "this past June", "2020-06", "Sales fell at the June shop."),
    "year": ("The bridge opened in 1998.", "1998", "1998", "The bridge is 1998 feet long."),
    "year_range": ("He led the club in 2018-19.", "19", "2019", "The score was 18-19."),
    "decade": ("The band formed in the 1980s.", "the 1980s", "198", "The band played 1980 shows."),
    "century": ("The church dates from the 12th century.", "the 12th century", "11", "The church is 12 miles away."),
    "quarter": ("Profit rose in the third quarter.", "the third quarter", "2020-Q3", "A third of the profit rose."),
    "season": ("The road will reopen next summer.", "next summer", "2021-SU", "The road summit will reopen."),
    "weekday": ("The council met on Tuesday.", "Tuesday", "2021-03-09", "The council met on the second day."),
    "relative_day": ("The council met yesterday.", "yesterday", "2021-03-09", "The council met."),
    "relative_unit": ("The council met last week.", "last week", "2021-W09", "The council met last."),
    "the_weekend": ("The council met over the weekend.", "the weekend", "2021-W09-WE", "The council met on a weekend."),
    "the_year": ("Profit rose for the full year.", "the full year", "2021", "Profit rose for years."),
    "reporting_period": ("Profit rose in the latest period.", "the latest period", "2020-Q4",
                         "Profit rose in the period."),
    "anchored_year": ("He left the firm the following year.", "the following year", "2022",
                      "He left the firm the following day."),
    "duration": ("The strike lasted three weeks.", "three weeks", "P3W", "The strike lasted."),
    "bare_plural": ("The strike has lasted for years.", "years", "PXY", "The strike has lasted for ages."),
    "vague_span": ("Prices rose over the past few months.", "the past few months", "PAST_REF",
                   "Prices rose over the past."),
    "year_earlier": ("Sales rose from year-ago levels.", "year-ago", "2020", "Sales rose from ago levels."),
    "anchored_day": ("He resigned the next morning.", "the next morning", "2021-03-11", "He resigned the next time."),
    "reference": ("The mayor is currently abroad.", "currently", "PRESENT_REF", "The mayor is abroad."),
    "set_word": ("The paper is published weekly.", "weekly", "P1W", "The paper is published."),
    "set_every": ("The market opens every Sunday.", "every Sunday", "XXXX-WXX-7", "The market opens on Sunday."),
    "set_rate": ("Doses are given twice a day.", "a day", "P1D", "Doses are given on a day."),
    "clock": ("The polls close at 8 p.m.", "8 p.m.", "2021-03-10T20:00", "The polls close at gate 8."),
}


def _verify(source: str, derived: str, off: tuple[str, ...]) -> tuple[list[tuple], set[str]]:
    settings = Settings(verify=RuleSwitches(disabled_rules=list(off)))
    with rules.rule_run() as run:
        result = verify(Article("src", source), Article("der", derived), settings)
    return [(s.status, s.kind, s.rule) for s in result.statements], set(run.fired)


def test_every_verify_and_temporal_rule_has_an_example():
    verify_rules = {r.name for r in rules.all_rules("verify.")}
    temporal_rules = {r.name for r in rules.all_rules("temporal.")}
    assert verify_rules == set(VERIFY_EXAMPLES)
    assert temporal_rules == {f"temporal.pattern.{name}" for name in TEMPORAL_EXAMPLES}
    for rule in rules.all_rules("verify.") + rules.all_rules("temporal."):
        assert rule.doc and rule.family in ("verify.check", "verify.veto", "temporal.pattern"), rule


@pytest.mark.parametrize("name", sorted(VERIFY_EXAMPLES))
def test_verify_rule(name):
    source, positive, control, background = VERIFY_EXAMPLES[name]
    judged, fired = _verify(source, positive, background)
    assert name in fired, judged
    if name.startswith("verify.check."):
        assert any(rule == name for _, _, rule in judged), judged
    control_source, control_derived = control if isinstance(control, tuple) else (source, control)
    _, control_fired = _verify(control_source, control_derived, background)
    assert name not in control_fired
    # Off, the positive example is judged otherwise: the statement the check decided gets
    # another status or another rule's judgement; a veto's candidate stands again.
    judged_off, fired_off = _verify(source, positive, (*background, name))
    assert name not in fired_off
    assert judged_off != judged
    if name.startswith("verify.veto."):
        rank = {"contradicted": 0, "not_mentioned": 1, "supported": 2}
        assert min(rank[s] for s, _, _ in judged_off) < min(rank[s] for s, _, _ in judged)


@pytest.mark.parametrize("pattern", sorted(TEMPORAL_EXAMPLES))
def test_temporal_pattern(pattern):
    text, expression, value, control = TEMPORAL_EXAMPLES[pattern]
    name = f"temporal.pattern.{pattern}"

    def found(text: str, off: tuple[str, ...] = ()) -> tuple[set[tuple[str, str, str]], set[str]]:
        with rules.rule_run(off) as run:
            mentions = find_timexes(text, PUBLISHED)
        return {(m.text, m.value.value, m.kind) for m in mentions}, set(run.fired)

    tagged, fired = found(text)
    hit = next((t for t in tagged if t[:2] == (expression, value)), None)
    assert name in fired and hit is not None, tagged
    assert name not in found(control)[1]
    # Off, the expression is not found, or not with this value and type ("twice a day" is
    # then a length of time, not a rate).
    tagged_off, fired_off = found(text, (name,))
    assert name not in fired_off and hit not in tagged_off, tagged_off


def test_verify_refuses_a_rule_it_does_not_have():
    settings = Settings(verify=RuleSwitches(disabled_rules=["verify.check.no_such_rule"]))
    with pytest.raises(rules.UnknownRule, match="no_such_rule"):
        verify(Article("src", "The council met."), Article("der", "The council met."), settings)
    settings = Settings(verify=RuleSwitches(disabled_rules=["compare.veto.eventless_head"]))
    with pytest.raises(rules.UnknownRule, match="compare.veto.eventless_head"):
        verify(Article("src", "The council met."), Article("der", "The council met."), settings)


def test_statement_names_its_rule_in_every_format():
    from storydiff.render.verify import render_verification

    result = verify(Article("src", "The museum will remain open during the holidays."),
                    Article("der", "The museum will not remain open during the holidays."))
    rule = result.statements[0].rule
    assert result.verdict == "unfaithful" and rule and rule.startswith("verify.check.")
    assert result.to_dict()["statements"][0]["rule"] == rule
    for fmt in ("text", "md", "html"):
        assert rule in render_verification(result, fmt)


def test_cli_verify_refuses_an_unknown_rule_in_its_config(tmp_path):
    import subprocess
    import sys

    source, derived, config = tmp_path / "source.txt", tmp_path / "derived.txt", tmp_path / "x.toml"
    source.write_text("The museum will remain open during the holidays.\n", encoding="utf-8")
    derived.write_text("The museum will remain closed during the holidays.\n", encoding="utf-8")
    config.write_text('[storydiff.verify]\ndisabled_rules = ["verify.check.edit_antonymm"]\n', encoding="utf-8")
    command = [sys.executable, "-c", "from storydiff.cli import app; app()", "verify", str(source), str(derived),
               "--config", str(config)]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 2
    assert "verify.check.edit_antonymm" in run.stderr and "verify.check.edit_antonym'" in run.stderr
    # Known names switch their rules off: the four that see this edit.
    config.write_text('[storydiff.verify]\ndisabled_rules = ["verify.check.status_clash", '
                      '"verify.check.edit_antonym", "verify.check.substitution", "verify.check.slot"]\n',
                      encoding="utf-8")
    run = subprocess.run(command + ["--format", "json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert '"verdict": "faithful"' in run.stdout


def test_unfaithful_needs_a_contradiction_or_mostly_unsupported_content_unless_strict():
    from storydiff.verify import verdict_of

    source = Article("src", "The council approved the new budget on Monday. The vote was close.")
    # One sentence restated, one the source never says: not contradicted, half unsupported.
    partly = verify(source, Article("der", "The council approved the new budget. Penguins enjoy cold water."))
    assert [s.status for s in partly.statements] == ["supported", "not_mentioned"]
    assert partly.verdict == "faithful" and not partly.strict
    assert verify(source, Article("der", "The council approved the new budget. Penguins enjoy cold water."),
                  strict=True).verdict == "unfaithful"
    assert verdict_of(partly.statements, unsupported_share=0.5) == "unfaithful"
    # Nothing the source says: unfaithful either way.
    assert verify(source, Article("der", "Penguins enjoy cold water.")).verdict == "unfaithful"
    # A contradiction, with both spans: unfaithful either way.
    contradicted = verify(source, Article("der", "The council rejected the new budget on Monday."))
    assert contradicted.verdict == "unfaithful"
    assert any(s.status == "contradicted" and {e.article for e in s.evidence} == {"src", "der"}
               for s in contradicted.statements)

