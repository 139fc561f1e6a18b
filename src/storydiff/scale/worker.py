"""The Dask worker plugin: the spaCy model loaded once per worker process."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from ..annotate.nlp import load_nlp


class SpacyModel(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (or joins), once per worker process:
    ``load_nlp`` keeps it for every task that worker runs. The extractors' own data (WordNet,
    the gazetteer) too: loaded lazily, they cost the first partition of each worker tens of
    seconds on this machine (40 s of extraction for 24 articles on 2 workers, against 1 s of
    parsing)."""

    name = "storydiff-spacy-model"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        from ..annotate import load_models

        load_nlp(self.model)
        load_models()
