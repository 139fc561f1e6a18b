"""Clean: furniture cut and recorded, datelines and credits as metadata."""

from __future__ import annotations

from storydiff.clean import clean_article, find_dateline
from storydiff.model import Article


def article(text: str, title: str | None = None) -> Article:
    return Article(id="t", text=text, original=text, title=title)


def test_teaser_block_at_the_end_is_removed_and_recorded():
    text = ("First paragraph of the report.\n\nSecond paragraph.\n\nThird paragraph.\n\n"
            "Must Read\n\nAn unrelated story about a football match\n\nLONDON: Teaser text...")
    cleaned = clean_article(article(text))
    assert cleaned.text.endswith("Third paragraph.")
    (teaser,) = [r for r in cleaned.removed if r.reason == "teaser of other stories"]
    assert teaser.text.startswith("Must Read") and "football" in teaser.text
    assert cleaned.original[teaser.start:teaser.end] == teaser.text


def test_wire_credit_image_and_caption_become_metadata():
    text = ("A report sentence.\nAnother sentence.\n(PTI)\nVisit ends on Friday\n"
            "![Visit ends on Friday](https://example.org/image.jpg)")
    cleaned = clean_article(article(text))
    assert cleaned.agency == "PTI"
    assert cleaned.text == "A report sentence.\nAnother sentence."
    assert {r.reason for r in cleaned.removed} == {"wire credit", "caption", "image"}
    assert cleaned.title == "Visit ends on Friday"  # the page headline left as a caption


def test_credit_at_end_of_last_paragraph():
    cleaned = clean_article(article("The talks ended without a deal. (Reuters)"))
    assert cleaned.agency == "Reuters"
    assert cleaned.text == "The talks ended without a deal."


def test_datelines():
    assert find_dateline("ISLAMABAD: The minister said")[0] == "Islamabad"
    place, agency, span = find_dateline("NEW YORK (Reuters) - Stocks fell")
    assert (place, agency, span.text) == ("New York", "Reuters", "NEW YORK (Reuters) - ")
    assert find_dateline("LONDON, Jan 5 (AP) — A fire")[1] == "AP"
    assert find_dateline("PRIME minister Imran Khan will travel")[0] is None
    assert find_dateline("U.S. officials said on Monday")[0] is None


def test_dateline_removed_from_text_and_recorded():
    cleaned = clean_article(article("WASHINGTON — The Senate voted 52-48 on Tuesday."))
    assert cleaned.dateline == "Washington"
    assert cleaned.text == "The Senate voted 52-48 on Tuesday."
    assert cleaned.removed[0].reason == "dateline"


def test_section_word_early_in_report_is_kept():
    text = "Related\nThe council met on Monday.\nIt approved the budget.\nThe vote was close.\nMembers left."
    cleaned = clean_article(article(text))
    assert "The council met on Monday." in cleaned.text
    assert not [r for r in cleaned.removed if r.reason == "teaser of other stories"]
