"""Firsts: the date a named person first did something, and two reports that give different dates
for one first (``compare.finder.inception``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import rules
from ..align import ClaimPair, _clause_root, _governor, _token_range
from ..model import AnnotatedArticle, Claim, Mention
from ..settings import current
from .context import PairContext, _Edge, _passes
from .entities import same_actor
from .judges import relation
from .timing import _approximate_date

# ---------------------------------------------------------------------------------------
# Firsts: the date a named person began doing something.

# Verbs that date the start of what they govern ("began modeling in 1950", "started
# working at the bank in 2001"), and the ordinal that dates a first occurrence ("posed for
# her first photos in 1947", "first visited Paris in 1990").
_INCEPTION_PHASES = {"begin", "start"}
_INCEPTION_ORDINALS = {"first"}
_PERSONAL_PRONOUNS = {"he", "she"}
_ACTORS = {"person", "org"}


@dataclass(frozen=True)
class Inception:
    """A date given as the first time someone did something: who (a canonical name) and
    the act (verb lemmas)."""

    who: str
    acts: frozenset[str]
    # What the act is done to, when the clause says ("first Grand Slam title": ("title",
    # ("grand", "slam"))), or None: a first title and a first Grand Slam title are two firsts.
    thing: tuple[str, frozenset[str]] | None = None


def _verb_lemma(token) -> str:
    """The verb a token names: its lemma for a verb, the verb of a gerund read as a noun
    ("modeling" -> "model")."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lemma
    if token.lower_.endswith("ing"):
        from ..annotate.lexicon import wordnet

        found = wordnet().morphy(token.lower_, "v")
        if found:
            return found
    return lemma


def _first_on(verb) -> bool:
    """Whether "first" dates a first occurrence of ``verb``'s act: as its adverb ("first
    visited") or as the adjective of its object ("posed for her first photos", "cast her
    first vote"), not of a noun further down, nor of what the subject is ("she was the
    first woman to": a rank, not an act)."""
    if verb.lemma_.lower() in _LIGHT_VERBS:
        return False
    for child in verb.children:
        if child.lemma_.lower() in _INCEPTION_ORDINALS and child.dep_ == "advmod":
            return True
    return any(g.lemma_.lower() in _INCEPTION_ORDINALS and g.dep_ == "amod"
               for noun in _objects(verb) for g in noun.children)


_LIGHT_VERBS = {"be", "have", "do", "get", "become"}


def _objects(verb) -> list:
    """The nouns a verb acts on: its object, or the object of a preposition it governs
    ("posed for her first photos")."""
    nouns = []
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            nouns.append(child)
        if child.dep_ == "prep":
            nouns += [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    return nouns


def _thing(verb) -> tuple[str, frozenset[str]] | None:
    """The object of an act with its modifiers (not "first", not an owner, not a figure)."""
    for noun in _objects(verb):
        if noun.ent_type_ in ("DATE", "TIME"):
            continue
        modifiers = frozenset(g.lemma_.lower() for g in noun.children
                              if g.dep_ in ("amod", "compound") and g.lemma_.lower() not in _INCEPTION_ORDINALS
                              and g.is_alpha)
        return noun.lemma_.lower(), modifiers
    return None


def _inception_act(governor) -> tuple[object, str, object] | None:
    """(the verb whose subject acts, the act's lemma, the act's verb) when a date attaches
    to the start or the first occurrence of an act, else None."""
    verb = _clause_root(governor)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INCEPTION_PHASES:
        return verb.head, _verb_lemma(verb), verb
    if verb.lemma_.lower() in _INCEPTION_PHASES:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB" or (
                    child.dep_ == "dobj" and child.tag_ in ("VBG", "NN") and child.lower_.endswith("ing")):
                return verb, _verb_lemma(child), child
        return None
    if _first_on(verb):
        return verb, verb.lemma_.lower(), verb
    return None


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def inception(item: AnnotatedArticle, claim: Claim, canonical: dict[str, str]) -> Inception | None:
    """The person and act of a date that says when a named person first did something
    ("Jones began modeling in 1950"; "she posed for her first photos in 1947", with "she"
    the person last named before it), or None."""
    if claim.kind != "date":
        return None
    doc = item.doc if claim.mention.field == "text" else item.title_doc
    if doc is None:
        return None
    span = _token_range(doc, claim.mention)
    governor = _governor(span) if span is not None else None
    if governor is None:
        return None
    found = _inception_act(governor)
    if found is None:
        return None
    verb, act, acting = found
    if act in _LIGHT_VERBS:
        return None
    subject = _subject(verb)
    if subject is None:
        return None
    # The small model often takes a person's name for an organisation's ("Ella Varga"):
    # both kinds can start doing something, so both are taken.
    persons = [m for m in item.mentions if m.kind in _ACTORS and m.field == claim.mention.field]
    named: Mention | None
    if subject.pos_ == "PRON":
        if subject.lower_ not in _PERSONAL_PRONOUNS:
            return None
        # "He" and "she" are the person last named; a name the small model took for an
        # organisation's only when no person is named before.
        before = _people_first([m for m in persons if m.end <= subject.idx])
        if not before and claim.mention.field == "text":
            # A pronoun before any name in the text is the headline's person.
            before = _people_first([m for m in item.mentions if m.kind in _ACTORS and m.field == "title"])
        if not before:
            return None
        named = max(before, key=lambda m: m.start)
    else:
        named = next((m for m in persons if m.start <= subject.idx < m.end), None)
        if named is None:
            return None
    return Inception(canonical.get(named.text, named.text), frozenset({act}), _thing(acting))


def _people_first(mentions: list[Mention]) -> list[Mention]:
    people = [m for m in mentions if m.kind == "person"]
    return people or mentions


def same_first(a: Inception, b: Inception) -> bool:
    """Whether two firsts are the first of one thing: one kind of act (``same_act``) by one
    person (``same_actor``), and, where both say what the act was done to, the same thing
    ("her first title" and "her first Grand Slam title" are two firsts; "began selling
    phones" and "began selling cars" two starts)."""
    if not same_actor(a.who, b.who) or not same_act(a.acts, b.acts):
        return False
    return a.thing is None or b.thing is None or a.thing == b.thing


def same_act(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two acts are one kind of act: the same verb, or verbs that share a WordNet
    sense ("model" and "pose" in "sit for a photographer")."""
    if a & b:
        return True
    from ..annotate.lexicon import wordnet

    reader = wordnet()
    senses_a = {s for lemma in a for s in reader.synsets(lemma, pos="v")}
    return any(set(reader.synsets(lemma, pos="v")) & senses_a for lemma in b)


@rules.register("compare.finder.inception", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71);"
                        " never fired in the score half. BASIL and other sets ±0 (docs/compare.md, second "
                        "round)."))
def _inception_conflicts(context: PairContext) -> list[_Edge]:
    """Two dates for the first time one named person did one kind of act ("she began
    modeling in 1950" / "she posed for her first pin-up photos in 1947"): a start happens
    once, so different dates conflict although the two sentences share few words. The
    acts must be one verb or share a WordNet sense, done to the same thing where both
    say, and the person must be the same (a pronoun is the person last named before it)."""

    left, right, used, canonical = context.left, context.right, context.used, context.canonical

    def firsts(item: AnnotatedArticle) -> list[tuple[Claim, Inception]]:
        found = []
        for claim in context.claims[item.id]:
            if claim.kind == "date" and id(claim) not in used:
                first = inception(item, claim, canonical)
                if first is None:
                    continue
                if _approximate_date(claim) and rules.enabled("compare.veto.approximate_date"):
                    rules.fired("compare.veto.approximate_date")
                    continue
                found.append((claim, first))
        return found

    firsts_left = firsts(left)
    if not firsts_left:
        return []
    firsts_right = firsts(right)
    edges = []
    for a, first_a in firsts_left:
        for b, first_b in firsts_right:
            if id(a) in used or id(b) in used or not same_first(first_a, first_b):
                continue
            found = relation(a, b)
            if found in ("same", "compatible"):
                # The other report dates the same first: a second date is something else.
                used.update((id(a), id(b)))
                continue
            if found != "conflict":
                continue
            pair = ClaimPair(a, b, current().compare.conflict_score, True, frozenset({first_a.who}))
            passed = _passes(("compare.veto.after_publication",), pair, context)
            if passed is None:
                continue
            used.update((id(a), id(b)))
            edges.append(_Edge(pair, "conflict", vetoes=passed))
    return edges
