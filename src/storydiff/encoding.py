"""Bytes that are not valid UTF-8: which encoding to read them in, and what to tell the user.

The order matters (issue 18): charset detection on a short or mostly-UTF-8 file guesses
wrong (six bad bytes in a UTF-8 report made the whole file Mac Roman, "Pakistan‚Äôs"; a short
Latin-1 file came out as "Seńor"). So:

1. valid multi-byte UTF-8 sequences present: the file is UTF-8 with a few bad bytes; read it
   as UTF-8, each bad byte one U+FFFD, and say how many there were;
2. none, and every bad byte stands alone (a 0x80-0xFF byte that starts no UTF-8 sequence):
   the file is in a single-byte Western encoding; read it as Windows-1252 (a superset of the
   printable Latin-1) and say so;
3. otherwise: charset detection (charset-normalizer), and say which encoding it chose.
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Bad spans found by the decoder's error handler, per thread (the web app decodes in a pool).
_FOUND = threading.local()
_ERRORS = "storydiff-note-bad-bytes"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _note_bad(exc: UnicodeDecodeError) -> tuple[str, int]:
    _FOUND.spans.append((exc.start, exc.end))
    return "\ufffd" * (exc.end - exc.start), exc.end


# registered for decoding only, so the handler is only ever given a UnicodeDecodeError
codecs.register_error(_ERRORS, _note_bad)  # type: ignore[arg-type]


class Undecodable(ValueError):
    """No encoding fits the bytes (the message says what was tried)."""


@dataclass
class Decoded:
    text: str
    # None when the bytes were valid UTF-8 (or UTF-16 with a byte-order mark).
    note: str | None = None


def decode_text(raw: bytes) -> Decoded:
    """``raw`` as text, with a note for the user when it was not valid UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(raw.decode("utf-16"))
    try:
        return Decoded(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    _FOUND.spans = []
    try:
        text = raw.decode("utf-8", _ERRORS)
        spans = _FOUND.spans
    finally:
        _FOUND.spans = []
    text = text.removeprefix("\ufeff")
    bad = sum(end - start for start, end in spans)
    # every bad byte became one U+FFFD; any other non-ASCII character came from a valid
    # multi-byte sequence
    if len(_NON_ASCII.findall(text)) > bad:
        first = spans[0][0]
        return Decoded(text, f"{bad:,} byte(s) are not valid UTF-8 (the first at byte {first:,}); "
                             "each was replaced by \ufffd and the rest read as UTF-8; re-save the file "
                             "as UTF-8 to keep those characters")
    if all(end - start == 1 for start, end in spans):
        try:
            return Decoded(raw.decode("cp1252"), f"not UTF-8: read as Windows-1252 (Latin-1), a guess from "
                                                 f"{bad:,} non-ASCII byte(s); if letters look wrong, "
                                                 "convert the file to UTF-8")
        except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d)
            log.info("not UTF-8 and not Windows-1252 (an undefined byte): charset_normalizer guesses")
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    # A low-coherence guess turns bytes into nonsense words that would then be compared as
    # facts: better to refuse and say which encoding was expected.
    if best is None or best.chaos > 0.2:
        raise Undecodable(f"not valid UTF-8 (byte {spans[0][0]:,}) and no other encoding fits; "
                          "convert it to UTF-8")
    return Decoded(str(best), f"not UTF-8: read as {best.encoding} (detected by charset-normalizer); "
                              "if letters look wrong, convert the file to UTF-8")
