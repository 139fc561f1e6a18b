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
from functools import lru_cache
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


# ---------------------------------------------------------------------------------------
# Relative age of two named siblings: "Mary, the younger sister of Liz" against "Liz
# blasted by older sister" when Mary is the one sister of Liz the reports name.

# Nouns of siblings, and the comparatives that order two of them. Superlatives ("the
# youngest sister") rank among all the siblings and say nothing about the one named with
# them; nouns of parents and children ("the elder son") compare the children, not the
# child with the parent.
SIBLING_NOUNS = frozenset({"sister", "brother", "sibling"})
_AGE_ORDER = {"older": "older", "elder": "older", "younger": "younger"}
_ACTOR_KINDS = {"person", "org"}


@dataclass(frozen=True)
class KinAge:
    """"``elder`` is older than ``younger``", read at ``tokens`` (the comparative and the noun)."""

    article: str
    field: Field
    elder: str
    younger: str
    start: int
    end: int
    text: str


def _actor_at(item: AnnotatedArticle, field: str, token: Any, canonical: dict[str, str],
              kinds: frozenset[str] | set[str] = _ACTOR_KINDS) -> str | None:
    for mention in item.mentions:
        if mention.kind in kinds and mention.field == field and mention.start <= token.idx < mention.end:
            return canonical.get(mention.text, mention.text)
    return None


def _named_in(item: AnnotatedArticle, field: str, token: Any, canonical: dict[str, str]) -> str | None:
    """The name a noun phrase gives: the name at its head, else the last name in it
    ("Wyoming Senate candidate Liz Cheney")."""
    found = _actor_at(item, field, token, canonical)
    if found:
        return found
    for child in sorted(token.subtree, key=lambda t: -t.i):
        if child.pos_ == "PROPN":
            found = _actor_at(item, field, child, canonical)
            if found:
                return found
    return None


def _clause_subject(token: Any) -> Any | None:
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and current is not token:
            return subjects[0]
        if current.head is current:
            return None
        current = current.head
    return None


def _possessor(item: AnnotatedArticle, field: str, noun: Any, canonical: dict[str, str]) -> str | None:
    """Whose sibling a sibling noun names: "of NAME", "NAME's", a possessive pronoun (the
    subject of its clause: "Mary ... blasted her older sibling"), or, with none, the named
    subject of a passive whose agent the sibling is ("Liz blasted by older sister")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _named_in(item, field, pobj, canonical)
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return _named_in(item, field, child, canonical)
    left = noun.doc[noun.left_edge.i - 1] if noun.left_edge.i > 0 else None
    pronoun = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if pronoun is None and left is not None and left.lower_ in ("her", "his") and left.i < noun.i:
        pronoun = left
    if pronoun is not None:
        subject = _clause_subject(pronoun)
        return _named_in(item, field, subject, canonical) if subject is not None else None
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        # A headline drops the auxiliary ("Liz blasted by older sister"): its subject
        # is parsed as active, though the agent says it is passive.
        subject = next((c for c in noun.head.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is not None:
            return _named_in(item, field, subject, canonical)
    return None


def _sibling_named(item: AnnotatedArticle, field: str, noun: Any, canonical: dict[str, str]) -> str | None:
    """The person a sibling noun is said of: the name it is in apposition to ("Mary, the
    younger sister of"), the name in apposition to it ("her older sibling, Elizabeth"),
    or the subject it is said of ("Paul is the older brother of Tom")."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return _named_in(item, field, noun.head, canonical)
    for child in noun.children:
        if child.pos_ == "PROPN" and child.dep_ in ("appos", "npadvmod"):
            return _named_in(item, field, child, canonical)
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _named_in(item, field, subject, canonical)
    return None


def _sibling_mentions(item: AnnotatedArticle, canonical: dict[str, str]) -> list[tuple[str, Any, str | None, str | None, str | None]]:
    """(field, noun, order or None, sibling named, whose sibling) of every sibling noun."""
    found = []
    for field, doc in (("text", item.doc), ("title", item.title_doc)):
        if doc is None:
            continue
        for token in doc:
            if token.lemma_.lower() not in SIBLING_NOUNS or token.pos_ != "NOUN":
                continue
            order = next((_AGE_ORDER[c.lower_] for c in token.children
                          if c.dep_ == "amod" and c.lower_ in _AGE_ORDER), None)
            found.append((field, token, order, _sibling_named(item, field, token, canonical),
                          _possessor(item, field, token, canonical)))
    return found


def kin_ages(items: list[AnnotatedArticle], canonical: dict[str, str]) -> list[KinAge]:
    """Which of two named siblings is the older, as each article says it. A sibling noun
    with no name ("blasted by older sister") is the one sibling of its possessor that the
    articles name, if they name exactly one."""
    from .align import same_actor

    mentions = {item.id: _sibling_mentions(item, canonical) for item in items}
    siblings: dict[str, set[str]] = {}
    for found in mentions.values():
        for _, _, _, named, whose in found:
            if named and whose and not same_actor(named, whose):
                siblings.setdefault(whose, set()).add(named)
                siblings.setdefault(named, set()).add(whose)
    ages = []
    for item in items:
        for field, noun, order, named, whose in mentions[item.id]:
            if order is None or whose is None:
                continue
            if named is None:
                known = {n for w, names in siblings.items() if same_actor(w, whose) for n in names}
                if len(known) != 1:
                    continue
                named = next(iter(known))
            if same_actor(named, whose):
                continue
            adjective = next(c for c in noun.children if c.dep_ == "amod" and c.lower_ in _AGE_ORDER)
            start, end = min(adjective.idx, noun.idx), max(adjective.idx + len(adjective), noun.idx + len(noun))
            elder, younger = (named, whose) if order == "older" else (whose, named)
            ages.append(KinAge(item.id, field, elder, younger, start, end, noun.doc.text[start:end]))
    return ages


def kin_age_conflicts(items: list[AnnotatedArticle], canonical: dict[str, str]) -> list[Finding]:
    """Articles that order the same two siblings the opposite way ("Mary, the younger
    sister of Liz" / "Liz blasted by older sister", Mary being the sister named): one
    finding per pair of siblings, with every article's words on either side. A report that
    also orders them the other way contradicts itself, and its odd statement still
    conflicts with the other report."""
    from .align import same_actor

    ages = kin_ages(items, canonical)
    # Names as a reader knows them: the shortest form written of each canonical name.
    shown: dict[str, str] = {}
    for item in items:
        for mention in item.mentions:
            name = canonical.get(mention.text, mention.text)
            if mention.kind in _ACTOR_KINDS and len(mention.text) < len(shown.get(name, name + " ")):
                shown[name] = mention.text
    findings = []
    done: list[KinAge] = []
    for x in ages:
        if any(same_actor(x.elder, d.elder) and same_actor(x.younger, d.younger)
               or same_actor(x.elder, d.younger) and same_actor(x.younger, d.elder) for d in done):
            continue
        one = [a for a in ages if same_actor(a.elder, x.elder) and same_actor(a.younger, x.younger)]
        other = [a for a in ages if same_actor(a.elder, x.younger) and same_actor(a.younger, x.elder)]
        if not other or not any(a.article != b.article for a in one for b in other):
            continue
        done.append(x)
        first, second = shown.get(x.elder, x.elder), shown.get(x.younger, x.younger)
        evidence, seen = [], set()
        for age in sorted(one + other, key=lambda a: (a.article, a.field, a.start)):
            if (age.article, age.field, age.start) in seen:
                continue
            seen.add((age.article, age.field, age.start))
            elder = first if age in one else second
            younger = second if age in one else first
            evidence.append(Evidence(age.article, age.start, age.end, age.text, age.field,
                                     f"{elder} older than {younger}"))
        findings.append(Finding(
            id="", type="conflict", kind="other", about=f"which is the older sibling: {first} or {second}",
            confidence=0.75, evidence=evidence,
            explanation=f"{first} is the older in {len({a.article for a in one})} report(s), "
                        f"{second} in {len({a.article for a in other})}",
        ))
    return findings


# ---------------------------------------------------------------------------------------
# Denied acts: "there was no statement from X after the meeting" / "X said after ...";
# "no deal has yet been announced" / "they had struck a preliminary agreement".

# What bounds a denial in time, so that the other report's act falls in the period it
# covers: up to the time of writing ("yet", "so far"), or after an event ("after the
# meeting"). A denial without one ("there was no immediate comment from the White House")
# is too common beside a later "the White House said" to be read as a conflict.
_AFTER = {"after", "following"}
# Words that make an act a hope or a plan, not a report that it happened.
_IRREALIS = {"hope", "want", "seek", "plan", "expect", "try", "aim", "push", "wish", "call", "need", "urge"}
_MODALS = {"will", "would", "could", "may", "might", "should", "can", "must", "shall"}


@dataclass(frozen=True)
class _Denial:
    article: str
    field: Field
    noun: Any  # the denied noun ("statement", "deal")
    actors: frozenset[str]  # names the denial is about
    bound: str  # "now" | "after"
    start: int
    end: int
    # For "after": the content words of the event's participants ("the meeting" with
    # Milosevic: {"milosevic"}), which the other report's "after" must share.
    anchor: frozenset[str] = frozenset()


def _bound_at(verb: Any, noun: Any) -> tuple[str | None, Any | None]:
    """("now" | "after" | None, the "after" preposition)."""
    for token in (verb, noun):
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ == "yet":
                return "now", None
            if child.dep_ == "advmod" and child.lower_ == "far" and any(
                    c.lower_ == "so" for c in child.children):
                return "now", None
            if child.dep_ == "prep" and child.lower_ in _AFTER:
                return "after", child
    return None, None


# Prepositions that attach the participants of an event ("met with X", "talks between X and
# Y", "a message to X"), not its time or place.
_PARTICIPANT_PREPS = {"with", "between", "to", "among"}


def _content(tokens: Any, actors: frozenset[str] | set[str]) -> set[str]:
    """Lemmas of the nouns and names among ``tokens``, less the words of the actors' names."""
    actor_words = {w.lower() for a in actors for w in a.split()}
    return {t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN") and t.is_alpha
            and t.lower_ not in actor_words}


def _anchor_participants(prep: Any, actors: frozenset[str] | set[str]) -> frozenset[str]:
    """Who or what the event after which a denial holds involves: the words of "after the
    talks with union leaders"; for a bare definite event ("after the meeting"), the
    participants of the last mention of that kind of event before it ("met with
    Milosevic": the object, or the nouns after "with", "to", "between")."""
    from .align import event_class

    event = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if event is None:
        return frozenset()
    own = _content((t for t in event.subtree if t.i != event.i), actors)
    if own or not any(c.dep_ == "det" and c.lower_ == "the" for c in event.children):
        return frozenset(own)
    kind = event_class(event.lemma_.lower())
    for earlier in reversed(event.doc[max(0, event.i - 200):event.i]):
        if earlier.pos_ in ("VERB", "NOUN") and event_class(earlier.lemma_.lower()) == kind:
            tokens = [t for c in earlier.children if c.dep_ == "dobj" or (
                c.dep_ == "prep" and c.lower_ in _PARTICIPANT_PREPS) for t in c.subtree]
            found = _content(tokens, actors)
            if found:
                return frozenset(found)
    return frozenset()


# Who can make a statement or strike a deal: people, organisations, and the places and
# groups that stand for governments and parties (the small model tags "New Democracy", a
# party, as a place).
_PARTY_KINDS = frozenset({"person", "org", "place", "group"})


def _names(item: AnnotatedArticle, field: str, tokens: Any, canonical: dict[str, str]) -> set[str]:
    found = set()
    for token in tokens:
        if token.pos_ == "PROPN":
            name = _actor_at(item, field, token, canonical, _PARTY_KINDS)
            if name is None and token.dep_ != "compound":
                # A proper noun the entity reader missed ("New Democracy's"): its words.
                words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
                name = " ".join(t.text for t in (*words, token))
            if name:
                found.add(name)
    return found


def _denials(item: AnnotatedArticle, canonical: dict[str, str]) -> list[_Denial]:
    """Nouns of an act denied with a determiner "no" ("there was no statement from X",
    "no deal ... has yet been announced"), bounded in time (``_bound``), with the names
    they are about: the noun's own "from X" or "X's", else the names of its sentence."""
    found = []
    for field, doc in (("text", item.doc), ("title", item.title_doc)):
        if doc is None:
            continue
        for noun in doc:
            if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
                continue
            verb = noun.head
            existential = noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children)
            # "X made no statement", "the parties have reached no agreement": the act is
            # denied of the verb's subject.
            done_by = noun.dep_ == "dobj" and verb.pos_ == "VERB"
            if not (existential or done_by or noun.dep_ == "nsubjpass"):
                continue
            bound, after = _bound_at(verb, noun)
            if bound is None:
                continue
            own = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"]
            own += [c for c in noun.children if c.dep_ == "poss"]
            if done_by:
                own += [c for c in verb.children if c.dep_ == "nsubj"]
            actors = set()
            for token in own:
                actors |= _names(item, field, token.subtree, canonical)
            if not own:
                actors = _names(item, field, noun.sent, canonical)
            if not actors:
                continue
            anchor = _anchor_participants(after, actors) if after is not None else frozenset()
            if bound == "after" and not anchor:
                continue
            words = [t for t in noun.subtree] + [t for t in verb.subtree if t.i > noun.i]
            words = [t for t in words if not (t.is_punct or t.is_space)]
            start = min(t.idx for t in words if t.i >= noun.i - 1)
            start = min(start, next(c.idx for c in noun.children if c.dep_ == "det"))
            if done_by and verb.i < noun.i:
                start = verb.idx
            end = max(t.idx + len(t) for t in words)
            found.append(_Denial(item.id, field, noun, frozenset(actors), bound, start, end, anchor))
    return found


def _realis(verb: Any) -> bool:
    """Whether a verb reports that something happened: not negated, not under a modal,
    not what someone hopes, plans or seeks ("hope for a deal", "wants to strike a deal")."""
    current = verb
    for _ in range(4):
        if any(c.dep_ == "neg" or c.lower_ in _MODALS and c.dep_ == "aux" for c in current.children):
            return False
        if current.lemma_.lower() in _IRREALIS:
            return False
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "prep", "pobj") or current.head is current:
            return True
        if current.dep_ == "ccomp":  # "said they had struck": the report of a saying,
            return not any(c.dep_ == "neg" for c in current.head.children)  # unless denied
        current = current.head
    return True


def _same_act_word(noun: Any, other: Any) -> bool:
    """Whether a noun of an act and a word of the other report name one act: a noun that
    shares a sense with it or is one step above or below it ("deal" and "agreement"), or a
    verb that shares a sense with the verb the noun's first sense derives from
    ("statement", "state", "say")."""
    return _same_act_lemmas(noun.lemma_.lower(), other.lemma_.lower(), other.pos_)


@lru_cache(maxsize=65536)
def _same_act_lemmas(lemma: str, word: str, pos: str) -> bool:
    # cached: every denial is tried against every noun and verb of the other reports
    from .annotate.lexicon import related, wordnet

    if pos == "NOUN":
        return lemma == word or bool(related(lemma, word, "NOUN", steps=1))
    if pos != "VERB":
        return False
    reader = wordnet()
    # The verb of the noun's first (most frequent) sense only: "no sign of" is no signing.
    first = reader.synsets(lemma, pos="n")[:1]
    verbs = {form.name() for sense in first for item in sense.lemmas()
             if item.name().lower() == lemma for form in item.derivationally_related_forms()
             if form.synset().pos() == "v"}
    senses = {s for v in verbs for s in reader.synsets(v, pos="v")}
    return bool(senses & set(reader.synsets(word, pos="v")))


def _subject_names(item: AnnotatedArticle, field: str, verb: Any, canonical: dict[str, str]) -> tuple[set[str], str]:
    """The names the subject of ``verb`` gives (a pronoun: the subject of the verb that
    reports it, "the conservatives said they had struck"), and the subject's words."""
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return set(), ""
        if subject.pos_ != "PRON" or current.dep_ != "ccomp":
            words = [t for t in subject.subtree if t.dep_ != "relcl" and not any(
                a.dep_ == "relcl" for a in t.ancestors if a.i in range(subject.left_edge.i, subject.right_edge.i + 1))]
            return _names(item, field, words, canonical), " ".join(t.text for t in words)
        current = current.head
    return set(), ""


def denial_conflicts(items: list[AnnotatedArticle], canonical: dict[str, str]) -> list[Finding]:
    """One report denies an act in a bounded period ("there was no statement from
    Holbrooke after the meeting"; "no deal on a coalition has yet been announced") and
    another reports it done by the same named actor in that period ("after delivering his
    message, Holbrooke said"; "New Democracy said they had struck a preliminary
    agreement"). Up to the time of writing ("yet") the act may have followed the denial:
    a likely update."""
    findings = []
    for item in items:
        for denial in _denials(item, canonical):
            denied_text = (item.doc if denial.field == "text" else item.title_doc).text[denial.start:denial.end]
            evidence = [Evidence(item.id, denial.start, denial.end, denied_text, denial.field)]
            for other in items:
                found = _done(other, denial, canonical) if other.id != item.id else None
                if found is not None:
                    field, start, end = found
                    doc = other.doc if field == "text" else other.title_doc
                    evidence.append(Evidence(other.id, start, end, doc.text[start:end], field))
            if len(evidence) < 2:
                continue
            # One finding per denial, with every report that has the act done.
            update = denial.bound == "now"
            published = {i.id: (i.article.published.isoformat() if i.article.published else None)
                         for i in items if any(e.article == i.id for e in evidence)}
            findings.append(Finding(
                id="", type="conflict", kind="status", about=f"whether there was a {denial.noun.lemma_}",
                confidence=0.7, evidence=evidence,
                explanation=" vs ".join(repr(e.text) for e in evidence),
                likely_update=update, published=published if update else None,
            ))
    return findings


def _done(item: AnnotatedArticle, denial: _Denial, canonical: dict[str, str]) -> tuple[str, int, int] | None:
    """Where ``item`` reports the denied act done by one of the denial's actors, within
    its bound: (field, start, end) of the subject or verb and the act's noun."""
    from .align import same_actor

    for field, doc in (("text", item.doc), ("title", item.title_doc)):
        if doc is None:
            continue
        for token in doc:
            if not _same_act_word(denial.noun, token):
                continue
            if token.pos_ == "NOUN":
                if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                    continue
                if token.dep_ not in ("dobj", "nsubjpass"):
                    continue
                verb = token.head
            else:
                verb = token
            if verb.pos_ not in ("VERB", "AUX") or not _realis(verb):
                continue
            if denial.bound == "after":
                # The act must follow the same event: its "after" shares a participant
                # ("after delivering his message to Milosevic" / "after the meeting" with
                # Milosevic; not "after a meeting with NATO leaders").
                afters = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _AFTER or
                          c.dep_ == "advcl" and any(m.lower_ in _AFTER for m in c.children if m.dep_ == "mark")]
                if not any(_content(c.subtree, denial.actors) & denial.anchor for c in afters):
                    continue
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None) \
                if token.pos_ == "NOUN" else None
            if owner is not None:
                # "applauded the president's decision": the act is the owner's, not the
                # subject's.
                names, words = _names(item, field, owner.subtree, canonical), ""
            else:
                names, words = _subject_names(item, field, verb, canonical)
            if not any(same_actor(n, a) for n in names for a in denial.actors) and not any(
                    a in words for a in denial.actors):
                continue
            tokens = [token, verb]
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if token.pos_ == "VERB" and subject is not None and subject.right_edge.i + 1 == verb.i:
                tokens += [subject, subject.left_edge]  # "Karen Holt said"
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t) for t in tokens)
            if token.pos_ == "NOUN":
                end = max(end, token.idx + len(token))
                start = min(start, token.left_edge.idx)
            return field, start, end
    return None
