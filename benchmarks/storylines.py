"""Events and storylines, batch and stream, on every labelled set in ../shared/data/stories/.

    PYTHONPATH=src python benchmarks/storylines.py [--out benchmarks/results/storylines.md] [--sets duc2004,...]

Two levels are scored against the gold each set has (issue 23):

* event level (``cluster_batch`` / the stream's event ids) against the event gold of ECB+,
  BASIL and NewsWCL50;
* storyline level (``storylines_batch`` / ``storylines_stream``) against the storyline gold of
  DUC 2004 and WikiRef220; on ECB+, the share of topics whose two events (different events of
  one kind) ended up in one storyline (a topic counts when the storylines most of each
  event's articles are in coincide).

B-cubed F1 of the whole set, then of each half of the story split (``_split.py``; ECB+ topics
split by topic): thresholds are tuned reading the read half only.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import SETS, bcubed, load_set, require_shared  # noqa: E402
from _split import READ, SCORE, hashed_half  # noqa: E402

EVENT_SETS = {"ecbplus", "basil", "newswcl50"}
STORYLINE_SETS = {"duc2004", "wikiref220"}
GOALS = {("ecbplus", "event"): 0.90, ("basil", "event"): 0.97, ("newswcl50", "event"): 0.95,
         ("duc2004", "storyline"): 0.90, ("wikiref220", "storyline"): 0.92}


def _subset(gold, predicted, keep):
    pairs = [(g, p) for g, p, k in zip(gold, predicted, keep, strict=False) if k]
    return bcubed([g for g, _ in pairs], [p for _, p in pairs])[2] if pairs else float("nan")


def _scores(name, gold, predicted):
    halves = [hashed_half(name, g.split("/", 1)[1]) for g in gold]
    return (bcubed(gold, predicted)[2], _subset(gold, predicted, [h == READ for h in halves]),
            _subset(gold, predicted, [h == SCORE for h in halves]))


def topics_joined(records, gold, lines, half=None):
    """(topics whose events share a storyline, topics with two or more events)."""
    events_of: dict[str, set[str]] = {}
    line_votes: dict[str, Counter] = {}
    for record, g, line in zip(records, gold, lines, strict=False):
        topic = str(record.get("topic"))
        if half is not None and hashed_half("ecbplus", topic) != half:
            continue
        events_of.setdefault(topic, set()).add(g)
        line_votes.setdefault(g, Counter())[line] += 1
    joined = total = 0
    for events in events_of.values():
        if len(events) < 2:
            continue
        total += 1
        majority = {line_votes[e].most_common(1)[0][0] for e in events}
        joined += len(majority) < len(events)
    return joined, total


def _vectors(name, articles):
    """(sentence vectors of ``articles``, encoding CPU seconds per article), kept in
    benchmarks/.cache (not in git) with the time the encoding took, so that later runs neither
    encode again nor report another time."""
    import hashlib

    import numpy as np

    from storydiff.embeddings import CONTEXT, article_text, article_vectors

    digest = hashlib.sha256("\n".join([CONTEXT, *map(article_text, articles)]).encode()).hexdigest()[:16]
    cache = Path(__file__).resolve().parent / ".cache" / f"vectors-{name}-{digest}.npz"
    if cache.exists():
        stored = np.load(cache)
        return stored["vectors"], float(stored["seconds"])
    started = time.process_time()
    vectors = article_vectors(articles)
    seconds = (time.process_time() - started) / max(1, len(articles))
    cache.parent.mkdir(exist_ok=True)
    np.savez(cache, vectors=vectors, seconds=seconds)
    return vectors, seconds


def run_set(name, rows, features="terms"):
    from storydiff.cluster import stream_order
    from storydiff.storylines import StorylineSettings, storylines_batch, storylines_stream

    articles, gold, records = load_set(name)
    settings = StorylineSettings(features=features)
    vectors, encoding = (_vectors(name, articles) if features == "embeddings" else (None, None))
    started = time.perf_counter()
    event_batch, line_batch = storylines_batch(articles, settings, vectors=vectors)
    seconds = time.perf_counter() - started
    order = stream_order(articles)
    in_order = storylines_stream([articles[i] for i in order], settings,
                                 vectors=None if vectors is None else vectors[order])
    event_stream, line_stream = [0] * len(articles), [0] * len(articles)
    for position, index in enumerate(order):
        event_stream[index] = in_order[0][position]
        line_stream[index] = in_order[1][position]
    row = {"set": name, "n": len(articles), "gold": len(set(gold)), "seconds": seconds, "features": features,
           "encoding": encoding}
    for label, predicted in (("event_batch", event_batch), ("event_stream", event_stream),
                             ("line_batch", line_batch), ("line_stream", line_stream)):
        row[label] = _scores(name, gold, predicted) + (len(set(predicted)),)
    if name == "ecbplus":
        for label, lines in (("events", event_batch), ("batch", line_batch), ("stream", line_stream)):
            row[f"topics_{label}"] = [topics_joined(records, gold, lines, half) for half in (None, READ, SCORE)]
    rows.append(row)
    level = "event" if name in EVENT_SETS else "storyline"
    print(f"{name:11} [{features}] n={row['n']:4} gold={row['gold']:3} ({level} gold) "
          + " | ".join(f"{k} F{row[k][0]:.3f} read {row[k][1]:.3f} score {row[k][2]:.3f} #{row[k][3]}"
                       for k in ("event_batch", "event_stream", "line_batch", "line_stream")),
          flush=True)
    if name == "ecbplus":
        for label in ("events", "batch", "stream"):
            (j, t), (jr, tr), (js, ts) = row[f"topics_{label}"]
            print(f"  ecb+ topics with both events in one storyline ({label}): {j}/{t} "
                  f"(read {jr}/{tr}, score {js}/{ts})", flush=True)


def write(path: Path, rows: list[dict], command: str) -> None:
    lines = [
        "# Events and storylines",
        "",
        f"Command: `{command}`  ",
        "Data: `../shared/data/stories/*.jsonl`; gold label `story` (events for ECB+, BASIL, NewsWCL50; "
        "storylines for DUC 2004 and WikiRef220); ECB+ `topic` groups two events of one kind.  ",
        f"Machine: 2 cores shared, Python {platform.python_version()}; date "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "B-cubed F1 against the set's gold: all / read half / score half (split by story, "
        "`benchmarks/_split.py`), and how many groups were found. `event`: the event ids "
        "(`cluster_batch`; the stream's event clusterer); `storyline`: `storylines_batch` / "
        "`storylines_stream`. The level the set's gold labels is in bold.",
        "",
        "| set | storyline features | articles | gold | event batch | found | event stream | found | "
        "storyline batch | found | storyline stream | found | goal |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        level = "event" if r["set"] in EVENT_SETS else "storyline"
        cells = []
        for key in ("event_batch", "event_stream", "line_batch", "line_stream"):
            f, fr, fs, found = r[key]
            text = f"{f:.3f} ({fr:.3f} / " + ("n/a" if fs != fs else f"{fs:.3f}") + ")"  # nan: no story in the half
            cells += [f"**{text}**" if key.startswith("event" if level == "event" else "line") else text, str(found)]
        goal = GOALS.get((r["set"], level))
        verdict = ""
        if goal:
            key = "event" if level == "event" else "line"
            b, s = r[f"{key}_batch"][0], r[f"{key}_stream"][0]
            verdict = (f"{level} ≥ {goal}: batch {'met' if b >= goal else 'not met'}, stream "
                       f"{'met' if s >= goal else 'not met'}; stream−batch {s - b:+.3f}")
        lines.append(f"| {r['set']} | {r['features']} | {r['n']} | {r['gold']} | " + " | ".join(cells)
                     + f" | {verdict} |")
    for r in rows:
        if r["set"] == "ecbplus":
            lines.append("")
            for label in ("events", "batch", "stream"):
                (j, t), (jr, tr), (js, ts) = r[f"topics_{label}"]
                where = "event (batch events alone, for comparison)" if label == "events" else f"storyline, {label}"
                lines.append(f"ECB+ topics with both events in one {where} ({r['features']}): {j} of {t} "
                             f"({j / t:.0%}; read half {jr}/{tr}, score half {js}/{ts}); goal ≤ 10 %.  ")
    encoded = [r for r in rows if r["encoding"] is not None]
    if encoded:
        total = sum(r["encoding"] * r["n"] for r in encoded) / sum(r["n"] for r in encoded)
        lines += ["", "Cost of `embeddings`: encoding (all-MiniLM-L6-v2, headline + first 200 words, CPU time, "
                  "one process) " + ", ".join(f"{r['set']} {r['encoding']:.3f}" for r in encoded)
                  + f" s/article; {total:.3f} s/article over these sets. `storylines_batch` seconds, events and "
                  "storylines, vectors given: "
                  + ", ".join(f"{r['set']} {r['seconds']:.1f}" for r in encoded) + "."]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--features", default=None,
                        help="storyline features to run, comma separated: terms, entities, embeddings "
                             "(default: terms, and embeddings when the extra is installed)")
    args = parser.parse_args()
    require_shared()
    from storydiff.embeddings import available

    features = args.features.split(",") if args.features else ["terms"] + (["embeddings"] if available() else [])
    rows: list[dict] = []
    for kind in features:
        for name in args.sets.split(","):
            run_set(name, rows, kind)
    if args.out:
        write(args.out, rows, "PYTHONPATH=src python benchmarks/storylines.py --out " + str(args.out))


if __name__ == "__main__":
    main()
