"""Statements: sentences several sources say, and sentences only one has."""

from __future__ import annotations

from storydiff.compare import compare_articles
from storydiff.model import Article


def report(id_: str, *sentences: str) -> Article:
    text = " ".join(sentences)
    return Article(id=id_, text=text, original=text, outlet=id_)


def statements(comparison):
    return [f for f in comparison.findings if f.kind == "statement" and f.type == "agreement"]


def test_a_drifting_chain_of_paraphrases_is_not_one_statement():
    # Each report shares half its words with the next one only: the ferry and the harbour
    # pilot are linked through the middle report, but the first and last say different things.
    comparison = compare_articles([
        report("north", "The ferry Aurora ran aground near the harbour mouth at dawn.",
               "The weather office had issued a gale warning for the coast."),
        report("middle", "The ferry Aurora ran aground at dawn while a harbour pilot was on board.",
               "Schools in the district opened as usual."),
        report("south", "A harbour pilot was on board while the tugboat crews waited for the tide.",
               "The regional council met to discuss its budget."),
    ])
    for finding in statements(comparison):
        sources = [e.article for e in finding.evidence]
        # one sentence per source, and every two of them alike: never all three reports here
        assert len(sources) == len(set(sources))
        assert set(sources) != {"north", "middle", "south"}
    pairs = {frozenset(e.article for e in f.evidence) for f in statements(comparison)}
    assert frozenset({"north", "middle"}) in pairs


def test_one_source_contributes_one_sentence_to_a_statement():
    comparison = compare_articles([
        report("first", "Firefighters contained the warehouse fire on Tuesday night.",
               "Firefighters said the warehouse fire was contained late on Tuesday."),
        report("second", "The warehouse fire was contained by firefighters on Tuesday night."),
    ])
    found = statements(comparison)
    assert found
    for finding in found:
        sources = [e.article for e in finding.evidence]
        assert len(sources) == len(set(sources)) == 2




def test_a_place_is_not_labelled_by_a_word_of_a_name_or_by_be():
    from storydiff.align import ClaimPair, claims_of
    from storydiff.annotate import annotate_articles
    from storydiff.compare import _describe

    text = "Talks between the United States and China resumed. The next round will be in Geneva."
    [item] = annotate_articles([report("east", text)])
    places = {c.mention.text: c for c in claims_of(item, {}) if c.kind == "place"}
    # the governors the parse gives: a word of the name beside it, and "be"
    assert places["China"].head == "states" and places["Geneva"].head == "be"
    for claim in places.values():
        assert _describe(ClaimPair(claim, claim, 1.0, True, frozenset())) in {"place", "place of meet"}


def test_a_fragment_of_two_words_is_no_statement():
    comparison = compare_articles([
        report("short", "Officials met. The harbour stayed closed to ferries for a third day."),
        report("long", "Officials met in the capital on Monday to discuss the budget and the strike.",
               "Ferries stayed in port because the harbour was closed for a third day."),
    ])
    found = [(f.type, sorted((e.article, e.text) for e in f.evidence))
             for f in comparison.findings if f.kind == "statement"]
    # the sentences of three words and more are statements: one said by both, one unique
    assert ("agreement", [("long", "Ferries stayed in port because the harbour was closed for a third day."),
                          ("short", "The harbour stayed closed to ferries for a third day.")]) in found
    assert ("unique", [("long", "Officials met in the capital on Monday to discuss the budget and the "
                                "strike.")]) in found
    assert all(text != "Officials met." for _, evidence in found for _, text in evidence), found
