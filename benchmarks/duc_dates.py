"""Would publication dates close DUC 2004's gap? An experiment, not a feature.

    python benchmarks/duc_dates.py

DUC 2004 in ../shared/data/stories/ carries no publication dates, so the clusterer cannot use
time there. Its document ids (``APW19981016.0240``) encode the day the wire sent them; this
script gives each article that day, for this experiment only (storydiff never reads dates
out of ids), and clusters the set with and without them, batch and stream. Prints B-cubed
precision / recall / F1 and stories found (gold: 50).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import bcubed, load_set, require_shared  # noqa: E402


def main() -> None:
    require_shared()
    from storydiff.cluster import cluster_batch, cluster_stream, stream_order

    articles, gold = load_set("duc2004")[:2]
    dated = []
    for article in articles:
        day = re.search(r"(\d{8})\.\d+$", article.id).group(1)
        dated.append(dataclasses.replace(
            article, published=datetime.strptime(day, "%Y%m%d").replace(tzinfo=UTC)))
    for name, items in (("as given (undated)", articles), ("dated from the ids", dated)):
        batch = cluster_batch(items)
        order = stream_order(items)
        in_order = cluster_stream([items[i] for i in order])
        stream = [0] * len(items)
        for position, index in enumerate(order):
            stream[index] = in_order[position]
        for mode, labels in (("batch", batch), ("stream", stream)):
            p, r, f = bcubed(gold, labels)
            print(f"{name:20} {mode:6} P {p:.3f} R {r:.3f} F1 {f:.3f} stories {len(set(labels))}", flush=True)


if __name__ == "__main__":
    main()
