"""Ingest: read files, directories and stdin into ``Article`` objects.

Formats: ``.txt`` (the first line may be the headline), ``.html``/``.htm`` (main text and
metadata by trafilatura), ``.json`` (one article, or a list), ``.jsonl`` (one article a line)
and ``-`` for stdin (format sniffed). A bad input becomes an ``InputError`` naming it; the
other inputs are still read.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InputProblem
from .model import Article, InputError

SUPPORTED = (".txt", ".text", ".html", ".htm", ".json", ".jsonl")
STDIN = "-"
MIN_HTML_WORDS = 8


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def parse_published(value: Any, source: str = "", lenient: bool = False) -> date | datetime | None:
    """Read an ISO date or datetime; None stays None. With ``lenient`` (dates inside
    records, which real feeds write in many ways: "Mar 2, 2012 12 : 30 PM") other forms
    are read by dateparser and an unreadable date becomes None rather than losing the
    article; otherwise anything but ISO is an input problem."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed
    except ValueError:
        if lenient:
            from .loose_dates import loose_date

            return loose_date(text)
        raise InputProblem(source, f"published date {text!r} is not an ISO date (YYYY-MM-DD)")


def decode(raw: bytes, source: str, max_bytes: int) -> str:
    """Bytes to text, refusing empty, huge and binary input with a message that says so."""
    if len(raw) > max_bytes:
        raise InputProblem(
            source,
            f"{len(raw):,} bytes is over the limit of {max_bytes:,}; "
            "split it or raise STORYDIFF_MAX_INPUT_BYTES",
        )
    if not raw.strip():
        raise InputProblem(source, "empty input: there is no text to read")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:  # found by fuzzing: a BOM, then not UTF-16 (odd length)
            raise InputProblem(source, f"starts as UTF-16 but is not valid UTF-16 (byte {exc.start}); "
                                       "convert it to UTF-8") from exc
    if b"\x00" in raw[:8192]:
        raise InputProblem(source, "binary data (NUL bytes): not a text, HTML or JSON file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        # A low-coherence guess turns bytes into nonsense words that would then be
        # compared as facts: better to refuse and say which encoding was expected.
        if best is None or best.chaos > 0.2:
            raise InputProblem(
                source,
                f"not valid UTF-8 (byte {exc.start}) and no other encoding fits; "
                "convert it to UTF-8",
            ) from exc
        return str(best)


def _looks_like_title(line: str, rest: str) -> bool:
    words = line.split()
    return (
        bool(rest.strip())
        and 0 < len(words) <= 25
        and not line.rstrip().endswith((".", ":", ";", ","))
        and not line.lstrip().startswith(("![", "http"))
    )


def from_plain_text(text: str, source: str, article_id: str) -> Article:
    """A plain text report; a short first line without a full stop is the headline."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():  # bytes that decode to nothing: a lone UTF-16 byte-order mark (fuzzing)
        raise InputProblem(source, "empty input: there is no text to read")
    stripped = body.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    title = None
    if _looks_like_title(first, rest):
        title = first.strip()
        body = rest
    return Article(id=article_id, text=body, original=body, title=title, source=source)


def from_html(html: str, source: str, article_id: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
    )
    # A page whose main text is a handful of words is navigation, not a report.
    if extracted is None or len((extracted.text or "").split()) < MIN_HTML_WORDS:
        raise InputProblem(source, "no article text found in the HTML (malformed or not a news page)")
    published = None
    if extracted.date:
        try:
            published = parse_published(extracted.date, source)
        except InputProblem:
            published = None
    return Article(
        id=article_id,
        text=extracted.text,
        original=extracted.text,
        title=extracted.title,
        outlet=extracted.sitename,
        url=extracted.url,
        published=published,
        source=source,
    )


def from_record(record: Any, source: str, fallback_id: str) -> Article:
    """One JSON object in the shared data format: id, title, text, url, published, outlet."""
    if not isinstance(record, dict):
        raise InputProblem(source, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    title = record.get("title")
    has_title = isinstance(title, str) and bool(title.strip())
    if text is not None and not isinstance(text, str):
        raise InputProblem(source, f"'text' must be a string, found {type(text).__name__}")
    if not (text or "").strip() and not has_title:
        raise InputProblem(source, "the record has no 'text' (or it is empty) and no 'title'")
    # A headline without a body is still a report (ECB+ has 61 of them): keep it, with an
    # empty text, rather than lose what it says.
    text = (text or "").replace("\r\n", "\n")
    return Article(
        id=str(record.get("id") or fallback_id),
        text=text,
        original=text,
        title=title.strip() if has_title else None,
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=parse_published(record.get("published"), source, lenient=True),
        source=source,
    )


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith(("{", "[")):
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:3]):
            return ".jsonl"
        return ".json"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p")):
        return ".html"
    return ".txt"


def parse_text(text: str, source: str, suffix: str, stem: str) -> Iterator[Article | InputError]:
    """Articles (or per-record errors) from one decoded input."""
    if suffix in (".html", ".htm"):
        yield from_html(text, source, stem)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputProblem(source, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, 1):
            where = source if len(records) == 1 else f"{source}[{number}]"
            try:
                yield from_record(record, where, stem if len(records) == 1 else f"{stem}-{number}")
            except InputProblem as exc:
                yield InputError(exc.source, exc.problem)
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                yield from_record(json.loads(line), where, f"{stem}-{number}")
            except json.JSONDecodeError as exc:
                yield InputError(where, f"malformed JSON at column {exc.colno}: {exc.msg}")
            except InputProblem as exc:
                yield InputError(exc.source, exc.problem)
    else:
        yield from_plain_text(text, source, stem)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Files named, files under directories named (sorted), and stdin."""
    for name in paths:
        if name == STDIN:
            yield STDIN, None
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not found:
                yield name, path  # reported as "no articles in directory" by read_one
            for child in found:
                yield str(child), child
        else:
            yield name, path


def read_one(source: str, path: Path | None, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        if path is None:
            raw = sys.stdin.buffer.read()
            text = decode(raw, "<stdin>", max_bytes)
            yield from parse_text(text, "<stdin>", _sniff(text), "stdin")
            return
        if path.is_dir():
            raise InputProblem(source, f"directory has no {', '.join(SUPPORTED)} files")
        if not path.exists():
            raise InputProblem(source, "no such file")
        size = path.stat().st_size
        if size > max_bytes:
            decode(b"x" * (max_bytes + 1), source, max_bytes)  # raises the size message
        text = decode(path.read_bytes(), source, max_bytes)
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED:
            suffix = _sniff(text)
        yield from parse_text(text, source, suffix, path.stem)
    except InputProblem as exc:
        yield InputError(exc.source, exc.problem)
    except OSError as exc:
        yield InputError(source, f"cannot be read: {exc.strerror or exc}")


def content_key(article: Article) -> str:
    """Identity of an article's content: whitespace and case folded, so a re-saved copy of
    the same report is recognised as the same article."""
    folded = re.sub(r"\s+", " ", f"{article.title or ''}\n{article.text}").strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def read_articles(
    paths: Iterable[str],
    *,
    published: dict[str, date | datetime] | date | datetime | None = None,
    outlet: dict[str, str] | str | None = None,
    max_bytes: int = 5_000_000,
) -> IngestResult:
    """Read every input; errors are collected, never raised, so one bad file stops nothing.

    ``published``/``outlet`` set metadata the input lacks: one value for all inputs, or a
    mapping from a path (or file name, or article id) to a value.
    """
    read = ((source, item) for source, path in expand_paths(paths) for item in read_one(source, path, max_bytes))
    return _collect(read, published, outlet)


def read_uploads(uploads: Iterable[tuple[str, bytes]], *, max_bytes: int = 5_000_000) -> IngestResult:
    """Read inputs given as (file name, bytes), as the web app receives them, with the same
    formats, checks and messages as files on disk."""
    def read() -> Iterator[tuple[str, Article | InputError]]:
        for name, raw in uploads:
            try:
                text = decode(raw, name, max_bytes)
                suffix = Path(name).suffix.lower()
                items = list(parse_text(text, name, suffix if suffix in SUPPORTED else _sniff(text),
                                        Path(name).stem or "article"))
            except InputProblem as exc:
                items = [InputError(exc.source, exc.problem)]
            for item in items:
                yield name, item

    return _collect(read(), None, None)


def _collect(read: Iterable[tuple[str, Article | InputError]], published, outlet) -> IngestResult:
    """Errors kept, metadata applied, duplicates skipped and ids made unique."""
    result = IngestResult()
    seen_content: dict[str, str] = {}
    seen_ids: set[str] = set()
    for source, item in read:
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        _apply_override(item, "published", published, source)
        _apply_override(item, "outlet", outlet, source)
        key = content_key(item)
        if key in seen_content:
            result.errors.append(
                InputError(item.source, f"duplicate of {seen_content[key]}: skipped")
            )
            continue
        seen_content[key] = item.source
        base, number = item.id, 2
        while item.id in seen_ids:
            item.id = f"{base}~{number}"
            number += 1
        seen_ids.add(item.id)
        result.articles.append(item)
    return result


def _apply_override(article: Article, attribute: str, given: Any, source: str) -> None:
    if given is None:
        return
    if isinstance(given, dict):
        for key in (source, Path(source).name, Path(source).stem, article.id):
            if key in given:
                setattr(article, attribute, given[key])
                return
        given = given.get("*")
        if given is None:
            return
    if getattr(article, attribute) is None:
        setattr(article, attribute, given)
