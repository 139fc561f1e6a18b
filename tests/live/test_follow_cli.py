"""`storydiff follow --every` in a real process: Ctrl-C (SIGINT) stops it cleanly, nothing
half-written, and a second run carries on where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from _site import live_env, site  # noqa: F401  (fixtures)

from storydiff.store import open_store

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _cli(*args: str, env: dict) -> list[str]:
    return [sys.executable, "-c", "from storydiff.cli import app; app()", *args]


def test_sigint_during_follow_every_stops_cleanly_and_a_rerun_continues(site, live_env, tmp_path):
    env = {**os.environ, **live_env, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    db = str(tmp_path / "news.db")
    process = subprocess.Popen(_cli("follow", site.base() + "/feed.rss", "--every", "1s", "--batch-size", "1",
                                    "--db", db, env=env), env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(entry.path == "/news/bridge.html" for entry in site.log):
        assert process.poll() is None and time.monotonic() < deadline, "follow never reached the second article"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode in (0, 1), err  # 1: the robots-disallowed entry may come before the stop
    assert "stopped cleanly" in err and "run again to continue" in err
    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        first = store.count_articles()
    assert 1 <= first < 5  # stopped part-way, with whole articles only
    requested = {entry.path for entry in site.log}
    assert "/news/cafe.html" not in requested  # nothing after the stop
    rerun = subprocess.run(_cli("follow", site.base() + "/feed.rss", "--db", db, env=env), env=env,
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stderr  # the bad pages of the feed are reported, the rest stored
    assert f"stored {5 - first} new article(s)" in rerun.stderr
    with open_store(db) as store:
        assert store.count_articles() == 5 and store.integrity_check() == "ok"
    for path in ("/broken", "/slow", "/huge", "/private/secret.html"):
        assert path.split("/")[-1] in rerun.stderr  # each bad response is named
