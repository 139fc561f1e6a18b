"""Ingest: read files, directories and stdin into ``Article`` objects.

Formats: ``.txt`` (the first line may be the headline), ``.html``/``.htm`` (main text and
metadata by trafilatura), ``.json`` (one article, or a list), ``.jsonl`` (one article a line)
and ``-`` for stdin (format sniffed). A bad input becomes an ``InputError`` naming it; the
other inputs are still read.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from .encoding import Decoded, Undecodable, decode_text
from .errors import InputProblem
from .model import Article, InputError, InputWarning
from .store.identity import content_key  # the store's identity of an article, kept importable here

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".text", ".html", ".htm", ".json", ".jsonl")
STDIN = "-"
MIN_HTML_WORDS = 8


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    # ``--published NAME=``/``--outlet NAME=`` names that matched no input (a typo to refuse)
    unmatched: list[str] = field(default_factory=list)


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

            read = loose_date(text)
            log.info("%s: published date %r is not ISO: read as %s by dateparser", source or "input", text,
                     read or "no date (the article is kept undated)")
            return read
        raise InputProblem(source, f"published date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def too_big(size: int, source: str, max_bytes: int, what: str = "") -> InputProblem:
    """The size refusal, with the real size (a 52.7 MB file is not "5,000,001 bytes")."""
    return InputProblem(source, f"{what}{size:,} bytes is over the limit of {max_bytes:,}; "
                                "split it or raise STORYDIFF_MAX_INPUT_BYTES")


def decode(raw: bytes, source: str, max_bytes: int) -> Decoded:
    """Bytes to text, refusing empty, huge and binary input with a message that says so;
    ``Decoded.note`` says how bytes that were not valid UTF-8 were read (``encoding``)."""
    if len(raw) > max_bytes:
        raise too_big(len(raw), source, max_bytes)
    if not raw.strip():
        raise InputProblem(source, "empty input: there is no text to read")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw.decode("utf-16")
        except UnicodeDecodeError as exc:  # found by fuzzing: a BOM, then not UTF-16 (odd length)
            raise InputProblem(source, f"starts as UTF-16 but is not valid UTF-16 (byte {exc.start}); "
                                       "convert it to UTF-8") from exc
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblem(source, "binary data (NUL bytes): not a text, HTML or JSON file")
    try:
        return decode_text(raw)
    except Undecodable as exc:
        raise InputProblem(source, str(exc)) from exc


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


def from_html(html: str, source: str, article_id: str, *, url: str | None = None,
              date_params: dict | None = None) -> Article:
    """An HTML page's main text and metadata (trafilatura); ``url`` the page's address (a
    ``rel=canonical`` overrides it), ``date_params`` passed to htmldate (storydiff.live)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=date_params,
    )
    assert not isinstance(extracted, dict)  # a trafilatura Document (as_dict is off)
    # A page whose main text is a handful of words is navigation, not a report.
    if extracted is None or len((text := extracted.text or "").split()) < MIN_HTML_WORDS:
        raise InputProblem(source, "no article text found in the HTML (malformed or not a news page)")
    published = None
    if extracted.date:
        try:
            published = parse_published(extracted.date, source)
        except InputProblem as exc:
            log.info("%s: the page's date is left out, the article is undated: %s", source, exc.problem)
            published = None
    return Article(
        id=article_id,
        text=text,
        original=text,
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
    title = title.strip() if isinstance(title, str) and title.strip() else None
    has_title = title is not None
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
        title=title,
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=parse_published(record.get("published"), source, lenient=True),
        source=source,
    )


def _looks_like_jsonl(first: str, second: str | None) -> bool:
    """One article a line: the first line is a JSON object by itself, or it and the next
    both open one (the first may be the bad record of the feed). A pretty-printed JSON
    document opens with a line that is not a whole object."""
    if not first.lstrip().startswith("{") or second is None:
        return False
    if second.lstrip().startswith("{"):
        return True
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith(("{", "[")):
        lines = [line for line in text.splitlines()[:1000] if line.strip()][:2]
        return ".jsonl" if _looks_like_jsonl(lines[0], lines[1] if len(lines) > 1 else None) else ".json"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p")):
        return ".html"
    return ".txt"


def _jsonl_record(line: str, where: str, fallback_id: str) -> Article | InputError:
    try:
        return from_record(json.loads(line), where, fallback_id)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON at column {exc.colno}: {exc.msg}")
    except RecursionError:
        return InputError(where, "JSON nested too deeply to read")
    except InputProblem as exc:
        return InputError(exc.source, exc.problem)


def parse_text(text: str, source: str, suffix: str, stem: str) -> Iterator[Article | InputError]:
    """Articles (or per-record errors) from one decoded input."""
    if suffix in (".html", ".htm"):
        yield from_html(text, source, stem)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputProblem(source, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
        except RecursionError:
            raise InputProblem(source, "JSON nested too deeply to read") from None
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, 1):
            where = source if len(records) == 1 else f"{source}[{number}]"
            try:
                yield from_record(record, where, stem if len(records) == 1 else f"{stem}-{number}")
            except InputProblem as exc:
                yield InputError(exc.source, exc.problem)
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _jsonl_record(line, f"{source}:{number}", f"{stem}-{number}")
    else:
        yield from_plain_text(text, source, stem)


class Lines(Protocol):
    """What a feed is read through: a binary file, or stdin with its sniffed start put back."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def _lines(handle: Lines, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(number, bytes) for each line of ``handle``, or (number, size) for a line over
    ``max_bytes``, which is skipped without ever being held whole in memory."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield number, line
            continue
        size = len(line)
        while True:
            rest = handle.readline(1 << 20)
            size += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield number, size - (1 if rest.endswith(b"\n") else 0)


def read_jsonl(handle: Lines, source: str, stem: str, max_bytes: int) -> Iterator[Article | InputError | InputWarning]:
    """A feed, one record a line: each record decoded and checked against ``max_bytes`` on
    its own, so memory is bounded by the largest record and the feed by nothing."""
    for number, line in _lines(handle, max_bytes):
        where = f"{source}:{number}"
        if isinstance(line, int):
            yield InputError(where, too_big(line, where, max_bytes, "this record is ").problem)
            continue
        if not line.strip():
            continue
        try:
            decoded = decode(line, where, max_bytes)
        except InputProblem as exc:
            yield InputError(exc.source, exc.problem)
            continue
        if decoded.note:
            yield InputWarning(where, decoded.note)
        yield _jsonl_record(decoded.text, where, f"{stem}-{number}")


class _Rejoined:
    """stdin after its start was read to sniff it: that start, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head, self.rest = io.BytesIO(head), rest

    def readline(self, limit: int = -1) -> bytes:
        line = self.head.readline(limit)
        if line.endswith(b"\n") or 0 <= limit <= len(line):
            return line
        return line + self.rest.readline(limit - len(line) if limit >= 0 else -1)


def _read_stdin(max_bytes: int) -> Iterator[Article | InputError | InputWarning]:
    """stdin: a document up to ``max_bytes`` is read whole and its format sniffed; a longer
    stream can only be a feed (JSONL), read a record at a time."""
    source, handle = "<stdin>", sys.stdin.buffer
    head = handle.read(max_bytes + 1)
    if len(head) <= max_bytes:
        decoded = decode(head, source, max_bytes)
        if decoded.note:
            yield InputWarning(source, decoded.note)
        yield from parse_text(decoded.text, source, _sniff(decoded.text), "stdin")
        return
    lines = [line for line in head.split(b"\n", 2)[:2]]
    if _looks_like_jsonl(lines[0].decode("utf-8", "replace"),
                         lines[1].decode("utf-8", "replace") if len(lines) > 1 else "{"):
        yield from read_jsonl(_Rejoined(head, handle), source, "stdin", max_bytes)
        return
    size = len(head)
    while chunk := handle.read(1 << 20):
        size += len(chunk)
    raise too_big(size, source, max_bytes)


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


def read_one(source: str, path: Path | None, max_bytes: int) -> Iterator[Article | InputError | InputWarning]:
    try:
        if path is None:
            yield from _read_stdin(max_bytes)
            return
        if path.is_dir():
            raise InputProblem(source, f"directory has no {', '.join(SUPPORTED)} files")
        if not path.exists():
            raise InputProblem(source, "no such file")
        suffix = path.suffix.lower()
        if suffix == ".jsonl":  # a feed: no limit on the file, only on each record
            with path.open("rb") as handle:
                yield from read_jsonl(handle, source, path.stem, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            raise too_big(size, source, max_bytes)
        decoded = decode(path.read_bytes(), source, max_bytes)
        if decoded.note:
            yield InputWarning(source, decoded.note)
        if suffix not in SUPPORTED:
            suffix = _sniff(decoded.text)
        yield from parse_text(decoded.text, source, suffix, path.stem)
    except InputProblem as exc:
        yield InputError(exc.source, exc.problem)
    except OSError as exc:
        yield InputError(source, f"cannot be read: {exc.strerror or exc}")


def iter_articles(
    paths: Iterable[str],
    *,
    published: dict[str, date | datetime] | date | datetime | None = None,
    outlet: dict[str, str] | str | None = None,
    max_bytes: int = 5_000_000,
    max_chars: int | None = None,
    result: IngestResult | None = None,
) -> Iterator[Article]:
    """The articles of every input, one at a time (``ingest`` stores a feed of any length
    this way); errors and warnings go to ``result`` as they come, never raised."""
    read = ((source, item) for source, path in expand_paths(paths) for item in read_one(source, path, max_bytes))
    yield from _collect(read, published, outlet, max_chars, result if result is not None else IngestResult())


def read_articles(
    paths: Iterable[str],
    *,
    published: dict[str, date | datetime] | date | datetime | None = None,
    outlet: dict[str, str] | str | None = None,
    max_bytes: int = 5_000_000,
    max_chars: int | None = None,
) -> IngestResult:
    """Read every input; errors are collected, never raised, so one bad file stops nothing.

    ``published``/``outlet`` set metadata the input lacks: one value for all inputs, or a
    mapping from a path (or file name, or article id) to a value; a name in the mapping that
    matches no input is listed in ``IngestResult.unmatched``. An article longer than
    ``max_chars`` characters is refused, named (``Settings.max_article_chars``).
    """
    result = IngestResult()
    result.articles = list(iter_articles(paths, published=published, outlet=outlet, max_bytes=max_bytes,
                                         max_chars=max_chars, result=result))
    return result


def read_uploads(uploads: Iterable[tuple[str, bytes]], *, max_bytes: int = 5_000_000,
                 max_chars: int | None = None) -> IngestResult:
    """Read inputs given as (file name, bytes), as the web app receives them, with the same
    formats, checks and messages as files on disk."""
    def read() -> Iterator[tuple[str, Article | InputError | InputWarning]]:
        for name, raw in uploads:
            try:
                decoded = decode(raw, name, max_bytes)
                suffix = Path(name).suffix.lower()
                text = decoded.text
                items: list[Article | InputError | InputWarning] = (
                    [InputWarning(name, decoded.note)] if decoded.note else [])
                items += parse_text(text, name, suffix if suffix in SUPPORTED else _sniff(text),
                                    Path(name).stem or "article")
            except InputProblem as exc:
                items = [InputError(exc.source, exc.problem)]
            for item in items:
                yield name, item

    result = IngestResult()
    result.articles = list(_collect(read(), None, None, max_chars, result))
    return result


def article_length_problem(article: Article, max_chars: int) -> InputProblem | None:
    """A report over ``max_chars`` characters is refused rather than read: spaCy's parser
    refuses a text over 1,000,000 characters (E088), and below that the cost grows past what
    one report deserves (benchmarks/results/long_text.md)."""
    length = len(article.text) + len(article.title or "")
    if length <= max_chars:
        return None
    return InputProblem(article.source or article.id,
                        f"{length:,} characters is over the limit of {max_chars:,} for one report; "
                        "split it into parts or raise STORYDIFF_MAX_ARTICLE_CHARS (at most 1,000,000)")


def _collect(read: Iterable[tuple[str, Article | InputError | InputWarning]], published, outlet,
             max_chars: int | None, result: IngestResult) -> Iterator[Article]:
    """Errors and warnings kept, metadata applied, duplicates skipped, ids made unique."""
    seen_content: dict[str, str] = {}
    seen_ids: set[str] = set()
    used: set[tuple[str, str]] = set()
    for source, item in read:
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        if isinstance(item, InputWarning):
            result.warnings.append(item)
            continue
        if max_chars is not None and (problem := article_length_problem(item, max_chars)):
            result.errors.append(InputError(problem.source, problem.problem))
            continue
        _apply_override(item, "published", published, source, used)
        _apply_override(item, "outlet", outlet, source, used)
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
        yield item
    for attribute, given in (("published", published), ("outlet", outlet)):
        if isinstance(given, dict):
            result.unmatched += [f"--{attribute} {name}=" for name in given
                                 if name != "*" and (attribute, name) not in used]


def _apply_override(article: Article, attribute: str, given: Any, source: str,
                    used: set[tuple[str, str]]) -> None:
    if given is None:
        return
    if isinstance(given, dict):
        for key in (source, Path(source).name, Path(source).stem, article.id):
            if key in given:
                used.add((attribute, key))
                setattr(article, attribute, given[key])
                return
        given = given.get("*")
        if given is None:
            return
    if getattr(article, attribute) is None:
        setattr(article, attribute, given)
