"""``storydiff annotate-batch``: annotate every stored article once, over Dask workers."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_INPUTS_BAD, app, err_console
from .store_cmds import _DB_HELP, _open, _store_failed


@app.command("annotate-batch")
def annotate_batch(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler "
                                            "(tcp://host:8786); its workers need storydiff installed."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Worker processes of a local Dask "
                                          "cluster (default: one per core); 0 annotates in this process."),
    partition_size: int = typer.Option(50, "--partition-size", min=1,
                                       help="Articles per task (stories are not split)."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Articles written per transaction."),
    retries: int = typer.Option(2, "--retries", min=0, help="Times a failed partition is tried again."),
    dashboard: str = typer.Option("127.0.0.1:8787", "--dashboard", help="Address of the local cluster's "
                                  "dashboard (127.0.0.1:0 for any free port)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Parse and annotate the stored articles not annotated yet, and store the results, so that
    `show`, the web app and re-comparisons never parse them again."""
    from rich.progress import Progress

    from ..errors import StorydiffError
    from ..scale import annotate_batch as run

    note = lambda message: err_console.print(message, markup=False, highlight=False)  # noqa: E731
    store = _open(db)
    try:
        with Progress(console=err_console, disable=quiet, transient=True) as bar:
            task = bar.add_task("annotating", total=None)
            report = run(store, workers=workers, scheduler=scheduler, partition_size=partition_size,
                         batch_size=batch_size, retries=retries, dashboard=dashboard, say=note,
                         progress=lambda done, total: bar.update(task, completed=done, total=total))
    except StorydiffError as exc:
        _store_failed(exc)
    except ImportError as exc:  # Dask without the scale extra; --workers 0 needs none
        err_console.print(f"error: Dask workers need the scale extra ({exc}): pip install -e \".[scale]\", "
                          "or annotate in this process with --workers 0", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE) from exc
    except OSError as exc:  # an unreachable scheduler
        err_console.print(f"error: {scheduler or 'local cluster'}: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_NOTHING_DONE) from exc
    finally:
        store.close()
    for failure in report.failed:
        err_console.print(f"failed: {failure.describe()}", markup=False, highlight=False)
    rate = report.articles / report.seconds if report.seconds else 0.0
    note(f"annotated {report.articles} articles of {store.path} in {report.partitions} partitions "
         f"({len(report.failed)} failed) in {report.seconds:.1f} s, {rate:.1f} articles/s")
    raise typer.Exit(EXIT_SOME_INPUTS_BAD if report.failed else EXIT_OK)
