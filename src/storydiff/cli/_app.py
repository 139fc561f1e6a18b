"""The Typer application every command module registers on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="storydiff",
    help="Group news articles into stories and compare their sources fact by fact.",
    no_args_is_help=True,
    add_completion=False,
    # Help texts name TOML tables ("[storydiff.cluster]") and files; Rich markup would eat
    # them, so help is plain text, shown as written.
    rich_markup_mode=None,
)
# soft_wrap: an error line names a file path; wrapping it would break copy and grep.
err_console = Console(stderr=True, soft_wrap=True)

EXIT_OK = 0
EXIT_SOME_INPUTS_BAD = 1
EXIT_NOTHING_DONE = 2
EXIT_STORE = 3


def settings_or_exit(config=None, **overrides):
    """The settings, or exit 2 with the message naming the file or variable that is wrong
    (a fuzzed settings file gave a TOML parser's traceback: tests/hostile/test_fuzz.py)."""
    from ..errors import SettingsError
    from ..settings import load_settings

    try:
        return load_settings(config, **overrides)
    except SettingsError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE) from exc


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"storydiff {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False,
                                help="Log what storydiff falls back on and why (a model or file it could not "
                                     "use, a page it could not read) to stderr; -vv adds debug messages."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Group news articles into stories and compare their sources fact by fact."""
    from ..logs import configure

    configure(verbose)
