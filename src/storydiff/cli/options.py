"""Options shared by the commands that read articles."""

from __future__ import annotations

from datetime import date, datetime

import typer

from ..errors import InputProblem
from ..ingest import parse_published

PUBLISHED_HELP = (
    "Publication date for inputs that do not carry one: DATE for all, or FILE=DATE for one "
    "(repeatable). ISO format, e.g. 2022-02-21."
)
OUTLET_HELP = "Outlet for inputs that do not name one: NAME for all, or FILE=NAME (repeatable)."


def split_assignments(values: list[str] | None, what: str) -> tuple[object | None, dict[str, str]]:
    """("all" value, {file: value}) from repeated ``VALUE`` / ``FILE=VALUE`` options."""
    default, per_file = None, {}
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
        raise typer.BadParameter(str(exc))
    if parsed:
        return {"*": default_date, **parsed} if default_date else parsed
    return default_date


def outlet_option(values: list[str] | None) -> str | dict | None:
    default, per_file = split_assignments(values, "outlet")
    if per_file:
        return {"*": default, **per_file} if default else per_file
    return default
