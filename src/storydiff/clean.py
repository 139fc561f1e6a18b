"""Clean: separate the report from page furniture, and turn datelines and wire credits into
metadata.

Scraped text carries teasers of other stories ("Must Read", "Also read", "Related"), image
markdown and captions, share lines and subscription prompts. They are cut from ``text`` and
recorded in ``Article.removed`` with a reason, indexed into ``Article.original``, so nothing
is lost and a reader can see what was taken out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Article, Removed

# Wire agencies whose credit lines are metadata. Longer names first so "AP" does not
# shadow "APP" or "AFP".
AGENCIES = (
    "Associated Press", "Agence France-Presse", "Reuters", "Bloomberg", "Xinhua", "IANS",
    "ANI", "PTI", "UNI", "APP", "AFP", "DPA", "EFE", "ANSA", "Kyodo", "Yonhap", "TASS",
    "Interfax", "Bernama", "NNA", "UPI", "AAP", "CNA", "APW", "AP",
)
_AGENCY = "|".join(re.escape(a) for a in AGENCIES)

# A whole line that only credits an agency: "(PTI)", "— AP", "-- Reuters", "With inputs from PTI".
_CREDIT_LINE = re.compile(
    rf"^\s*(?:[-—–]+\s*|\(\s*)?(?:with inputs? from\s+|source:\s*)?({_AGENCY})(?:\s*\))?\s*\.?\s*$",
    re.IGNORECASE,
)
# A credit at the very end of the last paragraph: "... Afghanistan. (PTI)".
_CREDIT_TAIL = re.compile(rf"\s*\(\s*({_AGENCY})\s*\)\s*$")

# "ISLAMABAD:", "WASHINGTON —", "NEW YORK (Reuters) -", "LONDON, Jan 5 (AP) —", "Paris, France (AFP) -".
_DATELINE = re.compile(
    rf"""^\s*
    (?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){{0,3}}      # upper-case place
      |[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?(?=,?\s*[^\n]{{0,40}}\(\s*(?:{_AGENCY})\s*\)))  # or Title case before a credit
    (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z]?[a-z.]+)?)?                # ", Pa." / ", Jan 5" / ", France"
    (?:[ ]\d{{1,2}})?
    \s*(?:\(\s*(?P<agency>{_AGENCY}|[A-Z]{{2,6}})\s*\))?
    \s*(?:[:—–]|--|-(?=\s))\s*
    """,
    re.VERBOSE,
)

_IMAGE_LINE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_LINK_ONLY = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)\s*$")

# Lines that open a block of page furniture running to the end of the page.
_TEASER_HEADS = re.compile(
    r"^\s*(?:must read|also read|read also|read more|related(?: (?:news|stories|articles|posts|coverage|content))?"
    r"|more from [\w .]+|recommended(?: for you| stories)?|trending(?: now| stories)?|you may also like"
    r"|you might also like|don't miss|more stories|top stories|latest news|popular(?: stories| now)?"
    r"|editor'?s picks?|further reading|see also|what to read next|watch:?|also see)\s*:?\s*$",
    re.IGNORECASE,
)
# Single furniture lines anywhere: share buttons, subscription prompts, advertisement labels.
_FURNITURE_LINE = re.compile(
    r"^\s*(?:advertisement|sponsored|share(?: this(?: article| story)?)?(?: on \w+)?|tweet|email|print"
    r"|whatsapp|facebook|twitter|linkedin|copy link|follow us on [\w ,]+|click here[\w ,]*"
    r"|(?:subscribe|sign up)\b.{0,80}|download (?:the|our) app.{0,60}|image:? .{0,120}|photo:? .{0,120}"
    r"|(?:photo|image) (?:credit|courtesy)\b.{0,80}|\(?file photo\)?|also read:.{0,200}"
    r"|(?:copyright|©|\(c\))\s.{0,120}|all rights reserved\.?)\s*$",
    re.IGNORECASE,
)

# A wire editors' note to the desks, not part of the report: "(Eds: UPDATES with toll)",
# "EDITOR'S NOTE: Trims to 400 words", "Eds: Corrects spelling of name in 5th graf".
_EDITORS_NOTE = re.compile(
    r"^\s*(?:\(\s*eds?\s*[:.].{0,300}\)|eds?\s*:.{0,300}|editor['’]?s['’]?\s+note\s*[:—–-].{0,600})\s*$",
    re.IGNORECASE,
)
# A byline on a line of its own: "By LENA ORTIZ, Coast Wire Writer", "By Tomas Reyes and Ana Li";
# every word a name's or a title's, so "By Monday the river had risen." is not one.
_BYLINE_WORD = r"(?:[A-Z][\w.'’-]*|and|for|of|the|de|van|von|der|da|staff|writer|reporter|correspondent)"
_NOT_A_NAME = (r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July"
               r"|August|September|October|November|December|Noon|Midnight)\b)")
_BYLINE = re.compile(rf"^\s*(?:By|BY)\s+{_NOT_A_NAME}[A-Z][\w.'’-]*"
                     rf"(?:\s*,?\s+(?:{_BYLINE_WORD}|[A-Z]\w*\s+(?:writer|reporter|correspondent)s?)){{0,9}}\s*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def find_furniture(text: str) -> list[Removed]:
    """Spans of ``text`` that are page furniture, each with why."""
    removed: list[Removed] = []
    lines = _lines(text)
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    if not content:
        return removed
    captions: set[str] = set()
    for s, e in content:
        match = _IMAGE_LINE.match(text[s:e])
        if match and match.group("alt").strip():
            captions.add(match.group("alt").strip().lower())
    # A teaser head in the last part of the page cuts everything after it; earlier than
    # that it is more likely a section word inside the report, so it is left alone.
    cut_at = None
    for position, (s, e) in enumerate(content):
        if position >= max(1, len(content) // 3) and _TEASER_HEADS.match(text[s:e]):
            cut_at = s
            break
    for s, e in content:
        if cut_at is not None and s >= cut_at:
            break
        line = text[s:e]
        if _IMAGE_LINE.match(line):
            removed.append(Removed(s, e, "image", line))
        elif _LINK_ONLY.match(line):
            removed.append(Removed(s, e, "link", line))
        elif line.strip().lower() in captions:
            removed.append(Removed(s, e, "caption", line))
        elif _CREDIT_LINE.match(line):
            removed.append(Removed(s, e, "wire credit", line))
        elif _EDITORS_NOTE.match(line):
            removed.append(Removed(s, e, "editors' note", line))
        elif len(line) < 120 and _BYLINE.match(line):
            removed.append(Removed(s, e, "byline", line))
        elif len(line) < 200 and _FURNITURE_LINE.match(line):
            removed.append(Removed(s, e, "page furniture", line))
    if cut_at is not None:
        end = len(text.rstrip())
        removed.append(Removed(cut_at, end, "teaser of other stories", text[cut_at:end]))
    return removed


def find_agency(text: str, removed: list[Removed]) -> tuple[str | None, list[Removed]]:
    """The wire agency credited, from a credit line already found or a credit at the end
    of the last paragraph."""
    for piece in removed:
        if piece.reason == "wire credit":
            match = _CREDIT_LINE.match(piece.text)
            if match:
                return _canonical_agency(match.group(1)), []
    kept_end = _kept_end(text, removed)
    match = _CREDIT_TAIL.search(text[:kept_end])
    if match:
        return _canonical_agency(match.group(1)), [
            Removed(match.start(), match.end(), "wire credit", match.group(0))
        ]
    return None, []


def _kept_end(text: str, removed: list[Removed]) -> int:
    end = len(text.rstrip())
    for piece in sorted(removed, key=lambda r: -r.start):
        if not text[piece.end:end].strip():
            end = piece.start
    return len(text[:end].rstrip())


def _canonical_agency(name: str) -> str:
    for agency in AGENCIES:
        if agency.lower() == name.lower():
            return agency
    return name


def find_dateline(text: str) -> tuple[str | None, str | None, Removed | None]:
    """(place, agency, removed span) of a dateline opening the report."""
    start = len(text) - len(text.lstrip())
    match = _DATELINE.match(text[start:])
    if not match:
        return None, None, None
    place = match.group("place").strip()
    # A shouted first word of an ordinary sentence ("PRIME minister ...") is not a
    # dateline: the regex demands a colon or dash right after the place.
    if len(place) < 3:
        return None, None, None
    agency = match.group("agency")
    return place.title() if place.isupper() else place, agency, Removed(
        start, start + match.end(), "dateline", text[start:start + match.end()]
    )


def clean_article(article: Article) -> Article:
    """The article with furniture cut from ``text`` and datelines/credits as metadata."""
    original = article.original or article.text
    removed = find_furniture(original)
    agency, tail = find_agency(original, removed)
    removed += tail
    kept = _subtract(original, removed)
    first_kept = next(((s, e) for s, e in kept if original[s:e].strip()), None)
    if first_kept and article.title:
        # HTML extractors keep the <h1> as the first line of the text: the headline is
        # already the title, and counting it twice would make it corroborate itself.
        line_end = original.find("\n", first_kept[0])
        line_end = first_kept[1] if line_end == -1 or line_end > first_kept[1] else line_end
        first_line = original[first_kept[0]:line_end]
        if _fold(first_line) == _fold(article.title):
            start = first_kept[0] + len(first_line) - len(first_line.lstrip())
            removed.append(Removed(start, line_end, "headline repeated in the text", original[start:line_end]))
            kept = _subtract(original, removed)
            first_kept = next(((s, e) for s, e in kept if original[s:e].strip()), None)
    dateline = None
    if first_kept:
        place, line_agency, span = find_dateline(original[first_kept[0]:first_kept[1]])
        if span is not None:
            offset = first_kept[0]
            removed.append(Removed(span.start + offset, span.end + offset, "dateline", span.text))
            dateline = place
            # A credit the dateline gives is metadata only for a known agency ("(CW)" may be anything).
            if line_agency and line_agency.lower() in {a.lower() for a in AGENCIES}:
                agency = agency or _canonical_agency(line_agency)
            kept = _subtract(original, removed)
    text = "".join(original[s:e] for s, e in kept)
    title = article.title
    if not title:
        # A page headline that scrapers leave as an image caption is the best title there is.
        title = next((r.text.strip() for r in removed if r.reason == "caption"), None)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return replace(
        article,
        text=text,
        original=original,
        removed=sorted(removed, key=lambda r: r.start),
        title=title,
        agency=article.agency or agency,
        dateline=article.dateline or dateline,
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).lower()


def _subtract(text: str, removed: list[Removed]) -> list[tuple[int, int]]:
    """The spans of ``text`` not covered by ``removed``."""
    kept, position = [], 0
    for piece in sorted(removed, key=lambda r: r.start):
        if piece.start > position:
            kept.append((position, piece.start))
        position = max(position, piece.end)
    kept.append((position, len(text)))
    return kept
