"""The three fact-extraction benchmarks in one run: dates (TimeBank/AQUAINT against
HeidelTime), quotes (PolNeAR dev) and numbers/names (the phrase set).

    python benchmarks/facts.py [--no-heideltime] [--limit N]

Each writes its section to benchmarks/results/; `python benchmarks/collect.py` then
rebuilds benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-heideltime", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    limit = ["--limit", str(args.limit)] if args.limit else []
    runs = [
        ["temporal.py", *limit, *(["--no-heideltime"] if args.no_heideltime else [])],
        ["quotes.py", *limit],
        ["phrases.py"],
    ]
    status = 0
    for script, *options in runs:
        print(f"== {script} {' '.join(options)}", flush=True)
        status |= subprocess.call([sys.executable, str(HERE / script), *options])
    return status


if __name__ == "__main__":
    sys.exit(main())
