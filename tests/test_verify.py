"""storydiff verify and the polarity (status conflict) module, on texts written for the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.annotate import annotate_articles
from storydiff.compare import canonical_names
from storydiff.model import Article
from storydiff.polarity import status_conflicts
from storydiff.render.verify import render_verification
from storydiff.verify import verify

SOURCE = (
    "Acme Corp said on Tuesday that its profits rose 12% in 2023.\n"
    "The company hired 300 workers at its plant in Ohio.\n"
    "Chief executive Jane Doe did not comment on the merger.\n"
)


def _spans_exact(result) -> None:
    texts = {result.source.id: result.source, result.derived.id: result.derived}
    for statement in result.statements:
        assert result.derived.field(statement.field)[statement.start:statement.end] == statement.text
        for e in statement.evidence:
            assert texts[e.article].field(e.field)[e.start:e.end] == e.text


def test_faithful_rewrite_is_supported():
    derived = Article("d", "Acme Corp's profits rose 12% in 2023, the company said.\n"
                           "It hired 300 workers at its Ohio plant.\n")
    result = verify(Article("s", SOURCE), derived)
    assert result.verdict == "faithful", [(s.text, s.status, s.explanation) for s in result.statements]
    assert all(s.evidence and s.evidence[0].article == "s" for s in result.statements)
    _spans_exact(result)


def test_each_kind_of_unfaithful_edit_is_explained():
    derived = Article("d", "Acme Corp said its profits fell 12% in 2023.\n"
                           "The company hired 450 workers at its plant in Ohio.\n"
                           "Jane Doe commented on the merger.\n"
                           "The firm also opened an office in Brazil.\n")
    result = verify(Article("s", SOURCE), derived)
    assert result.verdict == "unfaithful"
    found = [(s.status, s.kind) for s in result.statements]
    assert found == [("contradicted", "antonym"), ("contradicted", "number"),
                     ("contradicted", "negation"), ("not_mentioned", "place")]
    for statement in result.statements:
        if statement.status == "contradicted":
            assert {e.article for e in statement.evidence} == {"s", "d"}
    _spans_exact(result)


def test_json_shape_and_other_formats():
    result = verify(Article("s", SOURCE), Article("d", "The company hired 450 workers in Ohio.\n"))
    data = json.loads(render_verification(result, "json"))
    assert data["verdict"] == "unfaithful"
    statement = data["statements"][0]
    assert {"text", "start", "end", "status", "kind", "evidence"} <= statement.keys()
    assert statement["status"] == "contradicted" and statement["kind"] == "number"
    assert "contradicted" in render_verification(result, "text")
    assert "| S1 |" in render_verification(result, "md")
    assert "<mark" in render_verification(result, "html")


def _status(a_text: str, b_text: str):
    annotated = annotate_articles([Article("a", a_text), Article("b", b_text)])
    findings = status_conflicts(annotated[0], annotated[1], canonical_names(annotated))
    for finding in findings:
        for e in finding.evidence:
            item = annotated[0] if e.article == "a" else annotated[1]
            assert item.article.field(e.field)[e.start:e.end] == e.text
    return findings


@pytest.mark.parametrize("a_text, b_text", [
    ("The minister did not sign the agreement on Monday.", "The minister signed the agreement on Monday."),
    ("Shares of Acme rose 5% on Tuesday.", "Shares of Acme fell 5% on Tuesday."),
    ("Police arrested the driver after the crash.", "Police released the driver after the crash."),
    ("There was no statement from the governor after the meeting.",
     "The governor said in a statement after the meeting that talks went well."),
])
def test_status_conflicts_found(a_text, b_text):
    findings = _status(a_text, b_text)
    assert len(findings) == 1 and findings[0].kind == "status" and findings[0].type == "conflict"


@pytest.mark.parametrize("a_text, b_text", [
    # The same negation worded two ways.
    ("The inspectors have not found any evidence of fraud.", "The inspectors have found no evidence of fraud."),
    # Different subjects: no contradiction.
    ("The senator suffered no consequences after the vote.", "Only the mayor faced consequences after the vote."),
    # A sentence that adds a detail.
    ("The mayor opened the bridge on Friday.", "The mayor opened the bridge on Friday to traffic."),
    # Double negative of an antonym: "did not rise" agrees with "fell".
    ("Shares of Acme did not rise on Tuesday.", "Shares of Acme fell on Tuesday."),
])
def test_status_conflicts_not_raised(a_text, b_text):
    assert _status(a_text, b_text) == []


def test_cli_verify(tmp_path: Path):
    source, derived = tmp_path / "source.txt", tmp_path / "derived.txt"
    source.write_text(SOURCE, encoding="utf-8")
    derived.write_text("Jane Doe commented on the merger.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "from storydiff.cli import app; app()", "verify",
                          str(source), str(derived), "--format", "json", "--strict"],
                         capture_output=True, text=True)
    assert run.returncode == 4, run.stderr
    assert json.loads(run.stdout)["statements"][0]["kind"] == "negation"


@pytest.mark.shared
def test_summedits_sample_is_explained():
    from conftest import shared_path

    records = json.loads(shared_path("data", "consistency", "summedits_news_dev.json").read_text())[:10]
    for record in records:
        result = verify(Article("s", record["doc"]), Article("d", record["summary"]))
        _spans_exact(result)
        for statement in result.statements:
            if statement.status == "contradicted":
                assert {e.article for e in statement.evidence} == {"s", "d"}
