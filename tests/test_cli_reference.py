"""docs/cli.md is the commands as the code defines them; --version and --verbose."""

from __future__ import annotations

import logging
from pathlib import Path

from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.cli import reference

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


def test_verbose_shows_a_fallback_that_is_otherwise_silent(tmp_path):
    logger = logging.getLogger("storydiff")
    before = (logger.level, list(logger.handlers))
    try:
        # the rules command logs nothing; --verbose sets storydiff's loggers to INFO
        result = CliRunner().invoke(app, ["-v", "rules", "--prefix", "compare.veto.eventless"])
        assert result.exit_code == 0, result.output
        assert logger.getEffectiveLevel() == logging.INFO
        quiet = CliRunner().invoke(app, ["rules", "--prefix", "compare.veto.eventless"])
        assert quiet.exit_code == 0
    finally:
        logger.setLevel(before[0])
        logger.handlers[:] = before[1]
