"""``storydiff serve``: the web app over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import StoreError
from ._app import app
from .store_cmds import _db_path, _open, _store_failed


@app.command()
def serve(
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite database file (default ./storydiff.db, "
                                      "or STORYDIFF_DATABASE)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Browse stored stories and compare uploaded reports in a web browser."""
    import uvicorn

    from ..annotate import load_models
    from ..web import create_app

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
    uvicorn.run(create_app(_db_path(db)), host=host, port=port)
