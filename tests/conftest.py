"""Shared fixtures. Real data lives in ../shared (beside the repository) and is read from
there at run time; tests that need it are marked ``shared`` and skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (real data beside the repository)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings

    return load_nlp(default_settings().spacy_model)
