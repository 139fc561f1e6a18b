"""Names across the reports of one story: which surface forms name the same entity, which
differences are standard ("Liz"/"Elizabeth", "Sergey"/"Sergei", "U.S."/"US") and which look
like misspellings ("Hugh Hefner"/"Hugh Heffner", "Steam"/"Stream").

Standard variants come from two curated packages, ``nicknames`` (English given names and
their nicknames) and ``name-variants`` (romanisations of Arabic, Russian, Chinese... names),
plus generic rules for initials, abbreviations and derived forms (Palestine/Palestinian).
Edit distances come from rapidfuzz.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from ..reference.names import (  # noqa: F401  (TITLES, name_tokens: imported from here too)
    _TITLE_PHRASES,
    _WORD,
    TITLES,
    _fold,
    _name_tokens_uncached,
    name_tokens,
    nicknamer,
    romanisations,
)

# Derived forms of one proper noun: Palestine/Palestinian, Iran/Iranian, Pakistan/Pakistani,
# China/Chinese, Israel/Israeli, Kenya/Kenyan, Clinton/Clintons.
_DERIVATION_SUFFIXES = ("", "e", "a", "o", "ia", "ian", "ians", "an", "ans", "n", "ns", "i",
                        "is", "ese", "s", "es", "ish", "ic", "y")
# A misspelling is one edit in one word of at least this many letters, the rest identical.
# "Heffner"/"Hefner" (7), "Cossutta"/"Cossuta" (8), "Stream"/"Steam" (6), "Rainsi" (6)
# are the real cases in the discrepancy data; 4-letter words give too many real pairs
# ("Mark"/"Mary", "Joan"/"John"), so they score lower.
MIN_MISSPELLING_LETTERS = 5


# The name-variant data and its loading live in storydiff.reference.names.
_nicknamer = nicknamer
_romanisations = romanisations


@lru_cache(maxsize=65536)
def _standard_token_pair(a: str, b: str) -> bool:
    """Two folded words that are standard ways of writing one name-part."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        # an initial: "S." for "Scott"
        return a[0] == b[0]
    nick = _nicknamer()
    if b in nick.nicknames_of(a) or a in nick.nicknames_of(b) or (
        nick.canonicals_of(a) & nick.canonicals_of(b)
    ):
        return True
    if _romanisations().share_cluster(a, b):
        return True
    if _derived(a, b):
        return True
    # Arabic q/g/k/kh at the start of an otherwise identical name: Gaddafi/Qaddafi/Kaddafi.
    initials = ("q", "g", "k", "kh", "gh")
    for x in initials:
        for y in initials:
            if x != y and a.startswith(x) and b.startswith(y) and a[len(x):] == b[len(y):] \
                    and len(a) - len(x) >= 4:
                return True
    # Arabic qaf inside a name is written q or k: Farouq/Farouk, Tariq/Tarik (read on
    # DUC 2004, where two wire reports of one story spell one minister both ways).
    if len(a) == len(b) >= 4:
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differing) == 1 and set(differing[0]) == {"q", "k"}:
            return True
    # "kh" and "gh" transliterate one letter, and older styles write it "k" or "g":
    # Kazakstan/Kazakhstan (both in DUC 2004 wire copy), Mikail/Mikhail.
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) == len(shorter) + 1 and len(shorter) >= 4:
        for i in range(1, len(longer)):
            if longer[i] == "h" and longer[i - 1] in "kg" and longer[:i] + longer[i + 1:] == shorter:
                return True
    return False


def _derived(a: str, b: str) -> bool:
    """Derived forms of one proper noun: "palestine"/"palestinian", "iran"/"iranian"."""
    shorter, longer = sorted((a, b), key=len)
    for cut in range(0, 3):
        stem = shorter[: len(shorter) - cut] if cut else shorter
        if len(stem) < 4 or not longer.startswith(stem):
            continue
        end_a, end_b = shorter[len(stem):], longer[len(stem):]
        if len(end_a) == 1 and len(end_b) == 1:
            continue  # one letter for another ("Rainsy"/"Rainsi") is a spelling, not a form
        if {end_a, end_b} == {"", "e"} or ({end_a, end_b} == {"", "n"} and stem[-1] not in "aeiou"):
            continue  # "Rait"/"Raite", "Sokhon"/"Sokhonn"; but "Kenya"/"Kenyan" is a form
        if end_a in _DERIVATION_SUFFIXES and end_b in _DERIVATION_SUFFIXES:
            return True
    return False


def _ordered_subset(short: list[str], long: list[str], same: Any) -> bool:
    """Every word of ``short`` matches a word of ``long``, in order."""
    j = 0
    for word in short:
        while j < len(long) and not same(word, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


# Lower-case words a name's initials skip: "FBI" is the Federal Bureau of Investigation.
_INITIALS_SKIP = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "et", "&"}


def _acronym_letters(name: str) -> str | None:
    """The letters of a name written as an acronym ("FBI", "U.S.", "U.N."), else None."""
    text = re.sub(r"['’]s$", "", name.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    letters = text.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is written as the initials of ``long``: "FBI" / "the Federal
    Bureau of Investigation", "U.S." / "United States", "ICCPR" / "International Covenant
    on Civil and Political Rights". Only an all-capitals form counts: "Us" or "Fed" are
    words, not initials."""
    letters = _acronym_letters(short)
    words = [w for w in re.sub(r"['’]s$", "", long.strip()).replace("-", " ").split()
             if w.lower() not in _INITIALS_SKIP]
    if letters is None or len(words) < 2 or _acronym_letters(long) is not None:
        return False
    return "".join(w[0] for w in words).upper() == letters


@lru_cache(maxsize=65536)
def is_standard_variant(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are two standard ways of writing one name.

    Covers nicknames ("Liz"/"Elizabeth"), romanisations ("Sergey"/"Sergei",
    "Mohammed"/"Muhammad", "Gaddafi"/"Qaddafi"), initials and middle names
    ("Rodney Scott"/"Rodney S. Scott"), abbreviations ("U.S."/"US"), derived forms
    ("Palestine National Council"/"Palestinian National Council") and short forms
    ("Putin"/"Vladimir Putin").
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True  # also "Wal-Mart"/"Walmart"
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == len(long):
        if all(_standard_token_pair(x, y) for x, y in zip(short, long, strict=False)):
            return True
    # middle names and initials dropped, or a short form: "Rodney Scott" in
    # "Rodney S. Scott", "Palestine" in "Palestinian National Council"
    short_full = [w for w in short if len(w) > 1] or short
    return _ordered_subset(short_full, long, _standard_token_pair) and (
        len(short_full) > 1 or len(short_full[0]) > 2
    )


@lru_cache(maxsize=65536)
def spelling_variant(a: str, b: str, standard_variants: bool = True) -> float:
    """How likely ``b`` is a misspelling of the name ``a`` (0..1).

    One edit (rapidfuzz OSA distance 1: a letter added, dropped, changed or two swapped) in
    one word of at least 5 letters, every other word identical: 0.9 ("Hugh Hefner"/"Hugh
    Heffner", "Steam"/"Stream"). Identical names and standard variants (nicknames,
    romanisations, initials, derived forms, plurals) score 0.0: they are not misspellings
    (``standard_variants=False`` leaves that to the caller: compare's
    ``compare.veto.standard_variant``).
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb or ta == tb:
        return 0.0
    if standard_variants and is_standard_variant(a, b):
        return 0.0
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    # align the shorter name's words to the longer's: all but one identical
    if len(short) == len(long):
        pairs = list(zip(short, long, strict=False))
        penalty = 0.0
    else:
        # A one-word form of a longer name is its last word ("Cossuta" for "Armando
        # Cossutta"): a first or middle word one letter from another name is another name
        # ("Nevin"/"Kevin Keegan", "Malia"/"Maria Cornejo", "Stade"/"Islamic State of
        # Iraq", all read on same-story pairs of WikiRef220).
        starts = [len(long) - 1] if len(short) == 1 else range(len(long) - len(short) + 1)
        windows = [list(zip(short, long[k : k + len(short)], strict=False)) for k in starts]
        # the placement with fewest differing words, then the smallest edit distance
        pairs = min(windows, key=lambda w: (sum(x != y for x, y in w),
                                            sum(OSA.distance(x, y) for x, y in w)))
        penalty = 0.1  # a shorter form as well as a spelling difference: less certain
    different = [(x, y) for x, y in pairs if x != y]
    if len(different) != 1:
        return 0.0
    x, y = different[0]
    if any(c.isdigit() for c in x + y):
        return 0.0  # "Flight 93"/"Flight 94" are different things, not spellings
    if _derived(x, y):
        return 0.0
    if _two_known_places(a, b):
        return 0.0  # "Bolton"/"Boston", "Colombia"/"Columbia": both real, different places
    distance = OSA.distance(x, y)
    letters = min(len(x), len(y))
    if distance == 1:
        if letters >= MIN_MISSPELLING_LETTERS:
            return 0.9 - penalty
        if letters == 4:
            return 0.5 - penalty
        return 0.1
    if distance == 2 and letters >= 9:
        # two edits in a long word ("Turkeminstan", "Klitchsko") is still one slip of the pen
        return 0.8 - penalty
    if distance == 2 and letters >= 8:
        return 0.5 - penalty
    return 0.0


def _two_known_places(a: str, b: str) -> bool:
    """Both names are places in the gazetteer (main names only) and different places."""
    from .places import gazetteer, place_relation

    gaz = gazetteer()
    keys = [" ".join(name_tokens(n)) for n in (a, b)]
    known = all(k in gaz.cities or k in gaz.countries or k in gaz.regions for k in keys)
    return known and place_relation(a, b) == "different"


# A legislative chamber named alone is that institution, not a short form of a longer name
# that ends or starts with it: "the House" is not "the White House", "the Senate" not "the
# Senate Judiciary Committee" (both read in BASIL findings).
_CHAMBERS = frozenset({"house", "senate", "congress", "parliament", "assembly", "knesset", "duma", "bundestag"})


def canonical_entities(names: list[str]) -> dict[str, str]:
    """Map every surface form to the story's canonical form of that name.

    The canonical form is the longest name that contains the short one as a word, titles
    stripped: "Khan", "Imran", "Imran Khan" -> "Imran Khan"; "Mr. Santorum" -> "Rick
    Santorum". Standard variants ("Sergey Lavrov"/"Sergei Lavrov") share the most frequent
    spelling. A short form that fits two different longer names ("Clinton" with both
    "Bill Clinton" and "Hillary Clinton") is left as it is.
    """
    counts = Counter(names)
    stripped: dict[str, str] = {}
    for name in counts:
        tokens = name_tokens(name)
        stripped[name] = _strip_title_text(name) if tokens else name
    # full names: group standard variants of the same length, most frequent spelling wins
    forms = sorted({s for s in stripped.values() if name_tokens(s)},
                   key=lambda s: (-len(name_tokens(s)), -_count_of(s, stripped, counts), s))
    canonical_of: dict[str, str] = {}
    for form in forms:
        tokens = name_tokens(form)
        if form in canonical_of:
            continue
        if len(tokens) == 1 and tokens[0] in _CHAMBERS:
            # only its own full name: "House" for "House of Representatives"
            full = {canonical_of[other] for other in canonical_of if name_tokens(other)[:2] == [tokens[0], "of"]}
            canonical_of[form] = full.pop() if len(full) == 1 else form
            continue
        # a longer form containing this one
        containers = {
            canonical_of[other]
            for other in canonical_of
            if len(name_tokens(other)) > len(tokens)
            and _ordered_subset(tokens, name_tokens(other), _standard_token_pair)
        }
        if len(containers) == 1:
            canonical_of[form] = containers.pop()
            continue
        if len(containers) > 1:
            canonical_of[form] = form
            continue
        canonical_of[form] = form
        for other in forms:
            if other not in canonical_of and len(name_tokens(other)) == len(tokens) and \
                    is_standard_variant(form, other):
                canonical_of[other] = form
    # An acronym joins the one full name it abbreviates ("FBI" the Federal Bureau of
    # Investigation); two candidates ("AP" for Associated Press and Air Products) leave it.
    for form in forms:
        if _acronym_letters(form) is None or canonical_of.get(form) != form:
            continue
        expanded = {canonical_of[other] for other in forms if other != form and is_acronym_of(form, other)}
        if len(expanded) == 1:
            canonical_of[form] = expanded.pop()
    # "UN" went to "U.N." with the spellings, "U.N." to "United Nations" as an acronym
    for form in canonical_of:
        seen = {form}
        while canonical_of.get(canonical_of[form], canonical_of[form]) not in seen:
            seen.add(canonical_of[form])
            canonical_of[form] = canonical_of.get(canonical_of[form], canonical_of[form])
    return {name: canonical_of.get(stripped[name], stripped[name]) for name in counts}


def _count_of(form: str, stripped: dict[str, str], counts: Counter[str]) -> int:
    return sum(counts[name] for name, s in stripped.items() if s == form)


def _strip_title_text(name: str) -> str:
    """The name as written, without a leading title or a possessive: "Mr. Santorum's" ->
    "Santorum"."""
    text = re.sub(r"['’]s$", "", name.strip())
    text = _TITLE_PHRASES.sub("", text)
    words = text.split()
    while len(words) > 1 and _fold(words[0]).rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


__all__ = ["spelling_variant", "is_standard_variant", "is_acronym_of", "canonical_entities", "name_tokens"]
