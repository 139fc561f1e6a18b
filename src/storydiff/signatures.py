"""MinHash signatures as plain integers, the form the store keeps them in.

The feeder stores each article's MinHash (``wire.WireDetector.signature``) so that a
restarted ingest rebuilds its LSH index from the store instead of re-reading every text:
recomputing costs about 0.6 ms an article (word shingles in Python), 2 minutes for the
200,000-article window, against 13 µs to rebuild one from its stored values (measured on
the 2,041 visible articles). A signature is stored as what it is, ``num_perm`` unsigned
32-bit hash values, little-endian: never a pickled object, since opening someone's database
must not run code (issue 19).

rensa builds an ``RMinHash`` only from tokens or from its own state (``__setstate__``: a
plain serde struct of ``num_perm``, ``seed`` and the values as varints after a fixed
header, decoded in Rust, which can run no code). So the state is written from the stored
values, in the layout read off the state rensa writes for a fresh signature, and the layout
is checked once per (``num_perm``, ``seed``) against a real signature's own state. Where it
does not match (another rensa version), ``rebuild`` gives None and the caller recomputes the
signature from the article's text: slower, never wrong.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

_EMPTY = 0xFFFFFFFF  # rensa's value of a permutation no token reached


def pack(minhash: object) -> bytes:
    """The stored form of a MinHash: its hash values as little-endian uint32."""
    values = minhash.digest()  # type: ignore[attr-defined]
    return struct.pack(f"<{len(values)}I", *values)


def _varint(number: int) -> bytes:
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)


def _encode(rows: np.ndarray) -> list[bytes]:
    """Each row of hash values as unsigned LEB128 varints, one after the other: all rows at
    once in numpy, one 7-bit group at a time over every value (a Python loop over 126 values
    took 0.45 ms a signature, as long as recomputing it from the text; numpy over an (N, 5)
    array of groups, 80 µs, its inner loops five long)."""
    import numpy as np

    flat = rows.reshape(-1).astype(np.uint32, copy=False)
    more = [flat >= np.uint32(1 << bits) for bits in (7, 14, 21, 28)]  # a value needs group k + 1
    sizes = np.ones(flat.size, dtype=np.intp)
    for needed in more:
        sizes += needed
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.empty(int(ends[-1]) if flat.size else 0, dtype=np.uint8)
    for k in range(5):
        group = (flat >> np.uint32(7 * k)) & np.uint32(0x7F)
        if k < 4:
            group |= more[k].astype(np.uint32) << np.uint32(7)
        present = sizes > k
        # the low byte of each group through a view: numpy's narrowing cast costs 40 additions
        out[starts[present] + k] = group.astype("<u4", copy=False).view(np.uint8)[::4][present]
    data = out.tobytes()
    row_ends = ends.reshape(rows.shape)[:, -1].tolist()
    return [data[start:end] for start, end in zip([0, *row_ends[:-1]], row_ends, strict=False)]


@lru_cache(maxsize=8)
def _prefix(num_perm: int, seed: int) -> bytes | None:
    """What precedes the values in rensa's state of a signature with these settings, or None
    when rensa's layout is not the one expected."""
    import numpy as np
    import rensa

    fresh = rensa.RMinHash(num_perm=num_perm, seed=seed).__getstate__()
    tail = _varint(num_perm) + _varint(_EMPTY) * num_perm
    probe = rensa.RMinHash(num_perm=num_perm, seed=seed)
    probe.update(["storydiff checks the layout", "of a signature with values"])
    prefix = fresh[:-len(tail)]
    if (not fresh.endswith(tail) or prefix + _varint(num_perm) + _encode(np.array([probe.digest()]))[0]
            != probe.__getstate__()):
        logger.warning("rensa %s writes MinHash states in another layout than storydiff expects: stored "
                       "signatures are recomputed from the article texts", getattr(rensa, "__version__", ""))
        return None
    return prefix


def rebuild(blobs: Sequence[bytes | None], num_perm: int, seed: int) -> list[object | None]:
    """The ``RMinHash`` each stored signature holds, or None for one that must be recomputed
    from its article's text: a blob that is not ``num_perm`` values (a pickle-era signature
    cleared by migration 7, or one made under other settings), or every one under a rensa
    whose state this cannot write."""
    import numpy as np
    import rensa

    prefix = _prefix(num_perm, seed)
    found: list[object | None] = [None] * len(blobs)
    good = {i: bytes(blob) for i, blob in enumerate(blobs) if blob is not None and len(blob) == 4 * num_perm}
    if prefix is None or not good:
        return found
    rows = np.frombuffer(b"".join(good.values()), dtype="<u4").reshape(len(good), num_perm)
    head = prefix + _varint(num_perm)
    for i, encoded in zip(good, _encode(rows), strict=False):
        minhash = rensa.RMinHash(num_perm=num_perm, seed=seed)
        minhash.__setstate__(head + encoded)
        found[i] = minhash
    return found


__all__ = ["pack", "rebuild"]
