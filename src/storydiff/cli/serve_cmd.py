"""``storydiff serve``: the web app over a store."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import StoreError
from ._app import EXIT_NOTHING_DONE, app, err_console
from .store_cmds import _db_path, _open, _store_failed


@app.command()
def serve(
    db: Path | None = typer.Option(None, "--db", help="SQLite database file (default ./storydiff.db, "
                                      "or STORYDIFF_DATABASE)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    allowed_host: list[str] = typer.Option([], "--allowed-host", help="A name readers use to reach the app "
                                           "beyond this machine (repeatable; default: --host). Changes "
                                           "sent for any other Host are refused."),
) -> None:
    """Browse stored stories and compare uploaded reports in a web browser."""
    import os

    import uvicorn

    from ..annotate import load_models
    from ..web import create_app
    from ..web.guard import TOKEN_ENV, is_loopback

    # Beyond this machine the upload endpoints would compare anyone's posts: a token first.
    if not is_loopback(host) and not os.environ.get(TOKEN_ENV):
        err_console.print(f"serve: listening on {host} (beyond this machine) needs {TOKEN_ENV} set; the "
                          "endpoints that change anything then ask for it (docs/web.md)")
        raise typer.Exit(EXIT_NOTHING_DONE)

    # A missing or corrupt database is refused here, with the message and exit code the
    # other commands give, rather than by a server that answers every page with an error.
    store = _open(db)
    try:
        store.list_stories(limit=1)
    except StoreError as exc:
        _store_failed(exc)
    finally:
        store.close()
    load_models()  # so that the first request does not wait seconds for them
    uvicorn.run(create_app(_db_path(db), hosts=tuple(allowed_host) or (host,)), host=host, port=port)
