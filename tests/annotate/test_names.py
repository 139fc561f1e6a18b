"""Spelling variants, standard variants and canonical names."""

from __future__ import annotations

import pytest

from storydiff.annotate.names import canonical_entities, is_standard_variant, spelling_variant


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hugh Hefner", "Hugh Heffner"),
        ("Armando Cossuta", "Armando Cossutta"),
        ("Pakistan Steam Gas Pipeline", "Pakistan Stream Gas Pipeline"),
        ("Sam Rainsy", "Sam Rainsi"),
        ("Heffner", "Hugh Hefner"),
    ],
)
def test_misspellings_score_high(a: str, b: str) -> None:
    assert spelling_variant(a, b) >= 0.75


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Clinton", "Hillary Clinton"),
        ("Palestine National Council", "Palestinian National Council"),
        ("Liz Cheney", "Elizabeth Cheney"),
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Rodney Scott", "Rodney S. Scott"),
        ("Iran", "Iranian"),
        ("Clinton", "Clintons"),
        ("Flight 93", "Flight 94"),
        ("Hugh Hefner", "Hugh Hefner"),
        ("Mr. Putin", "Putin's"),
        # a one-word form is a surname, not a first or middle word of another name
        ("Mason", "Jason Whitfield"),
        ("Stale", "Grand State Theatre"),
    ],
)
def test_not_misspellings(a: str, b: str) -> None:
    assert spelling_variant(a, b) < 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Liz", "Elizabeth"),
        ("Palestine", "Palestinian National Council"),
        ("Sergey", "Sergei"),
        ("Rodney Scott", "Rodney S. Scott"),
        ("U.S.", "US"),
        ("Mohammed", "Muhammad"),
        ("Gaddafi", "Qaddafi"),
        ("Rafiq Haddad", "Rafik Haddad"),
        ("Mikhail Orlov", "Mikail Orlov"),
    ],
)
def test_standard_variants(a: str, b: str) -> None:
    assert is_standard_variant(a, b)
    assert is_standard_variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hugh Hefner", "Hugh Heffner"), ("Bill Clinton", "Hillary Clinton"), ("Iran", "Iraq")],
)
def test_not_standard_variants(a: str, b: str) -> None:
    assert not is_standard_variant(a, b)


def test_canonical_entities() -> None:
    names = ["Khan", "Imran", "Imran Khan", "Putin", "Vladimir Putin", "Mr. Santorum",
             "Rick Santorum", "Sergey Lavrov", "Sergei Lavrov", "Sergei Lavrov", "Lavrov",
             "Prime Minister Imran Khan"]
    canon = canonical_entities(names)
    assert canon["Khan"] == canon["Imran"] == canon["Imran Khan"] == "Imran Khan"
    assert canon["Prime Minister Imran Khan"] == "Imran Khan"
    assert canon["Putin"] == "Vladimir Putin"
    assert canon["Mr. Santorum"] == "Rick Santorum"
    assert canon["Sergey Lavrov"] == canon["Lavrov"] == "Sergei Lavrov"


def test_ambiguous_short_form_is_left_alone() -> None:
    canon = canonical_entities(["Clinton", "Bill Clinton", "Hillary Clinton"])
    assert canon["Clinton"] == "Clinton"
    assert canon["Bill Clinton"] == "Bill Clinton"


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("FBI", "the Federal Bureau of Investigation"),
        ("U.S.", "United States"),
        ("IOC", "International Olympic Committee"),
        ("CDP", "China Democracy Party"),
    ],
)
def test_an_acronym_is_a_standard_variant_of_its_full_name(short: str, long: str) -> None:
    assert is_standard_variant(short, long) and is_standard_variant(long, short)
    assert spelling_variant(short, long) == 0.0


def test_an_acronym_joins_the_one_name_it_abbreviates() -> None:
    canonical = canonical_entities(["UN", "U.N.", "United Nations", "FBI", "Federal Bureau of Investigation",
                                    "AP", "Associated Press", "Air Products", "Us"])
    assert canonical["UN"] == canonical["U.N."] == "United Nations"
    assert canonical["FBI"] == "Federal Bureau of Investigation"
    assert canonical["AP"] == "AP"  # two full names fit: left alone
    assert not is_standard_variant("Us", "United States")  # a word, not initials


def test_a_chamber_named_alone_is_not_a_short_form_of_another_name() -> None:
    canonical = canonical_entities(["House", "White House", "Senate", "Senate Judiciary Committee",
                                    "House of Representatives"])
    assert canonical["House"] == "House of Representatives"
    assert canonical["White House"] == "White House"
    assert canonical["Senate"] == "Senate"
