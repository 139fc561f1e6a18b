"""``storydiff storylines`` and ``storydiff storyline ID``: events grouped over time."""

from __future__ import annotations

from pathlib import Path

import typer

from ..render.jsonout import dumps
from ._app import EXIT_NOTHING_DONE, app, err_console
from .store_cmds import _DB_HELP, _db_path, _open, _store_failed

_FORMAT_HELP = "text or json."


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        err_console.print(f"error: --format {fmt!r}: use text or json", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE)


@app.command("storylines")
def storylines(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    limit: int = typer.Option(50, help="Show at most this many storylines (most articles first); 0 for all."),
    min_events: int = typer.Option(1, help="Only storylines with at least this many events."),
    fmt: str = typer.Option("text", "--format", "-f", help=_FORMAT_HELP),
) -> None:
    """List storylines: the events (stories) that follow one subject over time."""
    from ..errors import StoreError
    from ..storylines import storyline_record

    _check_format(fmt)
    store = _open(db)
    try:
        found = [storyline_record(store, line, events)
                 for line, events in store.list_storylines(limit=limit or None, min_events=min_events)]
    except StoreError as exc:
        _store_failed(exc)
    finally:
        store.close()
    if fmt == "json":
        for record in found:
            print(dumps(record, compact=True))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("storyline", "events", "articles", "from", "to", "title")
    for record in found:
        table.add_row(str(record["storyline"]), ", ".join(map(str, record["events"])), str(record["articles"]),
                      record["first"] or "", record["last"] or "", escape(record["title"] or ""))
    Console().print(table)


@app.command("storyline")
def storyline(
    number: int = typer.Argument(..., help="Storyline number, as listed by `storydiff storylines`."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    fmt: str = typer.Option("text", "--format", "-f", help=_FORMAT_HELP),
) -> None:
    """One storyline as a timeline of its events, and the figures that moved from event to
    event (`storydiff show EVENT` compares the sources of one event)."""
    from ..errors import StoreError
    from ..storylines import storyline_view

    _check_format(fmt)
    store = _open(db)
    try:
        merged = store.merged_into("storyline", number)
        if merged is not None:
            err_console.print(f"storyline {number} was merged into {merged}", markup=False, highlight=False)
            number = merged
        view = storyline_view(store, number)
    except StoreError as exc:
        _store_failed(exc)
    finally:
        store.close()
    if view is None:
        err_console.print(f"error: no storyline {number} in {_db_path(db)}; `storydiff storylines` lists them",
                          markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE)
    if fmt == "json":
        from ..render.jsonout import series_dict

        print(dumps({**view, "series": [series_dict(s) for s in view["series"]]}))
        return
    print(f"storyline {view['storyline']}: {view['title'] or ''}")
    print(f"{view['first'] or '?'} to {view['last'] or '?'}; {len(view['events'])} event(s); "
          f"sources: {', '.join(view['sources']) or 'unnamed'}")
    for event in view["events"]:
        span = event["first"] or "undated"
        if event["last"] and event["last"] != event["first"]:
            span += f" to {event['last']}"
        print(f"  {span}  story {event['story']}: {event['title'] or event['lead'] or ''} "
              f"({event['size']} article(s), {event['sources']} independent source(s))")
    for item in view["series"]:
        points = " → ".join(f"{p.evidence.text} ({p.article}" + (f", {p.published}" if p.published else "") + ")"
                            for p in item.points)
        print(f"  {item.id} {item.about} {item.direction} across events: {points}")
