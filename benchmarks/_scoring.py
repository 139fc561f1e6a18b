"""Scoring reported findings against annotated stories, and keys for blind judgements.

Pure functions over the JSON that ``storydiff compare --format json`` prints (articles with
their cleaned ``title``/``text``; findings with ``evidence`` spans into them), so the tests can
check them on small written examples.

Annotated stories (``stories_dev.json``): each gold conflict has two ``sides``, each a list of
``[article id, verbatim quote]`` alternatives. A reported conflict matches a gold conflict when
one of its evidence spans overlaps an occurrence of a quote of one side (in that article, in
the field the evidence names) and another of its spans overlaps a quote of the other side. A
reported conflict is right when it matches any gold conflict of its story (two reports of one
conflict, e.g. between articles A-B and A-C, are both right; the second is counted as a
duplicate); in an exhaustive story an unmatched report is a false alarm, in the others it is
left out of precision.

A series (``likely_update`` reports of one measure over time, issue 16) is scored as the issue
says: it matches each gold conflict whose two sides overlap two of its points; each pair of
adjacent points that matches no gold conflict is one false alarm.

Judgements of unannotated stories never hold the passages' text: an item is known by its set,
each evidence span's article, field and offsets, and the sha256 of the passage around it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

CONFLICT_VERDICTS = ("right", "wrong", "update")
AGREEMENT_VERDICTS = ("correct", "wrong")
RIGHT_CONFLICT = ("right", "update")  # an update is a real difference, reported rightly


# --- overlap matching -----------------------------------------------------------------------

def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of ``quote`` in ``text`` as (start, end)."""
    spans, start = [], text.find(quote) if quote else -1
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def field_text(article: dict, name: str) -> str:
    return (article.get("title") or "") if name == "title" else (article.get("text") or "")


def quote_found(article: dict, quote: str) -> bool:
    return any(quote_spans(field_text(article, name), quote) for name in ("title", "text"))


def on_quote(evidence: dict, article_id: str, quote: str, articles: dict[str, dict]) -> bool:
    """Does this evidence span lie (partly) on an occurrence of ``quote`` in ``article_id``?"""
    if evidence.get("article") != article_id or article_id not in articles:
        return False
    text = field_text(articles[article_id], evidence.get("field", "text"))
    return any(evidence["start"] < end and start < evidence["end"] for start, end in quote_spans(text, quote))


def side_hits(evidence: list[dict], side: list, articles: dict[str, dict]) -> set[int]:
    """Indexes of the evidence spans that overlap one alternative of a side."""
    return {index for index, e in enumerate(evidence)
            if any(on_quote(e, article_id, quote, articles) for article_id, quote in side)}


def matches(evidence: list[dict], gold: dict, articles: dict[str, dict]) -> bool:
    """One span on each side of the gold conflict, two different spans."""
    first, second = (side_hits(evidence, side, articles) for side in gold["sides"])
    return any(a != b for a in first for b in second)


# --- scoring a story -------------------------------------------------------------------------

@dataclass
class Unit:
    """One thing that counts in precision: a reported conflict, or a pair of adjacent series
    points. ``gold`` holds the indexes of the gold conflicts it matches."""

    kind: str
    update: bool
    evidence: list[dict]
    gold: set[int] = field(default_factory=set)
    source: str = "conflict"


@dataclass
class StoryScore:
    gold: int = 0
    found: set[int] = field(default_factory=set)  # gold conflicts matched by some report
    right: list[Unit] = field(default_factory=list)
    false_alarms: list[Unit] = field(default_factory=list)
    unscored: list[Unit] = field(default_factory=list)  # unmatched, in a non-exhaustive story
    duplicates: int = 0  # right reports of a gold conflict an earlier report already matched

    @property
    def reported(self) -> int:
        return len(self.right) + len(self.false_alarms)


def series_points(series: dict) -> list[list[dict]]:
    """The evidence of each point of a series, in order (a point holds one span or a list)."""
    points = []
    for point in series.get("points", []):
        evidence = point.get("evidence", [])
        points.append(evidence if isinstance(evidence, list) else [evidence])
    return points


def units_of(comparison: dict) -> list[Unit]:
    """The scored units of a comparison: each conflict finding, each series' adjacent pairs."""
    units = [Unit(f.get("kind", "other"), bool(f.get("likely_update")), f.get("evidence", []))
             for f in comparison.get("findings", []) if f.get("type") == "conflict"]
    for series in comparison.get("series", []) or []:
        points = series_points(series)
        for left, right in zip(points, points[1:], strict=False):
            units.append(Unit(series.get("kind", "number"), True, left + right, source="series"))
    return units


def score_story(comparison: dict, story: dict) -> StoryScore:
    """Score one compared story against its gold conflicts (``stories_dev.json`` form)."""
    articles = {a["id"]: a for a in comparison.get("articles", [])}
    golds = story["conflicts"]
    score = StoryScore(gold=len(golds))
    for unit in units_of(comparison):
        unit.gold = {i for i, g in enumerate(golds) if matches(unit.evidence, g, articles)}
        if unit.gold:
            score.duplicates += unit.gold <= score.found
            score.found |= unit.gold
            score.right.append(unit)
        elif story.get("exhaustive", True):
            score.false_alarms.append(unit)
        else:
            score.unscored.append(unit)
    # A series also matches a gold conflict with its two sides on two non-adjacent points.
    for series in comparison.get("series", []) or []:
        spans = [e for point in series_points(series) for e in point]
        score.found |= {i for i, g in enumerate(golds) if matches(spans, g, articles)}
    return score


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --- passages and judgement keys ---------------------------------------------------------------

_SENTENCIZER = None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of one paragraph by spaCy's rule-based sentencizer (no model, so the passages
    and their hashes do not move when storydiff's own pipeline changes)."""
    global _SENTENCIZER
    if _SENTENCIZER is None:
        import spacy

        _SENTENCIZER = spacy.blank("en")
        _SENTENCIZER.add_pipe("sentencizer")
    return [(s.start_char, s.end_char) for s in _SENTENCIZER(text).sents]


def passage_bounds(text: str, start: int, end: int, around: int = 1) -> tuple[int, int]:
    """The sentences holding ``[start, end)`` and ``around`` sentences either side, within its
    paragraph (a line of the text)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", max(end - 1, start))
    para_end = len(text) if para_end == -1 else max(para_end, end)
    paragraph = text[para_start:para_end]
    sentences = sentence_spans(paragraph) or [(0, len(paragraph))]
    inside = [i for i, (s, e) in enumerate(sentences)
              if s + para_start < end and start < e + para_start] or [0]
    first = max(0, inside[0] - around)
    last = min(len(sentences) - 1, inside[-1] + around)
    return para_start + sentences[first][0], para_start + sentences[last][1]


def marked_passage(span: dict) -> str:
    """A judging item's passage with its evidence span between ⟦ ⟧."""
    start, end = span["start"] - span["passage_start"], span["end"] - span["passage_start"]
    passage = span["passage"]
    return passage[:start] + "⟦" + passage[start:end] + "⟧" + passage[end:]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evidence_key(evidence: list[dict]) -> list[list]:
    """The identity of an item: per span, (article, field, start, end, passage hash), sorted."""
    return sorted([e["article"], e.get("field", "text"), e["start"], e["end"], e["passage_sha256"]]
                  for e in evidence)


def item_key(set_name: str, evidence: list[dict]) -> str:
    return json.dumps([set_name, evidence_key(evidence)], ensure_ascii=False)


def item_id(kind: str, set_name: str, evidence: list[dict]) -> str:
    return f"{kind[0]}-{sha256(item_key(set_name, evidence))[:16]}"


def judged_item(finding: dict, comparison: dict, set_name: str, story: str, half: str) -> dict:
    """A finding as a judging item: its spans with the passages around them and their hashes."""
    articles = {a["id"]: a for a in comparison.get("articles", [])}
    spans = []
    for e in finding.get("evidence", []):
        article = articles[e["article"]]
        text = field_text(article, e.get("field", "text"))
        start, end = passage_bounds(text, e["start"], e["end"])
        passage = text[start:end]
        spans.append({"article": e["article"], "field": e.get("field", "text"), "start": e["start"],
                      "end": e["end"], "text": e.get("text"), "value": e.get("value"),
                      "passage": passage, "passage_start": start, "passage_sha256": sha256(passage),
                      "published": article.get("published")})
    kind = "conflict" if finding.get("type") == "conflict" else "agreement"
    return {"id": item_id(kind, set_name, spans), "type": kind, "set": set_name, "story": story,
            "half": half, "kind": finding.get("kind"), "about": finding.get("about"),
            "likely_update": finding.get("likely_update", False), "evidence": spans}


def judgement(item: dict, verdict: str, note: str = "", judge: str | None = None) -> dict:
    """What the repository keeps of a judged item: no passage text, only its hash."""
    allowed = CONFLICT_VERDICTS if item["type"] == "conflict" else AGREEMENT_VERDICTS
    if verdict not in allowed:
        raise ValueError(f"item {item['id']}: verdict {verdict!r} is not one of {', '.join(allowed)}")
    record = {"type": item["type"], "set": item["set"],
              "evidence": [{"article": e["article"], "field": e["field"], "start": e["start"], "end": e["end"],
                            "passage_sha256": e["passage_sha256"]} for e in item["evidence"]],
              "verdict": verdict, "note": note}
    if judge:
        record["judge"] = judge
    return record


def judgement_index(records: list[dict]) -> dict[str, dict]:
    """Judgements by item key; a later judgement of the same item replaces an earlier one."""
    return {item_key(r["set"], r["evidence"]): r for r in records}


def verdict_of(item: dict, index: dict[str, dict]) -> str | None:
    found = index.get(item_key(item["set"], item["evidence"]))
    return found["verdict"] if found else None


def sample_rank(seed: int, set_name: str, finding: dict) -> str:
    """Order of a finding in the seeded agreement sample: a hash of the seed and where its
    evidence lies, so an agreement that survives a code change keeps its place (and its
    judgement), and no passage need be cut to rank the thousands not sampled."""
    spans = sorted([e["article"], e.get("field", "text"), e["start"], e["end"]] for e in finding.get("evidence", []))
    return sha256(json.dumps([seed, set_name, spans], ensure_ascii=False))
