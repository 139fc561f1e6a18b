"""docs/cli.md is the commands as the code defines them; --version and --verbose."""

from __future__ import annotations

import logging
from pathlib import Path

from typer.testing import CliRunner

from storydiff.cli import app, reference

ROOT = Path(__file__).resolve().parents[1]


def test_docs_cli_md_is_the_commands_as_generated():
    page = ROOT / reference.DOCS_PATH
    assert page.read_text(encoding="utf-8") == reference.markdown(), (
        f"{reference.DOCS_PATH} is out of date: run `{reference.REGENERATE}`")


def test_the_reference_names_every_command_argument_and_option_with_its_help():
    text = reference.markdown()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        assert f"## `storydiff {name}`" in text, name
    # one option and one argument, with the help the code gives them
    assert "| `-f, --format <str>` | text \\| json \\| md \\| html [default: text] |" in text
    assert "| `files... <list[str]>` | Articles: .txt, .html, .json, .jsonl files" in text
    assert "| `-v, --verbose` |" in text


def test_version_is_the_package_metadata():
    from importlib.metadata import version

    import storydiff

    assert storydiff.__version__ == version("storydiff")
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"storydiff {storydiff.__version__}\n"


def test_the_package_says_it_is_typed():
    import storydiff

    assert (Path(storydiff.__file__).parent / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_a_fallback_is_logged_naming_what_fell_back_and_why(caplog):
    from storydiff.ingest import parse_published

    with caplog.at_level(logging.INFO, logger="storydiff"):
        read = parse_published("Mar 2, 2012 12:30 PM", "feed.jsonl", lenient=True)
    assert read is not None and read.year == 2012
    [record] = [r for r in caplog.records if r.name == "storydiff.ingest"]
    assert "feed.jsonl" in record.getMessage() and "'Mar 2, 2012 12:30 PM' is not ISO" in record.getMessage()


def test_verbose_shows_the_fallbacks_on_stderr_and_they_are_silent_without_it(tmp_path):
    import json

    data = tmp_path / "a.jsonl"
    data.write_text(json.dumps({"id": "a", "text": "The harbour reopened after the storm.",
                                "published": "Mar 2, 2012 12:30 PM"}) + "\n", encoding="utf-8")
    logger = logging.getLogger("storydiff")
    before = (logger.level, list(logger.handlers))
    try:
        quiet = CliRunner().invoke(app, ["ingest", str(data), "--db", str(tmp_path / "q.db"), "--quiet"])
        assert quiet.exit_code == 0, quiet.output
        assert "is not ISO" not in quiet.output
        loud = CliRunner().invoke(app, ["-v", "ingest", str(data), "--db", str(tmp_path / "v.db"), "--quiet"])
        assert loud.exit_code == 0, loud.output
        assert "INFO storydiff.ingest: " in loud.stderr and "is not ISO" in loud.stderr
    finally:
        logger.setLevel(before[0])
        logger.handlers[:] = before[1]
