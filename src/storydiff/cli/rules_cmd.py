"""``storydiff rules``: the registered rules (name, family, doc, measured effect)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import rules
from ..render.jsonout import dumps
from ._app import EXIT_NOTHING_DONE, app, err_console
from .compare_cmd import _write

FORMATS = ("text", "json", "md")


@app.command("rules")
def rules_command(
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md (md is docs/rules.md)"),
    prefix: str = typer.Option("", "--prefix", help="Only rules whose name starts with this (compare., verify.)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """List the named rules compare and verify decide with. Switch one off with
    \\[storydiff.compare] disabled_rules = ["NAME"] in the --config file (or
    STORYDIFF_COMPARE_DISABLED_RULES=NAME,...)."""
    if fmt not in FORMATS:
        err_console.print(f"unknown --format {fmt!r}: choose one of {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_NOTHING_DONE)
    found = rules.all_rules(prefix)
    if fmt == "md":
        text = rules.markdown()
    elif fmt == "json":
        text = dumps([rules.as_dict(r) for r in found])
    else:
        text = "\n".join(f"{r.name}  [{r.family}]\n    {r.doc}" + (f"\n    effect: {r.effect}" if r.effect else "")
                         for r in found)
    _write(text, output)
