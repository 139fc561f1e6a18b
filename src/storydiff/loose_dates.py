"""Loose dates: read a publication date written for humans ("May 3rd, 2013 2:00pm EDT",
"Posted : 08 / 02 / 2013") when a record's ``published`` is not ISO.

Scraped data sets (ECB+ among them: 439 of its 452 dates) carry the page's own date line.
Rejecting those records would lose the article; ignoring the date would lose the time
feature that separates two events of the same kind. A few regular expressions read the
common shapes; anything else is None, never a guess.
"""

from __future__ import annotations

import re
from datetime import date

from .reference.calendar import MONTH_NAMES

# Any word a month name or abbreviation starts ("Sept.", "Febr"): its first three letters.
_MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTH = r"(?P<month>" + "|".join(word + "|sept" if word == "sep" else word for word in _MONTHS) + r")[a-z]*\.?"
_SHAPES = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)", re.I),
    # US style numeric dates, the convention of the English-language sites in these sets
    re.compile(r"(?P<mnum>\d{1,2})\s*/\s*(?P<day>\d{1,2})\s*/\s*(?P<year>(?:19|20)\d\d)"),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
]


def loose_date(text: str | None) -> date | None:
    """The first date of a recognised shape in ``text``, or None."""
    if not text:
        return None
    for shape in _SHAPES:
        match = shape.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"][:3].lower()]
        try:
            return date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            continue
    return None


__all__ = ["loose_date"]
