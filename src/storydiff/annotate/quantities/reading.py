"""Reading one phrase as an interval: ``read_quantity`` ("nearly 300" -> [270, 300]), with the
parser of number words, digits, scale words, modifiers and vague amounts. No spaCy needed."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Quantity
from .vocabulary import (
    _ABOUT,
    _CURRENCY_PREFIX,
    _CURRENCY_WORDS,
    _GLUED_SCALES,
    _LOWER,
    _MAX_MODIFIER,
    _MODIFIERS,
    _NEARLY,
    _PERCENT_WORDS,
    _SCALE_WORDS,
    _TENS_WORDS,
    _TIME_UNITS,
    _TOKEN_RE,
    _UNITS_WORDS,
    _UPPER,
    _VAGUE,
    _VAGUE_MULTIPLIERS,
    INF,
)


@dataclass(frozen=True)
class _Word:
    text: str  # lowercased, trailing period dropped unless it is part of "rs."
    start: int
    end: int
    is_digit: bool


def _tokenize(phrase: str) -> list[_Word]:
    words = []
    for match in _TOKEN_RE.finditer(phrase):
        raw = match.group(0)
        low = raw.lower()
        end = match.end()
        if low.endswith(".") and low not in ("rs.",) and len(low) > 1:
            low = low[:-1]
            end -= 1
        is_digit = low[0].isdigit() or (low[0] == "." and len(low) > 1)
        words.append(_Word(low, match.start(), end, is_digit))
    return words


@dataclass
class _Reading:
    low: float
    high: float
    exact: float | None
    approximate: bool
    unit: str | None
    start: int  # character offsets of the phrase actually read, within the input string
    end: int
    has_scale: bool = False


def _digits_value(text: str) -> float:
    return float(text.replace(",", "").replace(" ", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


class _Parser:
    """A small recursive-descent reader over the words of one phrase."""

    def __init__(self, words: list[_Word]):
        self.w = words
        self.i = 0

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.w[j].text if j < len(self.w) else None

    def match_seq(self, seq: tuple[str, ...]) -> bool:
        return all(self.peek(k) == s for k, s in enumerate(seq))

    # number: returns (value, decimals_of_last_digit_group, has_scale) or None
    def number(self) -> tuple[float, float, bool] | None:
        """Read one number; returns (value, rounding half-width, has scale word)."""
        start = self.i
        word = self.peek()
        if word is None:
            return None
        if self.w[self.i].is_digit:
            raw = word
            value = _digits_value(raw)
            self.i += 1
            half = 0.5 * 10 ** (-_decimals(raw))
            value += self.fraction()
            nxt = self.peek()
            glued = (
                nxt in _GLUED_SCALES
                and self.i < len(self.w)
                and self.w[self.i].start == self.w[self.i - 1].end
            )
            if nxt is not None and (nxt in ("hundred", "thousand", "million", "billion", "trillion", "mln", "bln",
                                            "bn", "mn", "tn", "crore", "lakh") or glued):
                scale = _SCALE_WORDS[nxt]
                self.i += 1
                if "." not in raw:
                    # "3 billion": read as 2.85-3.15 billion, not 2.5-3.5, so that "$2.5 billion"
                    # and "$3 billion" conflict while "800 million"/"804 million" do not
                    half = min(0.5, 0.05 * value)
                return value * scale, half * scale, True
            if nxt == "dozen":
                self.i += 1
                return value * 12, 0.0, False
            return value, 0.0, False
        # number words: "twenty-three", "two hundred", "a dozen", "one and a half million"
        total = 0.0
        current = 0.0
        seen = False
        while True:
            word = self.peek()
            if word in _UNITS_WORDS:
                current += _UNITS_WORDS[word]
                if self.peek(1) in ("-", "–") and self.peek(2) in ("dozen", "hundred", "thousand"):
                    self.i += 1  # "two-dozen"
            elif word in _TENS_WORDS:
                current += _TENS_WORDS[word]
                if self.peek(1) in ("-", "–") and self.peek(2) in _UNITS_WORDS:
                    self.i += 2
                    current += _UNITS_WORDS[self.peek()]  # type: ignore[index]
            elif word in ("a", "an") and not seen and self.peek(1) in (
                "hundred", "thousand", "million", "billion", "dozen"
            ):
                current = 1
            elif word in ("a", "an") and not seen and self.peek(1) in _TIME_UNITS:
                self.i += 1  # "more than a week": one week
                return 1.0, 0.0, False
            elif word == "dozen" and (seen or current):
                current = (current or 1) * 12
            elif word == "hundred" and (seen or current):
                current = (current or 1) * 100
            elif word in ("thousand", "million", "billion", "trillion") and (seen or current):
                total += (current or 1) * _SCALE_WORDS[word]
                current = 0
            elif word == "and" and seen and self.peek(1) in _UNITS_WORDS | _TENS_WORDS:
                pass
            elif word == "and" and seen and self.peek(1) == "a" and self.peek(2) == "half":
                current += 0.5  # "one and a half million"
                self.i += 2
            elif word == "half" and self.peek(1) in ("a", "an") and self.peek(2) in (
                "million", "billion", "dozen", "thousand", "hundred"
            ):
                scale = 12 if self.peek(2) == "dozen" else _SCALE_WORDS[self.peek(2)]  # type: ignore[index]
                self.i += 3
                return 0.5 * scale, 0.0, self.peek(-1) != "dozen"
            else:
                break
            seen = True
            self.i += 1
        if not seen or (self.i - start == 1 and self.w[start].text in ("a", "an")):
            self.i = start
            return None
        return total + current, 0.0, False

    def fraction(self) -> float:
        """"3 1/2" and, in old wire copy, "5 1-2": a fraction after a whole number."""
        if 0 < self.i and self.i + 2 < len(self.w):
            num, sep, den = self.w[self.i], self.w[self.i + 1], self.w[self.i + 2]
            glued = num.end == sep.start and sep.end == den.start
            if glued and num.is_digit and den.is_digit and sep.text in ("/", "-") and \
                    num.start > self.w[self.i - 1].end and den.text in ("2", "3", "4", "8") \
                    and float(num.text) < float(den.text):
                self.i += 3
                return float(num.text) / float(den.text)
        return 0.0

    def vague(self) -> tuple[float, float] | None:
        for key, (low, high) in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
            if self.match_seq(key):
                save = self.i
                self.i += len(key)
                mult = self.peek()
                if mult in _VAGUE_MULTIPLIERS and key[-1] != "of" and key[0] in (
                    "several", "a", "few"
                ):
                    # "several hundred", "a few thousand", "a few dozen"
                    factor = _VAGUE_MULTIPLIERS[mult]
                    self.i += 1
                    return low * factor, (high + 1) * factor - 1
                if key[-1] == "of" and mult in _VAGUE_MULTIPLIERS and mult.endswith("s"):
                    # "tens of thousands", "hundreds of millions"
                    factor = _VAGUE_MULTIPLIERS[mult]
                    self.i += 1
                    return low * factor, (high + 1) * factor - 1
                if key[-1] == "of" and key[0] in ("tens",):
                    self.i = save
                    continue
                if key[-1] == "of":
                    # "dozens of people": keep "of" out of the phrase
                    self.i -= 1
                return float(low), float(high)
        return None


def _round_half(value: float, half: float) -> tuple[float, float]:
    # [v - h, v + h): stored closed, a hair inside, so that "6.05" rounding intervals of
    # neighbouring figures do not touch.
    return value - half, value + half * 0.9999 if half else value


def read_quantity(phrase: str) -> Quantity | None:
    """Read a quantity phrase such as "at least 12", "$2.5 billion", "tens of thousands".

    Returns None when no number is found. The unit is a currency code, "%", a time unit or
    None; counted nouns need the sentence and are added by ``find_quantities``.
    """
    reading = _read(phrase)
    if reading is None:
        return None
    return Quantity(reading.low, reading.high, reading.unit, reading.exact, reading.approximate)


def _read(phrase: str, from_index: int = 0) -> _Reading | None:
    words = _tokenize(phrase)
    p = _Parser(words)
    p.i = from_index
    first = p.i
    between = False
    if p.peek() == "between":
        between = True
        p.i += 1
    modifier: str | None = None
    for size in range(_MAX_MODIFIER, 0, -1):
        key = tuple(w.text for w in words[p.i : p.i + size])
        if len(key) == size and key in _MODIFIERS:
            modifier = _MODIFIERS[key]
            # "about a dozen": the article belongs to the number
            if key[-1] == "a":
                size -= 1
            p.i += size
            break
    if p.peek() == "between":
        between = True
        p.i += 1
    unit: str | None = None
    cur = p.peek()
    if cur == "us" and p.peek(1) == "$":
        unit = "USD"
        p.i += 2
    elif cur in _CURRENCY_PREFIX:
        unit = _CURRENCY_PREFIX[cur]
        p.i += 1
    number_start = p.i
    vague = p.vague()
    approximate = False
    has_scale = False
    exact: float | None
    if vague is not None:
        low, high = vague
        exact = None
        approximate = True
    else:
        parsed = p.number()
        if parsed is None:
            return None
        value, half, has_scale = parsed
        exact = value
        low, high = _round_half(value, half)
        # ranges: "10-20", "10 to 20", "between 10 and 20", "two or three"
        save = p.i
        joiner = p.peek()
        # "$199 or $249" are two prices, "two or three" one range
        alternative = joiner == "or" and (p.peek(1) in _CURRENCY_PREFIX or unit is not None)
        if joiner in ("-", "–", "to", "and", "or") and (joiner != "and" or between) and \
                not alternative:
            p.i += 1
            if p.peek() in _CURRENCY_PREFIX:
                p.i += 1
            second = p.number()
            if second is not None and second[0] > value:
                value2, half2, scale2 = second
                if scale2 and not has_scale:
                    # "2 to 3 million": the scale word applies to both ends
                    unit_scale = value2 / _digits_value(words[p.i - 2].text) if words[p.i - 2].is_digit else 1
                    low = value * unit_scale
                has_scale = has_scale or scale2
                high = value2 + half2 * 0.9999
                exact = None
            else:
                p.i = save
        # suffixes: "200-some", "20-odd", "200-plus", "50+", "12 or more", "100 or so"
        nxt, nxt2 = p.peek(), p.peek(1)
        if nxt in ("-", "–") and nxt2 in ("some", "odd", "plus"):
            p.i += 2
            if nxt2 == "plus":
                high = INF
            else:
                place = _place_of(exact or low)
                low, high = (exact or low) + 1, (exact or low) + place - 1
                approximate = True
        elif nxt == "+":
            p.i += 1
            high = INF
        elif nxt == "or" and nxt2 in ("more", "so", "fewer", "less"):
            p.i += 2
            if nxt2 == "more":
                high = INF
            elif nxt2 == "so":
                modifier = modifier or _ABOUT
            else:
                low = 0.0
        elif nxt == "plus" and exact is not None:
            p.i += 1
            high = INF
    if exact is not None and modifier is not None:
        if modifier == _LOWER:
            low, high = exact, INF
        elif modifier == _UPPER:
            low, high = 0.0, exact
        elif modifier == _NEARLY:
            low, high = exact * 0.9, exact
            approximate = True
        elif modifier == _ABOUT:
            margin = max(abs(exact) * 0.1, 1.0 if exact >= 10 else abs(exact) * 0.1)
            low, high = exact - margin, exact + margin
            approximate = True
    elif modifier == _LOWER:
        high = INF
    elif modifier == _UPPER:
        low = 0.0
    # units after the number
    for seq in sorted(_PERCENT_WORDS, key=len, reverse=True):
        if p.match_seq(seq):
            p.i += len(seq)
            unit = "%" if seq[0] != "percentage" else "percentage point"
            break
    else:
        cur = p.peek()
        if cur in _CURRENCY_WORDS and (cur != "won" or unit is None):
            if unit is None:
                unit = _CURRENCY_WORDS[cur]
            p.i += 1
        elif cur in ("us", "u.s") and p.peek(1) in ("dollars", "dlrs"):
            unit = "USD"
            p.i += 2
        elif (cur in _TIME_UNITS or (cur in ("-", "–") and p.peek(1) in _TIME_UNITS)) \
                and unit is None:
            if cur in ("-", "–"):
                p.i += 1  # "29-year-old", "90 - day"
            unit, factor = _TIME_UNITS[p.peek()]  # type: ignore[index]
            p.i += 1
            low, high = low * factor, high * factor
            exact = exact * factor if exact is not None else None
    if p.peek() == "or" and p.peek(1) == "more" and exact is not None:
        p.i += 2  # "12 years or more"
        high = INF
    if p.i <= number_start:
        return None
    start_word = words[first if first < len(words) else number_start]
    return _Reading(low, high, exact, approximate, unit, start_word.start, words[p.i - 1].end,
                    has_scale)


def _place_of(value: float) -> float:
    """10 for 20, 100 for 200, 1000 for 3000: the span "200-some" covers."""
    if value <= 0:
        return 10.0
    place = 10.0
    while value % (place * 10) == 0 and value >= place * 10:
        place *= 10
    return place
