"""Work beyond one process: batch annotation of a store's articles over Dask workers
(``storydiff annotate-batch``). Needs the ``scale`` extra (``pip install -e ".[scale]"``)."""

from .batch import BatchReport, annotate_batch, partitions

__all__ = ["BatchReport", "annotate_batch", "partitions"]
