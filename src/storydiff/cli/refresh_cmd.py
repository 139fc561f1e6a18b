"""``storydiff refresh``: compute every stale or missing stored story result (``results.py``)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import StoreError
from ._app import EXIT_OK, app, err_console
from .store_cmds import _CONFIG_HELP, _DB_HELP, _db_path, _open, _store_failed


@app.command()
def refresh(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    config: Path | None = typer.Option(None, "--config", help=_CONFIG_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
) -> None:
    """Compare every story whose stored result is stale or missing, and store the results the
    web app shows; returns when all are done (progress on stderr)."""
    from ..results import refresh as run
    from ..settings import load_settings

    settings = load_settings(config)
    store = _open(db)

    def progress(done: int, total: int, story: int) -> None:
        if not quiet:
            err_console.print(f"refresh: {done}/{total} story {story}")

    try:
        report = run(store, settings, progress=progress)
    except StoreError as exc:
        _store_failed(exc)
    finally:
        store.close()
    err_console.print(f"refreshed {len(report.computed)} stor{'y' if len(report.computed) == 1 else 'ies'}, "
                      f"{len(report.failed)} not comparable, {report.dropped} result(s) of merged stories "
                      f"dropped, in {report.seconds:.1f} s; database {_db_path(db)}")
    raise typer.Exit(EXIT_OK)
