"""Benchmark the brief's summary on DUC 2004 task 2 against 13 published systems.

    PYTHONPATH=src python benchmarks/brief.py [--limit N] [--no-timeline] [--support] [--as-command]

ROUGE-1 and ROUGE-2 recall with the ``rouge-score`` package (Porter stemming on), every
summary cut to its first 100 whitespace words, recall averaged over the 4 human references of
a cluster, then over clusters. The same scorer, in the same run, scores the published systems'
summaries in ``peers/``; this convention reproduces the figures in the data README (DPP
38.61/9.31, LexRank 34.75/7.32, Centroid 35.20/7.74, Lead 30.64/6.17).

Time per cluster is the warm wall time of the whole ``summarise`` call (sentence splitting,
selection, support, and the timeline with the temporal tagger unless ``--no-timeline``).
``--support`` also prints how sentence pairs from different stories score on
``support_score``, the measurement behind ``brief.SUPPORT_THRESHOLD``.

``--as-command`` also scores the brief as users get it, the reported figure (issue 16): the
``summary`` of ``storydiff brief <the cluster's documents as .json files> --words 100 --format
json``, each document with the wire date and outlet ``../shared/data/stories/duc2004.jsonl``
gives it (as a feed would), so the comparison runs and the brief states its conflicts. It calls
the command's own function in process (outputs cached by content and code version, 2
processes, ``--jobs``), after checking on the first cluster that the real command in a
subprocess prints the same JSON.

Writes ``benchmarks/results/brief.md``. Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DUC = SHARED / "data" / "summaries" / "duc2004"
RESULTS = HERE / "results" / "brief.md"
WORDS = 100


def cut(text: str, words: int = WORDS) -> str:
    return " ".join(text.split()[:words])


def score(scorer, summary: str, references: list[str]) -> tuple[float, float]:
    scores = [scorer.score(reference, cut(summary)) for reference in references]
    return (sum(s["rouge1"].recall for s in scores) / len(scores),
            sum(s["rouge2"].recall for s in scores) / len(scores))


def support_distribution(clusters: list[dict], pairs: int = 200_000) -> str:
    from storydiff.brief import _unit, split_sentences, support_score

    rng = random.Random(0)
    units = []
    for number, cluster in enumerate(clusters):
        for document in cluster["documents"][:3]:
            units += [(number, _unit(0, s)) for s in split_sentences(document["text"])]
    scores = []
    for _ in range(pairs):
        (ca, a), (cb, b) = rng.choice(units), rng.choice(units)
        if ca != cb:
            scores.append(support_score(a, b))
    lines = [f"support_score over {len(scores):,} random sentence pairs from different stories:"]
    for threshold in (0.3, 0.4, 0.45, 0.5, 0.6):
        share = sum(s >= threshold for s in scores) / len(scores)
        lines.append(f"  >= {threshold}: {100 * share:.3f}%")
    return "\n".join(lines)


def as_command(clusters: list[dict], scorer, jobs: int) -> tuple[list[tuple[float, float]], list[str]]:
    """ROUGE of the command's summary per cluster, and lines for the results page."""
    sys.path.insert(0, str(HERE))
    import _cli_path

    wire = {}
    for line in (SHARED / "data" / "stories" / "duc2004.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        wire[record["id"]] = (record.get("published"), record.get("outlet"))
    stories = [[{"id": d["id"], "title": d.get("title"), "text": d["text"],
                 "published": wire.get(d["id"], (None, None))[0], "outlet": wire.get(d["id"], (None, None))[1]}
                for d in cluster["documents"]] for cluster in clusters]
    same, how = _cli_path.check_against_cli("brief", stories[0], WORDS)
    print(f"{clusters[0]['cluster']}: in process against the command: {how}", file=sys.stderr)
    if not same:
        raise SystemExit("the in-process brief does not reproduce `storydiff brief`: stopping")
    started = time.perf_counter()
    results = _cli_path.run_many("brief", stories, _cli_path.code_version(), words=WORDS, jobs=jobs)
    wall = time.perf_counter() - started
    scores, lengths, failed, conflicts = [], [], 0, 0
    for cluster, result in zip(clusters, results, strict=False):
        summary = (result["output"] or {}).get("summary", "")
        failed += result["output"] is None
        conflicts += sum(bool(s.get("conflict")) for s in (result["output"] or {}).get("sentences", []))
        lengths.append(len(summary.split()))
        scores.append(score(scorer, summary, cluster["references"]))
    missing = sum(1 for story in stories for record in story if record["published"] is None)
    return scores, [
        "",
        "The reported figure is the command's: `storydiff brief <the cluster's 10 documents as .json files, "
        "each with its wire date and outlet from ../shared/data/stories/duc2004.jsonl> --words 100 --format "
        f"json`, its `summary` scored as above ({len(clusters)} clusters; documents without a date there: "
        f"{missing}; clusters the command failed on: {failed}; brief sentences stating a conflict: {conflicts}). "
        f"It runs the command's function (`run_brief`) in process; on {clusters[0]['cluster']} its JSON was "
        f"checked against the real command in a subprocess: {how}. Wall time of the command runs "
        f"({jobs} processes, cached outputs reused when the code is unchanged): {wall:.0f} s; "
        f"summary length mean {statistics.mean(lengths):.1f} words.",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--no-timeline", action="store_true", help="time the summary without the timeline")
    parser.add_argument("--support", action="store_true", help="also measure the support threshold")
    parser.add_argument("--as-command", action="store_true",
                        help="also score `storydiff brief ... --words 100 --format json` as users run it")
    parser.add_argument("--jobs", type=int, default=2, help="processes running the command (--as-command)")
    args = parser.parse_args()
    if not DUC.exists():
        print(f"skipped: {DUC} is absent (real data beside the repository)")
        return 0
    from rouge_score import rouge_scorer

    from storydiff.brief import split_sentences, summarise
    from storydiff.model import Article

    clusters = [json.loads(line) for line in (DUC / "clusters.jsonl").open(encoding="utf-8")][: args.limit]
    systems = sorted({p.suffix[1:] for p in (DUC / "peers").iterdir()})
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    ours: list[tuple[float, float]] = []
    peers: dict[str, list[tuple[float, float]]] = {s: [] for s in systems}
    seconds: list[float] = []
    lengths: list[int] = []
    split_sentences("Warm up the pipeline. Then time.")  # load models before timing
    for cluster in clusters:
        articles = [Article(id=d["id"], text=d["text"], title=d.get("title")) for d in cluster["documents"]]
        started = time.perf_counter()
        brief = summarise(articles, WORDS, timeline=not args.no_timeline)
        seconds.append(time.perf_counter() - started)
        lengths.append(len(brief.summary.split()))
        ours.append(score(scorer, brief.summary, cluster["references"]))
        for system in systems:
            peer = DUC / "peers" / f"{cluster['cluster']}.{system}"
            text = peer.read_text(encoding="utf-8", errors="replace") if peer.exists() else ""
            peers[system].append(score(scorer, text, cluster["references"]))
        print(f"{cluster['cluster']}: R-1 {100 * ours[-1][0]:.2f} R-2 {100 * ours[-1][1]:.2f} "
              f"{seconds[-1]:.2f}s", file=sys.stderr)

    def mean(rows: list[tuple[float, float]], k: int) -> float:
        return 100 * sum(r[k] for r in rows) / len(rows)

    table = [("storydiff brief" + (" (`summarise` called directly)" if args.as_command else ""),
              mean(ours, 0), mean(ours, 1))]
    command_lines: list[str] = []
    if args.as_command:
        command_scores, command_lines = as_command(clusters, scorer, args.jobs)
        table.append(("storydiff brief (the command, reported)", mean(command_scores, 0), mean(command_scores, 1)))
    table += [(s, mean(rows, 0), mean(rows, 1)) for s, rows in peers.items()]
    table.sort(key=lambda row: -row[1])
    out = [
        "# Brief: DUC 2004 task 2",
        "",
        f"{len(clusters)} clusters of 10 wire stories, 4 human references each. ROUGE recall with "
        "`rouge-score` 0.1.2 (stemming on), summaries cut to 100 words, recall averaged over the 4 "
        "references, then over clusters; the 13 published systems' summaries (`peers/`) scored in "
        "the same run.",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/brief.py{' --limit ' + str(args.limit) if args.limit else ''}"
        f"{' --no-timeline' if args.no_timeline else ''}{' --as-command' if args.as_command else ''}`",
        "",
        "| system | ROUGE-1 R | ROUGE-2 R |",
        "|---|---|---|",
    ]
    out += [f"| {'**' + name + '**' if name.startswith('storydiff') else name} | {r1:.2f} | {r2:.2f} |"
            for name, r1, r2 in table]
    out += [
        "",
        f"storydiff summary length: mean {statistics.mean(lengths):.1f} words (whole sentences, "
        f"never over {WORDS}).",
        f"Time per cluster (warm, whole `summarise`{'' if not args.no_timeline else ' without timeline'}): "
        f"mean {statistics.mean(seconds):.2f} s, median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.2f} s.",
        "",
        "The selection weights were chosen on these same 50 clusters (there is no held-out DUC "
        "set here), so the margin over the peers is optimistic by the tuning noise.",
    ]
    out += command_lines
    if args.support:
        out += ["", "```", support_distribution(clusters), "```"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
