"""Fixtures of the live tests: a news site on 127.0.0.1 (``_site``) and settings that allow
loopback, with delays and timeouts near one second so the suite stays quick."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _site import NewsSite, Server  # noqa: E402


@pytest.fixture
def site():
    with Server(NewsSite()) as server:
        yield server.site


@pytest.fixture
def settings():
    from storydiff.settings import Settings

    return Settings(allowed_networks=["127.0.0.0/8"], host_delay=0.1, fetch_timeout=1.0,
                    max_body_bytes=1_000_000, max_retries=1, user_agent="storydiff-tests/1.0")


@pytest.fixture
def live_env(monkeypatch):
    """The same settings as environment variables, for the CLI."""
    values = {"ALLOWED_NETWORKS": "127.0.0.0/8", "HOST_DELAY": "0.1", "FETCH_TIMEOUT": "1",
              "MAX_BODY_BYTES": "1000000", "MAX_RETRIES": "1", "USER_AGENT": "storydiff-tests/1.0"}
    for name, value in values.items():
        monkeypatch.setenv("STORYDIFF_" + name, value)
    return {"STORYDIFF_" + k: v for k, v in values.items()}
