"""Reading the labelled story sets in ../shared/data/stories/ for the benchmarks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
STORIES = SHARED / "data" / "stories"
SETS = ["ecbplus", "basil", "duc2004", "newswcl50", "wikiref220"]


def require_shared() -> Path:
    if not STORIES.exists():
        print(f"needs {STORIES} (real data beside the repository); nothing to measure", file=sys.stderr)
        raise SystemExit(0)
    return STORIES


def load_set(name: str):
    """(articles, gold story labels, raw records) of one set, cleaned as ``ingest`` does."""
    from storydiff.clean import clean_article
    from storydiff.feed import read_story_record

    articles, gold, records = [], [], []
    path = STORIES / f"{name}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        article = clean_article(read_story_record(record, f"{path.name}:{number}", f"{name}-{number}"))
        article.id = f"{name}/{record.get('id') or number}"
        articles.append(article)
        gold.append(f"{name}/{record['story']}")
        records.append(record)
    return articles, gold, records


def bcubed(gold: list, predicted: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1, per item, averaged (Bagga & Baldwin 1998)."""
    from collections import Counter

    pairs = Counter(zip(gold, predicted, strict=False))
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    n = len(gold)
    precision = sum(count * count / pred_size[p] for (g, p), count in pairs.items()) / n
    recall = sum(count * count / gold_size[g] for (g, p), count in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def publish(report: str, out: Path) -> None:
    """Print a benchmark's report and write it to ``out`` (its folder made if needed)."""
    print(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
