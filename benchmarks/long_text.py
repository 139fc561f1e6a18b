"""Long articles: what `storydiff compare` does with one very long report beside a short one.

    PYTHONPATH=src python benchmarks/long_text.py [--chars 100000 --chars 400000 ...] \
        [--out benchmarks/results/long_text.md]

Each size runs `storydiff compare LONG SHORT SHORT_B --format json` in a fresh process and records its
wall time, peak resident memory (the child's ru_maxrss), exit code and first line of stderr.
The long report is made of invented news sentences (seeded; names, places, figures and dates
varied, paragraphs of five sentences), so the parser sees ordinary prose, not one repeated
line. The last rows are 1.1 MB and 4.9 MB articles: above ``max_article_chars`` they are refused
with a message naming them, and the two short reports are still compared (exit 1).
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
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
SHORT_B = ("Homes plan passes in Millbrook\n\n"
           "The council in Millbrook voted on Tuesday for 150 homes, according to Lena Ortiz. "
           "The 14 million dollar plan dates from 2019.\n")

# A fresh parent per size, so that the peak reported is that size's own (ru_maxrss of the
# children is the largest child a process ever waited for).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
sys.stdout.write(repr((done.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                       done.stderr)))
"""


def run(chars: int, folder: Path) -> dict:
    long_path = folder / f"long-{chars}.txt"
    long_path.write_text("Long report\n\n" + long_text(chars), encoding="utf-8")
    (folder / "short.txt").write_text(SHORT, encoding="utf-8")
    (folder / "short-b.txt").write_text(SHORT_B, encoding="utf-8")
    command = [sys.executable, "-c", "from storydiff.cli import app; app()", "compare", str(long_path),
               str(folder / "short.txt"), str(folder / "short-b.txt"), "--format", "json",
               "-o", str(folder / "out.json")]
    measured = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, check=True)
    code, wall, peak, stderr = ast.literal_eval(measured.stdout)
    lines = [line for line in stderr.splitlines() if line.strip()]
    return {"chars": chars, "bytes": long_path.stat().st_size, "wall": wall, "rss_mb": peak / 1024,
            "exit": code, "stderr": lines[0] if lines else "", "traceback": "Traceback" in stderr}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, action="append")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sizes = sorted(args.chars or [50_000, 100_000, 199_000, 1_100_000, 4_900_000])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for chars in sizes:
            row = run(chars, Path(folder))
            rows.append(row)
            print(row, flush=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Long articles",
        "",
        "Command: `PYTHONPATH=src python benchmarks/long_text.py --out benchmarks/results/long_text.md`.  ",
        "Data: one long invented report (seeded sentences, paragraphs of five) beside two short ones, "
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
        rss = f"{row['rss_mb']:,.0f}"
        lines.append(f"| {row['chars']:,} | {row['bytes']:,} | {row['exit']} | {row['wall']:.1f} | {rss} | "
                     f"{'yes' if row['traceback'] else 'no'} | {row['stderr'][:140].replace('|', '/')} |")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
