"""Conflict precision and recall on annotated pairs of real reports (issue: conflicts that
hold up on real news).

Runs the real ``compare`` on every pair of ``../shared/data/discrepancies/dev.jsonl`` (title,
text, published and outlet as the data set gives them) and scores it: a reported conflict
matches a gold conflict when its evidence overlaps the gold quote in both articles; each
gold conflict and each reported conflict is counted once. Pairs are annotated exhaustively,
so every unmatched reported conflict is a false alarm.

    python benchmarks/pairs.py [--pairs PATH] [--out benchmarks/results/pairs.md] [--ablate]

``--pairs`` scores another file annotated the same way (GUIDE.md), e.g. held-out pairs.

``--ablate`` adds a leave-one-rule-out table (``benchmarks/results/pairs_ablation.md``): each
pair is annotated once and kept; the run records which rules fired on it (vetoes included);
then each rule is switched off and compare re-run on the pairs where it fired only, for each
half of the stories (read / score: ``read_half``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_articles(shared: Path, sets: set[str]) -> dict[tuple[str, str], dict]:
    records = {}
    for name in sets:
        for line in (shared / "data" / "stories" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[(name, record["id"])] = record
    return records


def quote_spans(article, field: str, quote: str) -> list[tuple[int, int]]:
    """Every place the gold quote occurs in the article's field as storydiff cleaned it."""
    text = article.field(field)
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def overlaps(evidence, article, field: str, quote: str) -> bool:
    if evidence.field != field:
        return False
    return any(evidence.start < end and start < evidence.end
               for start, end in quote_spans(article, field, quote))


def evidence_for(finding, article_id: str):
    return [e for e in finding.evidence if e.article == article_id]


def matches(finding, gold: dict, a, b) -> bool:
    return (any(overlaps(e, a, gold["a_field"], gold["a_quote"]) for e in evidence_for(finding, a.id))
            and any(overlaps(e, b, gold["b_field"], gold["b_quote"]) for e in evidence_for(finding, b.id)))


def band(confidence: float) -> str:
    if confidence >= 0.9:
        return ">=0.9"
    if confidence >= 0.75:
        return "0.75-0.9"
    return "<0.75"


def read_half(pair: dict) -> bool:
    """Whether the pair's story is in the read half (the split by story every session uses):
    rules are written and tuned reading that half only; the score half judges them."""
    return int(hashlib.sha256(f"{pair['set']}:{pair['story']}".encode()).hexdigest(), 16) % 2 == 0


def conflict_counts(pair: dict, comparison, a_id: str, b_id: str) -> tuple[int, int, int]:
    """(right, wrong, missed) conflicts of one pair, matched as in ``run``."""
    by_id = {x.id: x for x in comparison.articles}
    ca, cb = by_id[a_id], by_id[b_id]
    golds = pair["conflicts"]
    used_gold: set[int] = set()
    right = wrong = 0
    for finding in (f for f in comparison.findings if f.type == "conflict"):
        hit = next((i for i, gold in enumerate(golds) if i not in used_gold and matches(finding, gold, ca, cb)), None)
        if hit is None:
            wrong += 1
        else:
            used_gold.add(hit)
            right += 1
    return right, wrong, len(golds) - right


def run(shared: Path, out: Path | None, pairs_path: Path | None = None, kept: list | None = None) -> dict:
    """Score compare on the pairs; ``kept``, when given, receives (pair, article ids, prepared,
    annotated, rules fired) of each pair for the ablation."""
    from storydiff import rules
    from storydiff.annotate import annotate_articles
    from storydiff.compare import comparison_of, prepare
    from storydiff.ingest import from_record

    pairs_path = pairs_path or shared / "data" / "discrepancies" / "dev.jsonl"
    pairs = load_pairs(pairs_path)
    usable = [p for p in pairs if not p.get("skipped")]
    records = load_articles(shared, {p["set"] for p in usable})
    # Load the models before timing: the goal is about a warm process.
    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings
    load_nlp(default_settings().spacy_model)

    gold_total = 0
    matched_gold = 0
    reported_total = 0
    reported_right = 0
    per_kind_gold: Counter = Counter()
    per_kind_found: Counter = Counter()
    reported_kind: Counter = Counter()
    right_kind: Counter = Counter()
    bands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false_alarms: list[str] = []
    on_compatible = 0
    misses: list[str] = []
    bad_spans = 0
    seconds = []
    for pair in usable:
        a = from_record(records[(pair["set"], pair["a_id"])], f"{pair['set']}:{pair['a_id']}", pair["a_id"])
        b = from_record(records[(pair["set"], pair["b_id"])], f"{pair['set']}:{pair['b_id']}", pair["b_id"])
        if a.id == b.id:
            b.id = b.id + "~b"
        started = time.perf_counter()
        # What compare_articles does, in its two steps, so that the annotation can be kept.
        prepared = prepare([a, b])
        annotated = annotate_articles(prepared, default_settings(), with_quotes=False)
        with rules.rule_run() as fired:
            comparison = comparison_of(prepared, annotated)
        seconds.append(time.perf_counter() - started)
        if kept is not None:
            kept.append((pair, a.id, b.id, prepared, annotated, frozenset(fired.fired)))
        by_id = {x.id: x for x in comparison.articles}
        ca, cb = by_id[a.id], by_id[b.id]
        for finding in comparison.findings:
            for e in finding.evidence:
                if by_id[e.article].field(e.field)[e.start:e.end] != e.text:
                    bad_spans += 1
        conflicts = [f for f in comparison.findings if f.type == "conflict"]
        golds = pair["conflicts"]
        gold_total += len(golds)
        used_gold: set[int] = set()
        for finding in conflicts:
            reported_total += 1
            hit = None
            for index, gold in enumerate(golds):
                if index not in used_gold and matches(finding, gold, ca, cb):
                    hit = index
                    break
            bands[band(finding.confidence)][1] += 1
            reported_kind[finding.kind] += 1
            if hit is not None:
                used_gold.add(hit)
                reported_right += 1
                right_kind[finding.kind] += 1
                bands[band(finding.confidence)][0] += 1
            else:
                compat = any(matches(finding, c, ca, cb) for c in pair.get("compatible", []))
                on_compatible += compat
                shown = " | ".join(f"{e.article}:{e.field}[{e.start}:{e.end}] {e.text!r}={e.value}"
                                   for e in finding.evidence)
                false_alarms.append(f"{pair['pair_id']} {finding.kind} ({finding.confidence:.2f})"
                                    f"{' [on an annotated compatible difference]' if compat else ''}: {shown}")
        for index, gold in enumerate(golds):
            per_kind_gold[gold["kind"]] += 1
            if index in used_gold:
                per_kind_found[gold["kind"]] += 1
                matched_gold += 1
            else:
                misses.append(f"{pair['pair_id']} {gold['kind']}: {gold['about']} — "
                              f"{gold['a_quote']!r} vs {gold['b_quote']!r}")
    precision = reported_right / reported_total if reported_total else 0.0
    recall = matched_gold / gold_total if gold_total else 0.0
    figures = {
        "pairs": len(usable), "skipped": len(pairs) - len(usable), "gold": gold_total,
        "reported": reported_total, "right": reported_right, "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "false_alarms_on_compatible": on_compatible, "bad_spans": bad_spans,
        "seconds_per_pair": sum(seconds) / len(seconds) if seconds else 0.0,
    }
    lines = [
        "## Conflicts on annotated real pairs (`benchmarks/pairs.py`)",
        "",
        f"Command: `python benchmarks/pairs.py`; data: `{_shown(pairs_path, shared)}` "
        f"({len(usable)} pairs, {figures['skipped']} skipped as not the same story); "
        f"machine: {platform.machine()}, 2 cores; date: {date.today().isoformat()}.",
        "",
        "| metric | value |", "|---|---|",
        f"| gold conflicts | {gold_total} |",
        f"| reported conflicts | {reported_total} |",
        f"| precision | {precision:.2f} ({reported_right}/{reported_total}) |",
        f"| recall | {recall:.2f} ({matched_gold}/{gold_total}) |",
        f"| F1 | {figures['f1']:.2f} |",
        f"| false alarms on annotated compatible differences | {on_compatible} |",
        f"| evidence spans that do not match the text | {bad_spans} |",
        f"| seconds per pair (warm) | {figures['seconds_per_pair']:.2f} |",
        "",
        "Recall by kind: " + ", ".join(f"{k} {per_kind_found[k]}/{n}" for k, n in sorted(per_kind_gold.items())),
        "",
        "Precision by kind: " + (", ".join(f"{k} {right_kind[k]}/{n}" for k, n in sorted(reported_kind.items()))
                                 or "nothing reported"),
        "",
        "Precision by confidence band: " + ", ".join(
            f"{name}: {right}/{total}" for name, (right, total) in sorted(bands.items())),
        "",
        "Misses:", "",
        *[f"- {m}" for m in misses],
        "",
        "False alarms:", "",
        *([f"- {f}" for f in false_alarms] or ["- none"]),
        "",
    ]
    _publish("\n".join(lines), out)
    return figures


def _publish(report: str, out: Path | None) -> None:
    """Print a report and write it to ``out`` (a results page collect.py gathers)."""
    print(report)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")


def ablate(kept: list, out: Path | None) -> str:
    """The leave-one-rule-out table of each half: every compare rule switched off in turn,
    compare re-run (on the kept annotation) only on the pairs where the rule fired."""
    from storydiff import rules
    from storydiff.compare import comparison_of

    base = {}
    for pair, a_id, b_id, prepared, annotated, _ in kept:
        base[pair["pair_id"]] = conflict_counts(pair, comparison_of(prepared, annotated), a_id, b_id)
    started = time.perf_counter()
    reruns = 0
    lines = [
        "## Leave one rule out on the annotated pairs (`benchmarks/pairs.py --ablate`)",
        "",
        f"Command: `python benchmarks/pairs.py --ablate`; {len(kept)} pairs of "
        "`../shared/data/discrepancies/dev.jsonl`, split by story into the read half and the score half "
        "(`sha256(\"{set}:{story}\") % 2 == 0` is read). Each pair is annotated once; a rule is switched "
        "off and compare re-run only on the pairs where it fired (vetoes included). ΔTP, ΔFP and ΔFN are "
        "the changes with the rule off: a rule that keeps false alarms out shows ΔFP > 0, one that finds "
        f"gold conflicts ΔTP < 0. Date: {date.today().isoformat()}.",
    ]
    for half, wanted in (("read", True), ("score", False)):
        items = [k for k in kept if read_half(k[0]) == wanted]
        right = sum(base[k[0]["pair_id"]][0] for k in items)
        wrong = sum(base[k[0]["pair_id"]][1] for k in items)
        missed = sum(base[k[0]["pair_id"]][2] for k in items)
        lines += ["", f"### {half} half: {len(items)} pairs, {right + missed} gold conflicts, "
                      f"precision {_ratio(right, right + wrong)}, recall {_ratio(right, right + missed)}", "",
                  "| rule | pairs fired | ΔTP | ΔFP | ΔFN | precision without | recall without |",
                  "|---|---|---|---|---|---|---|"]
        quiet = []
        for rule in rules.all_rules("compare."):
            fired = [k for k in items if rule.name in k[5]]
            if not fired:
                quiet.append(rule.name)
                continue
            d_right = d_wrong = 0
            for pair, a_id, b_id, prepared, annotated, _ in fired:
                with rules.rule_run([rule.name]):
                    comparison = comparison_of(prepared, annotated)
                reruns += 1
                r, w, _m = conflict_counts(pair, comparison, a_id, b_id)
                d_right += r - base[pair["pair_id"]][0]
                d_wrong += w - base[pair["pair_id"]][1]
            lines.append(f"| `{rule.name}` | {len(fired)} | {d_right:+d} | {d_wrong:+d} | {-d_right:+d} | "
                         f"{_ratio(right + d_right, right + d_right + wrong + d_wrong)} | "
                         f"{_ratio(right + d_right, right + missed)} |")
        lines += ["", "Never fired in this half: " + (", ".join(f"`{n}`" for n in quiet) or "none") + "."]
    lines += ["", f"{reruns} re-runs of compare in {time.perf_counter() - started:.0f} s.", ""]
    report = "\n".join(lines)
    _publish(report, out)
    return report


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "– (0/0)"


def _shown(path: Path, shared: Path) -> str:
    try:
        return "../shared/" + str(path.resolve().relative_to(shared.resolve()))
    except ValueError:
        return str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "pairs.md")
    parser.add_argument("--pairs", type=Path, default=None,
                        help="annotated pairs to score (default: the shared dev set)")
    parser.add_argument("--ablate", action="store_true",
                        help="also write the leave-one-rule-out table (results/pairs_ablation.md)")
    parser.add_argument("--ablation-out", type=Path,
                        default=Path(__file__).parent / "results" / "pairs_ablation.md")
    args = parser.parse_args()
    path = args.pairs or args.shared / "data" / "discrepancies" / "dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is absent")
        return 0
    kept: list | None = [] if args.ablate else None
    run(args.shared, args.out, path, kept)
    if kept is not None:
        print()
        ablate(kept, args.ablation_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
