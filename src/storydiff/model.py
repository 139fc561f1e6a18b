"""The data model every stage reads and enriches.

The flow is ``Article`` (ingest, clean) -> ``AnnotatedArticle`` with ``Sentence`` and
``Mention`` (annotate) -> ``Claim`` (align) -> ``Finding`` (compare) -> ``Comparison`` and
``Brief`` (brief, render); ``Verification`` with its ``Statement`` judgements (verify).
``WireCopy`` says what a re-published wire report changed (wire, store).

The vocabularies are ``Literal`` types, so a type checker catches a misspelt kind and a
reader finds every kind in one place: ``MentionKind`` (what annotate finds), ``ClaimKind``
(what align compares), ``FindingKind`` (what compare reports), ``TimexType`` (TIMEX3 types)
and ``Relation`` (how two values of one fact relate).

Offsets are always character offsets into one field of one article (``text`` unless
``field`` says ``"title"``), so ``article.field(field)[start:end] == text`` holds for every
span the system reports.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

Field = Literal["text", "title"]
FindingType = Literal["agreement", "conflict", "unique"]
# Named entities (annotate.ENTITY_KINDS maps spaCy's labels to these), time expressions
# (a TIMEX3 type in lower case) and quantities.
MentionKind = Literal["person", "org", "place", "facility", "group", "event", "product", "work", "law",
                      "date", "time", "duration", "set", "quantity"]
# What a claim's value is (align.CLAIM_KINDS): every time expression is a date.
ClaimKind = Literal["date", "number", "place"]
# A claim's kind, or a name spelt two ways, a status denied and reported, another fact
# ("other": which sibling is older), a sentence (statement); the compare JSON Schema lists
# the conflict kinds.
FindingKind = Literal["date", "number", "place", "name", "attribution", "status", "other", "statement"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# How two values of one fact relate (annotate.temporal.compare_timex,
# annotate.quantities.compare_quantities, compare.relation); "unresolved-conflict": two
# dates that conflict only if they are in the same week (an undated "Tuesday").
Relation = Literal["same", "compatible", "conflict", "unknown", "unresolved-conflict"]


@dataclass(frozen=True)
class Removed:
    """A piece of the input that is not part of the report (page furniture, a wire credit).

    ``start``/``end`` index the article's ``original`` text, the text as it was read, so what
    was removed can always be shown; nothing is silently dropped.
    """

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class Evidence:
    """The exact words in one article that support a finding."""

    article: str
    start: int
    end: int
    text: str
    field: Field = "text"
    # The value the span states, normalised (a number, a TIMEX3 date, a canonical name): what
    # a finding compares. Never a score: how close a span is to another is ``similarity``.
    value: Any = None
    # For a span cited as saying the same as another (a brief sentence's other sources, verify's
    # closest source sentence): how similar the two are, 0..1. None elsewhere.
    similarity: float | None = None


@dataclass
class Article:
    """One news report, after cleaning.

    ``text`` is the cleaned report body; every offset the system reports indexes it (or
    ``title``). ``original`` is the text as read, which ``removed`` spans index.
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | datetime | None = None
    published_inferred: bool = False
    published_evidence: Evidence | None = None
    agency: str | None = None
    dateline: str | None = None
    original: str = ""
    removed: list[Removed] = field(default_factory=list)
    modified: date | datetime | None = None  # last modified, as the page says (storydiff.live)
    # Why the text is incomplete ("paywall"): shown as "partial (paywall)" in reports, and what
    # it lacks is not an omission (a fact only the others give is not held against it).
    partial: str | None = None

    def field(self, name: Field) -> str:
        return (self.title or "") if name == "title" else self.text

    @property
    def partial_note(self) -> str | None:
        """How reports mark an incomplete text: "partial (paywall)"."""
        return f"partial ({self.partial})" if self.partial else None

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class Span:
    """A span of one field of an article."""

    start: int
    end: int
    text: str
    field: Field = "text"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    field: Field = "text"


@dataclass(frozen=True)
class Timex:
    """A normalised time expression, TimeML TIMEX3 style: ``type`` DATE/TIME/DURATION/SET,
    ``value`` such as ``2021-04``, ``2022-02-21``, ``P2Y``, ``PRESENT_REF``.

    ``modifier`` carries TIMEX3 ``mod`` (``MORE_THAN``, ``APPROX``, ``START``...).
    """

    type: TimexType
    value: str
    modifier: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number read as an interval so that approximations compare honestly.

    "at least 12" is [12, inf); "nearly 300" is [~270, 300]; "23" is [23, 23].
    ``unit`` is a normalised unit or counted noun ("km", "USD", "people").
    """

    low: float
    high: float
    unit: str | None = None
    exact: float | None = None
    approximate: bool = False


@dataclass(frozen=True)
class Mention:
    """A typed thing mentioned in an article: a date, a quantity, a person, an organisation,
    a place. ``value`` is its normalised reading (a ``Timex``, a ``Quantity``, a canonical
    entity name); ``entity`` the story-wide canonical id where one applies."""

    kind: MentionKind
    start: int
    end: int
    text: str
    field: Field = "text"
    value: Any = None
    label: str | None = None
    sentence: int = -1
    entity: str | None = None


@dataclass(frozen=True)
class Quote:
    """Who said what: a direct or indirect quote, its speaker and cue verb."""

    content: Span
    speaker: Span | None
    cue: Span | None
    direct: bool
    speaker_entity: str | None = None
    sentence: int = -1


@dataclass
class AnnotatedArticle:
    """An article with what the annotate stage found in it."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    title_sentences: list[Sentence] = field(default_factory=list)
    doc: Any = None  # the spaCy Doc of the text, kept for later stages in the same process
    title_doc: Any = None

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True)
class Claim:
    """One statement of fact in one article: a typed value (``mention``) and what it is
    about (``about``: the lemmas and canonical entities of its clause, ``head`` the word
    the value attaches to)."""

    article: str
    kind: ClaimKind
    mention: Mention
    head: str
    about: frozenset[str]
    entities: frozenset[str]
    sentence: Sentence
    context: frozenset[str] = frozenset()  # content lemmas and entities of the whole sentence
    # The value is a condition, a requirement or a hypothesis, not a fact reported ("if they
    # get 60 votes", "the 67 votes necessary for conviction", "would have to win 28 races").
    irrealis: bool = False


@dataclass(frozen=True)
class FactKey:
    """What a value is about, so that two values are compared only when they are about one
    thing: the same ``event`` (the predicate's event class: "death", "visit"), the same
    ``measure`` (what is counted or dated: "number of people", "date", "length"), the same
    ``holder`` (whose value: the names in the value's clause) and ``unit``."""

    event: str | None = None
    measure: str | None = None
    holder: str | None = None
    unit: str | None = None


@dataclass
class Finding:
    """What the comparison says about one fact across the sources."""

    id: str
    type: FindingType
    kind: FindingKind
    about: str
    confidence: float
    evidence: list[Evidence]
    explanation: str = ""
    likely_update: bool = False
    published: dict[str, str | None] | None = None
    # Provenance (``rules.py``): the registered rule that made this finding, and for a
    # conflict the vetoes it was checked against and passed.
    rule: str | None = None
    vetoes_passed: list[str] = field(default_factory=list)
    # What the finding's values are about (typed findings; None for statements).
    key: FactKey | None = None


@dataclass(frozen=True)
class SeriesPoint:
    """One reading of a value: in which article (or version ``ID@vN``), when, and the words."""

    value: Any
    article: str
    published: date | datetime | None
    evidence: Evidence


@dataclass
class Series:
    """How one fact's value moved across articles or versions, oldest first (a toll revised
    from 12 to 15; a toll rising over days of wire reports). One type for compare's likely
    updates, article revisions, storylines and the web page."""

    about: str
    points: list[SeriesPoint] = field(default_factory=list)
    id: str = ""
    key: FactKey | None = None
    finding: str | None = None  # the conflict finding it explains, where there is one
    direction: Literal["rose", "fell", "changed"] = "changed"


@dataclass
class InputError:
    """A problem with one input; the rest of the batch goes on."""

    source: str
    message: str


@dataclass
class InputWarning:
    """An input that was read, but not exactly as given (an encoding guessed, bad bytes
    replaced) or that storydiff cannot find facts in (not English): the user is told."""

    source: str
    message: str


@dataclass
class Comparison:
    """The result of comparing the articles of one story."""

    articles: list[Article]
    findings: list[Finding]
    entities: dict[str, list[str]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    # Figures that moved between reports published at different times (likely updates).
    series: list[Series] = field(default_factory=list)


# An article's reference: its id (``wire.compare_copy``) or its store key (the store's
# ``WireRecord = WireCopy[int]``).
Ref = TypeVar("Ref", str, int)


@dataclass
class WireCopy(Generic[Ref]):
    """``article`` re-publishes ``original``; what it added and what it left out.

    One type for a copy found by ``wire.compare_copy`` (article ids) and a copy as the store
    keeps it (store keys, ``store.WireRecord``)."""

    article: Ref
    original: Ref
    similarity: float
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    title_changed: bool = False


# -- results: what verify and brief return ---------------------------------------------------
Status = Literal["supported", "contradicted", "not_mentioned"]
Verdict = Literal["faithful", "unfaithful"]
# What differs between a derived statement and its source (the verify JSON Schema's enum).
StatementKind = Literal["number", "date", "name", "place", "negation", "antonym", "substitution",
                        "attribution", "statement", "other"]


@dataclass
class Statement:
    """One statement of the derived text and what the source says about it."""

    text: str
    start: int
    end: int
    field: Field
    status: Status
    kind: StatementKind | None = None  # for contradicted/not_mentioned
    # dataclasses.field by its full name: the attribute ``field`` above hides the bare name
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    explanation: str = ""
    # The registered rule behind the status (``storydiff rules``); None for a statement
    # supported only by its closest source sentence.
    rule: str | None = None


@dataclass
class Verification:
    """The result of ``verify``: a verdict and one judgement per derived statement."""

    source: Article
    derived: Article
    verdict: Verdict
    statements: list[Statement]
    seconds: float = 0.0
    strict: bool = False  # the verdict of ``verify --strict`` (``verdict_of``)

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "strict": self.strict,
            "source": self.source.id,
            "derived": self.derived.id,
            "seconds": round(self.seconds, 3),
            "statements": [
                {"text": s.text, "start": s.start, "end": s.end, "field": s.field, "status": s.status,
                 "kind": s.kind, "explanation": s.explanation, "rule": s.rule,
                 "evidence": [{"article": e.article, "role": "source" if e.article == self.source.id else "derived",
                               "field": e.field, "start": e.start, "end": e.end, "text": e.text,
                               "value": None if e.value is None else str(e.value),
                               **({"similarity": e.similarity} if e.similarity is not None else {})}
                              for e in s.evidence]}
                for s in self.statements
            ],
        }


@dataclass
class BriefSentence:
    """One sentence of the brief.

    ``evidence[0]`` is the span the text was copied from (or, for a stated conflict, the
    first version); the rest are the spans in other sources that say the same thing.
    ``conflict`` is the id of the conflict ``Finding`` the sentence states or touches.
    """

    text: str
    sources: list[str]
    evidence: list[Evidence]
    unique: bool = False
    conflict: str | None = None
    # Other sources' versions of a disputed value this sentence states, shown beside it.
    versions: list[Evidence] = field(default_factory=list)


@dataclass
class TimelineEvent:
    """A dated event: ``date`` is a TIMEX3 value (``1998-11-06``, ``1998-11``, ``1998``)."""

    date: str
    text: str
    sources: list[str]
    evidence: list[Evidence]
    date_conflict: bool = False
    dates: dict[str, str] = field(default_factory=dict)  # article id -> the date it gives


@dataclass
class Brief:
    summary: str
    sentences: list[BriefSentence]
    timeline: list[TimelineEvent]
    # Every conflict, stated with each version and its source ("rose from … to …" for a likely
    # update), beside the summary rather than in its word budget.
    disputes: list[BriefSentence] = field(default_factory=list)
