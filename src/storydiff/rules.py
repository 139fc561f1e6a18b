"""Named heuristics: every rule that compare, verify and the temporal grammar decide with is
registered here under a name, with its family, a one-line doc and its measured effect.

Why a registry (as spaCy registers pipeline components): a rule that cannot be switched off
cannot be measured, and a finding that does not say which rule made it cannot be checked.
So each rule is one small function and one registration; a setting switches it off by name
(``[storydiff.compare] disabled_rules``); findings name the rule that made them and, for a
conflict, the vetoes it passed; and the benchmarks record which rules fired on each item so a
leave-one-rule-out table re-runs only the items a rule touched.

A rule run is scoped with :func:`rule_run` (a context variable, so two comparisons in two
threads of the web app do not share switches or records)::

    with rule_run(disabled={"compare.veto.eventless_head"}) as run:
        findings = compare_annotated(annotated)
    run.fired  # names of the rules that fired, vetoes included

Inside a stage, a veto is asked with :func:`veto`, a finder is run with :func:`find` and any
other rule checks :func:`enabled` and reports itself with :func:`fired`.
"""

from __future__ import annotations

import difflib
import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import StorydiffError

# What each family of rules does, and the signature its functions share.
FAMILIES: dict[str, str] = {
    "compare.veto": "drops a candidate conflict between two aligned values: (pair, context) -> bool, "
                    "True vetoes",
    "compare.finder": "finds conflicts that no pair of typed values shows: (context) -> findings",
    "compare.judge": "decides how two values relate or which values may be compared",
    "verify.check": "judges a derived text's statements against its source: (context) -> judgements",
    "verify.veto": "drops a candidate contradiction of a derived statement",
    "temporal.pattern": "a pattern of the date grammar that turns a match into TIMEX3 candidates",
    "live.paywall": "says a fetched article's text is cut off by a paywall: (article, page, outlet "
                    "lengths) -> reason or None",
    "live.revision": "reads a sentence added to a revised article: (sentence) -> bool",
}

# Modules that register rules; imported on demand so that naming an unknown rule, listing the
# rules or generating their docs sees every one of them.
RULE_MODULES = (
    "storydiff.compare",
    "storydiff.align",
    "storydiff.verify",
    "storydiff.annotate.temporal",
    "storydiff.live.metadata",
    "storydiff.live.revisions",
)

F = TypeVar("F", bound=Callable[..., Any])


class UnknownRule(StorydiffError):
    """A setting names a rule that is not registered."""


@dataclass(frozen=True)
class Rule:
    """One named heuristic."""

    name: str
    family: str
    doc: str
    effect: str
    func: Callable[..., Any] | None = field(default=None, compare=False, repr=False)


_REGISTRY: dict[str, Rule] = {}


def register(name: str, family: str, *, effect: str = "", doc: str | None = None) -> Callable[[F], F]:
    """Register the decorated function as the rule ``name`` of ``family``.

    ``doc`` defaults to the first line of the function's docstring; ``effect`` is the measured
    effect of the rule (which benchmark, what changed), as the leave-one-rule-out table gives it.
    """
    if family not in FAMILIES:
        raise ValueError(f"rule {name!r}: unknown family {family!r} (one of {', '.join(FAMILIES)})")

    def decorate(func: F) -> F:
        text = doc or (func.__doc__ or "").strip().split("\n\n")[0]
        define(name, family, " ".join(text.split()), effect=effect, func=func)
        return func

    return decorate


def define(name: str, family: str, doc: str, *, effect: str = "",
           func: Callable[..., Any] | None = None) -> Rule:
    """Register a rule that is not one function (a check written inline in a stage)."""
    if family not in FAMILIES:
        raise ValueError(f"rule {name!r}: unknown family {family!r} (one of {', '.join(FAMILIES)})")
    if not doc:
        raise ValueError(f"rule {name!r} needs a one-line doc")
    existing = _REGISTRY.get(name)
    if existing is not None and existing.func is not None and func is not None \
            and getattr(existing.func, "__qualname__", None) != getattr(func, "__qualname__", None):
        raise ValueError(f"rule {name!r} is registered twice")
    rule = Rule(name, family, doc, effect, func)
    _REGISTRY[name] = rule
    return rule


def load_all() -> None:
    """Import every module that registers rules."""
    for module in RULE_MODULES:
        importlib.import_module(module)


def get(name: str) -> Rule:
    try:
        return _REGISTRY[name]
    except KeyError:
        load_all()
        if name in _REGISTRY:
            return _REGISTRY[name]
        raise UnknownRule(_unknown_message([name])) from None


def all_rules(prefix: str = "") -> list[Rule]:
    """Every registered rule whose name starts with ``prefix`` ("compare.", "verify."), by name."""
    load_all()
    return sorted((r for r in _REGISTRY.values() if r.name.startswith(prefix)), key=lambda r: r.name)


def _unknown_message(names: Iterable[str]) -> str:
    parts = []
    for name in names:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=1)
        parts.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return ("unknown rule " + ", ".join(parts)
            + ": `storydiff rules` lists the registered rules (docs/rules.md)")


def check_names(names: Iterable[str], prefix: str = "") -> frozenset[str]:
    """The names as a set, or :class:`UnknownRule` naming every one that is not registered
    (or not under ``prefix``: a verify rule in the compare list is a mistake too)."""
    names = list(names)
    if not names:
        return frozenset()
    load_all()
    unknown = [n for n in names if n not in _REGISTRY or not n.startswith(prefix)]
    if unknown:
        raise UnknownRule(_unknown_message(unknown))
    return frozenset(names)


# --------------------------------------------------------------------------------------
# A run: which rules are off, and which fired
# --------------------------------------------------------------------------------------

@dataclass
class RuleRun:
    """Switches and records of one comparison or verification."""

    disabled: frozenset[str] = frozenset()
    fired: Counter[str] = field(default_factory=Counter)

    def is_enabled(self, name: str) -> bool:
        return name not in self.disabled


_DEFAULT = RuleRun()
_current: ContextVar[RuleRun | None] = ContextVar("storydiff_rule_run", default=None)


def current() -> RuleRun:
    run = _current.get()
    return run if run is not None else _DEFAULT


@contextmanager
def rule_run(disabled: Iterable[str] = (), *, extend: bool = True) -> Iterator[RuleRun]:
    """Run the enclosed code with ``disabled`` rules off, recording which rules fire.

    Nested runs (verify calls compare) add their switches to the enclosing run's and record
    into it too, so a benchmark that wraps ``verify`` sees the compare rules it used.
    """
    outer = _current.get()
    names = check_names(disabled)
    if outer is not None and extend:
        run = RuleRun(outer.disabled | names, outer.fired)
    else:
        run = RuleRun(names)
    token = _current.set(run)
    try:
        yield run
    finally:
        _current.reset(token)


def enabled(name: str) -> bool:
    """Whether the rule ``name`` is on in this run."""
    if name not in _REGISTRY:
        get(name)  # an unregistered name in code is a bug: fail loudly, naming it
    return current().is_enabled(name)


def fired(name: str) -> None:
    """Record that the rule ``name`` decided something in this run."""
    current().fired[name] += 1


def veto(name: str, *args: Any, **kwargs: Any) -> bool:
    """Ask the veto ``name``: True drops the candidate. A switched-off veto never drops."""
    rule = get(name)
    if not current().is_enabled(name):
        return False
    assert rule.func is not None, f"veto {name} has no function"
    if rule.func(*args, **kwargs):
        fired(name)
        return True
    return False


def find(name: str, *args: Any, **kwargs: Any) -> list[Any]:
    """Run the finder ``name``: its findings, each marked with the rule's name, or [] when off."""
    rule = get(name)
    if not current().is_enabled(name):
        return []
    assert rule.func is not None, f"finder {name} has no function"
    found = list(rule.func(*args, **kwargs))
    if found:
        fired(name)
        for item in found:
            if hasattr(item, "rule") and not getattr(item, "rule", None):
                item.rule = name
    return found


# --------------------------------------------------------------------------------------
# The rule list as documentation (docs/rules.md), generated so that it never drifts
# --------------------------------------------------------------------------------------

DOCS_PATH = "docs/rules.md"
_STAGES = {
    "compare": "`storydiff compare`: what the sources of one story agree on and where they conflict.",
    "verify": "`storydiff verify`: whether a derived text is faithful to its source.",
    "temporal": "The date grammar of the annotator (TIMEX3 values), which compare and verify read.",
}


def as_dict(rule: Rule) -> dict[str, str]:
    return {"name": rule.name, "family": rule.family, "doc": rule.doc, "effect": rule.effect}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "–"


def markdown() -> str:
    """docs/rules.md: every registered rule by stage and family, with its doc and measured effect."""
    rules = all_rules()
    lines = [
        "# Rules",
        "",
        "Every heuristic that compare, verify and the date grammar decide with is a named rule",
        "(`src/storydiff/rules.py`). This page is generated from the registry: regenerate it with",
        f"`storydiff rules --format md --output {DOCS_PATH}` (`tests/test_rules.py` fails when it",
        "is out of date). Findings name the rule that made them (`rule`) and, for a conflict, the",
        "vetoes it passed (`vetoes_passed`).",
        "",
        "Switch a rule off by name in the settings file given with `--config`:",
        "",
        "```toml",
        "[storydiff.compare]",
        'disabled_rules = ["compare.finder.spelling"]',
        "",
        "[storydiff.verify]",
        "disabled_rules = []",
        "```",
        "",
        "or in the environment: `STORYDIFF_COMPARE_DISABLED_RULES=compare.finder.spelling,compare.veto.small_count`",
        "(`STORYDIFF_VERIFY_DISABLED_RULES` for verify). An unknown name is refused, named.",
        "The measured effects are those of the leave-one-rule-out tables in `benchmarks/RESULTS.md`.",
    ]
    for stage, about in _STAGES.items():
        lines += ["", f"## {stage}", "", about]
        staged = [r for r in rules if r.name.split(".")[0] == stage]
        if not staged:
            lines += ["", "No rules registered yet."]
            continue
        for family, what in FAMILIES.items():
            members = [r for r in staged if r.family == family]
            if not members:
                continue
            what = _cell(what)
            lines += ["", f"### {family}", "", what[:1].upper() + what[1:] + ".", "",
                      "| rule | what it does | measured effect |", "|---|---|---|"]
            lines += [f"| `{r.name}` | {_cell(r.doc)} | {_cell(r.effect)} |" for r in members]
    return "\n".join(lines) + "\n"


__all__ = ["Rule", "RuleRun", "UnknownRule", "FAMILIES", "register", "define", "get", "all_rules",
           "check_names", "rule_run", "current", "enabled", "fired", "veto", "find", "load_all",
           "as_dict", "markdown", "DOCS_PATH"]


if __name__ == "__main__":  # python -m storydiff.rules docs  ->  the text of docs/rules.md
    import sys

    # Run as __main__, this file is a second copy of the module: the registry is the package's.
    from storydiff.rules import markdown as _package_markdown

    if sys.argv[1:] != ["docs"]:
        sys.exit("usage: python -m storydiff.rules docs > docs/rules.md")
    sys.stdout.write(_package_markdown())
