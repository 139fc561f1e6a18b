"""The ``storydiff`` command: a thin layer over the Python API.

Each sub-command lives in its own module and registers itself on ``app``.

Exit codes: 0 success; 1 some inputs could not be read (the rest were processed);
2 usage error or nothing could be processed; 3 the database cannot be used; 4 (``verify --strict``) the derived text is unfaithful.
"""

from . import (  # noqa: F401  (registers commands)
    annotate_cmd,
    brief_cmd,  # noqa: F401  (brief)
    compare_cmd,
    live_cmds,  # noqa: F401  (fetch, follow, revisions)
    refresh_cmd,  # noqa: F401  (refresh: stored story results for the web app)
    rules_cmd,  # noqa: F401  (rules: the named heuristics)
    scale_cmd,  # noqa: F401  (annotate-batch: Dask)
    serve_cmd,  # noqa: F401  (serve: the web app)
    store_cmds,  # noqa: F401  (ingest, stories, show, cluster)
    storylines_cmd,  # noqa: F401  (storylines, storyline)
    verify_cmd,  # noqa: F401  (verify)
)
from ._app import app

__all__ = ["app"]
