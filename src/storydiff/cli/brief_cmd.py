"""``storydiff brief``: a cited summary of all the sources of a story, and its timeline."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..clean import clean_article
from ..errors import StorydiffError
from ..ingest import read_articles
from ..pipeline import brief_story
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


def run_brief(files: list[str], words: int | None, fmt: str, output: Path | None, published: list[str] | None,
              outlet: list[str] | None, config: Path | None) -> int:
    # imported here, not at the top: the other commands do not render briefs
    from ..render.brief import BRIEF_FORMATS, render_brief

    if fmt not in BRIEF_FORMATS:
        err_console.print(f"unknown --format {fmt!r}: choose one of {', '.join(BRIEF_FORMATS)}", markup=False)
        return EXIT_NOTHING_DONE
    settings = settings_or_exit(config)
    words = words if words is not None else settings.brief_words
    if words < 1:
        err_console.print(f"--words {words}: give a positive number of words", markup=False)
        return EXIT_NOTHING_DONE
    check_output(output)
    result = read_articles(files, published=published_option(published), outlet=outlet_option(outlet),
                           max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars)
    report_inputs(result)
    articles = [clean_article(a) for a in result.articles]
    articles = [a for a in articles if a.text.strip()]
    if not articles:
        err_console.print("nothing to summarise: no readable article among the inputs", markup=False)
        return EXIT_NOTHING_DONE
    try:
        run = brief_story(articles, settings, words=words)
    except StorydiffError as exc:
        err_console.print(str(exc), markup=False)
        return EXIT_NOTHING_DONE
    if run.comparison is not None:
        report_warnings(run.comparison.warnings)
    rendered = render_brief(run.briefed(), fmt, articles)
    if output is None:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    else:
        output.write_text(rendered, encoding="utf-8")
        err_console.print(f"wrote {output}", markup=False)
    return EXIT_SOME_INPUTS_BAD if result.errors else EXIT_OK


@app.command()
def brief(
    files: list[str] = typer.Argument(
        ..., help="Articles: .txt, .html, .json, .jsonl files, directories, or - for stdin."),
    words: int | None = typer.Option(None, "--words", "-w", help="Length of the summary in words (default 100)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    published: list[str] | None = typer.Option(None, "--published", help=PUBLISHED_HELP),
    outlet: list[str] | None = typer.Option(None, "--outlet", help=OUTLET_HELP),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """A summary of the story from all its sources, each sentence citing them, and a timeline."""
    raise typer.Exit(run_brief(files, words, fmt, output, published, outlet, config))
