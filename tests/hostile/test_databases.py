"""Items 5, 6 and 10 of issue 18: huge story numbers, a corrupt database, a missing one.
Only ``ingest`` creates a database; every reader refuses a missing or broken file with a
clear message and exit 3; the web app answers a database that broke while it ran with 503."""

from __future__ import annotations

import pytest
from _io_fixtures import REPORT_A, REPORT_B, cli, write_reports
from fastapi.testclient import TestClient

from storydiff.web import create_app

HUGE = "99999999999999999999999"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("db")
    path = folder / "news.db"
    result = cli("ingest", *write_reports(folder, REPORT_A, REPORT_B), "--db", path, "--quiet")
    assert result.exit_code == 0 and path.exists(), result.output
    return path


def _corrupt(path):
    path.write_bytes(b"this is not a database, only bytes " * 200)


def test_huge_story_numbers_are_no_story_not_a_traceback(db):
    for story in (HUGE, "9223372036854775808", "-9223372036854775809"):
        result = cli("show", "--db", db, "--", story)
        assert result.exit_code == 2, result.output
        assert f"no story {story} in {db}" in result.stderr
    client = TestClient(create_app(db))
    answer = client.get("/api/stories/9223372036854775808")
    assert answer.status_code == 404 and "no story 9223372036854775808" in answer.json()["detail"]
    page = client.get(f"/stories/{HUGE}")
    assert page.status_code == 404 and "no story" in page.text and page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("command", [["stories"], ["show", "1"], ["serve"]])
def test_readers_refuse_a_missing_database_and_create_none(tmp_path, command):
    typo = tmp_path / "nwes.db"
    result = cli(*command, "--db", typo)
    assert result.exit_code == 3, result.output
    assert f"{typo}: no such database file" in result.stderr and "storydiff ingest" in result.stderr
    assert not typo.exists()


def test_serve_refuses_a_corrupt_database_at_start(tmp_path):
    broken = tmp_path / "broken.db"
    _corrupt(broken)
    stories = cli("stories", "--db", broken)
    served = cli("serve", "--db", broken)
    assert stories.exit_code == served.exit_code == 3, served.output
    assert f"{broken}: the file is not a usable storydiff database" in served.stderr
    assert served.stderr == stories.stderr  # the same message as the other commands


def test_pages_answer_503_when_the_database_breaks_while_the_app_runs(tmp_path, db):
    copy = tmp_path / "news.db"
    copy.write_bytes(db.read_bytes())
    client = TestClient(create_app(copy))
    assert client.get("/api/stories").status_code == 200
    _corrupt(copy)
    page = client.get("/")
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "the database cannot be used" in page.text and str(copy) in page.text
    answer = client.get("/api/stories/1")
    assert answer.status_code == 503 and "the database cannot be used" in answer.json()["detail"]
    copy.unlink()
    assert client.get("/api/stories").status_code == 503
    assert not copy.exists()  # the app never creates a database
