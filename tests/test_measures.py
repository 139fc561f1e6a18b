"""Measure keys (compare/measures.py, issue 16): what a count is a count of, read from its parse,
and whether two counts are of one measure. The texts are written for this test."""

from __future__ import annotations

from functools import cache

from storydiff.model import Article, Claim, Quantity


@cache
def _claims(text: str) -> tuple[Claim, ...]:
    from storydiff.align import claims_of
    from storydiff.annotate import annotate_articles
    from storydiff.compare import prepare
    from storydiff.compare.measures import keyed
    from storydiff.settings import default_settings

    (item,) = annotate_articles(prepare([Article(id="a", original="", text=text)]), default_settings(),
                                with_quotes=False)
    return tuple(keyed(item, claims_of(item, {}), {}))


def _claim(text: str, value: str) -> Claim:
    (found,) = [c for c in _claims(text) if c.mention.text == value]
    return found


def test_a_count_is_keyed_by_its_counted_noun_and_a_part_of_it_by_its_scope():
    text = "More than 150 of the 239 passengers on board the Lindqvist were children, the airline said."
    whole, part = _claim(text, "239"), _claim(text, "More than 150")
    assert whole.key is not None and whole.key.unit == "passenger" and whole.key.scope is None
    assert part.key is not None and part.key.scope == "part"


def test_a_tally_noun_names_the_counted_event_where_the_verb_does_not():
    injured = _claim("The health ministry put the number of injured in the bombings at more than 300.",
                     "more than 300")
    dead = _claim("The health ministry put the number of dead in the bombings at more than 300.", "more than 300")
    assert injured.head == dead.head  # "put": the clause alone cannot tell them apart
    assert injured.key is not None and injured.key.event == "injury"
    assert dead.key is not None and dead.key.event == "death"


def test_a_named_possessor_is_the_holder():
    claim = _claim("Arland's 22 ministers resigned on Monday after the vote.", "22")
    assert claim.key is not None and claim.key.holder == "Arland"


def test_same_measure_says_same_clash_or_nothing():
    from storydiff.compare.measures import same_measure

    carried = _claim("The Lindqvist left Varna with 227 passengers on board, the airline said.", "227")
    text = "More than 150 of the 239 passengers on board the Lindqvist were children, the airline said."
    assert same_measure(_claim(text, "239"), carried) == "same"
    assert same_measure(_claim(text, "More than 150"), carried) == "clash"  # a part against a total
    injured = _claim("At least 180 people were injured in the bombings on Friday, police said.", "At least 180")
    killed = _claim("At least 40 people were killed in the bombings on Friday, police said.", "At least 40")
    assert same_measure(injured, killed) == "clash"
    ministers = _claim("Arland's 22 ministers resigned on Monday after the vote.", "22")
    others = _claim("Bresca's 25 ministers resigned on Monday after the vote.", "25")
    assert same_measure(ministers, others) == "clash"
    # Two generic counts under no named event: the key cannot tell; the clauses decide.
    assert same_measure(_claim("The hall held 300 people on Friday.", "300"),
                        _claim("The square held 2,000 people on Friday.", "2,000")) is None


def test_a_duration_told_as_a_date_is_compared_as_a_count_in_its_unit():
    from storydiff.compare.measures import as_count, same_measure

    told = _claim("Judge Amell sentenced Corran Deyle to seven years in prison on Monday.", "seven years")
    count = as_count(told)
    assert count is not None and count.kind == "number"
    assert count.mention.value == Quantity(7.0, 7.0, "year", 7.0)
    assert (count.mention.start, count.mention.end) == (told.mention.start, told.mention.end)
    other = _claim("Corran Deyle received a five - year sentence on Monday, the court said.", "five - year")
    assert same_measure(count, other) == "same"
