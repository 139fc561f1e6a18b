"""py3langid's language model (the detector ``storydiff.language`` asks), kept uncompressed in
the user's cache directory.

py3langid ships its model LZMA-compressed (4.6 MB, 68 MB inside); decompressing and parsing it
cost 0.6 CPU s of every ``storydiff compare``, which asks the detector about a few thousand
bytes (benchmarks/results/cold_start.md). The prepared file holds the same six arrays, each in
NumPy's ``.npy`` layout one after another, and is memory-mapped: the detector reads the pages
it visits. The arrays are the package's own, value for value, so the detector answers as
before. A header naming an object dtype (the one ``.npy`` content that could hold a pickle) is
refused.
"""

from __future__ import annotations

import lzma
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .cache import cached_file
from .progress import loading

# the arrays of py3langid's model file, in the order the prepared file holds them
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _packaged_model() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def _build(path: Path) -> None:
    # as py3langid.modelio.load_model reads it: the LZMA stream through a temporary file
    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(_packaged_model()) as packed:
            shutil.copyfileobj(packed, unpacked, length=1 << 20)
        unpacked.seek(0)
        with np.load(unpacked, allow_pickle=False) as model, path.open("wb") as out:
            for name in _ARRAYS:
                np.save(out, model[name], allow_pickle=False)


def _mapped(path: Path) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    with path.open("rb") as handle:
        for name in _ARRAYS:
            version = np.lib.format.read_magic(handle)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) \
                else np.lib.format.read_array_header_2_0
            shape, fortran_order, dtype = read_header(handle)
            if dtype.hasobject:
                raise ValueError(f"{path}: array {name!r} holds Python objects; delete the file to rebuild it")
            offset = handle.tell()
            arrays[name] = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape,
                                     order="F" if fortran_order else "C")
            handle.seek(offset + arrays[name].nbytes)
    return arrays


@lru_cache(maxsize=1)
def language_identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` over its bundled model, normalised probabilities."""
    from py3langid.langid import LanguageIdentifier

    with loading("the language detector"):
        path = cached_file("langid-model", ("py3langid", "numpy"), ".npy", _build)
        if path is None:  # no writable cache: the package's own (slow) loader
            return LanguageIdentifier.from_model_file(_packaged_model(), norm_probs=True)
        model = _mapped(path)
        # the types py3langid.modelio.load_model gives, but the 39 MB transition table is read
        # through a memoryview of the mapped file (indexing it gives the same ints) instead of
        # being copied into an array
        return LanguageIdentifier(
            np.asarray(model["ptc"]), np.asarray(model["pc"]), model["classes"].tolist(),
            model["nextmove"].data, model["out_feat"].tolist(), norm_probs=True,
            tk_row=model["nextmove_row"].data)


__all__ = ["language_identifier"]
