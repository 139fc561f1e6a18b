"""Quantities read as intervals, found in text with exact offsets, and compared."""

from __future__ import annotations

import math

import pytest

from storydiff.annotate.quantities import compare_quantities, find_quantities, read_quantity
from storydiff.model import Quantity


@pytest.mark.parametrize(
    ("phrase", "low", "high", "unit"),
    [
        ("at least 12", 12, math.inf, None),
        ("more than 220", 220, math.inf, None),
        ("nearly 300", 270, 300, None),
        ("about 100", 90, 110, None),
        ("tens of thousands", 10_000, 99_999, None),
        ("hundreds of thousands", 100_000, 999_999, None),
        ("several", 3, 9, None),
        ("a few", 2, 9, None),
        ("several hundred", 300, 999, None),
        ("200-some", 201, 299, None),
        ("up to 40", 0, 40, None),
        ("fewer than 10", 0, 10, None),
        ("between 10 and 20", 10, 20, None),
        ("10-20", 10, 20, None),
        ("two or three", 2, 3, None),
        ("twenty-three", 23, 23, None),
        ("one and a half million", 1.5e6, 1.5e6, None),
        ("45 percent", 45, 45, "%"),
        ("3.5%", 3.5, 3.5, "%"),
        ("12 or more", 12, math.inf, None),
        ("over two decades", 20, math.inf, "year"),
        ("23 years", 23, 23, "year"),
    ],
)
def test_read_quantity_intervals(phrase: str, low: float, high: float, unit: str | None) -> None:
    q = read_quantity(phrase)
    assert q is not None
    assert (q.low, q.high, q.unit) == pytest.approx((low, high, unit)) if unit is None else (
        q.low == pytest.approx(low) and q.high == pytest.approx(high) and q.unit == unit
    )


@pytest.mark.parametrize(
    ("phrase", "exact", "unit"),
    [
        ("$2.5 billion", 2.5e9, "USD"),
        ("dlrs 800 million", 8e8, "USD"),
        ("$ 160 million", 1.6e8, "USD"),
        ("1.2m", 1.2e6, None),
        ("5 million euros", 5e6, "EUR"),
        ("US$5 million", 5e6, "USD"),
    ],
)
def test_money_and_scale_words(phrase: str, exact: float, unit: str | None) -> None:
    q = read_quantity(phrase)
    assert q is not None and q.exact == pytest.approx(exact) and q.unit == unit
    # written to one significant place: the reading is the rounding interval around it
    assert q.low < exact < q.high


def test_no_number_is_none() -> None:
    assert read_quantity("the president said") is None


TEXT = (
    "At least 12 people died when the 1,100-km-long pipeline, built for $2.5 billion, "
    "exploded on March 3, 1999 at 5 p.m. Nearly 300 others were hurt and tens of thousands "
    "of residents fled. A 238-count indictment was filed. Flight 93 was delayed in 2001 "
    "for the third time. He served 23 years; the feud ran over two decades."
)


@pytest.fixture(scope="module")
def mentions(nlp):
    return find_quantities(nlp(TEXT))


def test_offsets_are_exact(mentions) -> None:
    assert mentions
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text
        assert m.kind == "quantity"


def test_finds_counts_money_units_and_durations(mentions) -> None:
    by_text = {m.text: m.value for m in mentions}
    assert by_text["At least 12"] == Quantity(12, math.inf, "people", 12, False)
    assert by_text["1,100-km"].unit == "km" and by_text["1,100-km"].exact == 1100
    assert by_text["$2.5 billion"].unit == "USD"
    assert by_text["Nearly 300"].low == pytest.approx(270)
    assert by_text["tens of thousands"].unit == "resident"
    assert by_text["238"].unit == "count"
    assert by_text["23 years"].unit == "year"
    assert by_text["over two decades"].low == 20


def test_skips_dates_times_names_and_ordinals(mentions) -> None:
    texts = {m.text for m in mentions}
    for not_quantity in ("1999", "3", "5", "93", "2001", "third"):
        assert not any(t == not_quantity or t.endswith(" " + not_quantity) for t in texts)


def _q(phrase: str) -> Quantity:
    q = read_quantity(phrase)
    assert q is not None
    return q


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("23 years", "over two decades", "compatible"),
        ("at least 12", "15", "compatible"),
        ("6.1", "6.0", "conflict"),
        ("nearly 300", "297", "compatible"),
        ("230", "239", "conflict"),
        ("about 100", "at least 70", "compatible"),
        ("twenty-three", "23", "same"),
        ("$2.5 billion", "$2.47 billion", "compatible"),
        ("$2.5 billion", "$3 billion", "conflict"),
        ("45 percent", "45", "unknown"),
        ("$5 million", "5 million euros", "unknown"),
        ("tens of thousands", "20,000", "compatible"),
        ("dozens", "5", "conflict"),
    ],
)
def test_compare_quantities(a: str, b: str, expected: str) -> None:
    assert compare_quantities(_q(a), _q(b)) == expected


def test_counted_noun_against_bare_number_compares_values() -> None:
    people = Quantity(12, math.inf, "people", 12)
    assert compare_quantities(people, Quantity(15, 15, None, 15)) == "compatible"
    assert compare_quantities(people, Quantity(3, 3, None, 3)) == "conflict"
    assert compare_quantities(people, Quantity(15, 15, "soldier", 15)) == "unknown"


def test_units_convert() -> None:
    miles = Quantity(40, 40, "mile", 40)
    assert compare_quantities(miles, Quantity(64, 64, "km", 64)) == "compatible"
    assert compare_quantities(miles, Quantity(100, 100, "km", 100)) == "conflict"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a joint count: both nouns share the number
        ("The plane carried 239 passengers and crew when it vanished.", {"239": "passenger and crew"}),
        ("Police detained 30 men and women outside the court.", {"30": "man and woman"}),
        # look-alikes: the second noun has its own number, article or owner, or the verbs
        # are coordinated, not the nouns
        ("The plane had 227 passengers and 12 crew members on board.", {"227": "passenger", "12": "member"}),
        ("He has 3 sons and a daughter.", {"3": "son"}),
        ("Some 40 people and their dogs were rescued.", {"Some 40": "people"}),
        ("Tens of thousands of letters and other papers were burnt.", {"Tens of thousands": "letter"}),
        ("The blast killed 12 people and injured 40.", {"12": "people", "40": None}),
    ],
)
def test_a_joint_count_names_both_nouns(nlp, text, expected) -> None:
    assert {m.text: m.value.unit for m in find_quantities(nlp(text))} == expected
