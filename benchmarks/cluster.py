"""Story clustering quality on every labelled set in ../shared/data/stories/ and on a mixed
stream of all of them, with the baselines in the same run.

    PYTHONPATH=src python benchmarks/cluster.py [--out benchmarks/results/cluster.md]

For each set: B-cubed precision/recall/F1 and stories found vs gold for
* storydiff batch (``cluster_batch``: IDF from the whole set, fed in publication order),
* storydiff stream (``cluster_stream`` in publication order, IDF learnt as articles arrive:
  what ``ingest`` does), and the agreement between the two (B-cubed F1 of one against the
  other: 1.0 means identical stories),
* TF-IDF + average-link agglomerative clustering given the true number of stories,
* HDBSCAN (scikit-learn) over the same TF-IDF vectors (min_cluster_size=2).
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import SETS, bcubed, load_set, require_shared  # noqa: E402


def baselines(articles, gold):
    import numpy as np
    from sklearn.cluster import HDBSCAN, AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [f"{a.title or ''}\n{a.text}" for a in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(docs)
    # cosine distances from the sparse vectors: the same features for both baselines, and
    # far faster than HDBSCAN on a dense 2,000 x 50,000 matrix
    distances = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    k = len(set(gold))
    given_k = AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average").fit_predict(distances)
    # HDBSCAN labels noise -1: each noise point is its own story (it was not grouped).
    hdb = HDBSCAN(min_cluster_size=2, metric="precomputed", copy=True).fit_predict(distances)
    hdb = [f"c{label}" if label >= 0 else f"n{i}" for i, label in enumerate(hdb)]
    return list(given_k), hdb


def run_set(name, articles, gold, rows, shuffle_seed=None):
    from storydiff.cluster import cluster_batch, cluster_stream, stream_order

    started = time.perf_counter()
    batch = cluster_batch(articles)
    batch_seconds = time.perf_counter() - started
    order = stream_order(articles)
    if shuffle_seed is not None:  # a mixed stream: arrival order random within undated articles
        rng = random.Random(shuffle_seed)
        dated = [i for i in order if articles[i].published is not None]
        undated = [i for i in order if articles[i].published is None]
        rng.shuffle(undated)
        order = dated + undated
    in_order = cluster_stream([articles[i] for i in order])
    stream = [0] * len(articles)
    for position, index in enumerate(order):
        stream[index] = in_order[position]
    given_k, hdb = baselines(articles, gold)
    agreement = bcubed(batch, stream)[2]
    result = {"set": name, "n": len(articles), "gold": len(set(gold)), "agreement": agreement,
              "seconds": batch_seconds}
    for label, predicted in (("batch", batch), ("stream", stream), ("given_k", given_k), ("hdbscan", hdb)):
        p, r, f = bcubed(gold, predicted)
        result[label] = (p, r, f, len(set(predicted)))
    rows.append(result)
    b, s, k, h = result["batch"], result["stream"], result["given_k"], result["hdbscan"]
    print(f"{name:12} n={len(articles):5} gold={result['gold']:4} | batch P{b[0]:.3f} R{b[1]:.3f} F{b[2]:.3f} "
          f"#{b[3]} | stream F{s[2]:.3f} #{s[3]} | given-k F{k[2]:.3f} | hdbscan F{h[2]:.3f} #{h[3]} | "
          f"batch~stream {agreement:.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    require_shared()
    rows: list[dict] = []
    mixed_articles, mixed_gold = [], []
    for name in SETS:
        articles, gold, _ = load_set(name)
        run_set(name, articles, gold, rows)
        mixed_articles += articles
        mixed_gold += gold
    run_set("mixed", mixed_articles, mixed_gold, rows, shuffle_seed=7)
    if args.out:
        write(args.out, rows)


GOALS = {"ecbplus": 0.90, "basil": 0.97, "duc2004": 0.90}


def write(path: Path, rows: list[dict]) -> None:
    lines = [
        "# Story clustering quality",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/cluster.py --out {path}`  ",
        "Data: `../shared/data/stories/*.jsonl` (gold label `story`; ECB+ events, not topics); "
        "`mixed` is all five sets in one stream (dated articles in date order, then undated in a "
        "shuffled order, seed 7).  ",
        f"Machine: 2 cores shared, Python {platform.python_version()}; date "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "B-cubed precision / recall / F1, and stories found (gold count in the second column).",
        "`batch`: `cluster_batch` (what `storydiff cluster` does); `stream`: `cluster_stream` in "
        "publication order, IDF learnt online (what `storydiff ingest` does); `given-k`: TF-IDF + "
        "average-link agglomerative clustering told the true number of stories; `HDBSCAN`: "
        "scikit-learn HDBSCAN(min_cluster_size=2) on the cosine distances of the same TF-IDF vectors, noise points as "
        "singletons. `batch~stream`: B-cubed F1 of the stream's stories against the batch's "
        "(1.0 = identical).",
        "",
        "| set | articles | gold | batch P / R / F1 | found | stream F1 | found | given-k P / R / F1 | HDBSCAN F1 "
        "| found | batch~stream | goal |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        b, s, k, h = r["batch"], r["stream"], r["given_k"], r["hdbscan"]
        goal = GOALS.get(r["set"])
        verdict = f"F1 ≥ {goal}: {'met' if b[2] >= goal else 'not met'}" if goal else ""
        beat = "beats given-k" if b[2] > k[2] else "below given-k"
        lines.append(
            f"| {r['set']} | {r['n']} | {r['gold']} | {b[0]:.3f} / {b[1]:.3f} / **{b[2]:.3f}** | {b[3]} | "
            f"{s[2]:.3f} | {s[3]} | {k[0]:.3f} / {k[1]:.3f} / {k[2]:.3f} | {h[2]:.3f} | {h[3]} | "
            f"{r['agreement']:.3f} | {beat}; {verdict} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
