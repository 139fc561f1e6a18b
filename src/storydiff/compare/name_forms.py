"""Name forms: every form a story's texts give a name (the entity tagger's mentions, and the
capitalised word runs and acronyms it mislabels or misses), and whether two forms are one
name written two ways.

The small tagger finds one side of a misspelt name and not the other, or labels an
organisation a person ("Pueblos Sin Fronteras" tagged once, as a person; "ANSA" not at all,
read on stories_dev's read half), so the forms compared come from the text's proper-noun
runs too: words written capitalised that the story never writes in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import AnnotatedArticle, Field

# Lower-case words a proper name may hold between its capitalised ones ("Bank of England",
# "Pueblo de Taos"): they continue a run, never start or end one.
_CONNECTORS = frozenset({"of", "de", "del", "da", "di", "la", "le", "von", "van", "der", "bin", "al", "el", "y"})
_CAPITAL = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_RUN = re.compile(_CAPITAL + r"(?:[ \t]+(?:(?:" + "|".join(sorted(_CONNECTORS)) + r")[ \t]+)*" + _CAPITAL + ")*")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
# A name runs over two or more words here: one capitalised word is every sentence's first,
# and the tagger's single-word names are compared already.
MIN_RUN_WORDS = 2


@dataclass(frozen=True)
class NameForm:
    """One occurrence of a name in one article: where it is and, when the tagger gave one,
    its kind ("person", "org", ...; None for a proper-noun run or an acronym read off the text)."""

    text: str
    start: int
    end: int
    field: Field
    kind: str | None = None


def common_words(annotated: Sequence[AnnotatedArticle]) -> frozenset[str]:
    """The words the story writes in lower case somewhere: a capitalised one of them is a
    headline's or a sentence's first word, not a name."""
    words: set[str] = set()
    for item in annotated:
        for text in (item.article.title or "", item.article.text):
            words.update(w.lower() for w in _LOWER_WORD.findall(text))
    return frozenset(words)


def _word(token: str) -> str:
    return re.sub(r"['’]s$", "", token).strip(".'’-").lower()


def gap_forms(item: AnnotatedArticle, common: frozenset[str]) -> list[NameForm]:
    """The text's forms (``text_forms``) where the tagger found nothing: a run or an acronym
    overlapping any mention is left to the tagger, which said what it is ("North Korean" a
    nationality, "Rep. David Obey" one person)."""
    taken = [(m.field, m.start, m.end) for m in item.mentions]
    return [form for form in text_forms(item, common)
            if not any(field == form.field and start < form.end and form.start < end for field, start, end in taken)]


def text_forms(item: AnnotatedArticle, common: frozenset[str]) -> list[NameForm]:
    """Proper-noun runs of two words or more, and acronyms, read off an article's text:
    capitalised words the story never writes in lower case ("Pueblo Sin Fronteras"; a
    sentence's first "The" is cut off). Not off the title, whose headline style capitalises
    every word ("Quake Toll Rises")."""
    forms = []
    for field, text in (("text", item.article.text),):
        for run in _RUN.finditer(text):
            for start, end in _proper_stretches(text, run.start(), run.end(), common):
                words = text[start:end].split()
                if len([w for w in words if w not in _CONNECTORS]) >= MIN_RUN_WORDS:
                    forms.append(NameForm(text[start:end], start, end, field))  # type: ignore[arg-type]
        for acronym in _ACRONYM.finditer(text):
            if acronym.group(0).lower() not in common:
                forms.append(NameForm(acronym.group(0), acronym.start(), acronym.end(), field))  # type: ignore[arg-type]
    return forms


def _proper_stretches(text: str, start: int, end: int, common: frozenset[str]) -> Iterable[tuple[int, int]]:
    """The stretches of a capitalised run made of proper words only: a word the story also
    writes in lower case splits the run (and connectors at a stretch's edges are dropped)."""
    stretch: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", text[start:end]):
        token = match.group(0)
        word = _word(token)
        at = (start + match.start(), start + match.end())
        if token in _CONNECTORS:
            if stretch:
                stretch.append(at)
            continue
        if not word or word in common or (len(word) == 1 and not token.endswith(".")):
            yield from _trimmed(stretch, text)
            stretch = []
            continue
        stretch.append(at)
        if _ends_sentence(token):
            # "Saudi Arabia. Matthew Shepard": a full stop after a word (not an initial or a
            # title's "Gen.") ends the name with the sentence
            yield from _trimmed(stretch, text)
            stretch = []
    yield from _trimmed(stretch, text)


def _ends_sentence(token: str) -> bool:
    from ..reference.names import TITLES

    bare = token.rstrip(".'’\"")
    return token.rstrip("'’\"").endswith(".") and len(bare) > 2 and bare.lower() not in TITLES and "." not in bare


def _trimmed(stretch: list[tuple[int, int]], text: str) -> Iterable[tuple[int, int]]:
    while stretch and text[stretch[-1][0]:stretch[-1][1]] in _CONNECTORS:
        stretch = stretch[:-1]
    if stretch:
        start, end = stretch[0][0], stretch[-1][1]
        # a trailing possessive or full stop is not part of the name
        while end > start and text[end - 1] in ".,'’":
            end -= 1
        if text[end - 1:end + 1] in ("'s", "’s") and end - 1 > start:
            end -= 1
        yield start, end


def mention_forms(item: AnnotatedArticle, kinds: frozenset[str]) -> list[NameForm]:
    """The tagger's name mentions of ``kinds`` in one article, as forms."""
    return [NameForm(m.text, m.start, m.end, m.field, m.kind) for m in item.mentions if m.kind in kinds]


def sounds_alike(x: str, y: str) -> bool:
    """Two words of at least five letters that sound alike (one Metaphone key) though spelt
    more than a letter or two apart: "Sadeek" / "Saddiq", one name romanised two ways."""
    import jellyfish

    return min(len(x), len(y)) >= 5 and x[0] == y[0] and jellyfish.metaphone(x) == jellyfish.metaphone(y)


def number_variant(x: str, y: str) -> bool:
    """One word of a name in the singular and in the plural ("Pueblo" / "Pueblos")."""
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 4 and longer == shorter + "s"


def fixed_rest(a_words: list[str], b_words: list[str]) -> tuple[str, str] | None:
    """The one differing word of two forms of one name whose other words, at least two,
    are identical and in the same places ("Mohamed Sadeek Odeh" / "Mohamed Saddiq Odeh"):
    the identical words fix who or what is named."""
    if len(a_words) != len(b_words) or len(a_words) < 3:
        return None
    different = [(x, y) for x, y in zip(a_words, b_words, strict=True) if x != y]
    if len(different) != 1:
        return None
    return different[0]


def acronym_letters(form: str) -> str | None:
    """The letters of a form written as an acronym ("AMSA"), else None."""
    return form if _ACRONYM.fullmatch(form) else None


def one_letter_apart(a: str, b: str) -> bool:
    """Two acronyms of one length with one letter changed ("AMSA" / "ANSA")."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
