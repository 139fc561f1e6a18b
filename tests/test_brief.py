"""The brief: a cited, extractive summary of every source, with conflicts and a timeline.

The story is invented for these tests: three reports of a bridge collapse that agree on the
rescue, disagree on the death toll and on the day the bridge was closed, and each add a fact
of their own.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from storydiff.brief import Brief, render_brief, summarise
from storydiff.model import Article, Evidence, Finding

HERALD = (
    "A road bridge over the Marren River collapsed in the town of Eastbury on Tuesday, killing 12 people, "
    "officials said. The bridge was closed to traffic on Sunday after engineers found cracks in its main span. "
    "Rescue teams searched the river for survivors through the night. The mayor of Eastbury, Clara Voss, "
    "said the town would build a new crossing within two years."
)
TIMES = (
    "A road bridge over the Marren River collapsed in Eastbury on Tuesday, killing 14 people, according to "
    "officials. The bridge was closed to traffic on Saturday after engineers found cracks in its main span. "
    "Rescue teams searched the river for survivors through the night. Local shops stayed shut on Wednesday "
    "as a mark of respect for the families of the victims."
)
LEDGER = (
    "Rescue teams searched the river for survivors through the night after the bridge collapse in Eastbury. "
    "Engineers had found cracks in the main span of the bridge before it was closed to traffic. "
    "A national inquiry into the safety of old road bridges will open in May, the transport minister said."
)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [
        Article(id="herald", text=HERALD, outlet="Valley Herald", published=date(2024, 3, 6)),
        Article(id="times", text=TIMES, outlet="Coast Times", published=date(2024, 3, 6)),
        Article(id="ledger", text=LEDGER, outlet="Daily Ledger", published=date(2024, 3, 7)),
    ]


def _span(article: Article, words: str) -> Evidence:
    start = article.text.index(words)
    return Evidence(article.id, start, start + len(words), words)


@pytest.fixture(scope="module")
def toll_conflict(articles: list[Article]) -> Finding:
    herald, times, _ = articles
    return Finding(id="toll", type="conflict", kind="number", about="the death toll", confidence=0.9,
                   evidence=[_span(herald, "12 people"), _span(times, "14 people")])


@pytest.fixture(scope="module")
def brief(articles: list[Article]) -> Brief:
    return summarise(articles, words=200)


def _by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def test_every_sentence_is_verbatim_at_its_evidence(articles, brief):
    by_id = _by_id(articles)
    assert brief.sentences
    for sentence in brief.sentences:
        assert sentence.evidence[0].text == sentence.text
        assert sentence.sources[0] == sentence.evidence[0].article
        for evidence in sentence.evidence:
            assert by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text
        assert {e.article for e in sentence.evidence} == set(sentence.sources)


def test_a_fact_all_sources_report_cites_all_of_them(brief):
    rescue = [s for s in brief.sentences if "Rescue teams searched the river" in s.text]
    assert len(rescue) == 1, "the restatements in the other sources are not repeated"
    assert set(rescue[0].sources) == {"herald", "times", "ledger"}
    assert not rescue[0].unique


def test_a_fact_one_source_reports_is_marked_unique(brief):
    inquiry = next(s for s in brief.sentences if "national inquiry" in s.text)
    assert inquiry.sources == ["ledger"] and inquiry.unique


def test_different_numbers_are_never_support(brief):
    toll = next(s for s in brief.sentences if "killing 1" in s.text)
    assert len(toll.sources) == 1, "12 killed is not supported by a report of 14 killed"


def test_a_conflict_is_stated_with_both_versions_and_sources(articles, toll_conflict):
    brief = summarise(articles, words=200, findings=[toll_conflict])
    statement = next(s for s in brief.disputes if s.conflict == "toll")
    assert statement.text == ("Sources disagree on the death toll: “12 people” (Valley Herald) "
                              "vs “14 people” (Coast Times).")
    assert set(statement.sources) == {"herald", "times"}
    by_id = _by_id(articles)
    for evidence in statement.evidence:  # each version is quoted verbatim from its source
        assert by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text
        assert f"“{evidence.text}”" in statement.text
    assert not any(s.text.startswith("Sources disagree") for s in brief.sentences), "outside the word budget"
    for sentence in brief.sentences:  # an extracted side of the conflict points at it
        if "killing 1" in sentence.text:
            assert sentence.conflict == "toll"


@pytest.mark.parametrize("words", [20, 60, 200])
def test_a_side_of_a_conflict_is_never_stated_alone(articles, toll_conflict, words):
    brief = summarise(articles, words=words, findings=[toll_conflict])
    sides = [s for s in brief.sentences if "killing 1" in s.text]
    assert sides or words < 60, "the toll sentence is chosen when there is room"
    for side in sides:
        own = "12 people" if "killing 12" in side.text else "14 people"
        other = "14 people" if own == "12 people" else "12 people"
        assert [v.text for v in side.versions] == [other]
        outlet = "Coast Times" if other == "14 people" else "Valley Herald"
        assert f"{side.text} [{outlet}: {other}]" in brief.summary


def test_a_likely_update_reads_as_a_change_over_time(articles):
    herald, _, ledger = articles
    update = Finding(id="u", type="conflict", kind="number", about="the number of missing", confidence=0.8,
                     likely_update=True,
                     evidence=[Evidence("ledger", 0, 12, "Rescue teams", value=9),
                               Evidence("herald", 0, 6, "A road", value=4)])
    brief = summarise(articles, words=100, findings=[update])
    statement = next(s for s in brief.disputes if s.conflict == "u")
    assert statement.text == ("The number of missing rose from “A road” (Valley Herald, 2024-03-06) "
                              "to “Rescue teams” (Daily Ledger, 2024-03-07).")


@pytest.mark.parametrize("words", [12, 25, 40, 60])
def test_the_word_limit_is_respected(articles, toll_conflict, words):
    for findings in (None, [toll_conflict]):
        brief = summarise(articles, words=words, findings=findings)
        assert len(brief.summary.split()) <= words
        assert brief.summary == " ".join(
            s.text + "".join(f" [{outlet}: {v.text}]" for v in s.versions
                             for outlet in [{"herald": "Valley Herald", "times": "Coast Times",
                                             "ledger": "Daily Ledger"}[v.article]])
            for s in brief.sentences)


def test_timeline_is_ordered_and_flags_dates_that_differ(brief):
    dates = [e.date for e in brief.timeline]
    assert dates == sorted(dates)
    collapse = next(e for e in brief.timeline if "collapsed" in e.text)
    assert collapse.date == "2024-03-05" and set(collapse.sources) == {"herald", "times"}
    assert not collapse.date_conflict
    closed = next(e for e in brief.timeline if "closed to traffic on" in e.text)
    assert closed.date_conflict
    assert closed.dates == {"herald": "2024-03-03", "times": "2024-03-02"}
    assert any(e.date == "2024-05" and "inquiry" in e.text for e in brief.timeline)


def test_json_has_the_documented_shape(brief):
    data = json.loads(render_brief(brief, "json"))
    assert set(data) == {"summary", "sentences", "timeline", "disputes"}
    assert data["summary"] == brief.summary
    for sentence in data["sentences"]:
        assert {"text", "sources", "evidence", "unique", "conflict", "versions"} <= set(sentence)


def test_html_is_escaped_and_every_citation_has_its_anchor(articles):
    hostile = Article(id="odd",
                      text="The mayor said <script>alert(1)</script> was a test of the Eastbury alarm system.",
                      outlet="<b>Odd</b>")
    brief = summarise([*articles, hostile], words=200, timeline=False)
    page = render_brief(brief, "html", [*articles, hostile])
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>Odd</b>" not in page
    import re

    for target in re.findall(r"href='#([^']+)'", page):
        assert f"id='{target}'" in page


def test_text_and_markdown_cite_outlets(articles, brief):
    for fmt in ("text", "md"):
        out = render_brief(brief, fmt, articles)
        assert "Valley Herald" in out and "only one source" in out


def test_cli_brief(tmp_path):
    from typer.testing import CliRunner

    from storydiff.cli import app

    for name, text in (("herald.txt", HERALD), ("times.txt", TIMES)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["brief", str(tmp_path / "herald.txt"), str(tmp_path / "times.txt"),
                                 "--words", "40", "--format", "json", "--published", "2024-03-06"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["summary"].split()) <= 40 and data["sentences"]

    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(app, ["brief", str(tmp_path / "herald.txt"), str(missing)])
    assert result.exit_code == 1
    assert "nowhere.txt" in (result.stderr if hasattr(result, "stderr") else result.output)

    result = runner.invoke(app, ["brief", str(missing)])
    assert result.exit_code == 2


@pytest.mark.shared
def test_a_duc_cluster_brief_is_verbatim_and_short():
    from conftest import shared_path

    path = shared_path("data", "summaries", "duc2004", "clusters.jsonl")
    cluster = json.loads(path.open(encoding="utf-8").readline())
    articles = [Article(id=d["id"], text=d["text"]) for d in cluster["documents"]]
    brief = summarise(articles, words=100, timeline=False)
    assert 60 <= len(brief.summary.split()) <= 100
    by_id = _by_id(articles)
    for sentence in brief.sentences:
        for evidence in sentence.evidence:
            assert by_id[evidence.article].text[evidence.start:evidence.end] == evidence.text


def test_a_different_day_is_not_support(brief):
    closed = next(s for s in brief.sentences if "closed to traffic on" in s.text)
    assert len(closed.sources) == 1, "a closure on Saturday is not supported by one on Sunday"


def test_a_line_break_after_a_finished_sentence_ends_it_and_a_wrapped_line_does_not():
    from storydiff.brief import split_sentences

    text = ("The mayor spoke last. “We will rebuild the bridge, whatever it costs.”\n"
            "On Friday the council voted to fund it.\n"
            "Engineers said the new span would be\nfinished within two years.")
    assert [s.text for s in split_sentences(text)] == [
        "The mayor spoke last.",
        "“We will rebuild the bridge, whatever it costs.”",
        "On Friday the council voted to fund it.",
        "Engineers said the new span would be\nfinished within two years.",
    ]


def test_other_sources_are_cited_with_a_similarity_not_a_value(brief):
    # Evidence.value is what a span states; how close another source's sentence is to the
    # summary's sentence is Evidence.similarity (issue 19: one meaning per field)
    others = [e for s in brief.sentences for e in s.evidence[1:]]
    assert others, "the fixture has a fact several sources report"
    assert all(e.value is None and e.similarity is not None and 0 < e.similarity <= 1 for e in others)
    assert all(s.evidence[0].similarity is None for s in brief.sentences)


@pytest.mark.parametrize("words", range(12, 80, 4))
def test_the_budget_counts_the_versions_shown_beside_a_disputed_value(articles, toll_conflict, words):
    # The other sources' versions printed beside a sentence take words too: the selection
    # prices them, so a summary with a disputed value still fits its budget.
    brief = summarise(articles, words=words, findings=[toll_conflict])
    assert len(brief.summary.split()) <= words


def test_a_sentence_with_a_disputed_value_is_priced_with_the_other_versions(articles, toll_conflict):
    from storydiff.brief import _unit, _unit_versions, split_sentences

    herald = articles[0]
    units = [_unit(0, s) for s in split_sentences(herald.text)]
    toll = next(u for u in units if "killing 12" in u.sentence.text)
    rescue = next(u for u in units if "Rescue teams" in u.sentence.text)
    assert [v.text for v in _unit_versions(toll, articles, [toll_conflict])] == ["14 people"]
    assert _unit_versions(rescue, articles, [toll_conflict]) == []
