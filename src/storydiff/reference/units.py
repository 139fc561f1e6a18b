"""quantulum3, the unit reader ("40 km", "3.5 tonnes"), loaded the way this project needs it.

Two things cost time when it first loads, measured in a two-article ``storydiff compare``
(benchmarks/results/cold_start.md):

- quantulum3 pluralises its unit names with ``inflect``, whose functions carry typeguard's
  ``@typechecked``: at import typeguard re-parses inflect's 4,000-line source once per
  decorated function, 1.6 CPU s on this machine, for run-time checks of argument *types*
  that only ever raise on a wrong type. inflect is imported here with ``typechecked`` left
  out (a valid call returns the same; only misuse would go unreported), 0.07 s, and without
  importing typeguard at all when nothing else has (0.03 s more);
- its unit classifier, which is off anyway (below), but whose module imports scikit-learn
  when it can (0.95 CPU s, most of it ``scipy.stats``): quantulum3 is shown scikit-learn as
  absent while it loads, its documented way of running without the classifier.
"""

from __future__ import annotations

import sys
import types
import warnings
from functools import lru_cache
from typing import Any

from .progress import loading


def _unchecked(target: Any = None, **_options: Any) -> Any:
    return target if target is not None else (lambda function: function)


def _import_inflect_unchecked() -> None:
    if "inflect" in sys.modules:
        return
    if "typeguard" not in sys.modules:
        # inflect takes only ``typechecked`` from typeguard: a module holding just that stands
        # in for typeguard while inflect loads (an inflect that wants more falls through)
        stand_in = types.ModuleType("typeguard")
        stand_in.typechecked = _unchecked  # type: ignore[attr-defined]
        sys.modules["typeguard"] = stand_in
        try:
            import inflect
            return
        except ImportError:
            pass
        finally:
            if sys.modules.get("typeguard") is stand_in:
                del sys.modules["typeguard"]
    try:
        import typeguard
    except ImportError:  # an inflect that does not use typeguard
        return
    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked
    try:
        import inflect  # noqa: F401
    finally:
        typeguard.typechecked = checked


# What quantulum3.classifier imports for its (unused) classifier; hidden from it while it loads
# unless this process has imported them already (then they cost nothing more).
_CLASSIFIER_IMPORTS = ("joblib", "sklearn.feature_extraction.text", "sklearn.linear_model")


def _import_quantulum_without_classifier() -> None:
    hidden = [name for name in _CLASSIFIER_IMPORTS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        from quantulum3 import classifier, parser  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


@lru_cache(maxsize=1)
def quantulum_parser() -> Any:
    """quantulum3's parser with its unit classifier switched off.

    The classifier shipped in quantulum3 0.10 is a pickle that scikit-learn 1.9 cannot load
    (ModuleNotFoundError: '_loss', measured here), so we use quantulum3's documented fallback,
    the heuristic disambiguation it uses when scikit-learn is absent. Units that matter here
    (km, miles, tonnes, barrels) are unambiguous; "m" and "bn" are read by our own rules.
    """
    with loading("the unit reader"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _import_inflect_unchecked()
        _import_quantulum_without_classifier()
        from quantulum3 import classifier, parser

        classifier.USE_CLF = False
    return parser


__all__ = ["quantulum_parser"]
