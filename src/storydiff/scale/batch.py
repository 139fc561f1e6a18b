"""Batch annotation of a store's articles: in this process, or over Dask workers.

The client reads the articles still to annotate (story by story, prepared as ``show``
prepares them), cuts them into partitions that never split a story, and sends each
partition to a worker; a worker parses and annotates it with its one spaCy model and
returns records; only the client writes them to the store, a batch per transaction. A
partition that fails is retried (``retries``) and, if it still fails, reported by number
and articles while the others go on; its articles stay unannotated, so running the command
again picks up exactly them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..annotate.nlp import load_nlp
from ..annotate.stored import annotate_records, context_key, ensure_tables, model_identity, parse_key, write_records
from ..model import Article
from ..settings import Settings, default_settings

log = logging.getLogger(__name__)

# Fault injection for the retry test (tests/scale/test_batch.py), as STORYDIFF_FAULT_KILL_AT
# is for ingest: "N:FOLDER" makes partition N fail on its first attempt only (a marker file
# in FOLDER remembers the attempt across worker processes), so a retry has to recover it.
FAULT_ONCE = "STORYDIFF_FAULT_PARTITION_ONCE"


@dataclass
class Failure:
    partition: int
    articles: list[str]
    error: str

    def describe(self) -> str:
        shown = ", ".join(self.articles[:5]) + (" …" if len(self.articles) > 5 else "")
        return (f"partition {self.partition} ({len(self.articles)} articles: {shown}) failed after its "
                f"retries: {self.error}; its articles were left unannotated, run the command again for them")


@dataclass
class BatchReport:
    articles: int = 0  # annotated and stored
    partitions: int = 0
    failed: list[Failure] = field(default_factory=list)
    dashboard: str | None = None
    seconds: float = 0.0
    startup: float = 0.0  # of ``seconds``: starting or reaching the cluster and loading the model in each worker
    timings: dict[str, float] = field(default_factory=dict)  # summed over partitions


def annotate_partition(number: int, articles: list[Article], model: str, with_quotes: bool
                       ) -> tuple[int, list, dict]:
    """(partition number, records, seconds spent per step) of one partition: the task."""
    fault = os.environ.get(FAULT_ONCE, "")
    if fault.split(":", 1)[0] == str(number):
        marker = Path(fault.split(":", 1)[1]) / f"partition-{number}"
        if not marker.exists():
            marker.touch()
            raise RuntimeError(f"injected fault in partition {number} ({FAULT_ONCE})")
    timings: dict[str, float] = {}
    records = annotate_records(articles, load_nlp(model), with_quotes=with_quotes, timings=timings)
    return number, records, timings


def partitions(store: Any, nlp: Any, size: int, *, with_quotes: bool = False) -> list[list[Article]]:
    """The stored articles whose annotation is not stored yet, prepared story by story as
    ``show`` prepares them (dates inferred across the story), in partitions of about
    ``size`` articles; a story is never split."""
    from ..annotate.stored import stored_annotations, stored_parses
    from ..prepare import prepare

    if not ensure_tables(store):
        from ..errors import StoreError

        raise StoreError(f"{store.path}: the store has no annotation tables (schema migration 6); "
                         "open it with this storydiff's ingest or refresh to migrate it")
    model = model_identity(nlp)
    parts: list[list[Article]] = [[]]
    for summary in sorted(store.list_stories(), key=lambda s: s.id):
        articles = prepare(store.story_articles(summary.id))
        keys = [parse_key(model, a) for a in articles]
        contexts = [context_key(a, with_quotes) for a in articles]
        parsed = stored_parses(store, model, keys)
        done = stored_annotations(store, [(k, c) for k, c in zip(keys, contexts, strict=True) if k in parsed])
        todo = [a for a, k, c in zip(articles, keys, contexts, strict=True) if (k, c) not in done]
        if not todo:
            continue
        if len(parts[-1]) >= size:
            parts.append([])
        parts[-1].extend(todo)
    return [part for part in parts if part]


def annotate_batch(store: Any, *, workers: int | None = None, scheduler: str | None = None,
                   partition_size: int = 50, batch_size: int = 200, with_quotes: bool = False,
                   retries: int = 2, dashboard: str = "127.0.0.1:8787", settings: Settings | None = None,
                   say: Callable[[str], None] = print, progress: Callable[[int, int], None] | None = None
                   ) -> BatchReport:
    """Annotate every stored article not annotated yet. ``workers=0`` (and no scheduler): in
    this process; otherwise over Dask, a ``LocalCluster`` of ``workers`` processes (all cores
    when None) or the scheduler at ``scheduler``. ``progress(done, total)`` after each partition."""
    settings = settings or default_settings()
    started = time.perf_counter()
    nlp = load_nlp(settings.spacy_model)
    parts = partitions(store, nlp, partition_size, with_quotes=with_quotes)
    report = BatchReport(partitions=len(parts))
    total = sum(len(part) for part in parts)
    waiting: list = []

    def take(records: list, timings: dict, *, flush: bool = False) -> None:
        for name, seconds in timings.items():
            report.timings[name] = report.timings.get(name, 0.0) + seconds
        waiting.extend(records)
        if waiting and (flush or len(waiting) >= batch_size):
            begun = time.perf_counter()
            report.articles += write_records(store, waiting)
            report.timings["store"] = report.timings.get("store", 0.0) + time.perf_counter() - begun
            waiting.clear()

    def failed(number: int, exc: BaseException) -> None:
        report.failed.append(Failure(number, [a.id for a in parts[number]], f"{type(exc).__name__}: {exc}"))

    done = 0
    if workers == 0 and scheduler is None:
        for number, part in enumerate(parts):
            for attempt in range(retries + 1):
                try:
                    _, records, timings = annotate_partition(number, part, settings.spacy_model, with_quotes)
                except Exception as exc:  # noqa: BLE001 - reported with its partition
                    if attempt == retries:
                        failed(number, exc)
                    else:
                        log.info("partition %d failed (%s: %s): retried (%d of %d)", number,
                                 type(exc).__name__, exc, attempt + 1, retries)
                    continue
                take(records, timings)
                break
            done += len(part)
            if progress:
                progress(done, total)
    else:
        _over_dask(parts, report, settings.spacy_model, with_quotes=with_quotes, workers=workers,
                   scheduler=scheduler, retries=retries, dashboard=dashboard, say=say,
                   take=take, failed=failed, progress=progress, total=total)
    take([], {}, flush=True)
    report.seconds = time.perf_counter() - started
    return report


def _over_dask(parts, report, model, *, with_quotes, workers, scheduler, retries, dashboard, say, take,
               failed, progress, total) -> None:
    import uuid

    from distributed import Client, LocalCluster, as_completed

    from .worker import SpacyModel

    begun = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        # loopback only; one thread per worker: spaCy's parse holds the GIL, so a second
        # thread in one process would only wait for it
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=dashboard, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.register_plugin(SpacyModel(model))  # returns when every worker has loaded it
        report.startup = time.perf_counter() - begun
        report.dashboard = client.dashboard_link
        say(f"Dask dashboard: {report.dashboard}")
        run = uuid.uuid4().hex[:8]
        futures = {client.submit(annotate_partition, number, part, model, with_quotes, retries=retries,
                                 key=f"storydiff-annotate-{run}-{number}", pure=False): number
                   for number, part in enumerate(parts)}
        done = 0
        for future in as_completed(futures):
            number = futures[future]
            try:
                _, records, timings = future.result()
            except Exception as exc:  # noqa: BLE001 - reported with its partition
                failed(number, exc)
            else:
                take(records, timings)
            future.release()
            done += len(parts[number])
            if progress:
                progress(done, total)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
