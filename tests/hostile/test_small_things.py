"""Item 11 of issue 18: real sizes, metadata for inputs that do not exist, dates the web API
cannot read, a large pasted text, Rich markup in names and help, non-English input."""

from __future__ import annotations

import json

import pytest
from _io_fixtures import REPORT_A, REPORT_B, cli, record, write_reports
from fastapi.testclient import TestClient

from storydiff.web import create_app

# Written for this test: two short German reports of the invented Millbrook story.
GERMAN_A = ("Stadtrat billigt neue Wohnungen\n\n"
            "Der Stadtrat von Millbrook hat am Dienstag den Bau von 120 neuen Wohnungen gebilligt, sagte "
            "die Bürgermeisterin Lena Ortiz. Der Plan kostet 14 Millionen Dollar und wurde zuerst im Jahr "
            "2019 vorgeschlagen. Die Arbeiten sollen im März beginnen, teilte die Stadt mit.\n")
GERMAN_B = ("Millbrook bekommt neue Wohnungen\n\n"
            "In Millbrook hat der Stadtrat am Dienstag 150 neue Wohnungen genehmigt, wie die "
            "Bürgermeisterin Lena Ortiz mitteilte. Die Kosten liegen bei 14 Millionen Dollar; der Plan "
            "stammt aus dem Jahr 2019. Gebaut werden soll ab März.\n")


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app("unused.db"))


def test_an_oversize_file_is_reported_with_its_real_size(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(52_700_000)  # sparse: the size is what matters
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    result = cli("compare", a, b, huge, "--format", "json")
    assert result.exit_code == 1
    assert f"{huge}: 52,700,000 bytes is over the limit of 5,000,000" in result.stderr


@pytest.mark.parametrize("option", ["--published", "--outlet"])
def test_metadata_for_a_name_that_is_not_an_input_is_refused_by_name(tmp_path, option):
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    value = "2024-03-05" if option == "--published" else "Daily Ledger"
    result = cli("compare", a, b, option, f"report-1.txt={value}", option, f"repotr-2.txt={value}")
    assert result.exit_code == 2, result.output
    assert f"{option} repotr-2.txt=: matches no input" in result.stderr
    assert "report-1.txt" not in result.stderr.split("matches no input")[0].replace(f"{option} repotr", "")


def test_the_api_refuses_a_publication_date_it_cannot_read(client):
    body = {"articles": [record("a", REPORT_A, published="2024-03-05"),
                         record("b", REPORT_B, published="the day after the flood")]}
    answer = client.post("/api/compare", json=body)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail["problems"] == ["articles[1].published: 'the day after the flood' is not a date storydiff "
                                  "can read; give an ISO 8601 date (YYYY-MM-DD) or date-time"]


def test_a_one_megabyte_pasted_text_gets_a_page_not_raw_json(client):
    pasted = "The council met again on Tuesday. " * 31_000  # 1.05 MB
    page = client.post("/compare", data={"texts": [pasted, REPORT_B]})
    assert page.headers["content-type"].startswith("text/html"), page.text[:200]
    assert page.status_code == 422 and "pasted-1.txt" in page.text and "over the limit" in page.text


def test_rich_markup_in_file_names_and_help_is_shown_literally(tmp_path):
    odd = tmp_path / "[red]report[bold].txt"
    odd.write_text("")
    result = cli("ingest", odd, "--db", tmp_path / "news.db", "--quiet")
    assert f"{odd}: empty input" in result.stderr
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    out = tmp_path / "[bold]out[i].json"
    result = cli("compare", a, b, "--format", "json", "-o", out)
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    help_text = cli("ingest", "--help").stdout
    assert "[storydiff.cluster]" in help_text and "[storydiff.wire]" in help_text


def test_non_english_reports_get_a_warning_naming_them(tmp_path, client):
    a, b = write_reports(tmp_path, GERMAN_A, GERMAN_B)
    result = cli("compare", a, b, "--format", "json")
    assert result.exit_code == 0, result.output
    for path in (a, b):
        assert f"[warning] {path}: reads as language 'de' (not English" in result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert {w["source"] for w in warnings} == {a, b}
    assert all("no findings are produced for this report" in w["message"] for w in warnings)
    page = client.post("/compare", data={"texts": [GERMAN_A, REPORT_B]})
    assert page.status_code == 200 and "pasted-1.txt: reads as language &#39;de&#39;" in page.text
    assert "pasted-2.txt: reads as" not in page.text  # the English report is not named


def test_english_reports_get_no_language_warning(tmp_path):
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    result = cli("compare", a, b, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["warnings"] == []
    assert "[warning]" not in result.stderr
