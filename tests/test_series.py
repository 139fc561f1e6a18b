"""Fact keys and series (issue #16): a figure that moves across reports published on
different days is one series, in publication order, in the JSON (valid against the schema),
the text report and the HTML report; every point's evidence matches its article."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from storydiff.compare import compare_paths
from storydiff.render.html import render_html
from storydiff.render.jsonout import comparison_dict
from storydiff.render.text import render_text, shown_uniques

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "storydiff" / "schema" / "compare.schema.json"

REPORTS = {
    "ledger.json": ("2026-03-02", "Northern Ledger", "Heavy floods in the northern province of Arland have "
                    "displaced 14,000 people, the regional disaster agency said on Monday. Rescue teams "
                    "used boats to reach villages cut off by the water."),
    "wire.json": ("2026-03-04", "Coastal Wire", "Heavy floods in the northern province of Arland have "
                  "displaced 21,000 people, the regional disaster agency said on Wednesday. Schools were "
                  "turned into shelters for families."),
    "herald.json": ("2026-03-06", "Valley Herald", "Heavy floods in the northern province of Arland have "
                    "displaced 30,000 people, the regional disaster agency said on Friday. Aid convoys "
                    "reached the worst-hit district."),
}


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    folder = tmp_path_factory.mktemp("floods")
    # written out of publication order: the series must order them by date
    for name in ("herald.json", "ledger.json", "wire.json"):
        published, outlet, text = REPORTS[name]
        (folder / name).write_text(json.dumps({"id": name.split(".")[0], "published": published,
                                               "outlet": outlet, "text": text}))
    return compare_paths([str(folder / n) for n in ("herald.json", "ledger.json", "wire.json")])


def test_a_rising_figure_is_one_series_in_publication_order(comparison):
    assert len(comparison.series) == 1
    series = comparison.series[0]
    assert [p.value for p in series.points] == [14000.0, 21000.0, 30000.0]
    assert [str(p.published) for p in series.points] == ["2026-03-02", "2026-03-04", "2026-03-06"]
    assert series.direction == "rose"
    conflict = next(f for f in comparison.findings if f.id == series.finding)
    assert conflict.type == "conflict" and conflict.likely_update


def test_series_points_and_keys_carry_exact_evidence(comparison):
    texts = {a.id: a for a in comparison.articles}
    for point in comparison.series[0].points:
        e = point.evidence
        assert texts[e.article].field(e.field)[e.start:e.end] == e.text
    key = comparison.series[0].key
    assert key is not None and key.measure == "number of people" and key.unit == "people"
    assert key.holder == "Arland"


def test_series_and_keys_in_json_follow_the_schema(comparison):
    data = comparison_dict(comparison)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["series"][0]["direction"] == "rose"
    conflict = next(f for f in data["findings"] if f["type"] == "conflict")
    assert conflict["key"]["measure"] == "number of people"


def test_reports_show_the_series(comparison):
    text = render_text(comparison)
    assert "Figures that moved (1)" in text and "14,000 (Northern Ledger, 2026-03-02) → 21,000" in text
    page = render_html(comparison)
    assert "Figures that moved" in page and "30,000" in page


def test_a_figure_restated_unchanged_makes_no_series(tmp_path):
    for name, day, tail in (("a.json", "2026-03-02", "Roads stayed closed."),
                            ("b.json", "2026-03-04", "Power was cut to two towns.")):
        text = REPORTS["wire.json"][2] + " " + tail
        (tmp_path / name).write_text(json.dumps({"id": name[0], "published": day, "text": text}))
    comparison = compare_paths([str(tmp_path / "a.json"), str(tmp_path / "b.json")])
    assert comparison.series == []


def test_uniques_are_capped_per_source_facts_first():
    from storydiff.model import Evidence, Finding

    def unique(article: str, text: str, n: int) -> Finding:
        return Finding(id=f"F{n}", type="unique", kind="statement", about=text, confidence=1.0,
                       evidence=[Evidence(article, 0, len(text), text)])

    items = [unique("a", f"plain remark number {'x' * i}", i) for i in range(12)]
    items.append(unique("a", "The Arland agency counted 420 flooded homes on Monday.", 99))
    items += [unique("b", "one remark", 100)]
    shown = shown_uniques(items, 3)
    assert len([f for f in shown if f.evidence[0].article == "a"]) == 3
    assert shown[0].id == "F99"  # the one with a figure, a name and a day ranks, and is listed, first
    assert any(f.evidence[0].article == "b" for f in shown)
