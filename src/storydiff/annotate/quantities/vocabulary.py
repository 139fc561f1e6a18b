"""The words and units quantities are read with: number and scale words (from
``storydiff.reference.numbers``), vague amounts, modifiers ("at least", "nearly"), currencies,
percentages, units of time and the physical units read through quantulum3, with their
factors to a base unit."""

from __future__ import annotations

import math
import re

from ...reference import numbers

INF = math.inf

# spaCy labels whose spans we read as quantities; DATE spans only when they are durations.
QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Numbers inside these entities are parts of names ("Boeing 747", "Resolution 1441",
# "Apollo 11") or of dates and times, which the temporal tagger owns.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "NORP", "LANGUAGE", "ORDINAL"}
)

_UNITS_WORDS = dict(numbers.UNITS)
_TENS_WORDS = dict(numbers.TENS)
_SCALE_WORDS = {
    **numbers.SCALES,
    "mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
    "crore": 1e7, "lakh": 1e5,
}
# Scale words that may stand after digits without a space ("1.2m", "$3bn").
_GLUED_SCALES = {"k", "m", "mn", "bn", "b", "mln", "bln", "tn"}

# Vague amounts as [low, high] of the count (before any "of thousands" multiplier).
_VAGUE = {
    ("several",): (3, 9),
    ("a", "few"): (2, 9),
    ("few",): (2, 9),
    ("a", "couple", "of"): (2, 3),
    ("a", "couple"): (2, 3),
    ("a", "handful", "of"): (2, 9),
    ("a", "handful"): (2, 9),
    ("tens", "of"): (10, 99),
    ("dozens", "of"): (24, 99),
    ("dozens",): (24, 99),
    ("scores", "of"): (40, 199),
    ("hundreds", "of"): (100, 999),
    ("hundreds",): (100, 999),
    ("thousands", "of"): (1000, 9999),
    ("thousands",): (1000, 9999),
    ("millions", "of"): (1e6, 1e7 - 1),
    ("millions",): (1e6, 1e7 - 1),
    ("billions", "of"): (1e9, 1e10 - 1),
    ("billions",): (1e9, 1e10 - 1),
}
# After a vague count: "tens of thousands", "several hundred", "a few dozen".
_VAGUE_MULTIPLIERS = {
    "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000,
    "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "dozen": 12,
}

# Modifiers before the number, longest first when matched.
_LOWER = "lower"  # [N, inf)
_UPPER = "upper"  # [0, N]
_NEARLY = "nearly"  # [0.9 N, N]
_ABOUT = "about"  # N +/- max(10 %, 1)
_MODIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): _LOWER, ("no", "fewer", "than"): _LOWER, ("no", "less", "than"): _LOWER,
    ("not", "less", "than"): _LOWER, ("a", "minimum", "of"): _LOWER, ("more", "than"): _LOWER,
    ("over",): _LOWER, ("above",): _LOWER, ("upwards", "of"): _LOWER,
    ("in", "excess", "of"): _LOWER, ("greater", "than"): _LOWER, ("just", "over"): _LOWER,
    ("well", "over"): _LOWER, ("exceeding",): _LOWER, ("beyond",): _LOWER,
    ("up", "to"): _UPPER, ("at", "most"): _UPPER, ("no", "more", "than"): _UPPER,
    ("not", "more", "than"): _UPPER, ("a", "maximum", "of"): _UPPER,
    ("fewer", "than"): _UPPER, ("less", "than"): _UPPER, ("under",): _UPPER,
    ("below",): _UPPER, ("as", "many", "as"): _UPPER, ("as", "much", "as"): _UPPER,
    ("nearly",): _NEARLY, ("almost",): _NEARLY, ("just", "under"): _NEARLY,
    ("just", "shy", "of"): _NEARLY, ("close", "to"): _NEARLY, ("not", "quite"): _NEARLY,
    ("about",): _ABOUT, ("around",): _ABOUT, ("roughly",): _ABOUT, ("some",): _ABOUT,
    ("approximately",): _ABOUT, ("approx",): _ABOUT, ("an", "estimated"): _ABOUT,
    ("estimated",): _ABOUT, ("circa",): _ABOUT, ("about", "a"): _ABOUT,
    ("an", "approximate"): _ABOUT, ("~",): _ABOUT, ("nearly", "a"): _NEARLY, ("almost", "a"): _NEARLY,
}
_MODIFIER_WORDS = frozenset(w for key in _MODIFIERS for w in key)
_MAX_MODIFIER = max(len(k) for k in _MODIFIERS)

_CURRENCY_PREFIX = {
    "$": "USD", "us$": "USD", "usd": "USD", "dlrs": "USD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "rs": "INR", "rs.": "INR", "eur": "EUR", "gbp": "GBP", "a$": "AUD",
    "c$": "CAD", "hk$": "HKD", "nt$": "TWD", "s$": "SGD",
}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dlrs": "USD", "dlr": "USD", "euro": "EUR",
    "euros": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR",
    "rupees": "INR", "ruble": "RUB", "rubles": "RUB", "roubles": "RUB", "rouble": "RUB",
    "pesos": "MXN", "peso": "MXN", "sterling": "GBP", "won": "KRW", "francs": "CHF",
    "franc": "CHF", "marks": "DEM", "shekels": "ILS", "riyals": "SAR", "lira": "TRY",
    "usd": "USD", "eur": "EUR", "gbp": "GBP",
}
_PERCENT_WORDS = {("%",), ("percent",), ("per", "cent"), ("pct",), ("percentage", "points"),
                  ("percentage", "point"), ("per", "cent.")}

# Time units: duration phrases that spaCy labels DATE ("23 years", "over two decades").
_TIME_UNITS = {
    "year": ("year", 1.0), "years": ("year", 1.0), "yr": ("year", 1.0), "yrs": ("year", 1.0),
    "decade": ("year", 10.0), "decades": ("year", 10.0), "century": ("year", 100.0),
    "centuries": ("year", 100.0), "month": ("month", 1.0), "months": ("month", 1.0),
    "week": ("day", 7.0), "weeks": ("day", 7.0), "day": ("day", 1.0), "days": ("day", 1.0),
    "hour": ("hour", 1.0), "hours": ("hour", 1.0), "minute": ("minute", 1.0),
    "minutes": ("minute", 1.0), "second": ("second", 1.0), "seconds": ("second", 1.0),
}
# Units quantulum3 reads, normalised to short names with a factor to a base unit per
# dimension so that "40 miles" and "64 km" can be compared.
_UNIT_NAMES = {
    "kilometre": ("km", "length", 1000.0), "metre": ("m", "length", 1.0),
    "mile": ("mile", "length", 1609.344), "foot": ("ft", "length", 0.3048),
    "centimetre": ("cm", "length", 0.01), "yard": ("yd", "length", 0.9144),
    "inch": ("in", "length", 0.0254), "nautical mile": ("nmi", "length", 1852.0),
    "kilogram": ("kg", "mass", 1.0), "gram": ("g", "mass", 0.001),
    "tonne": ("t", "mass", 1000.0), "pound-mass": ("lb", "mass", 0.45359237),
    "short ton": ("short ton", "mass", 907.18474), "ton": ("t", "mass", 1000.0),
    "square kilometre": ("km2", "area", 1e6), "square mile": ("sq mi", "area", 2.589988e6),
    "hectare": ("ha", "area", 1e4), "acre": ("acre", "area", 4046.8564224),
    "square metre": ("m2", "area", 1.0), "litre": ("l", "volume", 0.001),
    "barrel": ("barrel", "volume", 0.158987295), "gallon": ("gal", "volume", 0.003785411784),
    "kilometre per hour": ("km/h", "speed", 1 / 3.6), "mile per hour": ("mph", "speed", 0.44704),
    "megawatt": ("MW", "power", 1e6), "kilowatt": ("kW", "power", 1e3),
    "degree Celsius": ("degC", "temperature", 1.0),
    "degree fahrenheit": ("degF", "temperature", 1.0),
}
_FACTORS: dict[str, tuple[str, float]] = {short: (dim, f) for short, dim, f in _UNIT_NAMES.values()}
_FACTORS.update({"year": ("time", 365.25), "month": ("time", 30.4375), "day": ("time", 1.0),
                 "hour": ("time", 1 / 24), "minute": ("time", 1 / 1440),
                 "second": ("time", 1 / 86400)})

_TOKEN_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,100 / 2,500.5
    r"|\d{1,3}(?:, \d{3})+(?![\d,])"  # "1, 400" in old wire copy
    r"|\d+(?:\.\d+)?"  # 23 / 6.1
    r"|\.\d+"
    r"|(?:us|a|c|hk|nt|s)\$"  # US$, A$
    r"|[A-Za-z]+(?:'[a-z]+)?\.?"  # words, with a trailing period kept for "rs."/"approx."
    r"|[$£€¥%+\-–—/~]",
    re.IGNORECASE,
)
