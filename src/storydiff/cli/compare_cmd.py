"""``storydiff compare`` and ``storydiff demo``."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import typer

from .. import rules
from ..errors import StorydiffError
from ..ingest import read_articles
from ..pipeline import compare_story
from ..render import FORMATS, render
from ._app import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_INPUTS_BAD, app, err_console, settings_or_exit
from .options import (
    OUTLET_HELP,
    PUBLISHED_HELP,
    check_output,
    outlet_option,
    published_option,
    report_inputs,
    report_warnings,
)


def _write(output: str, destination: Path | None) -> None:
    if destination is None:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    else:
        destination.write_text(output, encoding="utf-8")
        err_console.print(f"wrote {destination}", markup=False, highlight=False)


def run_compare(files: list[str], fmt: str, output: Path | None, published, outlet, config: Path | None,
                model: str | None, with_brief: bool | None = None) -> int:
    if fmt not in FORMATS:
        err_console.print(f"unknown --format {fmt!r}: choose one of {', '.join(FORMATS)}")
        return EXIT_NOTHING_DONE
    check_output(output)
    settings = settings_or_exit(config, spacy_model=model)
    try:
        # A misspelt rule name is refused, named, before any file is read.
        rules.check_names(settings.compare.disabled_rules, "compare.")
    except (StorydiffError, ValueError) as exc:
        err_console.print(f"{config or 'settings'}: {exc}", markup=False)
        return EXIT_NOTHING_DONE
    result = read_articles(files, published=published_option(published), outlet=outlet_option(outlet),
                           max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars)
    report_inputs(result)
    if len(result.articles) < 2:
        err_console.print(
            f"nothing to compare: {len(result.articles)} readable article(s); "
            "give two or more reports of the same story", markup=False)
        return EXIT_NOTHING_DONE
    try:
        run = compare_story(result.articles, settings, brief=with_brief if with_brief is not None else fmt == "html")
    except StorydiffError as exc:
        err_console.print(str(exc), markup=False)
        return EXIT_NOTHING_DONE
    comparison = run.compared()
    comparison.errors = result.errors
    report_warnings(comparison.warnings)
    comparison.warnings = result.warnings + comparison.warnings
    _write(render(comparison, fmt, run.brief), output)
    return EXIT_SOME_INPUTS_BAD if result.errors else EXIT_OK


@app.command()
def compare(
    files: list[str] = typer.Argument(
        ..., help="Articles: .txt, .html, .json, .jsonl files, directories, or - for stdin."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    published: list[str] | None = typer.Option(None, "--published", help=PUBLISHED_HELP),
    outlet: list[str] | None = typer.Option(None, "--outlet", help=OUTLET_HELP),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
    model: str | None = typer.Option(None, "--model", help="spaCy model package to use."),
    brief: bool | None = typer.Option(None, "--brief/--no-brief",
                                      help="Add the cited brief and timeline (default: in html only)."),
) -> None:
    """Compare two or more reports of one story: agreements, conflicts, what only one says.

    Every heuristic is a named rule (`storydiff rules`, docs/rules.md). Switch one off with
    \\[storydiff.compare] disabled_rules = ["compare.finder.spelling"] in the --config file, or
    STORYDIFF_COMPARE_DISABLED_RULES=compare.finder.spelling (comma separated); an unknown
    name is refused (exit code 2)."""
    raise typer.Exit(run_compare(files, fmt, output, published, outlet, config, model, brief))


def example_files() -> list[str]:
    folder = resources.files("storydiff") / "examples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".txt", ".json", ".html")))


@app.command()
def demo(
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Compare the bundled example story (four invented reports of one event)."""
    files = example_files()
    err_console.print(f"comparing the bundled example: {', '.join(Path(f).name for f in files)}")
    raise typer.Exit(run_compare(files, fmt, output, None, None, None, None, fmt == "html"))
