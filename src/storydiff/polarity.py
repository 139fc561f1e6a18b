"""Polarity: status conflicts, where two reports state opposite states or outcomes.

Two kinds, both judged only inside pairs of sentences that say nearly the same thing
(TF-IDF cosine of the content lemmas ``align.sentence_terms`` gives, the statement alignment
``compare`` uses):

- **negation**: one sentence negates a predicate the other asserts ("There was no statement
  from X" / "X said in a statement"; "could not result in" / "could result in");
- **antonym**: the two sentences put opposite words in the same place ("shares rose" /
  "shares fell"; "convicted" / "acquitted"), from WordNet's antonyms
  (``annotate.lexicon``) and a short list of closed-class opposites (``OPPOSITES``:
  "before"/"after", "more"/"less").

Precision comes first (a false alarm in front of a fact-checker costs more than a miss):
the predicate must be the same event (same lemma or same ``align.EVENT_CLASSES`` class)
and share an argument (subject, object or modifier lemma, or a canonical entity) with its
counterpart, and a sentence that states both polarities of the predicate rules the pair out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .align import CONTENT_POS, event_class, sentence_terms
from .model import AnnotatedArticle, Evidence, Field, Finding, Sentence

# Sentence cosine above which two sentences of *different reports* are taken to be about the
# same statement. On benchmarks/pairs.py dev (41 real pairs) 0.35 let antonyms of loosely
# related sentences through ("up" / "down" in different paragraphs); 0.45 kept only
# sentences that share their main entities and predicate. Measured with the module wired
# into compare (a scratch monkeypatch of benchmarks/pairs.py): at 0.45 it adds no finding
# and no false alarm on dev; at 0.25 it adds 2, both false alarms, and still misses the 2
# gold status conflicts, whose sentences share too few words to align.
ALIGN_REPORTS = 0.45

# Opposites are read from WordNet (``annotate.lexicon.antonyms``), which was not written
# while looking at any dev edit. This list keeps only closed-class words WordNet has no
# antonyms for (prepositions, particles, comparatives, quantifiers). It used to hold some 80
# pairs of news verbs and nouns as well ("arrest"/"release", "confirm"/"deny"); WordNet has
# 55 of them. Dropping the other 29 cost one inconsistent summary of 232 on SummEdits news
# dev (balanced accuracy 69.0 -> 68.8, benchmarks/verify.py): the list was partly written
# with those edits in view, so its figure was the optimistic one.
_OPPOSITE_PAIRS = """
before after | up down | above below | over under | inside outside | upper lower
higher lower | more less | more fewer | most least | first last
""".strip()
OPPOSITES: dict[str, frozenset[str]] = {}
for _pair in _OPPOSITE_PAIRS.replace("\n", "|").split("|"):
    _left, _right = _pair.split()
    OPPOSITES[_left] = OPPOSITES.get(_left, frozenset()) | {_right}
    OPPOSITES[_right] = OPPOSITES.get(_right, frozenset()) | {_left}


def _opposites(token: Any) -> frozenset[str]:
    """Lemmas opposite to a token's: the closed-class list, and WordNet in its part of speech."""
    from .annotate.lexicon import antonyms

    lemma = token.lemma_.lower()
    return OPPOSITES.get(lemma, frozenset()) | antonyms(lemma, token.pos_)


# Prefixes that make an adjective or participle its opposite ("crewed"/"uncrewed",
# "surprising"/"unsurprising", "legal"/"illegal"). Only for adjectives and participles: on
# verbs they make other words ("dis-close", "im-pose").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


def _prefix_opposite(a: Any, b: Any) -> bool:
    if not all(t.pos_ in ("ADJ", "ADV") or t.tag_ in ("VBN", "VBG") for t in (a, b)):
        return False
    x, y = a.lower_, b.lower_
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return len(short) >= 4 and any(long == prefix + short for prefix in _NEGATING_PREFIXES)


def opposite_words(a: Any, b: Any) -> bool:
    """Whether two spaCy tokens that stand in the same place of two near-identical token
    sequences are opposites: by the lexicons (lemmas) or by a negating prefix."""
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    if la == lb:
        return False
    return lb in OPPOSITES.get(la, ()) or b.lower_ in OPPOSITES.get(a.lower_, ()) \
        or _prefix_opposite(a, b) or _wordnet_opposite(a, b)


def _wordnet_opposite(a: Any, b: Any) -> bool:
    """Direct antonyms in WordNet, in the same part of speech ("rise"/"fall",
    "guilty"/"innocent", "accept"/"reject")."""
    from .annotate.lexicon import antonyms

    if a.pos_ != b.pos_:
        return False
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    return lb in antonyms(la, a.pos_) or la in antonyms(lb, b.pos_)


# The force of a modal: whether something must, may or is only asked to happen. Closed-class
# modals and the few verbs and adjectives English uses for each (their WordNet entries do
# not oppose them: "force" has no antonym, "allow" only "disallow"). "Was forced to delete"
# and "was allowed to keep", "a voluntary statement" and "a mandatory statement", are
# opposite statements of one rule. "May" and "can" also say what is possible, not permitted
# ("prices may rise"), so they count only on the derived side (``verify``).
MODALITY: dict[str, str] = {
    **dict.fromkeys(("must", "force", "require", "order", "oblige", "compel", "mandate", "mandatory",
                     "compulsory", "obligatory"), "obligation"),
    **dict.fromkeys(("allow", "permit", "let", "authorize", "authorise", "may", "can"), "permission"),
    **dict.fromkeys(("ask", "recommend", "suggest", "advise", "urge", "encourage", "request", "voluntary",
                     "optional"), "request"),
}
EPISTEMIC_MODALS = frozenset({"may", "can", "could", "might"})


def modality(token: Any) -> str | None:
    """"obligation", "permission" or "request" for a word that sets the force of what it
    governs, not negated ("not required" is another matter: a negation); else None."""
    if token.pos_ not in ("VERB", "AUX", "ADJ"):  # "in order to", "at the request of"
        return None
    found = MODALITY.get(token.lemma_.lower()) or MODALITY.get(token.lower_)
    if found is None or _negation_cue(token) is not None:
        return None
    if any(c.dep_ == "neg" for c in token.head.children) and token.dep_ == "aux":
        return None
    return found


# Words that state a negation wherever they stand; ``verify`` counts them on both sides of
# an edit ("have [not] found [any->no] evidence" has one on each side: no edit of polarity).
NEGATION_CUES = frozenset({"not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor",
                           "cannot"})

# Words that negate what they govern, besides spaCy's ``neg`` dependency ("not", "n't",
# "never"): a determiner "no" ("no statement", "no deal"). Not "without": on the pairs dev
# set "entered the United States without papers" was taken to deny "entered".
_NEGATING_WORDS = {"no", "neither", "nor"}
# Verbs that assert or deny the outcome of their complement the other way round
# ("failed to win", "refused to sign").
DENYING_VERBS = frozenset({"fail", "refuse", "decline"})
_DENYING_VERBS = DENYING_VERBS

# Words for the same status predicate that ``align.EVENT_CLASSES`` does not join: a
# statement is a saying, a deal an agreement. Generic news vocabulary.
_SAME_STATUS = {"statement": "say", "comment": "say", "remark": "say", "announcement": "say",
                "agreement": "deal", "accord": "deal", "pact": "deal", "treaty": "deal",
                "strike": "deal"}


def _class(token: Any) -> str:
    lemma = token.lemma_.lower()
    return _SAME_STATUS.get(lemma, event_class(lemma))


# Adverbs, particles and prepositions count as the "same place" for antonyms only where they
# modify a predicate both sentences share ("shares went up" / "shares went down").
_ANTONYM_POS = CONTENT_POS | {"ADV", "ADP"}


@dataclass(frozen=True)
class _Side:
    """One sentence of one article with its spaCy span."""

    article: str
    sentence: Sentence
    span: Any


def _own_cue(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in _NEGATING_WORDS and child.dep_ in ("det", "advmod", "prep", "cc")):
            return child
    return None


def _negation_cue(token: Any) -> Any | None:
    """The token that negates the clause of ``token``, if any: "not"/"n't"/"never" on a
    verb, "no" on a noun, "failed to"/"refused to" above a verb.

    Negation is a property of the clause, not of the word it attaches to: "have not found
    any evidence" and "have found no evidence" say the same, so a verb is negated by a "no"
    on its object and a noun argument by a "not" on its verb."""
    cue = _own_cue(token)
    if cue is not None:
        return cue
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
                cue = _own_cue(child)
                if cue is not None and cue.lower_ == "no":
                    return cue
    elif token.pos_ in ("NOUN", "PROPN") and (token.dep_ in ("attr", "dobj") or (
            token.dep_ == "nsubj" and token.head.lemma_.lower() == "be")):
        # "There was no statement", "have not found any evidence"; but the subject of a
        # negated verb is not itself denied ("the minister did not sign").
        cue = _own_cue(token.head)
        if cue is not None and cue.dep_ == "neg":
            return cue
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DENYING_VERBS:
        return token.head
    return None


def _arguments(token: Any) -> set[str]:
    """Content lemmas of a predicate's direct arguments and of the noun it modifies: what
    the statement is about, beyond its predicate."""
    words = set()
    neighbours = list(token.children)
    if token.dep_ in ("amod", "compound", "advmod", "prt", "acomp", "prep", "attr") or token.pos_ in ("ADJ", "ADV", "ADP"):
        neighbours.append(token.head)
        neighbours += [c for c in token.head.children if c.i != token.i]
    # "no statement from X": the noun's own modifiers; "X said in a statement": the subject
    # and object of the verb that governs the noun.
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("pobj", "dobj", "attr", "nsubj"):
        verb = token.head.head if token.dep_ == "pobj" else token.head
        neighbours += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for other in neighbours:
        for word in (other, *[c for c in other.children if c.dep_ in ("compound", "pobj")]):
            if word.is_alpha and not word.is_stop and word.pos_ in ("NOUN", "PROPN", "VERB") and word.i != token.i:
                words.add(event_class(word.lemma_.lower()))
    return words


def _subject(token: Any) -> str | None:
    """The lemma of the subject of the clause ``token`` sits in, if the parse gives one."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child.lemma_.lower()
    return None


def _same_subject(x: Any, y: Any) -> bool:
    """False only when both clauses name a subject and the subjects differ: "Clinton
    suffered no consequences" / "only Flynn faced consequences" are about two people."""
    sx, sy = _subject(x), _subject(y)
    return sx is None or sy is None or sx == sy


def _predicates(span: Any) -> Iterator[tuple[Any, str, Any | None]]:
    """(token, event class, negation cue or None) for the content words of a sentence."""
    for token in span:
        if token.is_alpha and token.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and not token.is_stop \
                or token.lemma_.lower() in ("say", "be") and token.pos_ in ("VERB", "AUX") and token.dep_ == "ROOT":
            yield token, _class(token), _negation_cue(token)


def _sides(item: AnnotatedArticle) -> list[_Side]:
    from .align import sentence_spans

    return [_Side(item.id, sentence, span) for sentence, span in sentence_spans(item)]


def aligned_sentences(a: AnnotatedArticle, b: AnnotatedArticle, canonical: dict[str, str],
                      minimum: float = ALIGN_REPORTS) -> list[tuple[Sentence, Sentence, float]]:
    """Pairs of sentences of ``a`` and ``b`` whose content-lemma TF-IDF cosine is at least
    ``minimum``, best first: the statement alignment of ``compare``, pairwise."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    terms_a, terms_b = sentence_terms(a, canonical), sentence_terms(b, canonical)
    left = [s for s in a.title_sentences + a.sentences if terms_a.get((s.field, s.index))]
    right = [s for s in b.title_sentences + b.sentences if terms_b.get((s.field, s.index))]
    if not left or not right:
        return []
    documents = [terms_a[(s.field, s.index)] for s in left] + [terms_b[(s.field, s.index)] for s in right]
    matrix = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True).fit_transform(documents)
    similarity = cosine_similarity(matrix[: len(left)], matrix[len(left):])
    pairs = [(left[i], right[j], float(similarity[i, j]))
             for i in range(len(left)) for j in range(len(right)) if similarity[i, j] >= minimum]
    pairs.sort(key=lambda p: -p[2])
    return pairs


@dataclass(frozen=True)
class StatusClash:
    """Opposite polarity of one predicate in two aligned sentences."""

    kind: str  # "negation" | "antonym"
    a: Any  # spaCy tokens (or spans) carrying the clash in each sentence
    b: Any
    about: str


def _span_of(tokens: list[Any]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def sentence_clashes(span_a: Any, span_b: Any) -> list[StatusClash]:
    """Negation and antonym clashes between two sentences already known to be aligned."""
    clashes: list[StatusClash] = []
    preds_a = list(_predicates(span_a))
    preds_b = list(_predicates(span_b))
    polarity_a = {(cls, cue is None) for _, cls, cue in preds_a}
    polarity_b = {(cls, cue is None) for _, cls, cue in preds_b}
    seen: set[str] = set()
    for (preds_x, polarity_y, preds_y, flip) in ((preds_a, polarity_b, preds_b, False),
                                                  (preds_b, polarity_a, preds_a, True)):
        for token, cls, cue in preds_x:
            if cue is None or cls in seen:
                continue
            # The other sentence must assert this predicate and never deny it.
            if (cls, False) in polarity_y or (cls, True) not in polarity_y:
                continue
            # A word stated both ways within the sentence itself is a contrast, not a claim.
            if any(c == cls and q is None for t, c, q in preds_x if t is not token):
                continue
            partners = [t for t, c, q in preds_y if c == cls and q is None]
            args = _arguments(token) | {cue.lemma_.lower()}
            partner = next((p for p in partners if _arguments(p) & args - {cue.lemma_.lower()}
                            and _same_subject(token, p)), None)
            if partner is None:
                continue
            seen.add(cls)
            negated = [cue, token]
            clash = StatusClash("negation", [partner] if flip else negated, negated if flip else [partner],
                                f"{'not ' if not flip else ''}{token.lemma_.lower()}")
            clashes.append(clash)
    lemmas_a = {t.lemma_.lower() for t in span_a}
    lemmas_b = {t.lemma_.lower() for t in span_b}
    for token in span_a:
        lemma = token.lemma_.lower()
        opposites = _opposites(token)
        if not opposites or token.pos_ not in _ANTONYM_POS or lemma in lemmas_b:
            continue
        for other in span_b:
            other_lemma = other.lemma_.lower()
            if other_lemma not in opposites or other.pos_ not in _ANTONYM_POS or other_lemma in lemmas_a:
                continue
            # Both negated or neither: "did not rise" vs "fell" agree.
            if (_negation_cue(token) is None) != (_negation_cue(other) is None):
                continue
            if not (_arguments(token) & _arguments(other)) or not _same_subject(token, other):
                continue
            clashes.append(StatusClash("antonym", [token], [other], f"{lemma} vs {other_lemma}"))
            break
    return clashes


def _evidence(article: str, field: Field, tokens: list[Any]) -> Evidence:
    start, end = _span_of(tokens)
    doc = tokens[0].doc
    return Evidence(article, start, end, doc.text[start:end], field)


def status_conflicts(a: AnnotatedArticle, b: AnnotatedArticle, canonical: dict[str, str],
                     minimum: float = ALIGN_REPORTS) -> list[Finding]:
    """Status conflicts (negation, antonym) between two annotated articles, one per pair of
    aligned sentences at most; evidence spans index each article's field exactly."""
    findings: list[Finding] = []
    sides_a = {(s.sentence.field, s.sentence.index): s for s in _sides(a)}
    sides_b = {(s.sentence.field, s.sentence.index): s for s in _sides(b)}
    used_a: set[tuple[str, int]] = set()
    used_b: set[tuple[str, int]] = set()
    for left, right, similarity in aligned_sentences(a, b, canonical, minimum):
        key_a, key_b = (left.field, left.index), (right.field, right.index)
        if key_a in used_a or key_b in used_b or key_a not in sides_a or key_b not in sides_b:
            continue
        clashes = sentence_clashes(sides_a[key_a].span, sides_b[key_b].span)
        if not clashes:
            continue
        used_a.add(key_a)
        used_b.add(key_b)
        clash = clashes[0]
        ev_a = _evidence(a.id, left.field, clash.a)
        ev_b = _evidence(b.id, right.field, clash.b)
        findings.append(Finding(
            id="", type="conflict", kind="status", about=clash.about,
            # Sentence similarity above the alignment floor is what makes the two
            # statements the same statement; negation cues are explicit, antonyms less so.
            confidence=round(min(0.95, 0.5 + 0.5 * similarity + (0.05 if clash.kind == "negation" else 0.0)), 2),
            evidence=[ev_a, ev_b],
            explanation=f"{clash.kind}: {ev_a.text!r} vs {ev_b.text!r}",
        ))
    return findings


# ---------------------------------------------------------------------------------------
# Direction of change: which way an amount moved ("profits dropped", "raising prices", "a
# sharp increase in profit"). A fact about the amount, wherever in the text it is stated, so
# it can be compared where no two sentences line up word for word.


@dataclass(frozen=True)
class Change:
    """One stated rise or fall of an amount: ``amount`` is the lemma of the noun that moved."""

    amount: str
    direction: str  # "up" | "down"
    token: Any  # the word of change
    field: Field


_AMOUNT_DEPS_VERB = {"nsubj": False, "nsubjpass": True, "dobj": True}


def _amount_of(token: Any) -> Any | None:
    """The noun whose amount ``token`` (a verb or noun of change) moves, from the parse.

    A verb moves its subject ("profits dropped") unless it has an object ("raised prices")
    or is passive ("prices were raised"); a noun moves what it is "in" or "of" ("a drop in
    profit"), or the noun compounded with it ("a price rise")."""
    if token.pos_ == "VERB":
        found = {c.dep_: c for c in token.children if c.dep_ in _AMOUNT_DEPS_VERB}
        # A transitive verb moves its object or nothing: "police shot [a man]" says nothing
        # of an amount of police.
        dep = next((d for d in ("dobj", "nsubjpass", "nsubj") if d in found), None)
        return found[dep] if dep is not None and found[dep].pos_ == "NOUN" else None
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objects:
                    return objects[0]
            if child.dep_ == "compound" and child.pos_ == "NOUN":
                return child
    return None


def _measurable(lemma: str) -> bool:
    """Whether a noun can name an amount: not a person, a group or a living thing, whose
    "rise" or "fall" is of another kind ("police caught" is no decrease of police)."""
    from .annotate.lexicon import is_a

    return not is_a(lemma, "NOUN", ("person.n.01", "group.n.01", "organism.n.01"))


def changes(item: AnnotatedArticle) -> list[Change]:
    """Every rise or fall of an amount an article states, not negated, with the direction
    from WordNet (``annotate.lexicon.direction``)."""
    from .align import sentence_spans
    from .annotate.lexicon import direction

    found = []
    for sentence, span in sentence_spans(item):
        for token in span:
            if token.pos_ not in ("VERB", "NOUN") or not token.is_alpha or _negation_cue(token) is not None:
                continue
            way = direction(token.lemma_.lower())
            if way is None:
                continue
            amount = _amount_of(token)
            if amount is not None and _measurable(amount.lemma_.lower()):
                found.append(Change(amount.lemma_.lower(), way, token, sentence.field))
    return found


def direction_clashes(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[tuple[Change, Change]]:
    """(derived change, source change) where the derived text moves an amount one way and
    the source moves the same amount only the other way. An amount the source moves both
    ways ("rose in the morning and fell by the close") is never held against either."""
    by_amount: dict[str, list[Change]] = {}
    for change in changes(source):
        by_amount.setdefault(change.amount, []).append(change)
    clashes = []
    for change in changes(derived):
        stated = by_amount.get(change.amount, [])
        if stated and all(other.direction != change.direction for other in stated):
            clashes.append((change, stated[0]))
    return clashes


__all__ = ["status_conflicts", "sentence_clashes", "aligned_sentences", "opposite_words", "StatusClash",
           "OPPOSITES", "NEGATION_CUES", "MODALITY", "EPISTEMIC_MODALS", "modality", "DENYING_VERBS", "ALIGN_REPORTS",
           "Change", "changes",
           "direction_clashes"]
