"""The canonical case: two real reports of one visit, read from ../shared/seeds.

What a correct comparison shows is listed in ../shared/seeds/EXPECTED.md; this test checks it
on the real texts (never copied into the repository)."""

from __future__ import annotations

import pytest

from conftest import shared_path

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_comparison():
    from storydiff import compare_paths

    folder = shared_path("seeds")
    files = sorted(str(p) for p in folder.glob("*.txt"))
    assert len(files) == 2
    return compare_paths(files)


def _article(comparison, prefix):
    return next(a for a in comparison.articles if a.id.startswith(prefix))


def _covers(comparison, finding, prefix, needle):
    article = _article(comparison, prefix)
    for e in finding.evidence:
        if e.article == article.id:
            text = article.field(e.field)
            where = text.find(needle)
            while where != -1:
                if e.start < where + len(needle) and where < e.end:
                    return True
                where = text.find(needle, where + 1)
    return False


def test_metadata_and_boilerplate(seed_comparison):
    first, second = _article(seed_comparison, "000"), _article(seed_comparison, "002")
    assert first.dateline == "Islamabad"
    assert any(r.reason == "teaser of other stories" and "Must Read" in r.text for r in first.removed)
    assert "Must Read" not in first.text and "Brooklyn" not in first.text
    assert second.agency == "PTI"
    assert "(PTI)" not in second.text and "![" not in second.text
    assert {"image", "caption"} <= {r.reason for r in second.removed}
    assert second.published_inferred
    assert (second.published.year, second.published.month) == (2022, 2)


def test_both_conflicts_and_nothing_else(seed_comparison):
    conflicts = [f for f in seed_comparison.findings if f.type == "conflict"]
    date_conflicts = [f for f in conflicts if f.kind == "date"
                      and _covers(seed_comparison, f, "000", "September 2021")
                      and _covers(seed_comparison, f, "002", "April last year")]
    name_conflicts = [f for f in conflicts if f.kind == "name"
                      and _covers(seed_comparison, f, "000", "Steam")
                      and _covers(seed_comparison, f, "002", "Stream")]
    assert date_conflicts, [(f.kind, f.about, [e.text for e in f.evidence]) for f in conflicts]
    assert name_conflicts, [(f.kind, f.about, [e.text for e in f.evidence]) for f in conflicts]
    others = [f for f in conflicts if f not in date_conflicts + name_conflicts]
    assert others == [], [(f.kind, f.about, [e.text for e in f.evidence]) for f in others]


def test_lavrov_date_resolved_against_publication(seed_comparison):
    (finding,) = [f for f in seed_comparison.findings if f.type == "conflict" and f.kind == "date"]
    values = {e.article[:3]: e.value for e in finding.evidence}
    assert values["000"] == "2021-09"
    assert values["002"] == "2021-04"


def test_every_span_is_exact(seed_comparison):
    articles = {a.id: a for a in seed_comparison.articles}
    for finding in seed_comparison.findings:
        for e in finding.evidence:
            assert articles[e.article].field(e.field)[e.start:e.end] == e.text


def test_shared_people_and_places(seed_comparison):
    both = {name for name, ids in seed_comparison.entities.items() if len(ids) == 2}
    for name in ("Imran Khan", "Vladimir Putin", "Nawaz Sharif", "Sergey Lavrov", "Moscow", "Karachi"):
        assert name in both, sorted(both)


def test_switching_off_the_rule_of_the_name_conflict_leaves_the_date_conflict(seed_comparison):
    """The rule named by the pipeline-name conflict, switched off by name in the settings,
    takes that conflict away and nothing else."""
    from storydiff import compare_paths
    from storydiff.settings import load_settings

    (name,) = [f for f in seed_comparison.findings if f.type == "conflict" and f.kind == "name"]
    (date_conflict,) = [f for f in seed_comparison.findings if f.type == "conflict" and f.kind == "date"]
    assert name.rule == "compare.finder.spelling" and date_conflict.rule == "compare.finder.typed_values"
    assert "compare.veto.after_publication" in date_conflict.vetoes_passed
    files = sorted(str(p) for p in shared_path("seeds").glob("*.txt"))
    without = compare_paths(files, load_settings(compare={"disabled_rules": [name.rule]}))
    conflicts = [f for f in without.findings if f.type == "conflict"]
    assert [(f.kind, [e.value for e in f.evidence]) for f in conflicts] == [
        ("date", [e.value for e in date_conflict.evidence])]
