"""A value's scope: what its own clause says about which event, holder and time it is a value of,
read from the parse (issue 16, "one fact, one key").

``different_fact`` (``facts.py``) compares two values only when nothing here puts them
elsewhere. The qualifiers are those the clause attaches to the value's noun, its predicate, the
predicate's subject and, for a relative clause, the noun it describes ("the bombings of embassies
in Kenya and Tanzania that killed 224"):

- ``places``: the places named as where (objects of "in", "at", "across"...; a possessor);
- ``dates``: the dates and times attached to them ("in 1992", "on Sunday", "later Monday");
- ``counts``: the counted things that bound the value ("in 54 games", "the 92 clubs");
- ``holders``: the people and organisations that are the predicate's subject;
- ``hedged``: the value is a possibility or a belief ("may have died", "he thought");
- ``present``: the predicate is in the present tense (a current or habitual state);
- ``listed``: the value is one item of a list of values ("7.6 and 7.5 magnitude quakes");
- ``background``: the predicate is a past perfect told in the report's own voice ("the group had
  seized six crew members"), not reported speech ("officials said 40 had died").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import AnnotatedArticle, Claim, Mention, Quantity, Timex

# Prepositions whose object says where an event took place or a figure holds.
_WHERE = {"in", "at", "across", "throughout", "inside", "outside", "within", "near", "off", "around"}
# Prepositions whose counted object bounds a figure ("43 RBIs in 54 games", "over 14 seasons").
_OVER = {"in", "over", "during", "across", "within", "among", "from", "for"}
# Dependents that qualify a word without being another clause.
_QUALIFYING = {"prep", "npadvmod", "tmod", "obl", "poss", "advmod", "nmod", "compound"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd"}
# Words for a value's noun phrase, climbed from the number to the noun it counts.
_NOUN_LINKS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos", "pobj"}
_POSSIBLE = {"may", "might", "could"}
_BELIEF = {"think", "believe", "suspect", "guess"}
_HEDGES = {"perhaps", "possibly", "probably", "maybe"}


@dataclass(frozen=True)
class Scope:
    places: tuple[str, ...] = ()
    dates: tuple[Timex, ...] = ()
    counts: tuple[Quantity, ...] = ()
    holders: frozenset[str] = frozenset()
    hedged: bool = False
    present: bool = False
    listed: bool = False
    background: bool = False


EMPTY = Scope()


def _doc(item: AnnotatedArticle, claim: Claim):
    return item.doc if claim.mention.field == "text" else item.title_doc


def _noun_of(token):
    """The noun a number counts or describes: "213 people" -> people, "a 320 gigabyte hard
    drive" -> drive, "magnitude 6.1 earthquake" -> earthquake."""
    current = token
    for _ in range(4):
        if current.dep_ in _NOUN_LINKS and current.head.i != current.i and current.head.pos_ in ("NOUN", "PROPN"):
            current = current.head
        else:
            break
    return current


def _predicate(token):
    """The nearest verb above ``token`` (its clause's predicate), or None."""
    current = token
    for _ in range(10):
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _qualifier_tokens(anchor, value_token) -> list:
    """Tokens of the qualifying dependents of ``anchor`` (prepositional phrases, bare dates,
    possessors) that do not hold the value itself."""
    found = []
    for child in anchor.children:
        if child.dep_ not in _QUALIFYING:
            continue
        subtree = list(child.subtree)
        if any(t.i == value_token.i for t in subtree):
            continue
        found += subtree
    return found


def _in_tokens(mention: Mention, tokens: list) -> bool:
    return any(t.idx <= mention.start < t.idx + len(t) or mention.start <= t.idx < mention.end for t in tokens)


def _place_objects(tokens: list) -> list:
    """The objects of locative prepositions (with their conjuncts) and possessors among
    ``tokens``: "in Kenya and Tanzania" -> Kenya, Tanzania; not "U.S." in "U.S. embassies"."""
    found = []
    for token in tokens:
        if token.dep_ == "pobj" and token.head.lower_ in _WHERE or token.dep_ == "poss":
            found.append(token)
            found += [c for c in token.conjuncts]
            found += [c for c in token.children if c.dep_ == "compound"]
    return found


def _counted_objects(tokens: list) -> list:
    """Counted objects of bounding prepositions: "in 54 games" -> the tokens of "54 games"."""
    found = []
    for token in tokens:
        if token.dep_ == "pobj" and token.head.lower_ in _OVER:
            found += [t for t in token.subtree if t.head.i == token.i or t.i == token.i]
    return found


def _listed(token) -> bool:
    """Whether a number is one item of a list of values: coordinated with another number or
    name ("7.6 and 7.5", "XP, Vista, 7, 8 and 8.1"); not a part of a record or a score
    ("52-3, 46 KOs", "31-24"), whose parts are one value."""
    doc = token.doc
    if any(0 <= i < len(doc) and doc[i].text in ("-", "–") for i in (token.i - 1, token.i + 1)):
        return False
    coordinated = list(token.conjuncts)
    return any(c.pos_ in ("NUM", "PROPN") or c.like_num for c in coordinated)


def _is_present(predicate) -> bool:
    """Whether a predicate's finite verb is in the present tense, not a perfect ("are
    performed", "stands"; not "were", "have died")."""
    words = [predicate, *(c for c in predicate.children if c.dep_ in ("aux", "auxpass"))]
    finite = [w for w in words if "Fin" in w.morph.get("VerbForm")]
    tenses = {str(t) for w in finite for t in w.morph.get("Tense")}
    return tenses == {"Pres"} and not any(w.lemma_ == "have" for w in words[1:])


_REPORTING = {"put", "estimate", "count", "confirm", "give", "list", "cite", "quote", "tally", "show"}


def _reporting(predicate) -> bool:
    """Whether a predicate reports a figure rather than doing what it counts ("said", "put the
    toll at", "estimated")."""
    from ..align import EVENT_CLASSES

    lemma = predicate.lemma_.lower()
    return lemma in _REPORTING or EVENT_CLASSES.get(lemma) == "say"


def _measure_of_a_thing(token, noun) -> bool:
    """Whether a number measures a thing through a unit word ("the 38-word oath": 38 -> word ->
    oath) rather than counting or amounting to its noun."""
    steps, current = 0, token
    while current.i != noun.i and steps < 5:
        current, steps = current.head, steps + 1
    return steps > 1


def _past_perfect(predicate) -> bool:
    """A past perfect in the report's own voice ("had seized"); reported speech ("said 40 had
    died", "he thought ... had died") and a running count ("by Tuesday ... had killed 65") are
    not background."""
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in predicate.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in predicate.children):
        return False
    current = predicate
    for _ in range(4):
        if current.dep_ in ("ccomp", "parataxis") or current.head.i == current.i:
            return current.head.i == current.i
        current = current.head
    return False


def _hedged(predicate) -> bool:
    """Whether a predicate is a possibility or a belief: a modal of possibility on it or a
    clause above it ("may have died"), a belief verb above it ("he thought ... had died"), a
    hedging adverb ("probably")."""
    hedged = False
    current = predicate
    for _ in range(4):
        for child in current.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in _POSSIBLE:
                hedged = True
            if child.dep_ == "advmod" and word in _HEDGES:
                hedged = True
        if current.i != predicate.i and current.lemma_.lower() in _BELIEF:
            hedged = True
        if current.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl") or current.head.i == current.i:
            break
        current = current.head
    return hedged


def scope_of(claim: Claim, annotated: Mapping[str, AnnotatedArticle]) -> Scope:
    """What the clause of ``claim``'s value says of its event, holder and time (``Scope``);
    the empty scope when the article's parse is not at hand."""
    item = annotated.get(claim.article)
    doc = _doc(item, claim) if item is not None else None
    if item is None or doc is None:
        return EMPTY
    span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand")
    if span is None:
        return EMPTY
    token = span.root
    noun = _noun_of(token)
    predicate = _predicate(noun)
    anchors = [noun]
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "13 homers and 43 RBIs in 54 games": the list shares its qualifiers
        anchors.append(first)
    subject = None
    if predicate is not None:
        anchors.append(predicate)
        if predicate.dep_ in ("relcl", "acl") and predicate.head.pos_ in ("NOUN", "PROPN"):
            anchors.append(predicate.head)  # "the bombings ... that killed 224"
        subject = next((c for c in predicate.children if c.dep_ in _SUBJECTS
                        and token.i not in {t.i for t in c.subtree}), None)
        if subject is not None:
            anchors.append(subject)
        # A participle that frames the clause: "Playing in a combined 157 games, he had ...".
        anchors += [c for c in predicate.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")
                    and not any(g.dep_ in _SUBJECTS for g in c.children)]
    qualifiers = [t for anchor in anchors for t in _qualifier_tokens(anchor, token)]
    if token.i != noun.i:
        qualifiers += _qualifier_tokens(token, token)
    subject_tokens = [t for t in subject.subtree] if subject is not None else []

    field = claim.mention.field
    mentions = [m for m in item.mentions if m.field == field and m.sentence == claim.mention.sentence
                and not (m.start >= claim.mention.start and m.end <= claim.mention.end)]
    where = _place_objects(qualifiers + subject_tokens)
    places = tuple(dict.fromkeys(m.text for m in mentions if m.kind == "place" and _in_tokens(m, where)))
    dates = tuple(m.value for m in mentions if m.kind in ("date", "time") and isinstance(m.value, Timex)
                  and m.value.type in ("DATE", "TIME") and _in_tokens(m, qualifiers))
    bounding = _counted_objects(qualifiers)
    if subject is not None:
        bounding += [subject, *(c for c in subject.children if c.dep_ == "nummod")]
    counts = tuple(m.value for m in mentions if m.kind == "quantity" and isinstance(m.value, Quantity)
                   and m.value.unit and _in_tokens(m, bounding))
    # The subject of a reporting verb ("the ministry put the toll at 40") is a source, not a holder.
    # Nor is a subject the holder of a measure of some thing ("Roberts administered the 38-word
    # oath"): only of a figure that counts its own noun ("the 92 clubs recorded a loss of $204m").
    reporting = predicate is not None and (_reporting(predicate) or _measure_of_a_thing(token, noun))
    holders = frozenset(m.text for m in mentions if m.kind in ("person", "org", "group")
                        and _in_tokens(m, subject_tokens)) if not reporting else frozenset()
    # A possibility is the value's only when the value counts an argument of the hedged verb
    # ("2 million people may have died"), not a name inside one ("might not attend the meeting
    # of the 18 nations").
    argument = predicate is not None and noun.head.i == predicate.i and noun.dep_ in _ARGUMENTS
    hedged = argument and _hedged(predicate)
    return Scope(places=places, dates=dates, counts=counts, holders=holders, hedged=hedged,
                 background=predicate is not None and _past_perfect(predicate),
                 present=predicate is not None and _is_present(predicate), listed=_listed(token))
