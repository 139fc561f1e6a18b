"""Shared fixtures. Real data lives in ../shared (beside the repository) and is read from
there at run time; tests that need it are marked ``shared`` and skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (real data beside the repository)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings

    return load_nlp(default_settings().spacy_model)


# -- the two store engines ---------------------------------------------------------------
# Store tests take ``db`` (a SQLite file or a PostgreSQL URL) and run once per engine. The
# PostgreSQL run starts one throwaway server for the session (tests/_postgres.py); it skips
# when PostgreSQL is not installed, except under CI=true, where a missing server fails.

@pytest.fixture(scope="session")
def postgres_server():
    import os

    from _postgres import Server, binaries

    bindir = binaries()
    missing = None
    if bindir is None:
        missing = "PostgreSQL is not installed (apt-get install postgresql)"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            missing = 'psycopg is not installed (pip install -e ".[scale]")'
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(missing)
    server = Server(bindir).start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of a new, empty PostgreSQL database on the throwaway server."""
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> str:
    """Where a store lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("postgres_url")
