"""Options shared by the commands that read articles."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import typer

from ..errors import InputProblem
from ..ingest import IngestResult, parse_published
from ..model import InputWarning
from ._app import EXIT_NOTHING_DONE, err_console

PUBLISHED_HELP = (
    "Publication date for inputs that do not carry one: DATE for all, or FILE=DATE for one "
    "(repeatable). ISO format, e.g. 2022-02-21."
)
OUTLET_HELP = "Outlet for inputs that do not name one: NAME for all, or FILE=NAME (repeatable)."


def split_assignments(values: list[str] | None, what: str) -> tuple[str | None, dict[str, str]]:
    """("all" value, {file: value}) from repeated ``VALUE`` / ``FILE=VALUE`` options."""
    default: str | None = None
    per_file: dict[str, str] = {}
    for value in values or []:
        if "=" in value:
            name, _, given = value.partition("=")
            per_file[name] = given
        else:
            default = value
    return default, per_file


def published_option(values: list[str] | None) -> date | datetime | dict | None:
    default, per_file = split_assignments(values, "published")
    try:
        parsed = {k: parse_published(v, f"--published {k}=") for k, v in per_file.items()}
        default_date = parse_published(default, "--published") if default else None
    except InputProblem as exc:
        raise typer.BadParameter(str(exc)) from exc
    if parsed:
        return {"*": default_date, **parsed} if default_date else parsed
    return default_date


def outlet_option(values: list[str] | None) -> str | dict | None:
    default, per_file = split_assignments(values, "outlet")
    if per_file:
        return {"*": default, **per_file} if default else per_file
    return default


def check_output(output: Path | None) -> None:
    """Refuse an ``--output`` whose folder does not exist before any work is done (a
    comparison takes seconds to minutes; its result must not be lost to a typo)."""
    if output is None:
        return
    folder = output.parent
    if output.is_dir():
        problem = "is a folder; give a file name"
    elif not folder.is_dir():
        problem = f"the folder {str(folder)!r} does not exist; create it or give another path"
    elif not os.access(folder, os.W_OK):
        problem = f"the folder {str(folder)!r} cannot be written to; give another path"
    else:
        return
    err_console.print(f"error: --output {output}: {problem}", markup=False, highlight=False)
    raise typer.Exit(EXIT_NOTHING_DONE)


def report_inputs(result: IngestResult) -> None:
    """What was skipped or read with a guess, on stderr; a ``--published``/``--outlet`` name
    that matches no input is refused (a usage error: exit 2)."""
    for error in result.errors:
        err_console.print(f"[skipped] {error.source}: {error.message}", markup=False, highlight=False)
    report_warnings(result.warnings)
    if result.unmatched:
        err_console.print(
            f"error: {', '.join(result.unmatched)}: matches no input; give the path, file name, file "
            "name without extension or article id of one of the inputs", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE)


def report_warnings(warnings: list[InputWarning]) -> None:
    for warning in warnings:
        err_console.print(f"[warning] {warning.source}: {warning.message}", markup=False, highlight=False)
