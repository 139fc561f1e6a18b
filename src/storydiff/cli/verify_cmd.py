"""``storydiff verify``: is a rewrite, summary or wire copy faithful to its source?"""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import StorydiffError
from ..ingest import read_articles
from ._app import EXIT_NOTHING_DONE, EXIT_OK, app, err_console, settings_or_exit
from .compare_cmd import _write
from .options import check_output, report_warnings

# Exit code when the verdict is "unfaithful", so scripts and CI can gate on it; distinct
# from the input/usage codes documented in cli/__init__.py.
EXIT_UNFAITHFUL = 4


def run_verify(source: str, derived: str, fmt: str, output: Path | None, config: Path | None,
               model: str | None, strict: bool) -> int:
    # imported here, not at the top: the other commands never load verify (0.05 CPU s of
    # every `storydiff compare`, benchmarks/results/cold_start.md)
    from ..render.verify import FORMATS, render_verification
    from ..verify import verify

    if fmt not in FORMATS:
        err_console.print(f"unknown --format {fmt!r}: choose one of {', '.join(FORMATS)}")
        return EXIT_NOTHING_DONE
    check_output(output)
    settings = settings_or_exit(config, spacy_model=model)
    texts = []
    for role, path in (("source", source), ("derived", derived)):
        result = read_articles([path], max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars)
        for error in result.errors:
            err_console.print(f"[unreadable {role}] {error.source}: {error.message}", markup=False, highlight=False)
        report_warnings(result.warnings)
        if len(result.articles) != 1:
            err_console.print(f"the {role} {path!r} must hold exactly one article, found {len(result.articles)}",
                              markup=False)
            return EXIT_NOTHING_DONE
        texts.append(result.articles[0])
    try:
        verification = verify(texts[0], texts[1], settings, strict=strict)
    except StorydiffError as exc:
        err_console.print(str(exc), markup=False)
        return EXIT_NOTHING_DONE
    _write(render_verification(verification, fmt), output)
    return EXIT_UNFAITHFUL if strict and verification.verdict == "unfaithful" else EXIT_OK


@app.command("verify")
def verify_command(
    source: str = typer.Argument(..., help="The source text: .txt, .html or .json file, or - for stdin."),
    derived: str = typer.Argument(..., help="The derived text (rewrite, summary, wire copy) to check."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
    model: str | None = typer.Option(None, "--model", help="spaCy model package to use."),
    strict: bool = typer.Option(False, "--strict", help="Unfaithful unless the source supports every statement "
                                "(without it, unfaithful needs a contradiction or mostly unsupported content); "
                                "exit with code 4 when the verdict is unfaithful."),
) -> None:
    """Check a derived text against its source: each statement supported, contradicted or not mentioned."""
    raise typer.Exit(run_verify(source, derived, fmt, output, config, model, strict))
