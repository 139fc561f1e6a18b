"""The story benchmark's split, overlap scoring and blind-judgement bookkeeping
(``benchmarks/_split.py``, ``_scoring.py``, ``judge_prompt.py``), on small written examples."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import _scoring  # noqa: E402
import _split  # noqa: E402
import judge_prompt  # noqa: E402

A_TEXT = "The ferry sank on Monday. Officials said 12 people died. Rescuers searched all night."
B_TEXT = "Officials said 15 people died when the ferry sank. The captain survived."
C_TEXT = "At least 15 died. The ferry had 80 passengers."
ARTICLES = [
    {"id": "a", "title": "Ferry sinks, 12 dead", "text": A_TEXT, "published": "2020-01-06"},
    {"id": "b", "title": "Ferry disaster", "text": B_TEXT, "published": "2020-01-07"},
    {"id": "c", "title": None, "text": C_TEXT, "published": "2020-01-07"},
]
BY_ID = {a["id"]: a for a in ARTICLES}
TOLL = {"kind": "number", "update": True, "about": "death toll",
        "sides": [[["a", "12 people died"]], [["b", "15 people died"], ["c", "At least 15 died"]]]}


def span(article: str, text: str, field: str = "text") -> dict:
    source = BY_ID[article]["title"] if field == "title" else BY_ID[article]["text"]
    start = source.index(text)
    return {"article": article, "field": field, "start": start, "end": start + len(text), "text": text}


def conflict(*evidence: dict, update: bool = False) -> dict:
    return {"type": "conflict", "kind": "number", "likely_update": update, "evidence": list(evidence)}


# --- split ---------------------------------------------------------------------------------------

def test_split_follows_the_hash_and_forces_dev_pair_stories_into_the_read_half(tmp_path):
    stories = [("duc2004", f"d{n}") for n in range(40)]
    for set_name, story in stories:
        even = int(hashlib.sha256(f"{set_name}:{story}".encode()).hexdigest(), 16) % 2 == 0
        assert _split.half(set_name, story) == ("read" if even else "score")
    scored = next(s for s in stories if _split.half(*s) == "score")
    dev = tmp_path / "dev.jsonl"
    dev.write_text(json.dumps({"pair_id": "x", "set": scored[0], "story": scored[1]}) + "\n"
                   + json.dumps({"pair_id": "y", "skipped": "not the same story"}) + "\n", encoding="utf-8")
    forced = _split.dev_pair_stories(dev)
    assert forced == {scored}
    assert _split.half(*scored, always_read=forced) == "read"
    assert {_split.half(*s) for s in stories} == {"read", "score"}


# --- overlap matching ------------------------------------------------------------------------------

def test_a_conflict_matches_when_one_span_lies_on_each_side():
    assert _scoring.matches([span("a", "12"), span("b", "15")], TOLL, BY_ID)
    assert _scoring.matches([span("a", "12 people"), span("c", "15")], TOLL, BY_ID)  # the other alternative


def test_a_conflict_on_one_side_only_or_off_the_quotes_does_not_match():
    assert not _scoring.matches([span("a", "12"), span("a", "Monday")], TOLL, BY_ID)
    assert not _scoring.matches([span("b", "15"), span("c", "80")], TOLL, BY_ID)
    assert not _scoring.matches([span("a", "Rescuers"), span("b", "15")], TOLL, BY_ID)


def test_the_field_of_the_evidence_counts():
    # "12" in the title is not the text's quote "12 people died", though the offsets might overlap.
    title_span = span("a", "12", field="title")
    assert not _scoring.matches([title_span, span("b", "15")], TOLL, BY_ID)
    headline = {"kind": "number", "update": False,
                "sides": [[["a", "Ferry sinks, 12 dead"]], [["b", "15 people died"]]]}
    assert _scoring.matches([title_span, span("b", "15")], headline, BY_ID)


def test_every_occurrence_of_a_quote_is_tried():
    text = "He said no. Later he said no."
    assert _scoring.quote_spans(text, "said no") == [(3, 10), (21, 28)]
    assert _scoring.quote_spans(text, "") == []


def test_story_scores_right_false_alarms_duplicates_and_unscored():
    comparison = {"articles": ARTICLES, "findings": [
        conflict(span("a", "12"), span("b", "15"), update=True),
        conflict(span("a", "12"), span("c", "15")),               # the same gold conflict again
        conflict(span("b", "The captain"), span("c", "80")),      # matches nothing
        {"type": "agreement", "kind": "number", "evidence": [span("b", "15"), span("c", "15")]},
    ]}
    story = {"conflicts": [TOLL, {"kind": "name", "update": False, "sides": [[["b", "captain"]], [["c", "ferry"]]]}],
             "exhaustive": True}
    score = _scoring.score_story(comparison, story)
    assert (score.gold, score.found, score.reported) == (2, {0}, 3)
    assert len(score.right) == 2 and score.duplicates == 1
    assert len(score.false_alarms) == 1 and score.false_alarms[0].evidence[1]["text"] == "80"
    loose = _scoring.score_story(comparison, {**story, "exhaustive": False})
    assert (loose.reported, len(loose.unscored)) == (2, 1)


def test_a_series_matches_gold_on_any_two_points_and_each_idle_adjacent_pair_is_a_false_alarm():
    series = {"kind": "number", "points": [{"evidence": span("a", "12")}, {"evidence": span("c", "80")},
                                           {"evidence": [span("b", "15")]}]}
    score = _scoring.score_story({"articles": ARTICLES, "findings": [], "series": [series]},
                                 {"conflicts": [TOLL], "exhaustive": True})
    assert score.found == {0}  # 12 and 15 are points 1 and 3, not adjacent
    assert len(score.false_alarms) == 2 and not score.right


# --- passages and judgements ----------------------------------------------------------------------

def test_passage_is_the_sentence_of_the_span_and_its_neighbours_within_the_paragraph():
    text = "First line here.\nOne. Two has 7 cows. Three. Four.\nLast line."
    start = text.index("7")
    begin, end = _scoring.passage_bounds(text, start, start + 1)
    assert text[begin:end] == "One. Two has 7 cows. Three."
    begin, end = _scoring.passage_bounds(text, 0, 5)
    assert text[begin:end] == "First line here."


def item_of(finding: dict) -> dict:
    return _scoring.judged_item(finding, {"articles": ARTICLES}, "testset", "s1", "read")


def test_a_judgement_keeps_hashes_not_text_and_matches_its_item_only_while_the_passage_is_unchanged():
    item = item_of(conflict(span("a", "12"), span("b", "15")))
    assert item["evidence"][0]["passage"] == A_TEXT
    record = _scoring.judgement(item, "update", "toll rose a day later")
    assert "people died" not in json.dumps(record)
    assert record["evidence"][0]["passage_sha256"] == hashlib.sha256(A_TEXT.encode()).hexdigest()
    index = _scoring.judgement_index([record])
    assert _scoring.verdict_of(item, index) == "update"
    edited = dict(ARTICLES[0], text=A_TEXT.replace("searched all night", "searched"))
    changed = _scoring.judged_item(conflict(span("a", "12"), span("b", "15")),
                                   {"articles": [edited, ARTICLES[1]]}, "testset", "s1", "read")
    assert changed["id"] != item["id"] and _scoring.verdict_of(changed, index) is None
    other_set = _scoring.judged_item(conflict(span("a", "12"), span("b", "15")),
                                     {"articles": ARTICLES}, "otherset", "s1", "read")
    assert _scoring.verdict_of(other_set, index) is None


def test_verdicts_are_checked_by_item_type():
    with pytest.raises(ValueError, match="correct"):
        _scoring.judgement(item_of(conflict(span("a", "12"), span("b", "15"))), "correct")
    agreement = item_of({"type": "agreement", "evidence": [span("b", "15"), span("c", "15")]})
    assert _scoring.judgement(agreement, "wrong")["type"] == "agreement"


def test_the_agreement_sample_keeps_its_members_when_findings_are_added():
    findings = [{"type": "agreement", "evidence": [span("a", word), span("b", "15")]}
                for word in ("ferry", "Monday", "Officials", "Rescuers", "night")]

    def sample(pool, size=2, seed=16):
        ranked = sorted(pool, key=lambda f: _scoring.sample_rank(seed, "testset", f))
        return [f["evidence"][0]["text"] for f in ranked[:size]]

    first = sample(findings[:3])
    # Adding findings can push a member out only in favour of a new one, never of an old one.
    assert set(sample(findings)) <= set(first) | {"Rescuers", "night"}
    assert sample(list(reversed(findings[:3]))) == first  # the order findings come in does not matter
    assert len({_scoring.sample_rank(16, "testset", f) for f in findings}) == 5
    assert sample(findings, 5) != sample(findings, 5, seed=18)
    moved = {"type": "agreement", "evidence": [{**span("a", "ferry"), "field": "title"}, span("b", "15")]}
    assert _scoring.sample_rank(16, "testset", moved) != _scoring.sample_rank(16, "testset", findings[0])


def test_import_appends_hashed_judgements_and_reports_bad_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(judge_prompt, "JUDGING", tmp_path / "judging")
    monkeypatch.setattr(judge_prompt, "JUDGEMENTS", tmp_path / "judgements")
    item = item_of(conflict(span("a", "12"), span("b", "15")))
    agreement = item_of({"type": "agreement", "evidence": [span("b", "15"), span("c", "15")]})
    (tmp_path / "judging").mkdir()
    (tmp_path / "judging" / "pending-conflicts.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    (tmp_path / "judging" / "pending-agreements.jsonl").write_text(json.dumps(agreement) + "\n", encoding="utf-8")
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join([
        json.dumps({"id": item["id"], "verdict": "Right", "note": "12 against 15"}),
        json.dumps({"id": "c-unknown", "verdict": "right"}),
        json.dumps({"id": agreement["id"], "verdict": "update"}),
        "not json",
    ]) + "\n", encoding="utf-8")
    counts, problems = judge_prompt.import_answers(answers, "judge-1")
    assert counts == {"conflicts": 1, "agreements": 0}
    assert [p.split(": ", 1)[0] for p in problems] == [f"{answers}:2", f"{answers}:3", f"{answers}:4"]
    saved = (tmp_path / "judgements" / "conflicts.jsonl").read_text(encoding="utf-8")
    assert "people died" not in saved
    index = _scoring.judgement_index([json.loads(line) for line in saved.splitlines()])
    assert _scoring.verdict_of(item, index) == "right"


def test_export_writes_batches_with_marked_spans(tmp_path, monkeypatch):
    monkeypatch.setattr(judge_prompt, "JUDGING", tmp_path)
    items = [item_of(conflict(span("a", word), span("b", "15"))) for word in ("12", "Monday", "ferry")]
    (tmp_path / "pending-conflicts.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    written = judge_prompt.export(2)
    assert [p.name for p in written] == ["conflicts-001.txt", "conflicts-002.txt"]
    first = written[0].read_text(encoding="utf-8")
    assert "said ⟦12⟧ people died" in first and items[1]["id"] in first and items[2]["id"] not in first
    assert "published 2020-01-06" in first


def test_answers_to_exported_items_import_after_the_pending_files_are_rewritten(tmp_path, monkeypatch):
    monkeypatch.setattr(judge_prompt, "JUDGING", tmp_path)
    monkeypatch.setattr(judge_prompt, "JUDGEMENTS", tmp_path / "judgements")
    item = item_of(conflict(span("a", "12"), span("b", "15")))
    (tmp_path / "pending-conflicts.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    judge_prompt.export(30)
    (tmp_path / "pending-conflicts.jsonl").write_text("", encoding="utf-8")  # a later run, other code
    answers = tmp_path / "answers.jsonl"
    answers.write_text(json.dumps({"id": item["id"], "verdict": "wrong", "note": "n"}) + "\n", encoding="utf-8")
    assert judge_prompt.import_answers(answers, None) == ({"conflicts": 1, "agreements": 0}, [])
