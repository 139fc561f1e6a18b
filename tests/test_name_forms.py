"""Name forms read off the text (compare/name_forms.py): proper-noun runs and acronyms, and the
tests of two forms being one name written two ways. Texts written for this test."""

from __future__ import annotations

from storydiff.compare import name_forms
from storydiff.model import AnnotatedArticle, Article


def _item(text: str, title: str | None = None) -> AnnotatedArticle:
    return AnnotatedArticle(Article(id="a", original="", text=text, title=title))


def _forms(*texts: str, title: str | None = None) -> list[str]:
    items = [_item(text, title) for text in texts]
    common = name_forms.common_words(items)
    return [form.text for form in name_forms.text_forms(items[0], common)]


def test_a_run_of_proper_words_is_a_form_and_a_sentence_first_word_is_cut_off():
    forms = _forms("The Caminos Sin Muros group marched on Sunday. The march was long, the group said.")
    assert "Caminos Sin Muros" in forms
    assert not [f for f in forms if f.startswith("The ")]


def test_a_run_keeps_its_connectors_inside_and_drops_them_at_its_edges():
    forms = _forms("Officials of the Bank of Lerwick said so. The bank of the river flooded.")
    assert "Bank of Lerwick" not in forms  # "bank" is written in lower case: a common word
    forms = _forms("Officials at Harbour of Lerwick Trust said so of Kells.")
    assert "Harbour of Lerwick Trust" in forms


def test_one_capitalised_word_is_no_form_but_an_acronym_is():
    forms = _forms("Tofa said the NCRA boats left. Boats of the NCRA returned.")
    assert "Tofa" not in forms
    assert forms.count("NCRA") == 2


def test_the_offsets_of_a_form_are_its_place_in_the_text():
    text = "On Monday, volunteers of Amigos Sin Tierra cleaned the beach."
    (form,) = [f for f in name_forms.text_forms(_item(text), name_forms.common_words([_item(text)]))
               if f.text.startswith("Amigos")]
    assert text[form.start:form.end] == "Amigos Sin Tierra" and form.field == "text" and form.kind is None


def test_the_title_gives_no_forms():
    assert _forms("Nothing here.", title="Quake Toll Rises In Northern Hills") == []


def test_one_name_written_two_ways_needs_two_identical_other_words():
    assert name_forms.fixed_rest(["mohamed", "sadeek", "odeh"], ["mohamed", "saddiq", "odeh"]) == ("sadeek", "saddiq")
    assert name_forms.fixed_rest(["sadeek", "odeh"], ["saddiq", "odeh"]) is None
    assert name_forms.fixed_rest(["a", "b", "c"], ["a", "x", "y"]) is None


def test_words_that_sound_alike_and_words_that_do_not():
    assert name_forms.sounds_alike("sadeek", "saddiq")
    assert not name_forms.sounds_alike("sadeek", "samir")
    assert not name_forms.sounds_alike("joan", "john")  # short words: too many real pairs
    assert not name_forms.sounds_alike("catherine", "katherine")  # another first letter


def test_singular_and_plural_of_one_word():
    assert name_forms.number_variant("pueblo", "pueblos")
    assert not name_forms.number_variant("pueblo", "puebla")
    assert not name_forms.number_variant("us", "uss")


def test_acronyms_a_letter_apart():
    assert name_forms.acronym_letters("AMSA") == "AMSA" and name_forms.acronym_letters("Amsa") is None
    assert name_forms.one_letter_apart("AMSA", "ANSA")
    assert not name_forms.one_letter_apart("AMSA", "AMSAT") and not name_forms.one_letter_apart("AMSA", "ANTA")


def test_a_full_stop_after_a_word_ends_the_run_but_an_initial_or_a_title_does_not():
    forms = _forms("He flew to Saudi Arabia. Matthew Tofa met Gen. Arno Tofa and Karl J. Tofa there.")
    assert "Saudi Arabia" in forms and "Matthew Tofa" in forms
    assert "Gen. Arno Tofa" in forms and "Karl J. Tofa" in forms
    assert not [f for f in forms if "Arabia. Matthew" in f]


def test_the_text_fills_only_the_gaps_the_tagger_left():
    from storydiff.model import Mention

    text = "Caminos Sin Muros and Amigos Sin Tierra marched."
    item = AnnotatedArticle(Article(id="a", original="", text=text),
                            mentions=[Mention("group", 0, 17, "Caminos Sin Muros")])
    forms = [f.text for f in name_forms.gap_forms(item, name_forms.common_words([item]))]
    assert forms == ["Amigos Sin Tierra"]
