"""Long articles: what `storydiff compare` does with one very long report beside a short one.

    PYTHONPATH=src python benchmarks/long_text.py [--chars 100000 --chars 400000 ...] [--out benchmarks/results/long_text.md]

Each size runs `storydiff compare LONG SHORT --format json` in a fresh process and records its
wall time, peak resident memory (the child's ru_maxrss), exit code and first line of stderr.
The long report is made of invented news sentences (seeded; names, places, figures and dates
varied, paragraphs of five sentences), so the parser sees ordinary prose, not one repeated
line. The last row is a 5 MB article: above ``max_article_chars`` it is refused with a message
naming it, and the short report is still read.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NAMES = ["Lena Ortiz", "Tomas Berg", "Amina Rahal", "Peter Voss", "Grace Mbeki", "Ivan Petrov", "Sara Lind"]
PLACES = ["Ashford", "Millbrook", "Port Ellis", "Granton", "Westvale", "Harrowgate", "Elmsworth"]
BODIES = ["the city council", "the regional water board", "the school trust", "the harbour authority"]
TEMPLATES = [
    "{body} approved {n} new homes in {place} on {day}, said {name}.",
    "{name} told reporters that {n} people had been moved from the flooded streets of {place}.",
    "The plan, which will cost {m} million dollars, was first proposed in {year}.",
    "According to {body}, work on the bridge in {place} will start on {day} and last {n} weeks.",
    "\"We have waited {n} years for this,\" {name} said after the vote in {place}.",
    "Officials in {place} said {n} lorries a day would use the new road from {year}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "March 3", "April 12", "June 30"]


def long_text(chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < chars:
        sentences = [rng.choice(TEMPLATES).format(
            body=rng.choice(BODIES), n=rng.randint(2, 900), m=rng.randint(2, 90), place=rng.choice(PLACES),
            name=rng.choice(NAMES), day=rng.choice(DAYS), year=rng.randint(1990, 2024)) for _ in range(5)]
        paragraph = " ".join(s[0].upper() + s[1:] for s in sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


SHORT = ("Millbrook council backs homes plan\n\n"
         "The city council approved 120 new homes in Millbrook on Tuesday, said Lena Ortiz. "
         "The plan, which will cost 14 million dollars, was first proposed in 2019.\n")


def run(chars: int, folder: Path) -> dict:
    long_path = folder / f"long-{chars}.txt"
    long_path.write_text("Long report\n\n" + long_text(chars), encoding="utf-8")
    short_path = folder / "short.txt"
    short_path.write_text(SHORT, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from storydiff.cli import app; app()", "compare", str(long_path), str(short_path),
                           "--format", "json", "-o", str(folder / "out.json")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return {"chars": chars, "bytes": long_path.stat().st_size, "wall": wall,
            # ru_maxrss of the children is the largest child so far: it only grows, so run
            # the sizes from small to large (main sorts them)
            "rss_mb": max(peak, before) / 1024, "rss_new": peak > before, "exit": done.returncode,
            "stderr": lines[0] if lines else "", "traceback": "Traceback" in done.stderr}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, action="append")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sizes = sorted(args.chars or [50_000, 200_000, 400_000, 5_000_000])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for chars in sizes:
            row = run(chars, Path(folder))
            rows.append(row)
            print(row, flush=True)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Long articles",
        "",
        "Command: `PYTHONPATH=src python benchmarks/long_text.py --out benchmarks/results/long_text.md`.  ",
        "Data: one long invented report (seeded sentences, paragraphs of five) beside a short one, "
        "`storydiff compare --format json` in a fresh process per size.  ",
        f"Machine: 2 cores shared with other sessions' jobs, Python {platform.python_version()}; date {stamp}.",
        "",
        "Behaviour chosen: a report longer than `max_article_chars` (default 200,000 characters) is refused "
        "with a message naming it; the other inputs are still compared (README, \"Limits\").",
        "",
        "| characters | bytes | exit | wall s | peak RSS MB | traceback | first line of stderr |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        rss = f"{row['rss_mb']:,.0f}" if row["rss_new"] else f"≤ {row['rss_mb']:,.0f}"
        lines.append(f"| {row['chars']:,} | {row['bytes']:,} | {row['exit']} | {row['wall']:.1f} | {rss} | "
                     f"{'yes' if row['traceback'] else 'no'} | {row['stderr'][:140].replace('|', '/')} |")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
