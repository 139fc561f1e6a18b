"""Fuzzing benchmark: at least 10,000 generated hostile inputs across every reader, the
settings file, ``compare`` and the web API, counting tracebacks (must be 0) and clear
messages (failures that name their input).

    PYTHONPATH=src python benchmarks/fuzz.py --out benchmarks/results/fuzz.md

The targets and their checks are those of the CI tests (``tests/hostile/fuzz_targets.py``,
``tests/hostile/test_api_schema.py``); CI runs a few dozen derandomized examples of each,
this runs thousands with a printed seed. Nothing is shrunk: every failure is recorded with
its input and the run goes on. Add a failing input to ``tests/hostile/regressions/`` once
it is fixed.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
import traceback
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis.errors import NonInteractiveExampleWarning  # noqa: E402

# inputs per target: compare costs ~0.3 s an input, the readers milliseconds
BUDGET = {"read .txt": 1500, "read .html": 1500, "read .json": 1500, "read .jsonl": 1500, "read stdin": 1000,
          "read upload": 500, "settings file": 1500, "compare": 1000}
API_BUDGET = 100  # per operation of the web API


class Tally:
    def __init__(self, name: str):
        self.name, self.tried, self.clear, self.tracebacks, self.unclear = name, 0, 0, [], []
        self.seconds = 0.0

    def run(self, check, value) -> None:
        from fuzz_targets import Unclear

        self.tried += 1
        try:
            self.clear += check(value)
        except Unclear as exc:
            self.unclear.append((repr(value)[:300], str(exc)[:300]))
        except Exception as exc:  # noqa: BLE001 - every traceback is what this counts
            self.tracebacks.append((repr(value)[:300], f"{type(exc).__name__}: {exc}"[:300],
                                    traceback.format_exc(limit=-3)[-600:]))


def _drive(strategy, examples: int, run_seed: int, body) -> None:
    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def drive(value):
        body(value)

    drive()


def fuzz_targets(scale: float, run_seed: int, only: str | None) -> list[Tally]:
    from fuzz_targets import TARGETS

    tallies = []
    for target in TARGETS:
        if not _wanted(target.name, only):
            continue
        tally = Tally(target.name)
        check = _folder_check(target.check)
        started = time.perf_counter()
        _drive(target.inputs, max(1, int(BUDGET[target.name] * scale)), run_seed,
               lambda value, tally=tally, check=check: tally.run(check, value))
        tally.seconds = time.perf_counter() - started
        print(f"{tally.name}: {tally.tried} inputs, {len(tally.tracebacks)} tracebacks, "
              f"{len(tally.unclear)} unclear, {tally.clear} clear messages, {tally.seconds:.0f} s", flush=True)
        tallies.append(tally)
    return tallies


def _wanted(name: str, only: str | None) -> bool:
    return not only or any(name.startswith(prefix.strip()) for prefix in only.split(","))


def _folder_check(check):
    """A target's check with a fresh folder for each input."""
    def run(value) -> int:
        with tempfile.TemporaryDirectory() as folder:
            return check(value, Path(folder))
    return run


def fuzz_api(scale: float, run_seed: int, only: str | None) -> list[Tally]:
    import schemathesis
    from _ingest_runs import write_set
    from test_api_schema import not_a_server_error_check, refusal_says_why
    from typer.testing import CliRunner

    from storydiff.cli import app as cli
    from storydiff.web import create_app

    tallies = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "api.db"
        CliRunner().invoke(cli, ["ingest", str(write_set(Path(folder) / "a.jsonl", [0, 40, 1])), "--db", str(db), "-q"])
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db))
        for result in schema.get_all_operations():
            operation = result.ok()
            tally = Tally(f"web {operation.method.upper()} {operation.path}")
            if not _wanted(tally.name, only):
                continue

            def check(case) -> int:
                response = case.call()
                not_a_server_error_check(response, case)
                refusal_says_why(response, case)
                return int(response.status_code >= 400)

            started = time.perf_counter()
            _drive(operation.as_strategy(), max(1, int(API_BUDGET * scale)), run_seed,
                   lambda case, tally=tally, check=check: tally.run(_api_check(check), case))
            tally.seconds = time.perf_counter() - started
            print(f"{tally.name}: {tally.tried} requests, {len(tally.tracebacks)} server errors or tracebacks, "
                  f"{len(tally.unclear)} unclear, {tally.clear} refusals, {tally.seconds:.0f} s", flush=True)
            tallies.append(tally)
    return tallies


def _api_check(check):
    from fuzz_targets import Unclear

    def run(case) -> int:
        try:
            return check(case)
        except AssertionError as exc:
            if "without a message" in str(exc) or "bare" in str(exc):
                raise Unclear(str(exc)) from exc
            raise RuntimeError(str(exc)) from exc  # a 5xx: counted as a traceback
    return run


def write_report(path: Path, tallies: list[Tally], command: str, run_seed: int | str, seconds: float) -> None:
    total = sum(t.tried for t in tallies)
    tracebacks = sum(len(t.tracebacks) for t in tallies)
    unclear = sum(len(t.unclear) for t in tallies)
    clear = sum(t.clear for t in tallies)
    lines = [
        "# Fuzzing: hostile generated inputs",
        "",
        f"Command: `{command}` (seed {run_seed}; targets run in parallel processes when several commands are given).  ",
        "Targets and checks: `tests/hostile/fuzz_targets.py` (readers of .txt, .html, .json, .jsonl, stdin and "
        "uploads; the settings file; `compare` through `compare_paths` and every renderer) and "
        "`tests/hostile/test_api_schema.py` (schemathesis over the web API from its OpenAPI description, "
        "in-process).  ",
        f"Machine: 2 cores shared with other jobs, Python {platform.python_version()}; "
        f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {seconds / 60:.0f} min of wall-clock time.",
        "",
        "A traceback is any exception other than a refusal that names its input (for the web API: any 5xx); "
        "an unclear message is a refusal that does not say which input it is about; a clear message is a "
        "per-input problem or refusal that does (an input can draw several, or none when it is read).",
        "",
        "| target | inputs tried | tracebacks | unclear messages | clear messages | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for t in tallies:
        lines.append(f"| {t.name} | {t.tried:,} | {len(t.tracebacks)} | {len(t.unclear)} | {t.clear:,} "
                     f"| {t.seconds:.0f} |")
    lines.append(f"| **all** | **{total:,}** | **{tracebacks}** | **{unclear}** | **{clear:,}** | {seconds:.0f} |")
    failures = [(t.name, *f[:2]) for t in tallies for f in t.tracebacks + t.unclear]
    if failures:
        lines += ["", "Failures (input, then what was raised):", ""]
        lines += [f"- {name}: `{value}` -> {what}" for name, value, what in failures[:40]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every budget (0.01 for a quick look).")
    parser.add_argument("--seed", type=int, default=None, help="Generation seed (default: random, printed).")
    parser.add_argument("--only", default=None,
                        help="Run only the targets whose name starts with one of these (comma separated): "
                        "read, settings, compare, web.")
    parser.add_argument("--out", type=Path, default=None, help="Write the results page here.")
    parser.add_argument("--save", type=Path, default=None,
                        help="Also keep the tallies as JSON here (to run targets in parallel processes).")
    parser.add_argument("--merge", type=Path, nargs="+", default=None,
                        help="Write --out from tallies saved by earlier runs instead of running.")
    args = parser.parse_args()
    if args.merge:
        runs = [json.loads(path.read_text(encoding="utf-8")) for path in args.merge]
        tallies = [_tally_from(record) for run in runs for record in run["tallies"]]
        write_report(args.out, tallies, " && ".join(run["command"] for run in runs),
                     ", ".join(str(run["seed"]) for run in runs), max(run["seconds"] for run in runs))
        return
    run_seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    print(f"seed {run_seed}", flush=True)
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    from storydiff.annotate import load_models

    load_models()  # so the first compare does not carry the model load
    started = time.perf_counter()
    tallies = fuzz_targets(args.scale, run_seed, args.only) + fuzz_api(args.scale, run_seed, args.only)
    seconds = time.perf_counter() - started
    command = "PYTHONPATH=src python benchmarks/fuzz.py" + (f" --scale {args.scale:g}" if args.scale != 1 else "") \
        + f" --seed {run_seed}" + (f" --only '{args.only}'" if args.only else "") \
        + (f" --out {args.out}" if args.out else "")
    total = sum(t.tried for t in tallies)
    print(f"{total:,} inputs, {sum(len(t.tracebacks) for t in tallies)} tracebacks, "
          f"{sum(len(t.unclear) for t in tallies)} unclear messages")
    for t in tallies:
        for failure in t.tracebacks[:3] + t.unclear[:3]:
            print(f"--- {t.name}\n{json.dumps(failure, ensure_ascii=False)[:1500]}")
    if args.out:
        write_report(args.out, tallies, command, run_seed, seconds)
    if args.save:
        args.save.write_text(json.dumps({"command": command, "seed": run_seed, "seconds": seconds,
                                         "tallies": [vars(t) for t in tallies]}), encoding="utf-8")


def _tally_from(record: dict) -> Tally:
    tally = Tally(record["name"])
    tally.__dict__.update(record)
    return tally


if __name__ == "__main__":
    main()
