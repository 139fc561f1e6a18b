"""What the fuzz tests (``test_fuzz.py``) and the fuzz benchmark (``benchmarks/fuzz.py``) feed
storydiff, and what they accept back.

Each target is a Hypothesis strategy of inputs and a check. A check returns how many clear
messages the input drew (a refusal or a per-record problem that names the input); it raises
``Unclear`` for a message that does not name its input, and lets any other exception through:
that is a traceback a user would have seen. The inputs are hostile on purpose: bytes in the
wrong encoding, JSON of the wrong shape, markup soup, numbers and dates no parser expects.
"""

from __future__ import annotations

import io
import json
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from storydiff.errors import StorydiffError
from storydiff.ingest import read_articles, read_uploads


class Unclear(AssertionError):
    """A failure message that does not say which input it is about."""


# -- hostile fragments, written for these tests -------------------------------------------
NASTY = [
    "", " ", "\n", "\r\n", "\r", "\t", "\x00", "\x1b[31m", "\ufeff", "\u200b", "\u202e", "\u2028",
    "\ud7ff", "\U0001f600", "e\u0301" * 30, "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫", "[red]markup[/red]", "[/]",
    "<script>alert(1)</script>", "javascript:alert(1)", "{", "}", "[", "]", '"', "\\", "'", "`",
    "NaN", "Infinity", "-0", "1e999", "10^400", "9" * 400, "0x1F", "½", "٣٤", "1,000,000,000,000,000",
    "$", "€3.5bn", "-40°C", "50%", "30 February 2019", "2019-02-30", "31/13/2020", "0000-00-00",
    "9999-12-31T23:59:59+25:00", "yesterday", "Jan. 1, 1", "the 1990s", "in 3000 BC",
    "“", "”", "«quoted»", '"unclosed quote', "said", "Mr.", "U.S.", "St. Louis", "A.", "...",
    "—", "–", "-" * 200, "word" * 300, " ".join(["the"] * 200), "Xi Jinping", "O'Brien", "José Núñez",
]
WORDS = ["police", "said", "Tuesday", "killed", "three", "people", "in", "Lisbon", "President",
         "Maria", "Okafor", "announced", "$4 million", "on March 3, 2021", "at least 12", "fire",
         "the", "a", "and", "of", "reported", "denied", "100", "percent", "court", "ruled", "."]

nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.sampled_from(WORDS), st.text(max_size=20)),
                      max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=400), nasty_text)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text)
json_value = st.recursive(json_scalar,
                          lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                  st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                          max_leaves=12)
article_record = st.fixed_dictionaries({}, optional={
    "id": st.one_of(any_text, json_value), "title": st.one_of(any_text, json_value),
    "text": st.one_of(any_text, any_text, json_value), "url": st.one_of(any_text, json_value),
    "published": st.one_of(st.sampled_from(NASTY), any_text, json_value), "outlet": st.one_of(any_text, json_value),
})


def _encodings(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        texts.map(lambda t: t.encode("utf-8")),
        texts.map(lambda t: t.encode("latin-1", errors="replace")),
        texts.map(lambda t: t.encode("cp1252", errors="replace")),
        texts.map(lambda t: t.encode("utf-16")),
        st.tuples(texts, st.binary(max_size=8), texts).map(lambda p: p[0].encode() + p[1] + p[2].encode()),
    )


def _truncated(raw: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """The input whole, or cut at some byte (a half-written file)."""
    return st.tuples(raw, st.integers(min_value=0, max_value=4000), st.booleans()).map(
        lambda p: p[0][:p[1]] if p[2] else p[0])


TAGS = ["html", "head", "title", "body", "article", "div", "p", "h1", "script", "style", "meta", "a",
        "br", "table", "td", "span", "!--", "![CDATA[", "time", "nav", "footer"]
html_piece = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.tuples(st.sampled_from(TAGS), st.sampled_from(["href", "content", "property", "datetime", "class"]),
              any_text).map(lambda p: f"<{p[0]} {p[1]}=\"{p[2]}\">"),
    st.sampled_from(['<meta property="og:title" content="', '<meta name="date" content="2020-13-45">',
                     "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;"]),
    any_text,
)
html_bytes = _encodings(st.lists(html_piece, max_size=60).map("".join))
txt_bytes = st.one_of(st.binary(max_size=600), _encodings(any_text))
json_bytes = _truncated(st.one_of(
    st.one_of(article_record, st.lists(article_record, max_size=4), json_value).map(
        lambda v: json.dumps(v, ensure_ascii=False)).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    txt_bytes))
jsonl_bytes = st.lists(st.one_of(article_record.map(json.dumps), json_value.map(json.dumps), any_text),
                       max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass"))
stdin_bytes = st.one_of(txt_bytes, html_bytes, json_bytes, jsonl_bytes)


# -- checks ---------------------------------------------------------------------------------
def _named(messages: list[tuple[str, str]], name: str) -> int:
    for source, message in messages:
        if name not in source or not message.strip():
            raise Unclear(f"{source!r}: {message!r} does not name the input {name!r}")
    return len(messages)


def _check_read(result, name: str) -> int:
    for article in result.articles:
        if name not in article.source:
            raise Unclear(f"article {article.id!r} is attributed to {article.source!r}, not {name!r}")
        assert isinstance(article.text, str) and (article.text.strip() or (article.title or "").strip())
    return _named([(e.source, e.message) for e in result.errors], name)


def read_file_check(suffix: str) -> Callable[[bytes, Path], int]:
    def check(raw: bytes, folder: Path) -> int:
        path = folder / f"input{suffix}"
        path.write_bytes(raw)
        return _check_read(read_articles([str(path)], max_bytes=100_000), str(path))
    return check


def read_stdin_check(raw: bytes, folder: Path) -> int:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    try:
        return _check_read(read_articles(["-"], max_bytes=100_000), "stdin")
    finally:
        sys.stdin = saved


def read_upload_check(raw: bytes, folder: Path) -> int:
    return _check_read(read_uploads([("upload.json", raw)], max_bytes=100_000), "upload.json")


# -- the settings file ------------------------------------------------------------------------
SETTING_NAMES = ["spacy_model", "max_input_bytes", "min_conflict_confidence", "brief_words", "database",
                 "lock_timeout", "cluster", "wire", "compare", "verify", "disabled_rules", "threshold",
                 "merge_threshold", "split_min_size", "window", "title_weight", "bogus", "storydiff"]
toml_key = st.one_of(st.sampled_from(SETTING_NAMES), st.text(string.ascii_letters + "_-.\"' ", min_size=1, max_size=12))
toml_value = st.one_of(
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70).map(str),
    st.floats().map(lambda f: repr(f).replace("nan", "nan")),
    st.sampled_from(["true", "false", "inf", "-inf", "nan", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z",
                     "[]", "[1, 2]", '["a", 1]', "{}", "{ a = 1 }", '"0.2"', "'literal'", '"""multi\nline"""', "0x10"]),
    any_text.map(json.dumps),
    st.lists(any_text.map(json.dumps), max_size=3).map(lambda v: "[" + ", ".join(v) + "]"),
)
toml_header = st.sampled_from(["[storydiff]", "[storydiff.cluster]", "[storydiff.wire]", "[storydiff.compare]",
                               "[storydiff.verify]", "[storydiff.cluster.deep]", "[[storydiff]]", "[other]", "[", ""])
toml_line = st.one_of(toml_header, st.tuples(toml_key, toml_value).map(lambda p: f"{p[0]} = {p[1]}"), any_text)
toml_bytes = _truncated(st.lists(toml_line, max_size=12).map("\n".join).map(
    lambda t: t.encode("utf-8", errors="surrogatepass")))


def settings_check(raw: bytes, folder: Path) -> int:
    from storydiff.feed import stage_settings
    from storydiff.settings import load_settings

    path = folder / "settings.toml"
    path.write_bytes(raw)
    try:
        settings = load_settings(path)
    except StorydiffError as exc:
        return _named([(str(exc), str(exc))], str(path))
    try:
        stage_settings(settings)
    except ValueError as exc:  # names the table and the setting; the CLI puts the file first
        if "setting" not in str(exc):
            raise Unclear(f"{exc!r} names no setting") from exc
        return 1
    return 0


# -- compare ----------------------------------------------------------------------------------
NEWS = [
    "Police in Lisbon said three people were killed on Tuesday when a bus left the road.",
    "The mayor, Maria Okafor, said the city would spend $4 million on repairs by March 2021.",
    "At least 12 people were hurt, according to a hospital spokesman.",
    "The court ruled on Monday that the contract was void; the company denied any wrongdoing.",
    "\u201cWe are shocked,\u201d said Joao Silva, 54, who lives near the bridge.",
    "Officials put the death toll at four, not three, late on Tuesday night.",
]
compare_text = st.one_of(
    any_text,
    st.lists(st.one_of(st.sampled_from(NEWS), nasty_text, st.sampled_from(NASTY)), min_size=1, max_size=8)
    .map(" ".join),
)
compare_inputs = st.lists(st.tuples(st.sampled_from([".txt", ".json", ".html"]), compare_text), min_size=2, max_size=3)


def compare_check(inputs: list[tuple[str, str]], folder: Path) -> int:
    from storydiff.compare import compare_paths
    from storydiff.render import render

    paths = []
    for number, (suffix, text) in enumerate(inputs, 1):
        path = folder / f"report{number}{suffix}"
        body = (json.dumps({"id": f"report{number}", "text": text}) if suffix == ".json" else
                f"<html><body><article><p>{text}</p></article></body></html>" if suffix == ".html" else text)
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        paths.append(path)
    try:
        comparison = compare_paths([str(p) for p in paths])
    except StorydiffError as exc:
        if not any(p.name in str(exc) or p.stem in str(exc) for p in paths):
            raise Unclear(f"{exc} names none of the inputs") from exc
        return 1
    for fmt in ("json", "html", "text", "md"):
        render(comparison, fmt)
    return _named([(e.source, e.message) for e in comparison.errors], str(folder))


@dataclass(frozen=True)
class Target:
    name: str
    inputs: st.SearchStrategy
    check: Callable[[object, Path], int]


TARGETS = [
    Target("read .txt", txt_bytes, read_file_check(".txt")),
    Target("read .html", html_bytes, read_file_check(".html")),
    Target("read .json", json_bytes, read_file_check(".json")),
    Target("read .jsonl", jsonl_bytes, read_file_check(".jsonl")),
    Target("read stdin", stdin_bytes, read_stdin_check),
    Target("read upload", json_bytes, read_upload_check),
    Target("settings file", toml_bytes, settings_check),
    Target("compare", compare_inputs, compare_check),
]
