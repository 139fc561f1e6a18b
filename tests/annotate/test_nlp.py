"""Sentence boundaries at line breaks: paragraphs end sentences, wrapped lines do not."""

from __future__ import annotations


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_paragraph_or_a_headline_line_ends_a_sentence(nlp):
    assert _sentences(nlp, "Bridge collapses in Porto Alegre\nAt least 12 people were killed.") == [
        "Bridge collapses in Porto Alegre", "At least 12 people were killed."]
    assert _sentences(nlp, "Officials said the toll\n\nrose to 17.") == ["Officials said the toll", "rose to 17."]


def test_a_hard_wrapped_line_does_not_end_a_sentence(nlp):
    text = ("The ministry said three Internet\ncables were cut off the coast of\nSicily on Friday morning. "
            "Repairs\nwill take days.")
    assert _sentences(nlp, text) == [
        "The ministry said three Internet\ncables were cut off the coast of\nSicily on Friday morning.",
        "Repairs\nwill take days."]


def test_load_models_loads_what_is_otherwise_loaded_on_first_need():
    from storydiff.annotate import load_models
    from storydiff.annotate.lexicon import wordnet
    from storydiff.annotate.places import _alternate_cities, gazetteer

    # emptied first, so that what an earlier test loaded does not count
    for loader in (wordnet, gazetteer, _alternate_cities):
        loader.cache_clear()
        assert loader.cache_info().currsize == 0, loader
    load_models()
    for loader in (wordnet, gazetteer, _alternate_cities):
        assert loader.cache_info().currsize == 1, loader
