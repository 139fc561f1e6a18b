"""Wire copies: lightly edited re-publications are grouped; other reports of the story are not."""

from __future__ import annotations

from datetime import date

from storydiff.model import Article
from storydiff.wire import compare_copy, containment, describe_group, likely_original, shingles, wire_groups

AGENCY = [
    "Firefighters in the Chilean port city of Valparaiso were battling a blaze that had destroyed "
    "at least 120 homes on the hills above the harbour by Saturday evening.",
    "The regional governor said two people had died and 500 had been evacuated to schools.",
    "Strong winds pushed the flames down towards the old town, a UNESCO world heritage site.",
    "Navy helicopters dropped water on the fire while residents tried to save belongings.",
    "The cause of the fire was not yet known, officials said, but investigators were on site.",
    "Power was cut to the eastern districts as a precaution, the electricity company said.",
]
OTHER_OUTLET = (
    "Valparaiso woke to smoke on Sunday. Our correspondent walked through streets where houses "
    "once stood; families were sifting through ash. Two people died, according to the governor, "
    "and the city asked for donations of blankets. Critics said the hills had too few hydrants."
)


def art(article_id, sentences, published=None, title="Fire destroys homes in Valparaiso"):
    text = " ".join(sentences) if isinstance(sentences, list) else sentences
    return Article(id=article_id, text=text, original=text, source=article_id, title=title, published=published)


def test_edited_copies_are_one_group_and_another_report_is_not():
    articles = [
        art("agency", AGENCY, date(2014, 4, 12)),
        art("trimmed", AGENCY[:4], date(2014, 4, 12), title="Valparaiso fire: 120 homes lost"),
        art("added", AGENCY + ["Local football matches on Sunday were called off."], date(2014, 4, 13)),
        art("reordered", [AGENCY[1], AGENCY[0]] + AGENCY[2:], date(2014, 4, 13)),
        art("other", OTHER_OUTLET, date(2014, 4, 13)),
    ]
    groups = wire_groups(articles)
    assert groups[:4] == [0, 0, 0, 0]
    assert groups[4] == 4


def test_the_earliest_is_the_original_and_edits_are_recorded():
    members = [(1, art("late", AGENCY[:5] + ["A local paper added this line."], date(2014, 4, 13), "Other head")),
               (2, art("early", AGENCY, date(2014, 4, 12)))]
    original, copies = describe_group(members)
    assert original == 2
    [(key, copy)] = copies
    assert key == 1 and copy.original == "early"
    assert copy.added == ["A local paper added this line."]
    assert copy.removed == [AGENCY[5]]
    assert copy.title_changed


def test_undated_group_falls_back_to_first_stored():
    assert likely_original([(5, art("b", AGENCY)), (3, art("a", AGENCY[:3]))]) == 1


def test_containment_counts_the_shorter_text():
    whole, half = shingles(" ".join(AGENCY)), shingles(" ".join(AGENCY[:3]))
    assert containment(half, whole) == 1.0
    assert containment(shingles(OTHER_OUTLET), whole) < 0.2


def test_compare_copy_with_no_changes():
    copy = compare_copy(art("b", AGENCY), art("a", AGENCY))
    assert copy.added == [] and copy.removed == [] and not copy.title_changed and copy.similarity == 1.0


def test_the_index_keeps_only_the_most_recent_window():
    from storydiff.wire import WireDetector, WireSettings

    detector = WireDetector(WireSettings(window=2))
    articles = [art(str(i), AGENCY) for i in range(3)]
    for key, article in enumerate(articles):
        detector.index(key, detector.signature(article))
    assert sorted(detector._lsh.query(detector.signature(articles[0]))) == [1, 2]
