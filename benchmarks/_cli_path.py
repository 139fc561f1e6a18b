"""Running ``storydiff compare`` and ``storydiff brief`` the way a user does, for the benchmarks.

A story's articles are written as one ``.json`` file each (the shared data record as it is:
id, title, text, url, published, outlet) and handed to the very function the CLI command
calls (``run_compare`` / ``run_brief``) with the command's defaults and ``--format json``, in
this process so the models load once. ``check_against_cli`` runs the real ``storydiff``
command on the same files in a subprocess and says whether its output is identical.

Outputs are cached in ``benchmarks/out/cache/`` keyed by the story's records and the code
version (the git tree of ``src/`` at HEAD and a hash of every file under it), so a re-run
with unchanged code reads them back, and any edit of the code recomputes them. ``run_many``
runs stories in a pool of processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / "out" / "cache"
RECORD_FIELDS = ("id", "title", "text", "url", "published", "outlet")


def code_version() -> str:
    """The git tree of ``src/`` at HEAD plus a hash of the files under ``src/`` as they are
    (uncommitted edits change it too). The tree rather than the commit: a commit that touches
    only benchmarks or docs leaves the cached comparisons valid."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD:src"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        head = "no-git"
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(".pyc"):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return f"{head[:12]}-{digest.hexdigest()[:12]}"


def as_record(record: dict) -> dict:
    """The fields of a shared-data record a feed gives (its gold labels left out)."""
    return {k: record.get(k) for k in RECORD_FIELDS}


def story_key(command: str, records: list[dict], version: str) -> str:
    payload = json.dumps([command, version, [as_record(r) for r in records]], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_files(records: list[dict], folder: Path) -> list[str]:
    """One ``.json`` file per article, named by position so odd ids make no odd file names."""
    files = []
    for number, record in enumerate(records, 1):
        path = folder / f"{number:02d}.json"
        path.write_text(json.dumps(as_record(record), ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    return files


def _run_in_process(command: str, files: list[str], output: Path, words: int | None) -> tuple[int, str]:
    """The CLI command's own function, with the defaults the command line gives it."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        if command == "compare":
            from storydiff.cli.compare_cmd import run_compare

            code = run_compare(files, "json", output, None, None, None, None, None)
        else:
            from storydiff.cli.brief_cmd import run_brief

            code = run_brief(files, words, "json", output, None, None, None)
    return code, stderr.getvalue()


def _storydiff_command() -> list[str]:
    """The installed ``storydiff`` script beside this interpreter (PYTHONPATH picks the code)."""
    script = Path(sys.executable).with_name("storydiff")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from storydiff.cli import app; app()"]


def cli_arguments(command: str, files: list[str], words: int | None) -> list[str]:
    arguments = [command, *files, "--format", "json"]
    if command == "brief" and words is not None:
        arguments += ["--words", str(words)]
    return arguments


def run(command: str, records: list[dict], version: str, words: int | None = None,
        use_cache: bool = True) -> dict:
    """``{"output": parsed JSON or None, "exit": code, "stderr": messages, "cached": bool,
    "compute_seconds": how long the command took when it was computed (kept in the cache)}``."""
    key = story_key(command if words is None else f"{command}:{words}", records, version)
    path = CACHE / f"{key}.json"
    if use_cache and path.exists():
        result = json.loads(path.read_text(encoding="utf-8"))
        result["stderr"] = _problems(result["stderr"])
        result["cached"] = True
        return result
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as folder:
        files = write_files(records, Path(folder))
        output = Path(folder) / "out.json"
        code, messages = _run_in_process(command, files, output, words)
        parsed = json.loads(output.read_text(encoding="utf-8")) if output.exists() else None
    # Temporary paths would make identical runs differ: messages name the file by position.
    result = {"output": parsed, "exit": code, "stderr": _problems(messages.replace(folder + os.sep, "")),
              "compute_seconds": time.perf_counter() - started}
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    result["cached"] = False
    return result


def _problems(messages: str) -> str:
    """The command's messages without its "wrote <file>" notice."""
    return "\n".join(line for line in messages.splitlines() if not line.startswith("wrote "))


def _timed(task: tuple) -> dict:
    command, records, version, words, use_cache = task
    started = time.perf_counter()
    result = run(command, records, version, words, use_cache)
    result["seconds"] = time.perf_counter() - started
    return result


def run_many(command: str, stories: list[list[dict]], version: str, words: int | None = None,
             jobs: int = 2, use_cache: bool = True) -> list[dict]:
    """``run`` on every story, in order, ``jobs`` processes at a time, with each result's
    ``seconds`` (near 0 when cached); progress on stderr."""
    tasks = [(command, records, version, words, use_cache) for records in stories]
    results: list[dict] = []

    def progress(result: dict) -> None:
        results.append(result)
        if len(results) % 10 == 0 or len(results) == len(tasks):
            print(f"  {command}: {len(results)}/{len(tasks)} done", file=sys.stderr, flush=True)

    if jobs > 1 and len(tasks) > 1:
        with Pool(jobs) as pool:
            for result in pool.imap(_timed, tasks):
                progress(result)
    else:
        for task in tasks:
            progress(_timed(task))
    return results


def check_against_cli(command: str, records: list[dict], words: int | None = None) -> tuple[bool, str]:
    """Run ``storydiff <command> ... --format json`` in a subprocess and in this process on the
    same files: (identical, what differs)."""
    with tempfile.TemporaryDirectory(prefix="storydiff-bench-cli-") as folder:
        files = write_files(records, Path(folder))
        output = Path(folder) / "in-process.json"
        _run_in_process(command, files, output, words)
        mine = json.loads(output.read_text(encoding="utf-8"))
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        done = subprocess.run([*_storydiff_command(), *cli_arguments(command, files, words)],
                              capture_output=True, text=True, env=env, cwd=ROOT)
        if done.returncode not in (0, 1):  # 1: some inputs skipped, the rest compared
            return False, f"the command failed ({done.returncode}): {done.stderr[-500:]}"
        theirs = json.loads(done.stdout)
    if mine == theirs:
        return True, "identical"
    differing = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
    return False, f"outputs differ in {', '.join(differing)}"
