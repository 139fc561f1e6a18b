"""find_quotes on sentences written for the purpose, plus one real-data smoke test."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.annotate.quotes import find_quotes
from storydiff.model import Quote

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _quotes(nlp, text: str) -> list[Quote]:
    doc = nlp(text)
    quotes = find_quotes(doc)
    for quote in quotes:
        for span in (quote.content, quote.speaker, quote.cue):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text
    return quotes


def _only(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.content.text]
    assert len(found) == 1, [q.content.text for q in quotes]
    return found[0]


def test_direct_quote_with_speaker_after(nlp):
    quotes = _quotes(nlp, "\u201cWe will rebuild the bridge by spring,\u201d said Maria Lopez.")
    quote = _only(quotes, "rebuild")
    assert quote.direct
    assert quote.content.text == "\u201cWe will rebuild the bridge by spring,\u201d"
    assert quote.speaker is not None and quote.speaker.text == "Maria Lopez"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker_entity == "Maria Lopez"
    assert quote.sentence == 0


def test_straight_quotes_and_speaker_before_with_colon(nlp):
    text = 'The harbour master Tom Reed was blunt. He warned: "The pier will not survive another storm."'
    quote = _only(_quotes(nlp, text), "pier")
    assert quote.direct
    assert quote.cue is not None and quote.cue.text == "warned"
    assert quote.speaker is not None and quote.speaker.text == "He"
    assert quote.speaker_entity == "Tom Reed"
    assert quote.sentence == 1


def test_quote_split_by_attribution_shares_speaker(nlp):
    text = '"It is a sad day," Peter Holm said, "but we have no choice."'
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert {q.cue.text for q in quotes if q.cue} == {"said"}
    assert all(q.speaker_entity == "Peter Holm" for q in quotes)


def test_latex_style_quotes_of_old_wire_text(nlp):
    text = "``We have no further comment at this stage,'' the company said on Friday."
    quote = _only(_quotes(nlp, text), "comment")
    assert quote.content.text.startswith("``") and quote.content.text.endswith("''")
    assert quote.speaker is not None and quote.speaker.text == "the company"


def test_quote_running_over_paragraphs_keeps_speaker(nlp):
    text = (
        "\u201cThe river rose faster than anyone expected,\u201d said Sarah Kim, who runs the shelter.\n\n"
        "\u201cBy midnight the whole street was under water and we had to move everyone upstairs.\u201d"
    )
    second = _only(_quotes(nlp, text), "midnight")
    assert second.direct
    assert second.speaker_entity == "Sarah Kim"
    assert second.cue is not None and second.cue.text == "said"


def test_indirect_speech_with_that(nlp):
    quote = _only(_quotes(nlp, "The mayor said that the water supply was safe."), "water")
    assert not quote.direct
    assert quote.content.text == "that the water supply was safe"
    assert quote.speaker is not None and quote.speaker.text == "The mayor"


def test_told_reporters_and_pronoun_resolution(nlp):
    text = "Peter Holm visited the plant on Monday. He told reporters the factory would close in May."
    quote = _only(_quotes(nlp, text), "factory")
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.content.text == "the factory would close in May"
    assert quote.speaker_entity == "Peter Holm"


def test_according_to(nlp):
    text = "According to the health ministry, three people were treated in hospital."
    quote = _only(_quotes(nlp, text), "hospital")
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.speaker is not None and quote.speaker.text == "the health ministry"
    assert quote.content.text == "three people were treated in hospital"


def test_denied_takes_its_object(nlp):
    quote = _only(_quotes(nlp, "The army denied reports of shelling near the border."), "shelling")
    assert quote.cue is not None and quote.cue.text == "denied"
    assert quote.speaker is not None and quote.speaker.text == "The army"


def test_title_resolves_to_person_introduced_with_that_role(nlp):
    text = (
        "Foreign Minister Anna Berg met the delegation, and the talks were chaired by John Park. "
        '"The talks were useful," the minister said.'
    )
    quote = _only(_quotes(nlp, text), "useful")
    assert quote.speaker is not None and quote.speaker.text == "the minister"
    assert quote.speaker_entity == "Anna Berg"


def test_surname_resolves_to_full_name(nlp):
    text = "Senator Laura Chen arrived late. Chen said the bill would pass next week."
    quote = _only(_quotes(nlp, text), "bill")
    assert quote.speaker_entity == "Laura Chen"


def test_scare_quotes_are_not_quotes(nlp):
    text = 'The so-called "peace dividend" never arrived for the town.'
    assert _quotes(nlp, text) == []


def test_no_speech_no_quotes(nlp):
    assert _quotes(nlp, "The bridge was closed for repairs on Tuesday.") == []


def test_title_field_is_carried(nlp):
    doc = nlp("Minister says taxes will rise")
    quotes = find_quotes(doc, field="title")
    assert quotes and all(q.content.field == "title" for q in quotes)


@pytest.mark.shared
def test_polnear_sample_finds_most_said_quotes(nlp):
    folder = SHARED / "data" / "quotes" / "polnear" / "train" / "text"
    if not folder.exists():
        pytest.skip(f"needs {folder} (real data beside the repository)")
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:5]]
    for text in texts:
        doc = nlp(text)
        quotes = find_quotes(doc)
        for quote in quotes:
            assert text[quote.content.start : quote.content.end] == quote.content.text
        said = sum(1 for t in doc if t.lower_ == "said")
        # Nearly every "said" in news introduces a quote; a few are in quotes themselves.
        assert len({q.cue.start for q in quotes if q.cue and q.cue.text == "said"}) >= said // 2
