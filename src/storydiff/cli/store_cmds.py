"""``storydiff ingest``, ``stories``, ``show`` and ``cluster``: the store as seen from the shell."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import typer

from ..render.jsonout import dumps
from ._app import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_INPUTS_BAD, EXIT_STORE, app, err_console, settings_or_exit

_DB_HELP = "SQLite database file (default ./storydiff.db, or STORYDIFF_DATABASE)."


def _db_path(db: Path | None) -> str:
    if db is not None:
        return str(db)
    return settings_or_exit().database


_CONFIG_HELP = ("TOML settings file; its [storydiff.cluster], [storydiff.storylines] and [storydiff.wire] tables "
                "override the clustering and wire-copy settings by name.")


def _stage_settings(config: Path | None):
    from ..feed import stage_settings

    try:
        return stage_settings(settings_or_exit(config))
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        err_console.print(f"error: {config or 'settings'}: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE) from exc


def _open(db: Path | None, *, create: bool = False):
    """The store; only ``ingest`` may create one (``create``), every reader refuses a
    missing file with exit 3."""
    from ..errors import StoreError
    from ..store import open_existing, open_store

    try:
        return (open_store if create else open_existing)(_db_path(db))
    except StoreError as exc:
        _store_failed(exc)


def _store_failed(exc: Exception):
    err_console.print(f"error: {exc}", markup=False, highlight=False)
    raise typer.Exit(EXIT_STORE)


def _hold_writer_lock(store, config: Path | None) -> ExitStack:
    """Take the database's writer lock for the whole ingest (the clusterer state is loaded
    at the start and saved with each batch: two ingests at once would cluster against each
    other's stale state) and log who got it when; exit 3 naming the database after
    ``lock_timeout`` seconds of waiting. Closing the returned stack releases it."""
    from rich.markup import escape

    from ..errors import StoreError

    stack = ExitStack()
    note = lambda message: err_console.print(message, markup=False, highlight=False)  # noqa: E731
    try:
        lease = stack.enter_context(store.writer(settings_or_exit(config).lock_timeout, waiting=note))
    except StoreError as exc:
        store.close()
        err_console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_STORE) from exc
    note(lease.describe())
    return stack


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories or - (stdin): .txt, .html, .json, .jsonl."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    batch_size: int = typer.Option(200, help="Articles per transaction (a crash loses at most one batch, "
                                   "which the next run stores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    config: Path | None = typer.Option(None, "--config", help=_CONFIG_HELP),
) -> None:
    """Store articles, grouping them into stories and wire groups as they arrive.

    Idempotent: an article already stored (same normalised content, or same URL) is skipped,
    so re-running after an interruption stores only what is missing.
    """
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..clean import clean_article
    from ..errors import StoreError
    from ..feed import Feeder, storyline_settings
    from ..ingest import IngestResult, expand_paths, iter_articles
    from .options import report_warnings

    cluster_settings, wire_settings = _stage_settings(config)
    settings = settings_or_exit(config)
    store = _open(db, create=True)
    writer = _hold_writer_lock(store, config)
    errors, warnings, stored, duplicates = [], [], 0, 0
    try:
        feeder = Feeder(store, cluster_settings, wire_settings, storyline_settings(settings))
        files = list(expand_paths(paths))
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=err_console, disable=quiet, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for source, _path in files:
                # One file at a time, its articles streamed to the store in batches: memory is
                # bounded by a batch and the largest record, whatever the length of a feed.
                read = IngestResult()
                articles = (clean_article(article) for article in iter_articles(
                    [source], max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars,
                    result=read))
                sub = progress.add_task(f"  {escape(Path(source).name)}", total=None)
                report = feeder.feed(articles, batch_size=batch_size,
                                     progress=lambda n: progress.advance(sub, n))  # noqa: B023 (called in this iteration)
                progress.remove_task(sub)
                for error in read.errors:
                    if "duplicate of" in error.message:
                        duplicates += 1
                    else:
                        errors.append(error)
                warnings += read.warnings
                stored += report.stored
                duplicates += len(report.duplicates)
                errors.extend(report.errors)
                progress.advance(task)
            feeder.settle()  # the ingest's end: its last articles looked at again (Feeder.settle)
    except StoreError as exc:
        _store_failed(exc)
    finally:
        writer.close()
        store.close()
    report_warnings(warnings)
    for error in errors:
        err_console.print(f"[yellow]skipped[/yellow] {escape(error.source)}: {escape(error.message)}")
    err_console.print(f"stored {stored} new article(s); {duplicates} already stored; "
                      f"{len(errors)} could not be read; database {escape(_db_path(db))}")
    if errors:
        raise typer.Exit(EXIT_SOME_INPUTS_BAD if stored or duplicates else EXIT_NOTHING_DONE)
    raise typer.Exit(EXIT_OK)


@app.command()
def stories(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    limit: int = typer.Option(50, help="Show at most this many stories (largest first); 0 for all."),
    min_size: int = typer.Option(1, help="Only stories with at least this many articles."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per story instead of a table."),
) -> None:
    """List stories: size, independent sources, time span, title."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..errors import StoreError

    store = _open(db)
    try:
        found = store.list_stories(limit=limit or None, min_size=min_size)
    except StoreError as exc:
        _store_failed(exc)
    finally:
        store.close()
    if as_json:
        for story in found:
            print(dumps(story.as_record(), compact=True))
        return
    table = Table("story", "articles", "sources", "from", "to", "title")
    for story in found:
        table.add_row(str(story.id), str(story.size), str(story.sources),
                      story.first.isoformat() if story.first else "", story.last.isoformat() if story.last else "",
                      story.title or (f"[dim]{escape(story.lead)}[/dim]" if story.lead else ""))
    Console().print(table)


@app.command()
def show(
    story: int = typer.Argument(..., help="Story number, as listed by `storydiff stories`."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format of the comparison."),
    copies: bool = typer.Option(False, "--copies", help="Compare wire copies too (by default only the "
                                "likely original of each wire group, one article per independent source)."),
    brief: bool | None = typer.Option(None, "--brief/--no-brief",
                                         help="Add the cited brief and timeline (default: in html only)."),
) -> None:
    """Compare the sources of one stored story, as `storydiff compare` does."""
    from ..errors import StorydiffError
    from ..store import story_sources

    store = _open(db)
    try:
        merged = store.merged_into("event", story)  # a merged event's number still leads somewhere
        if merged is not None:
            err_console.print(f"story {story} was merged into {merged}", markup=False, highlight=False)
            story = merged
        articles, left_out = story_sources(store, story, copies=copies)
        versions = {a.id: store.versions(store.key_of(a.id)) for a in articles}  # revised sources
        if left_out:
            err_console.print(f"{left_out} wire copies left out (--copies to include them)")
    except StorydiffError as exc:
        _store_failed(exc)
    finally:
        store.close()
    if not articles:
        err_console.print(f"error: no story {story} in {_db_path(db)}; `storydiff stories` lists them",
                          markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE)
    # Imported here: compare and render are separate stages that need not be loaded to store.
    from ..pipeline import compare_story
    from ..render import render
    from .options import report_warnings

    try:
        with _open(db) as annotations:  # each article's parse is read from the store, or kept there
            run = compare_story(articles, brief=brief if brief is not None else fmt == "html", store=annotations)
    except StorydiffError as exc:
        err_console.print(f"error: story {story}: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE) from exc
    comparison, story_brief = run.compared(), run.brief
    report_warnings(comparison.warnings)
    from ..live.revisions import corrected_conflicts, with_corrections

    corrected = corrected_conflicts(comparison.articles, versions, comparison.findings)
    print(with_corrections(render(comparison, fmt, story_brief), fmt, corrected))


@app.command()
def cluster(
    file: Path = typer.Argument(
        ..., help="A .jsonl file in the stories/ format (id, title, text, url, published, outlet)."),
    stream: bool = typer.Option(False, "--stream", help="Feed articles one by one in publication order with "
                                "IDF learnt as they come (as ingest does) instead of IDF from the whole file."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    config: Path | None = typer.Option(None, "--config", help=_CONFIG_HELP),
) -> None:
    """Group the articles of one file into stories and wire groups, without a database.

    Writes one JSON line per article: {"id": ..., "story": ..., "wire_group": ...}; the wire
    group is named by the id of its likely original.
    """
    from ..pipeline import cluster_file

    cluster_settings, wire_settings = _stage_settings(config)
    if not file.exists():
        err_console.print(f"error: {file}: no such file", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE)
    clustered = cluster_file(file, cluster_settings, wire_settings, stream=stream)
    for problem in clustered.skipped:
        err_console.print(f"skipped {problem}", markup=False)
    if not clustered.ids:
        err_console.print(f"error: {file}: no readable article", markup=False)
        raise typer.Exit(EXIT_NOTHING_DONE)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for record in clustered.records():
            out.write(dumps(record, compact=True) + "\n")
    finally:
        if output:
            out.close()
    if clustered.skipped:
        raise typer.Exit(EXIT_SOME_INPUTS_BAD)
