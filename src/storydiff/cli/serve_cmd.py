"""``storydiff serve``: the web app over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app


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

    load_models()  # so that the first request does not wait seconds for them
    uvicorn.run(create_app(db), host=host, port=port)
