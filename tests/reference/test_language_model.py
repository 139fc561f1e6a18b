"""The prepared language model (reference.language_model) answers as py3langid's own loader
does, and a prepared file that could hold a pickle is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storydiff.reference import language_model

TEXTS = [
    "The council voted on Tuesday to close the harbour road for repairs until the spring.",
    "Der Stadtrat hat am Dienstag beschlossen, die Hafenstraße bis zum Frühjahr zu sperren.",
    "Le conseil municipal a voté mardi la fermeture de la route du port jusqu'au printemps.",
    "El ayuntamiento votó el martes cerrar la carretera del puerto hasta la primavera.",
    "",
]


def test_the_prepared_model_answers_as_the_packaged_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))
    language_model.language_identifier.cache_clear()
    try:
        prepared = language_model.language_identifier()
        assert [p.name.split("-py3langid")[0] for p in tmp_path.iterdir()] == ["langid-model"]
        packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        for text in TEXTS:
            assert prepared.classify(text) == packaged.classify(text)
            assert prepared._decide(text).tobytes() == packaged._decide(text).tobytes()
        assert [prepared.classify(t)[0] for t in TEXTS[:4]] == ["en", "de", "fr", "es"]
    finally:
        language_model.language_identifier.cache_clear()


def test_a_prepared_file_with_objects_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.npy"
    with path.open("wb") as out:
        np.save(out, np.array([{"not": "data"}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="Python objects"):
        language_model._mapped(path)
