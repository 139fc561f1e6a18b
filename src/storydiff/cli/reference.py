"""docs/cli.md, generated from the commands themselves (their Typer/click definitions), so the
reference cannot drift from the code: ``tests/test_cli_reference.py`` fails when it does.

Regenerate with ``python -m storydiff.cli.reference docs/cli.md``.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import cast

import typer

# Typer (0.29) carries its own click: its Context, and parameters told apart by
# ``param_type_name`` ("argument", "option").

DOCS_PATH = "docs/cli.md"
REGENERATE = f"python -m storydiff.cli.reference {DOCS_PATH}"


def _usage(name: str, command: typer.core.TyperCommand, ctx: typer.Context) -> str:
    pieces = [f"storydiff {name}", "[OPTIONS]"]
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            word = param.name.upper() + ("..." if param.nargs == -1 else "")
            pieces.append(word if param.required else f"[{word}]")
    return " ".join(pieces)


def _params(command: typer.core.TyperCommand, ctx: typer.Context, kind: str) -> list[str]:
    rows = []
    for param in command.get_params(ctx):
        if param.param_type_name != kind or param.name == "help":
            continue
        record = param.get_help_record(ctx)
        if record is None:  # a hidden option
            continue
        names, text = record
        text = " ".join(text.split()).replace("|", "\\|")
        rows.append(f"| `{names}` | {text} |")
    return rows


def _section(name: str, command: typer.core.TyperCommand, parent: typer.Context) -> list[str]:
    ctx = typer.Context(command, info_name=name, parent=parent)
    lines = [f"## `storydiff {name}`", "", "```", _usage(name, command, ctx), "```", ""]
    lines += [inspect.cleandoc(command.help or ""), ""]
    for title, kind in (("Arguments", "argument"), ("Options", "option")):
        rows = _params(command, ctx, kind)
        if rows:
            lines += [f"{title}:", "", "| name | what |", "| --- | --- |", *rows, ""]
    return lines


def markdown() -> str:
    """The reference: the global options, then every command in the order ``--help`` lists
    them, each with its usage, its help and every argument and option with its help."""
    from . import app

    root = cast(typer.core.TyperGroup, typer.main.get_command(app))
    ctx = typer.Context(root, info_name="storydiff")
    lines = ["# Command-line reference", "",
             f"Generated from the code by `{REGENERATE}`; do not edit by hand (a test compares).", "",
             inspect.cleandoc(root.help or ""), "",
             "```", "storydiff [OPTIONS] COMMAND [ARGS]...", "```", ""]
    rows = _params(root, ctx, "option")  # type: ignore[arg-type]
    lines += ["Options before the command:", "", "| name | what |", "| --- | --- |", *rows, ""]
    names = root.list_commands(ctx)
    lines += ["Commands: " + ", ".join(f"[`{n}`](#storydiff-{n})" for n in names) + ".", ""]
    for name in names:
        lines += _section(name, root.get_command(ctx, name), ctx)  # type: ignore[arg-type]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = markdown()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
