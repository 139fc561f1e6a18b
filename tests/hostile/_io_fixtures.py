"""Short invented reports for the hostile-input tests (written for these tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from storydiff.cli import app

REPORT_A = ("Millbrook council approves homes plan\n\n"
            "The city council approved 120 new homes in Millbrook on Tuesday, said mayor Lena Ortiz. "
            "The plan, which will cost 14 million dollars, was first proposed in 2019. "
            "Work on the site will start in March, the council said.\n")
REPORT_B = ("Council backs Millbrook housing\n\n"
            "Millbrook's city council approved 150 new homes on Tuesday, mayor Lena Ortiz said. "
            "The plan will cost 14 million dollars and was first proposed in 2019. "
            "Building is expected to begin in March.\n")
REPORT_C = ("Homes plan passes in Millbrook\n\n"
            "The council in Millbrook voted on Tuesday for 120 homes, according to mayor Lena Ortiz. "
            "The 14 million dollar plan dates from 2019.\n")

runner = CliRunner()


def cli(*args: str, input: bytes | str | None = None, env: dict | None = None):
    """Run ``storydiff ARGS``; a traceback is never an acceptable answer."""
    result = runner.invoke(app, [str(a) for a in args], input=input, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def write_reports(folder: Path, *texts: str, suffix: str = ".txt") -> list[str]:
    paths = []
    for number, text in enumerate(texts, 1):
        path = folder / f"report-{number}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def record(article_id: str, text: str, **extra) -> dict:
    title, _, body = text.partition("\n\n")
    return {"id": article_id, "title": title, "text": body, **extra}


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def hrefs(page: str) -> list[str]:
    return re.findall(r'href\s*=\s*["\']([^"\']*)["\']', page, flags=re.IGNORECASE)
