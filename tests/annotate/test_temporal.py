"""find_timexes and compare_timex on sentences written for the purpose, a property test on
offsets, and a real-data check against TimeBank (skipped when ../shared is absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydiff.annotate.temporal import compare_timex, find_timexes
from storydiff.model import Mention, Timex

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MONDAY = date(2022, 2, 21)  # a Monday


def _timexes(nlp, text: str, published: date | None = MONDAY) -> list[Mention]:
    mentions = find_timexes(text, published, doc=nlp(text))
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.label == "TIMEX3"
        assert mention.kind in {"date", "time", "duration", "set"}
    return mentions


def _one(nlp, text: str, fragment: str, published: date | None = MONDAY) -> Mention:
    found = [m for m in _timexes(nlp, text, published) if m.text == fragment]
    assert len(found) == 1, [(m.text, m.value) for m in _timexes(nlp, text, published)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("The minister met his counterpart on Monday (21) in the capital.", "Monday (21)", "2022-02-21"),
        ("The ferry sank on Wednesday (16) off the coast.", "Wednesday (16)", "2022-02-16"),
        ("Talks began in April last year and stalled.", "April last year", "2021-04"),
        ("The plant was sold in September 2021 to a rival.", "September 2021", "2021-09"),
        ("The bridge reopened on Dec. 12 after repairs.", "Dec. 12", "2021-12-12"),
        ("Prices rose sharply last week, traders said.", "last week", "2022-W07"),
        ("The council will vote this month on the budget.", "this month", "2022-02"),
        ("Exports boomed in the 1990s before collapsing.", "the 1990s", "199"),
        ("Rainfall was scarce last summer in the valley.", "last summer", "2021-SU"),
        ("Sales fell in the third quarter, the company said.", "the third quarter", "2021-Q3"),
        ("Everything is calm now in the town.", "now", "PRESENT_REF"),
        ("The mayor currently heads the committee.", "currently", "PRESENT_REF"),
        ("The agency said yesterday that it would appeal.", "yesterday", "2022-02-20"),
        ("The results were published on 21 February 2022 in Geneva.", "21 February 2022", "2022-02-21"),
    ],
)
def test_resolves_news_idioms(nlp, text: str, fragment: str, value: str) -> None:
    assert _one(nlp, text, fragment).value.value == value


def test_weekday_follows_the_tense_of_its_verb(nlp) -> None:
    past = _one(nlp, "The delegation arrived on Wednesday for talks.", "Wednesday")
    future = _one(nlp, "The delegation will travel on Wednesday for talks.", "Wednesday")
    assert past.value.value == "2022-02-16"
    assert future.value.value == "2022-02-23"


def test_a_participle_takes_the_tense_of_an_expected_event(nlp) -> None:
    # Published on a Monday: the second vote is still to come, so its Thursday is ahead.
    text = "The vote is expected to begin in the upper chamber on Tuesday, followed by the lower chamber on Thursday."
    assert _one(nlp, text, "Tuesday").value.value == "2022-02-22"
    assert _one(nlp, text, "Thursday").value.value == "2022-02-24"
    past = "The vote began in the upper chamber on Tuesday, followed by the lower chamber on Thursday."
    assert _one(nlp, past, "Thursday").value.value == "2022-02-17"


def test_a_scheduled_day_is_ahead(nlp) -> None:
    # "is scheduled for", "is set for": a present passive of expectation announces.
    scheduled = _one(nlp, "The final vote is scheduled for Thursday in the assembly.", "Thursday")
    assert scheduled.value.value == "2022-02-24"
    assert _one(nlp, "The hearing is set for Friday, the court said.", "Friday").value.value == "2022-02-25"
    was_scheduled = _one(nlp, "The final vote was scheduled for Thursday in the assembly.", "Thursday")
    assert was_scheduled.value.value == "2022-02-17"


def test_a_day_that_names_an_event_keeps_no_year(nlp) -> None:
    named = "Families of victims of the Sept. 11 attacks may now sue the kingdom."
    assert _one(nlp, named, "Sept. 11").value.value == "XXXX-09-11"
    plain = "The committee met on Feb. 11 to vote on the bill."
    assert _one(nlp, plain, "Feb. 11").value.value == "2022-02-11"


def test_earlier_this_month_is_the_current_month(nlp) -> None:
    mention = _one(nlp, "Earlier this month, the board resigned.", "Earlier this month")
    assert (mention.value.value, mention.value.modifier) == ("2022-02", "START")


def test_durations_and_modifiers(nlp) -> None:
    text = "The dispute has lasted over two decades; he served 23 years and two days in office."
    over = _one(nlp, text, "over two decades")
    assert (over.kind, over.value.value, over.value.modifier) == ("duration", "P20Y", "MORE_THAN")
    assert _one(nlp, text, "23 years").value.value == "P23Y"
    assert _one(nlp, text, "two days").value == Timex("DURATION", "P2D")


def test_ages_are_not_time_expressions(nlp) -> None:
    assert _timexes(nlp, "The 51-year-old driver, who is 40 years old, was unhurt.") == []


def test_recent_years_is_a_vague_duration(nlp) -> None:
    mention = _one(nlp, "Crime has fallen in recent years.", "recent years")
    assert (mention.kind, mention.value.value) == ("duration", "PXY")


def test_vague_spans_are_references(nlp) -> None:
    text = "Shares slid over the last few months and may recover in coming months."
    assert _one(nlp, text, "the last few months").value.value == "PAST_REF"
    assert _one(nlp, text, "coming months").value.value == "FUTURE_REF"


def test_fractions_and_reporting_periods(nlp) -> None:
    text = "Revenue for the latest period rose after 2 1/2 years of decline, the firm said."
    assert _one(nlp, text, "the latest period").value.value == "2021-Q4"
    assert _one(nlp, text, "2 1/2 years").value.value == "P2Y6M"


def test_day_without_year_is_the_nearest_on_the_side_of_the_tense(nlp) -> None:
    past = _one(nlp, "The court ruled on Dec. 7 that the law stood.", "Dec. 7")
    future = _one(nlp, "The court will rule on March 3 on the law.", "March 3")
    assert past.value.value == "2021-12-07"
    assert future.value.value == "2022-03-03"


def test_year_range_gives_two_dates(nlp) -> None:
    values = [m.value.value for m in _timexes(nlp, "He ruled the province in 1947-1957 alone.")]
    assert values == ["1947", "1957"]


def test_weekday_range_gives_two_dates(nlp) -> None:
    text = "The festival will run from Monday to Wednesday next door."
    assert [m.text for m in _timexes(nlp, text)] == ["Monday", "Wednesday"]


def test_clock_time_takes_the_neighbouring_day(nlp) -> None:
    text = "The quake struck at 6:41pm on Thursday evening, officials said."
    clock = _one(nlp, text, "6:41pm")
    evening = _one(nlp, text, "Thursday evening")
    assert clock.kind == "time" and clock.value.value == "2022-02-17T18:41"
    assert evening.value.value == "2022-02-17TEV"


def test_counts_are_not_years(nlp) -> None:
    assert _timexes(nlp, "Police said 2000 people gathered in the square.") == []


def test_a_year_earlier_follows_the_period_it_compares(nlp) -> None:
    text = "Profit rose in the third quarter from a year earlier."
    assert _one(nlp, text, "a year earlier").value.value == "2020-Q3"


def test_without_publication_date_relative_values_stay_open(nlp) -> None:
    text = "Talks began in April last year; the envoy left on Monday (21) and returned yesterday."
    values = {m.text: m.value.value for m in _timexes(nlp, text, published=None)}
    assert values["April last year"] == "XXXX-04"
    assert values["Monday (21)"] == "XXXX-XX-21"
    assert values["yesterday"] == "XXXX-XX-XX"


def test_loads_the_model_when_no_doc_is_given() -> None:
    mentions = find_timexes("The vote was held in September 2021.", MONDAY)
    assert [(m.text, m.value.value) for m in mentions] == [("September 2021", "2021-09")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from([
            "On Monday (21)", "in April last year", "Dec. 12", "over two decades", "the 1990s",
            "at 6:41pm", "last week", "Sales rose", "he said", "2000 people", "May", "(", ")",
            "recent years", "now", "1947-57", "  ", ",", ".", "the third-quarter", "é", "\n",
        ]),
        max_size=12,
    ),
    st.sampled_from([MONDAY, None, date(1998, 12, 31)]),
)
def test_every_span_matches_the_text(nlp, pieces: list[str], published: date | None) -> None:
    text = " ".join(pieces)
    for mention in find_timexes(text, published, doc=nlp(text)):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start < mention.end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("0123456789 -/:.,()apmMayDecWednesdy'")), max_size=40))
def test_arbitrary_text_never_breaks_offsets(nlp, text: str) -> None:
    for mention in find_timexes(text, MONDAY, doc=nlp(text)):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (Timex("DATE", "1999"), Timex("DATE", "1999-04"), "compatible"),
        (Timex("DATE", "2021-09"), Timex("DATE", "2021-04"), "conflict"),
        (Timex("DATE", "2022-02-23"), Timex("DATE", "2022-02-24"), "conflict"),
        (Timex("DATE", "2022-02-23"), Timex("DATE", "2022-02-23"), "same"),
        (Timex("DATE", "2022-02-23"), Timex("TIME", "2022-02-23T18:41"), "compatible"),
        (Timex("DATE", "2022-W08"), Timex("DATE", "2022-02-23"), "compatible"),
        (Timex("DATE", "2021-Q3"), Timex("DATE", "2021-04"), "conflict"),
        (Timex("DURATION", "P23Y"), Timex("DURATION", "P2DE", "MORE_THAN"), "compatible"),
        (Timex("DURATION", "P23Y"), Timex("DURATION", "P20Y", "MORE_THAN"), "compatible"),
        (Timex("DURATION", "P2Y"), Timex("DURATION", "P24M"), "same"),
        (Timex("DURATION", "P2Y"), Timex("DURATION", "P3Y"), "conflict"),
        (Timex("DURATION", "PXY"), Timex("DURATION", "P3Y"), "unknown"),
        (Timex("DATE", "XXXX-04"), Timex("DATE", "2021-04"), "unknown"),
        (Timex("DATE", "XXXX-04"), Timex("DATE", "2021-09"), "conflict"),
        (Timex("DATE", "XXXX-XX-21"), Timex("DATE", "2022-02-23"), "conflict"),
        (Timex("DATE", "XXXX-WXX-1"), Timex("DATE", "2022-02-21"), "unknown"),
        (Timex("DATE", "XXXX-WXX-1"), Timex("DATE", "2022-02-23"), "conflict"),
        (Timex("DATE", "PRESENT_REF"), Timex("DATE", "2022-02-23"), "unknown"),
        (Timex("DATE", "1999"), Timex("DURATION", "P1Y"), "unknown"),
        (Timex("DATE", "199"), Timex("DATE", "1994"), "compatible"),
        (Timex("DATE", "2021-SU"), Timex("DATE", "2021-07"), "compatible"),
    ],
)
def test_compare_timex(a: Timex, b: Timex, verdict: str) -> None:
    assert compare_timex(a, b) == verdict
    assert compare_timex(b, a) == verdict


@pytest.mark.shared
def test_timebank_values_mostly_right(nlp) -> None:
    """A floor on real news: value F1 on ten TimeBank documents (measured 0.7+ on all)."""
    folder = SHARED / "data" / "temporal" / "timebank"
    if not folder.exists():
        pytest.skip(f"needs {folder} (real data beside the repository)")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from temporal import load_document, score  # type: ignore[import-not-found]

    documents = [load_document(path) for path in sorted(folder.glob("*.tml"))[:10]]
    predictions = [find_timexes(d.text, d.published, doc=nlp(d.text)) for d in documents]
    result = score(documents, [[(m.start, m.end, m.value.type, m.value.value) for m in p]
                               for p in predictions])
    assert result.value_f1 > 0.6
