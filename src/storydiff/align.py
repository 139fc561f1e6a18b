"""Align: turn annotated articles into claims and pair claims about the same thing.

Conflicting statements across outlets rarely sit in sentences that paraphrase each other, so
claims are aligned by what they are about, not by sentence similarity: a typed value (a date,
a quantity, a place) together with the word it attaches to in the parse (``head``: "visited",
"injured") and the content words and canonical entities of its clause (``about``). Two claims
of the same type align when their heads name the same kind of event and their clauses share
enough weighted content.

Statements (whole sentences) are aligned separately, by TF-IDF similarity of their content
lemmas, to say what the sources corroborate and what only one of them reports.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .lang.realis import _EXPECTING, _irrealis
from .model import AnnotatedArticle, Claim, ClaimKind, Mention, Sentence

# Verbs and nouns that name the same kind of event in news reports, so that "killed" and
# "died", or "visited" and "travelled to", align as the same fact. A lexicon of the domain,
# not of any one story.
EVENT_CLASSES: dict[str, str] = {}
for _class, _words in {
    "death": "die kill dead death toll fatality life body slay perish",
    "injury": "injure wound hurt injury casualty",
    "visit": "visit tour travel trip go arrive fly journey",
    "arrest": "arrest detain apprehend custody capture",
    "say": "say tell state announce declare add note report",
    "meet": "meet meeting talk hold summit",
    "vote": "vote ballot poll override",
    "elect": "elect election win victory",
    "sentence": "sentence jail imprison prison term",
    "charge": "charge indict indictment accuse count",
    "begin": "begin start launch open",
    "end": "end finish close conclude",
    "pay": "pay cost price spend fund",
    "evacuate": "evacuate flee displace evacuation",
    "missing": "missing miss",
    "aboard": "aboard onboard board passenger crew carry",
    "marry": "marry wed marriage",
    "release": "release free freed",
    "sign": "sign signing",
}.items():
    for _word in _words.split():
        EVENT_CLASSES.setdefault(_word, _class)

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}

# Mentions of these kinds become claims (dates, numbers, places). Names of people and
# organisations are compared as entities (spelling variants), not as claim values.
CLAIM_KINDS: dict[str, ClaimKind] = {"date": "date", "time": "date", "duration": "date", "set": "date",
               "quantity": "number", "place": "place"}


def event_class(lemma: str) -> str:
    return EVENT_CLASSES.get(lemma, lemma)


@dataclass(frozen=True)
class ClaimPair:
    """Two claims of different articles that appear to be about the same thing."""

    a: Claim
    b: Claim
    score: float
    head_match: bool
    shared_entities: frozenset[str]


def _token_range(doc, mention: Mention):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span


def _governor(span) -> Any:  # a spaCy Token or None
    """The first token outside ``span`` that the span depends on, skipping prepositions."""
    token = span.root
    seen = 0
    while seen < 8:
        seen += 1
        head = token.head
        if head is token:
            return None
        token = head
        if span.start <= token.i < span.end:
            continue
        if token.pos_ in ("ADP", "PART", "DET", "CCONJ", "PUNCT", "NUM"):
            continue
        return token
    return None


# Verbs that date an event without naming it: the event is their subject ("the vote is
# expected on Thursday", "the override is expected to begin in the Senate on Wednesday,
# followed by the House on Thursday"). "follow" and "precede" carry an elided event over
# from the clause they hang from; the expectation verbs (``lang.realis._EXPECTING``) say
# when it is planned; "begin" and "start" only under an expectation, since "talks began
# Monday" and "talks were held Tuesday" can both be true of an event of several days, but a
# planned start is the planned day.
_ELLIPTIC = {"follow", "precede"}
_PHASES = {"begin", "start"}
_LIGHT_CLIMB = ("xcomp", "advcl", "conj", "ccomp")


def _dated_event(governor) -> str | None:
    """The event a date is the date of when the word it attaches to does not name one
    (see ``_ELLIPTIC``), or None: the event noun that follows ("followed by a vote on
    Thursday"), else the event verb an expectation governs ("is expected to vote on
    Wednesday, followed by the House on Thursday"), else the subject of the verbs the date
    hangs from if it names a kind of event ("the override is expected to begin")."""
    lemma = governor.lemma_.lower()
    light = _ELLIPTIC | _EXPECTING | _PHASES
    if lemma not in light or governor.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    chain = [governor]
    while chain[-1].dep_ in _LIGHT_CLIMB and chain[-1].head is not chain[-1] and len(chain) < 5:
        chain.append(chain[-1].head)
    if lemma in _PHASES and not {token.lemma_.lower() for token in chain} & _EXPECTING:
        return None
    if lemma in _ELLIPTIC:
        for agent in (child for child in governor.children if child.dep_ == "agent"):
            for noun in (child for child in agent.children if child.dep_ == "pobj"):
                if noun.pos_ == "NOUN" and noun.lemma_.lower() in EVENT_CLASSES:
                    return event_class(noun.lemma_.lower())
    for verb in chain:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB" and child.lemma_.lower() not in light:
                return event_class(child.lemma_.lower())
    subject = None
    for verb in chain:
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            break
    if subject is None:
        # A long subject with an appositive or a relative clause ("The override, the first
        # Mr. Obama has faced, is expected to") is often hung from the clause inside it by
        # the small parser; the sentence's first subject before the verb is the subject.
        top = chain[-1]
        subject = next((t for t in top.sent if t.i < top.i and t.dep_ in ("nsubj", "nsubjpass")
                        and t.pos_ in ("NOUN", "PROPN")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    event = EVENT_CLASSES.get(subject.lemma_.lower())
    return event if event not in (None, "begin", "end", "say") else None


def _clause_root(token):
    """The nearest verb at or above ``token``: its subtree is the clause the fact sits in."""
    current = token
    for _ in range(10):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head is current:
            return current
        current = current.head
    return current


def _content_lemmas(tokens: Iterable, exclude: range) -> set[str]:
    lemmas = set()
    for token in tokens:
        if token.i in exclude or token.is_stop or not token.is_alpha:
            continue
        if token.pos_ in CONTENT_POS and len(token.text) > 1:
            lemmas.add(event_class(token.lemma_.lower()))
    return lemmas


def claims_of(item: AnnotatedArticle, canonical: dict[str, str]) -> list[Claim]:
    """The typed claims of one annotated article."""
    claims = []
    sentences = {("text", s.index): s for s in item.sentences}
    sentences.update({("title", s.index): s for s in item.title_sentences})
    entity_mentions = [m for m in item.mentions if m.label and m.label != "TIMEX3" and m.kind != "quantity"]
    for mention in item.mentions:
        kind = CLAIM_KINDS.get(mention.kind)
        if kind is None:
            continue
        sentence = sentences.get((mention.field, mention.sentence))
        doc = item.doc if mention.field == "text" else item.title_doc
        if sentence is None or doc is None:
            continue
        span = _token_range(doc, mention)
        if span is None:
            continue
        governor = _governor(span)
        unit = getattr(mention.value, "unit", None)
        # "12 people were killed": the number counts "people", but what it is a count of
        # is the killing; climb from the counted noun to the word that governs it.
        if governor is not None and kind == "number" and unit \
                and governor.lemma_.lower() == str(unit).lower() and governor.head is not governor:
            above = _governor(governor.doc[governor.i:governor.i + 1])
            if above is not None and above.pos_ in ("VERB", "AUX", "NOUN"):
                governor = above
        head = event_class((governor.lemma_ if governor is not None else "").lower())
        dated_event = _dated_event(governor) if kind == "date" and governor is not None else None
        if dated_event and not _rule_on("compare.judge.dated_event"):
            dated_event = None
        head = dated_event or head
        clause = _clause_root(governor) if governor is not None else span.root
        clause_tokens = list(clause.subtree) if clause is not None else list(span.sent)
        # A clause that is the whole sentence's root is fine; a one-word clause is too thin
        # to say what the value is about, so the sentence is used instead.
        if len(clause_tokens) < 4:
            clause_tokens = list(span.sent)
        exclude = range(span.start, span.end)
        about = _content_lemmas(clause_tokens, exclude)
        if unit:
            about.add(event_class(str(unit).lower()))
        if dated_event:
            # "followed by the House on Thursday" is about the House's vote.
            about.add(dated_event)
        low, high = clause_tokens[0].idx, clause_tokens[-1].idx + len(clause_tokens[-1])
        entities = frozenset(
            canonical.get(m.text, m.text)
            for m in entity_mentions
            if m.field == mention.field and low <= m.start < high
            and not (m.start >= mention.start and m.end <= mention.end)
        )
        sentence_entities = frozenset(
            canonical.get(m.text, m.text) for m in entity_mentions
            if m.field == mention.field and m.sentence == mention.sentence
            and not (m.start >= mention.start and m.end <= mention.end))
        context = frozenset(_content_lemmas(span.sent, exclude)) | sentence_entities
        claims.append(
            Claim(item.id, kind, mention, head, frozenset(about) | entities, entities, sentence, context,
                  irrealis=_irrealis(span))
        )
    return _without_shared_context(claims)


def _without_shared_context(claims: list[Claim]) -> list[Claim]:
    """Dates whose sentence gives another date lose the sentence as context: "begin in the Senate on
    Wednesday, followed by the House on Thursday" is one sentence around two dates, and only each
    date's clause says which is which."""

    def sentence_of(claim: Claim) -> tuple:
        return claim.mention.field, claim.mention.sentence

    dates: dict[tuple, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.kind == "date":
            dates[sentence_of(claim)].add(str(getattr(claim.mention.value, "value", claim.mention.value)))
    return [replace(claim, context=frozenset())
            if claim.kind == "date" and len(dates[sentence_of(claim)]) > 1 else claim
            for claim in claims]


MIN_TERMS = 4


class Weights:
    """Inverse document frequency of about-terms over the claims of a story: a word every
    claim shares ("said", the country of the story) says little about which fact it is."""

    def __init__(self, claims: Sequence[Claim]):
        counts = Counter(term for claim in claims for term in claim.about)
        self.total = max(len(claims), 1)
        self.idf = {term: math.log(1 + self.total / count) for term, count in counts.items()}
        self._default = math.log(1 + self.total)
        # every claim is paired with every claim of every other article: its mass is reused
        self._mass: dict[frozenset[str], float] = {}

    def mass(self, terms: frozenset[str]) -> float:
        found = self._mass.get(terms)
        if found is None:
            found = self._mass[terms] = sum(self.idf.get(t, self._default) for t in terms)
        return found

    def __call__(self, term: str) -> float:
        return self.idf.get(term, self._default)

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted share of the smaller side that the other side also has (0..1).

        The smaller side counts as at least ``MIN_TERMS`` average terms: a clause of one
        word ("today, he said") shares all of itself with almost anything."""
        if not a or not b:
            return 0.0
        common = a & b
        if not common:
            return 0.0
        shared = sum(self.idf.get(t, self._default) for t in common)
        smaller = min(self.mass(a), self.mass(b))
        floor = MIN_TERMS * math.log(1 + self.total / 2)
        return shared / max(smaller, floor) if smaller else 0.0


EVENT_CLASS_NAMES = frozenset(EVENT_CLASSES.values())


def _same_event(a: Claim, b: Claim) -> bool:
    """Whether two claims' values attach to the same event: the same head word, or one
    head names a kind of event ("died") that the other's clause also names ("the death
    toll rose to 17")."""
    if not a.head or not b.head:
        return False
    if a.head == b.head:
        return True
    # Only counts are named by their event ("the toll", "died"); a date's head is the
    # event itself, and a loose match there pairs the day a visit was confirmed with the
    # day it starts.
    if a.kind != "number":
        return False
    named = (a.head in EVENT_CLASS_NAMES and a.head in b.about) or (
        b.head in EVENT_CLASS_NAMES and b.head in a.about)
    return named and _rule_on("compare.judge.event_in_clause")


def _rule_on(name: str) -> bool:
    """Whether the alignment rule ``name`` is on, recording that it decided when it is."""
    from . import rules

    if rules.enabled(name):
        rules.fired(name)
        return True
    return False


def _define_rules() -> None:
    from . import rules

    rules.define("compare.judge.dated_event", "compare.judge",
                 "A date whose word names no event (\"followed by the House on Thursday\", \"is expected to "
                 "begin on Wednesday\") is the date of the event around it: the noun after \"followed by\", "
                 "the verb an expectation governs, or the subject that names an event (align._dated_event).",
                 effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71); "
                         "never fired in the score half. When added: dev +1, BASIL +1, other sets ±0 "
                         "(docs/compare.md, first round)."))
    rules.define("compare.judge.event_in_clause", "compare.judge",
                 "A count whose head names a kind of event (\"17 died\") is about the same event as a count "
                 "whose clause names it (\"the death toll rose to 15\"): the two heads match (align._same_event).",
                 effect="Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (5 read / 2 score pairs).")


_define_rules()


def pair_claims(claims_a: Sequence[Claim], claims_b: Sequence[Claim], weights: Weights,
                minimum: float = 0.25) -> list[ClaimPair]:
    """Candidate pairs of claims of the same kind across two articles, best first."""
    pairs = []
    for a in claims_a:
        for b in claims_b:
            if a.kind != b.kind:
                continue
            head_match = _same_event(a, b)
            shared = a.entities & b.entities
            # The clause says what the value is about; a whole sentence that says the same
            # around it ("The earthquake had a magnitude of 6.1, the survey said") says it
            # even when the clause is a word or two. The sentence counts a little less.
            overlap = max(weights.overlap(a.about, b.about), 0.9 * weights.overlap(a.context, b.context))
            score = 0.6 * overlap + 0.25 * head_match + 0.15 * min(len(shared), 2) / 2
            if score >= minimum:
                pairs.append(ClaimPair(a, b, score, head_match, frozenset(shared)))
    pairs.sort(key=lambda p: -p.score)
    return pairs


# ---------------------------------------------------------------------------------------
# Statements: which sentences say the same thing across articles.


@dataclass(frozen=True)
class StatementMatch:
    a_article: str
    a: Sentence
    b_article: str
    b: Sentence
    similarity: float


def sentence_spans(item: AnnotatedArticle):
    """(Sentence, spaCy Span) for every sentence of the title and the text of an article."""
    for doc, sentences in ((item.title_doc, item.title_sentences), (item.doc, item.sentences)):
        if doc is None:
            continue
        for sentence in sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                yield sentence, span


def sentence_terms(item: AnnotatedArticle, canonical: dict[str, str]) -> dict[tuple[str, int], list[str]]:
    """Content lemmas (and canonical entity names) of each sentence, keyed by (field, index)."""
    terms: dict[tuple[str, int], list[str]] = {}
    for field, doc, sentences in (("text", item.doc, item.sentences),
                                  ("title", item.title_doc, item.title_sentences)):
        if doc is None:
            continue
        for sentence in sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            words = [event_class(t.lemma_.lower()) for t in span
                     if t.is_alpha and not t.is_stop and t.pos_ in CONTENT_POS | {"NUM"}]
            words += [canonical.get(e.text, e.text).lower().replace(" ", "_") for e in span.ents]
            terms[(field, sentence.index)] = words
    return terms
