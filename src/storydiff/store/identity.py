"""When two articles are the same article: the store keeps each once, by normalised content
and by URL (``storydiff ingest`` also folds repeats within one input by ``content_key``)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Article

_TRACKING = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid",
             "gclid", "ocid", "cmpid", "ref", "smid")


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: no scheme, ``www.``, fragment, tracking
    parameters or trailing slash, host lower-cased."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() not in _TRACKING))
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, ""))[2:]


def content_key(article: Article) -> str:
    """Identity of an article's content: whitespace and case folded, so a re-saved copy of
    the same report is recognised as the same article."""
    folded = re.sub(r"\s+", " ", f"{article.title or ''}\n{article.text}").strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


__all__ = ["content_key", "url_key"]
