"""``storydiff annotate``: the mentions storydiff reads in one article."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..annotate import annotate_articles
from ..ingest import read_articles
from ..prepare import prepare
from ..render.jsonout import annotation_dict, dumps
from ._app import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_INPUTS_BAD, app, settings_or_exit
from .options import PUBLISHED_HELP, check_output, published_option, report_inputs


@app.command()
def annotate(
    files: list[str] = typer.Argument(..., help="Article files (same formats as compare)."),
    published: list[str] | None = typer.Option(None, "--published", help=PUBLISHED_HELP),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    kinds: str | None = typer.Option(None, "--kinds", help="Comma-separated kinds to list, e.g. date,quantity"),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """List every mention (dates as TIMEX3, quantities, entities, quotes) with exact offsets."""
    check_output(output)
    settings = settings_or_exit()
    result = read_articles(files, published=published_option(published), max_bytes=settings.max_input_bytes,
                           max_chars=settings.max_article_chars)
    report_inputs(result)
    if not result.articles:
        raise typer.Exit(EXIT_NOTHING_DONE)
    wanted = set(kinds.split(",")) if kinds else None
    annotated = annotate_articles(prepare(result.articles), settings)
    records = [annotation_dict(item, wanted) for item in annotated]
    if fmt == "json":
        text = dumps(records if len(records) > 1 else records[0])
    else:
        console = Console(record=True, width=120, file=open("/dev/null", "w"))
        for record in records:
            table = Table(title=f"{record['id']} (published {record['published']})")
            for column in ("kind", "type", "start", "end", "text", "value"):
                table.add_column(column)
            for m in record["mentions"]:
                table.add_row(m["kind"], m["type"], str(m["start"]), str(m["end"]), m["text"], str(m["value"]))
            console.print(table)
        text = console.export_text()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    raise typer.Exit(EXIT_SOME_INPUTS_BAD if result.errors else EXIT_OK)
