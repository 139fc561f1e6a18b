"""Schemathesis over the web API, from the app's own OpenAPI description, in-process against
the ASGI app (no socket): whatever the generated request, the answer is never a server error,
and a refusal says what was wrong. A small derandomized budget per operation, so CI never
fails by chance; ``benchmarks/fuzz.py`` runs more."""

from __future__ import annotations

import json

import pytest
import schemathesis
from _ingest_runs import write_set
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from storydiff.cli import app as cli
from storydiff.web import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    db = folder / "api.db"
    result = CliRunner().invoke(cli, ["ingest", str(write_set(folder / "a.jsonl", [0, 40, 1])), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


schema = schemathesis.pytest.from_fixture("api_schema")


def refusal_says_why(response, case) -> None:
    """A 4xx answer carries a message: JSON with a non-empty ``detail``, or an HTML page."""
    if response.status_code < 400:
        return
    if response.headers.get("content-type", [""])[0].startswith("application/json"):
        detail = json.loads(response.content).get("detail")
        assert detail, f"{case.method} {case.formatted_path}: {response.status_code} without a message"
    else:
        assert b"<html" in response.content.lower(), f"{case.method} {case.formatted_path}: bare {response.status_code}"


@schema.parametrize()
@settings(max_examples=8, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
def test_the_web_api_never_answers_with_a_server_error(case):
    response = case.call()
    not_a_server_error_check(response, case)
    refusal_says_why(response, case)


def not_a_server_error_check(response, case) -> None:
    assert response.status_code < 500, (f"{case.method} {case.formatted_path} "
                                        f"{case.query or ''} {str(case.body)[:200]}: {response.status_code} "
                                        f"{response.content[:300]!r}")
