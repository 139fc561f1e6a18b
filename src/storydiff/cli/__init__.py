"""The ``storydiff`` command: a thin layer over the Python API.

Each sub-command lives in its own module and registers itself on ``app``.

Exit codes: 0 success; 1 some inputs could not be read (the rest were processed);
2 usage error or nothing could be processed; 3 the database cannot be used; 4 (``verify --strict``)
the derived text is unfaithful.
"""

# The order of these imports is the order of the commands in --help and docs/cli.md.
# isort: off
from ._app import app
from . import annotate_cmd, compare_cmd  # noqa: F401  (registers commands)
from . import store_cmds  # noqa: F401  (ingest, stories, show, cluster)
from . import brief_cmd  # noqa: F401  (brief)
from . import verify_cmd  # noqa: F401  (verify)
from . import serve_cmd  # noqa: F401  (serve: the web app)
from . import live_cmds  # noqa: F401  (fetch, follow, revisions)
from . import rules_cmd  # noqa: F401  (rules: the named heuristics)
from . import scale_cmd  # noqa: F401  (annotate-batch: Dask)
from . import storylines_cmd  # noqa: F401  (storylines, storyline)
from . import refresh_cmd  # noqa: F401  (refresh: stored story results for the web app)
# isort: on

__all__ = ["app"]
