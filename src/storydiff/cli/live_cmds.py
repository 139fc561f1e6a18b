"""``storydiff fetch``, ``follow`` and ``revisions``: live news into the same store as ``ingest``."""

from __future__ import annotations

import re
import signal
import threading
from pathlib import Path

import typer

from ..render.jsonout import dumps
from ._app import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_INPUTS_BAD, EXIT_STORE, app, err_console
from .store_cmds import _CONFIG_HELP, _DB_HELP, _db_path, _hold_writer_lock, _open, _stage_settings

_DURATION = re.compile(r"(\d+(?:\.\d+)?)([hms])")


def parse_every(text: str) -> float:
    """'15m', '90s', '1h30m' to seconds; BadParameter naming the text otherwise."""
    parts = _DURATION.findall(text.strip().lower())
    if not parts or "".join(n + u for n, u in parts) != text.strip().lower():
        raise typer.BadParameter(f"{text!r}: give a duration such as 30s, 15m or 1h30m")
    seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if seconds <= 0:
        raise typer.BadParameter(f"{text!r}: the interval must be longer than zero")
    return seconds


def _settings(config: Path | None):
    from ..live.addresses import parse_networks
    from ..settings import load_settings

    try:
        settings = load_settings(config)
        parse_networks(settings.allowed_networks)
    except (OSError, ValueError) as exc:
        err_console.print(f"[red]error:[/red] {config or 'settings'}: {exc}")
        raise typer.Exit(EXIT_NOTHING_DONE) from exc
    return settings


def _print_report(report, db: Path | None) -> None:
    for error in report.errors:
        err_console.print(f"[yellow]skipped[/yellow] {error.source}: {error.message}")
    for article_id, version in report.revised:
        err_console.print(f"revised {article_id}: version {version} stored")
    listings = (f"read {report.listings} listing(s) giving {report.listed} article URL(s); "
                if report.listings or report.listed else "")
    err_console.print(
        f"{listings}fetched {report.pages} page(s), {report.unchanged} unchanged (304); "
        f"stored {report.stored} new article(s), {len(report.revised)} new version(s), "
        f"{report.duplicates} already stored; {len(report.errors)} skipped; "
        f"{report.requests} request(s); database {_db_path(db)}")


def _run(kind: str, targets: list[str], db, config, every: str | None, batch_size: int) -> None:
    from ..errors import StoreError
    from ..live.follow import Live

    interval = parse_every(every) if every else None
    settings = _settings(config)
    cluster_settings, wire_settings = _stage_settings(config)
    stop = threading.Event()

    def on_sigint(_signum, _frame):
        # first Ctrl-C: finish the page in hand and store what is whole; a second one aborts
        # (the open transaction is rolled back: nothing half-written either way)
        err_console.print("stopping: storing what was fetched whole (Ctrl-C again to abort)")
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_sigint)
    store = _open(db, create=True)  # like ingest, fetch and follow may start a database
    live = None
    bad = done = 0
    try:
        rounds = 0
        while True:
            rounds += 1
            # The database's writer lock for each round, as ingest holds it for its run: the
            # clusterer state is loaded inside it (a new Live each round), so a follow and an
            # ingest on one database take turns and never mix their stories.
            with _hold_writer_lock(store, config):
                live = Live(store, settings, cluster_settings=cluster_settings, wire_settings=wire_settings,
                            batch_size=batch_size, stop=stop)
                try:
                    report = live.follow(targets) if kind == "follow" else live.fetch(targets)
                finally:
                    live.close()
                    live = None
            _print_report(report, db)
            bad += len(report.errors)
            done += report.pages + report.unchanged + report.listings
            if interval is None or stop.is_set():
                break
            err_console.print(f"next round in {interval:g} s (Ctrl-C to stop)")
            if stop.wait(interval):
                break
        if stop.is_set():
            err_console.print(f"stopped cleanly after {rounds} round(s); run again to continue")
    except StoreError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_STORE) from exc
    finally:
        signal.signal(signal.SIGINT, previous)
        if live is not None:
            live.close()
        store.close()
    if bad:
        raise typer.Exit(EXIT_SOME_INPUTS_BAD if done else EXIT_NOTHING_DONE)
    raise typer.Exit(EXIT_OK)


_EVERY_HELP = "Keep going, one round every INTERVAL (30s, 15m, 1h) until Ctrl-C; default: one round."


@app.command()
def fetch(
    urls: list[str] = typer.Argument(..., help="Article URLs."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    every: str | None = typer.Option(None, "--every", help=_EVERY_HELP),
    batch_size: int = typer.Option(20, help="Articles per transaction."),
    config: Path | None = typer.Option(None, "--config", help=_CONFIG_HELP),
) -> None:
    """Fetch article pages politely and store them as ``ingest`` does (a known URL whose text
    changed is stored as a new version)."""
    _run("fetch", urls, db, config, every, batch_size)


@app.command()
def follow(
    sources: list[str] = typer.Argument(..., help="RSS/Atom feeds, sitemaps, or sites (their feeds are found "
                                        "on the home page)."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    every: str | None = typer.Option(None, "--every", help=_EVERY_HELP),
    batch_size: int = typer.Option(20, help="Articles per transaction."),
    config: Path | None = typer.Option(None, "--config", help=_CONFIG_HELP),
) -> None:
    """Follow feeds and sites: fetch the articles they list, politely (robots.txt, a delay per
    host, conditional requests), and store them as ``ingest`` does."""
    _run("follow", sources, db, config, every, batch_size)


def revisions_record(url: str, versions, found, series) -> dict:
    from ..render.jsonout import evidence_dict

    def point(p):
        return {"value": str(p.value) if p.value is not None else None, "article": p.article,
                "published": p.published.isoformat() if p.published else None, "evidence": evidence_dict(p.evidence)}

    return {
        "url": url,
        "versions": [{"number": n, "stored_at": at, "id": a.id, "title": a.title,
                      "published": a.published and a.published.isoformat(),
                      "modified": a.modified and a.modified.isoformat(), "partial": a.partial}
                     for n, at, a in versions],
        "revisions": [{"number": r.number, "previous": r.previous, "stored_at": r.stored_at,
                       "changes": [{"kind": c.kind, "what": c.what, "about": c.about,
                                    "before": c.before and evidence_dict(c.before),
                                    "after": c.after and evidence_dict(c.after)} for c in r.changes]}
                      for r in found],
        "series": [{"about": s.about, "points": [point(p) for p in s.points]} for s in series],
    }


@app.command()
def revisions(
    url: str = typer.Argument(..., help="The article's URL (any form: tracking parameters are ignored) or id."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """What changed between the stored versions of an article, fact by fact."""
    from ..live.revisions import figure_series
    from ..live.revisions import revisions as find_revisions

    if fmt not in ("text", "json"):
        err_console.print(f"[red]error:[/red] --format {fmt!r}: choose text or json")
        raise typer.Exit(EXIT_NOTHING_DONE)
    store = _open(db)
    try:
        key = store.find_url(url)
        if key is None:
            try:
                key = store.key_of(url)
            except KeyError:
                err_console.print(f"[red]error:[/red] {url}: no stored article has this URL or id "
                                  f"(database {_db_path(db)})")
                raise typer.Exit(EXIT_NOTHING_DONE) from None
        versions = store.versions(key)
    finally:
        store.close()
    found = find_revisions(versions)
    series = figure_series(versions, found)
    if fmt == "json":
        typer.echo(dumps(revisions_record(url, versions, found, series)))
        raise typer.Exit(EXIT_OK)
    current = versions[-1][2]
    typer.echo(f"{current.url or url} ({current.outlet or 'unknown outlet'}): {len(versions)} version(s)")
    for revision in found:
        typer.echo(f"\nversion {revision.number} (stored {revision.stored_at}) against version {revision.previous}:")
        if not revision.changes:
            typer.echo("  no change of fact or statement found")
        for change in revision.changes:
            typer.echo(f"  {change.describe()}")
    for item in series:
        points = " -> ".join(f"{p.evidence.text} ({p.article.rsplit('@', 1)[-1]})" for p in item.points)
        typer.echo(f"\nseries, {item.about}: {points}")
    raise typer.Exit(EXIT_OK)
