"""Verify: is a derived text (a rewrite, a summary, wire copy) faithful to its source?

Every statement (sentence) of the derived text gets one status:

- ``contradicted`` when ``compare`` finds a typed conflict inside it (date, number, place,
  name), when ``polarity`` finds a negation or antonym against an aligned source sentence,
  or when one of its values (a date, a number, a place) aligns with a source claim whose
  value cannot also be true;
- ``contradicted`` too when, against the 1-3 consecutive source sentences it restates
  (token alignment, ``_window``), a short edit changes a number or a name, adds or drops a
  negation (also of a verb's complement: "will not be asked to include" / "may include"),
  or puts a word where the source has its opposite (``polarity.opposite_words``);
- ``contradicted`` (kind ``substitution``) when, in such a short edit, a noun or adjective
  the source never uses stands where the source has another that WordNet does not relate to
  it (not a synonym, a broader or narrower word, a sibling or a derivation:
  ``annotate.lexicon.related``); and when a derived word is anchored by its two neighbours
  where the source has its opposite or another number, however the summary reorders its
  clauses (``_slot_substitutions``); in a sentence that restates its window closely, any
  noun or adjective swapped for one that is not its synonym, broader or narrower word, and
  any day, count or rank swapped for another (``_swapped_value``);
- ``contradicted`` (kind ``antonym``) when the derived text moves an amount one way and the
  source, anywhere, only the other way ("lowering prices" / "upped delivery prices";
  ``polarity.direction_clashes``); when it makes obligatory what its window only permits or
  asks, or the other way round ("forced to" / "allowed to", "mandatory" / "voluntary";
  ``polarity.modality``); when it says the opposite verb of the same two participants
  ("Ukraine attacks Russia" / "Ukraine defends itself from Russia"); and when it names a
  person by the opposite of the source's word ("his sister" / "his brother");
- ``contradicted`` (kind ``name``) too when a named entity fills a role of an event, or owns
  a noun ("the executive of the European Union"), that the source fills only with another;
- ``contradicted`` (kind ``date``) when it puts an event in another part of a day the source
  names ("Thursday afternoon" / "Thursday morning");
- ``not_mentioned`` when it has no counterpart in the source: a value, or a name, that the
  source never states, or no source sentence it aligns with; or a noun qualified by a word
  the source never uses where the source qualifies that noun only otherwise ("cow milk" /
  "dairy milk", "a loss of power" / "a loss of propulsion"; ``_modifier_swaps``); or a
  "despite" where the source window draws no contrast at all (``_unsupported_contrast``);
- ``supported`` otherwise, with the best aligned source sentence as evidence.

The overall verdict (``verdict_of``) is ``unfaithful`` when a statement is contradicted or
when the source mentions none of them (``UNSUPPORTED_SHARE``); with ``strict`` (``verify
--strict``), unless every statement is supported. Nothing here
re-implements alignment or comparison: claims come from ``align.claims_of``/``pair_claims``
and are judged by ``compare.relation``; conflicts from ``compare.compare_annotated``;
statement alignment from ``align.sentence_terms`` (through ``polarity.aligned_sentences``).
What verify adds is the asymmetry: a derived text must be *covered* by its source, so a
value or name the source lacks is a finding here, whereas between two reports it is not.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from . import rules
from .align import ClaimPair, Weights, claims_of, event_class, pair_claims, sentence_terms
from .annotate.names import is_standard_variant
from .annotate.places import place_relation
from .annotate import annotate_articles
from .compare import ENTITY_NAME_KINDS, claim_evidence, canonical_names, compare_annotated, prepare, relation
from .model import (AnnotatedArticle, Article, Claim, Evidence, Finding, Sentence, Statement, Status, Timex,
                    Verdict, Verification)
from .polarity import (DENYING_VERBS, EPISTEMIC_MODALS, NEGATION_CUES, aligned_sentences, direction_clashes,
                       modality, opposite_words, status_conflicts)
from .settings import Settings, default_settings

# A summary compresses several source sentences into one, so its sentences align with their
# source more loosely than two reports' sentences do (polarity.ALIGN_REPORTS is 0.45).
# On SummEdits news dev (benchmarks/verify.py) 0.3 found the source sentence of nearly every
# negated or antonym-swapped summary sentence.
ALIGN_DERIVED = 0.3
# A derived sentence whose best source sentence is below this cosine has no counterpart.
# At 0.2 the one flagged consistent summary sentence of SummEdits news dev in 23 was an
# abstractive restatement (0.1-0.2); at 0.1 none is, and 1 unfaithful summary is missed.
UNSUPPORTED_SIMILARITY = 0.1
# Outside ``--strict``, a derived text with no contradicted statement is unfaithful when at
# least this share of its statements are not mentioned by the source. Chosen on the read half
# of SummEdits news dev (benchmarks/verify.py prints the sweep), reported on the score half:
# every share from 0.2 to 1 gave the read half the same 74.2 (its summaries are mostly one
# sentence), below it (never) 70.8; of the tied shares the most lenient is taken, because
# false alarms on text verify was not tuned on are what issue #17 is about. Score half: 79.7
# strict, 78.3 with it; DUC 2004 human summaries judged faithful: 9 of 50 strict, 14 with it.
UNSUPPORTED_SHARE = 1.0
# A derived value aligned at least this well with a source value it cannot agree with is a
# contradiction (compare needs 0.6 between two reports, where differing values are often
# different facts; a derived text restates its source, so its values have one place to be).
CONTRADICT_SCORE = 0.45


def _sentence_of(sentences: list[Sentence], evidence: Evidence) -> Sentence | None:
    for sentence in sentences:
        if sentence.field == evidence.field and sentence.start <= evidence.start < sentence.end:
            return sentence
    return None


@dataclass
class _Judgement:
    """What one rule says of one derived statement: every check returns these."""

    status: Status
    kind: str | None
    evidence: list[Evidence]
    explanation: str
    rank: int  # contradicted 0 < not_mentioned 1 < supported 2: the worst one stands
    rule: str = ""  # the registered "verify.check." rule that made it
    # The derived sentence (field, index) it is about; when None, the sentence holding its
    # last evidence span (the derived one).
    key: tuple[str, int] | None = None


def _placed(claim: Claim) -> bool:
    """Whether a value is fully resolved: a calendar date, a number; not "Thursday" with no
    publication date to place it."""
    value = claim.mention.value
    if isinstance(value, Timex):
        # A calendar date, or a duration with a figure ("P3W"); not "PAST_REF" ("recently")
        # nor "PXW" ("in recent weeks"), which no source would state in the same words.
        return value.value[:4].isdigit() or re.fullmatch(r"P(T?\d[\dA-Z.]*)", value.value) is not None
    return value is not None


_PART_OF_DAY = re.compile(r"(.+)T(MO|AF|EV|NI|DT)")


def _other_part_of_day(claim: Claim, source_claims: list[Claim]) -> Claim | None:
    """A source time on the same day as a derived one in another part of it ("Thursday
    morning" / "Thursday afternoon"), where the source never puts anything in the derived
    part of that day. Whether or not the weekday can be placed on the calendar, the two
    cannot both be when one thing happened. SummEdits news dev: 2 inconsistent summaries
    more, no consistent one."""
    value = claim.mention.value
    found = _PART_OF_DAY.fullmatch(value.value) if isinstance(value, Timex) else None
    if found is None:
        return None
    others = []
    for other in source_claims:
        other_value = other.mention.value
        match = _PART_OF_DAY.fullmatch(other_value.value) if isinstance(other_value, Timex) else None
        if match is None or match.group(1) != found.group(1):
            continue
        if match.group(2) == found.group(2):
            return None
        others.append(other)
    return others[0] if others else None


def _claim_judgements(source: AnnotatedArticle, derived: AnnotatedArticle,
                      canonical: dict[str, str]) -> list[tuple[Claim, _Judgement]]:
    """Each derived value (date, number, place) against the source's values."""
    source_claims = claims_of(source, canonical)
    derived_claims = claims_of(derived, canonical)
    weights = Weights(source_claims + derived_claims)
    pairs = pair_claims(derived_claims, source_claims, weights, minimum=0.0)
    by_claim: dict[int, list[ClaimPair]] = {}
    for pair in pairs:
        by_claim.setdefault(id(pair.a), []).append(pair)
    source_text = f"{source.article.title or ''}\n{source.article.text}".lower()
    stated: dict[str, set[str]] = {}
    for source_claim in source_claims:
        stated.setdefault(source_claim.kind, set()).add(source_claim.mention.text.lower())
    judged = []
    for claim in derived_claims:
        candidates = by_claim.get(id(claim), [])
        agreeing = [p for p in candidates if relation(p.a, p.b) in ("same", "compatible")]
        if agreeing:
            best = agreeing[0]
            judged.append((claim, _Judgement("supported", None, [claim_evidence(best.b)], "the same value", 2,
                                             "verify.check.same_value")))
            continue
        if rules.veto("verify.veto.stated_value", claim, stated):
            continue
        conflicting = [p for p in candidates if p.score >= CONTRADICT_SCORE and relation(p.a, p.b) == "conflict"]
        if conflicting:
            best = conflicting[0]
            judged.append((claim, _Judgement(
                "contradicted", claim.kind, [claim_evidence(best.b), claim_evidence(claim)],
                f"{claim.kind}: source says {best.b.mention.text!r}, derived says {claim.mention.text!r}", 0,
                "verify.check.conflicting_value")))
            continue
        other_part = _other_part_of_day(claim, source_claims)
        if other_part is not None:
            judged.append((claim, _Judgement(
                "contradicted", "date", [claim_evidence(other_part), claim_evidence(claim)],
                f"date: source says {other_part.mention.text!r}, derived says {claim.mention.text!r}", 0,
                "verify.check.part_of_day")))
            continue
        if not _placed(claim):
            # A weekday or "yesterday" with no publication date to resolve it against:
            # nothing to hold against the source.
            continue
        judged.append((claim, _Judgement(
            "not_mentioned", claim.kind, [claim_evidence(claim)],
            f"the source never states {claim.mention.text!r}", 1, "verify.check.unstated_value")))
    return judged


@rules.register("verify.veto.stated_value", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 31 read / 76 score pairs; "
                       "strict balanced accuracy +0.0 read, +3.1 score")
def _stated_value(claim: Claim, stated: dict[str, set[str]]) -> bool:
    """A derived value the source states in the same words, as a value of the same kind, is
    not contradicted by another of the source's values that the pairing prefers.

    Whichever of its values the claim pairing prefers, the derived text restates one the
    source has. On SummEdits news dev this held for all 20 date "conflicts" of consistent
    summaries (a weekday of one event paired with the weekday of another). Only a value of
    the same kind counts: "six" killed is not stated by "six feet"."""
    return claim.mention.text.lower() in stated.get(claim.kind, ())


def _novel_names(source: AnnotatedArticle, derived: AnnotatedArticle,
                 canonical: dict[str, str]) -> list[tuple[Evidence, str]]:
    """Names of people, organisations and places in the derived text that the source never
    mentions, under any of its spellings."""
    source_text = f"{source.article.title or ''}\n{source.article.text}".lower()
    source_names = {canonical.get(m.text, m.text) for m in source.mentions
                    if m.kind in ENTITY_NAME_KINDS | {"place", "group"}}
    found = []
    for mention in derived.mentions:
        if mention.kind not in ENTITY_NAME_KINDS | {"place", "group"}:
            continue
        if canonical.get(mention.text, mention.text) in source_names or mention.text.lower() in source_text:
            continue
        # Every word of a multi-word name in the source ("the Ohio plant" for "Ohio") is
        # the same name shortened or reordered.
        words = [w for w in mention.text.lower().split() if len(w) > 2]
        if words and all(w in source_text for w in words):
            continue
        found.append((Evidence(derived.id, mention.start, mention.end, mention.text, mention.field, mention.text),
                      mention.kind))
    return found


def _novel_terms(source: AnnotatedArticle, derived: AnnotatedArticle, canonical: dict[str, str]) -> dict[tuple[str, int], list[str]]:
    """Content terms of each derived sentence that no source sentence has."""
    source_terms = {t for words in sentence_terms(source, canonical).values() for t in words}
    source_words = {t.lower_ for doc in (source.doc, source.title_doc) if doc is not None for t in doc}
    source_words |= {t.lemma_.lower() for doc in (source.doc, source.title_doc) if doc is not None for t in doc}
    return {key: [t for t in words if t not in source_terms and t not in source_words]
            for key, words in sentence_terms(derived, canonical).items()}


# ---------------------------------------------------------------------------------------
# Edits: a derived sentence against the source window it restates, token by token.
#
# A summary sentence is most often a close paraphrase of one to three consecutive source
# sentences, and an unfaithful one differs from that window by a few tokens: a name, a
# number, a "not", a word swapped for its opposite. Sentence similarity cannot see such an
# edit (it barely moves the cosine), so each derived sentence is aligned with its best window
# (most tokens in common, as difflib's longest matching blocks) and the differing stretches
# are read one by one.

# Consecutive source sentences a derived sentence may restate.
WINDOW_SENTENCES = 3
# The window is the run of source sentences whose words the derived sentence shares most, in
# order; a stop word or a punctuation mark shared counts this much of a content word. Counted
# alike, "the ... in ... on Tuesday" outweighed "staff ... ordered ... remove TikTok" and
# chose a source sentence about something else. SummEdits news dev (benchmarks/verify.py,
# 2026-11-25): 2 fewer consistent summaries flagged, 1 fewer inconsistent one caught; the
# same at 0.1, 0.25 and 0.5.
FUNCTION_WORD_WEIGHT = 0.25
# Differing stretches at most this many equal tokens apart are one edit: "have [not] found
# [any -> no] evidence" holds one negation on each side and changes nothing.
EDIT_GAP = 2
# A stretch longer than this on either side is a rewording or a clause the summary leaves
# out, not an edit of one fact; negation is not counted across it. On SummEdits news dev the
# leftover source clauses of compressed summaries ("never before seen details ...") made
# all the false negation alarms above this length.
EDIT_TOKENS = 6
# A derived sentence with at least this share of its tokens in its window (in order)
# restates it: a name or a number changed in it contradicts the source. Below it, the
# changed value is only "not mentioned". The verdict is the same either way.
RESTATES = 0.5
# A content word put where the source has another of the same part of speech, in an edit of
# at most this many tokens a side, is a substitution unless WordNet relates the two
# (``annotate.lexicon.related``). Nouns and adjectives only, one word: with verbs and edits
# of up to 3 tokens, SummEdits news dev half A gained nothing and half B lost 4 points of
# faithful recall (benchmarks/verify.py). Without the WordNet check (every noun or adjective
# the source never uses) 11 consistent summaries were flagged; with it, 2.
SUBSTITUTION_TOKENS = 1
# In a sentence that restates its window (``RESTATES``), one word put in place of another is
# an edit however the source uses the new word elsewhere ("emergency stock buying" for
# "emergency bond buying"), and WordNet siblings ("bond"/"stock", "brother"/"sister") are
# not paraphrases. SummEdits news dev: balanced accuracy 68.8 -> 70.3 (half A 65.7 -> 66.7,
# half B 71.3 -> 73.1), no consistent summary newly flagged; the same from coverage 0.5 to
# 0.6, 69.9 at 0.8.
SUBSTITUTED_POS = frozenset({"NOUN", "ADJ"})
_NUMBER_PATTERN = re.compile(r"\d[\d,.]*")


@dataclass
class _Window:
    """The source tokens one derived sentence restates and where the two differ."""

    derived: list[Any]  # spaCy tokens of the derived sentence, without spaces and punctuation
    source: list[Any]
    field: str  # field of the source window
    coverage: float  # share of derived tokens found, in order, in the window
    edits: list[tuple[int, int, int, int]]  # (i1, i2, j1, j2): derived[i1:i2] stands for source[j1:j2]


def _words(span: Any) -> list[Any]:
    return [t for t in span if not t.is_space and not t.is_punct]


def _sentence_tokens(item: AnnotatedArticle) -> list[tuple[Sentence, list[Any]]]:
    from .align import sentence_spans

    return [(sentence, _words(span)) for sentence, span in sentence_spans(item)]


def _window(derived: list[Any], units: list[tuple[Sentence, list[Any]]]) -> _Window | None:
    """The run of 1..WINDOW_SENTENCES source sentences with the most tokens in common (in
    order) with ``derived``, content words weighing more (``FUNCTION_WORD_WEIGHT``); on a tie
    the shorter run."""
    keys = [t.lower_ for t in derived]
    weights = [FUNCTION_WORD_WEIGHT if t.is_stop or not (t.is_alpha or t.like_num) else 1.0 for t in derived]
    best: tuple[float, list[Any], str, SequenceMatcher] | None = None
    for i in range(len(units)):
        for n in range(1, WINDOW_SENTENCES + 1):
            if i + n > len(units) or units[i + n - 1][0].field != units[i][0].field:
                break
            tokens = [t for _, words in units[i:i + n] for t in words]
            matcher = SequenceMatcher(None, keys, [t.lower_ for t in tokens], autojunk=False)
            blocks = matcher.get_matching_blocks()
            score = sum(weights[b.a + k] for b in blocks for k in range(b.size))
            if best is None or score > best[0] or (score == best[0] and len(tokens) < len(best[1])):
                best = (score, tokens, units[i][0].field, matcher)
    if best is None or not best[0] or not derived:
        return None
    _, tokens, field_name, matcher = best
    matched = sum(block.size for block in matcher.get_matching_blocks())
    edits: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if edits and i1 - edits[-1][1] <= EDIT_GAP and j1 - edits[-1][3] <= EDIT_GAP:
            edits[-1] = (edits[-1][0], i2, edits[-1][2], j2)
        else:
            edits.append((i1, i2, j1, j2))
    return _Window(derived, tokens, field_name, matched / len(derived), edits)


def _token_evidence(article: str, field_name: str, tokens: list[Any]) -> Evidence:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Evidence(article, start, end, tokens[0].doc.text[start:end], field_name)  # type: ignore[arg-type]


def _evidence_in(item: AnnotatedArticle, tokens: list[Any]) -> Evidence:
    """Evidence for ``tokens`` of ``item``, in its title or its text, wherever they are."""
    return _token_evidence(item.id, "title" if tokens[0].doc is item.title_doc else "text", tokens)


def _stretch(tokens: list[Any], start: int, end: int) -> list[Any]:
    """``tokens[start:end]``, or where that is empty (a word one side lacks) the words on
    either side of the gap, so that evidence always shows where the edit is."""
    return tokens[start:end] or tokens[max(start - 1, 0):start + 1]


def _in_text(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text) is not None


def _negated(token: Any) -> Any | None:
    """The negation cue of a predicate: a "not"/"never"/"no" among its children or just before it."""
    for child in token.children:
        if child.lower_ in NEGATION_CUES:
            return child
        # "found no evidence": the negation sits on the object.
        if child.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and any(
                c.lower_ in NEGATION_CUES for c in child.children):
            return child
    # "failed to get", "refused to sign".
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in DENYING_VERBS:
        return token.head
    for other in token.doc[max(token.i - 3, token.sent.start):token.i]:
        if other.lower_ in NEGATION_CUES:
            return other
    return None


def _predicate_negation(stretch: list[Any], other: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """A negated predicate in ``stretch`` that ``other`` (the other side) states without
    negation: ([cue, predicate], [predicate]) or None. The predicate is the cue's head, a
    verb or adjective, matched by lemma."""
    for cue in stretch:
        if cue.lower_ not in NEGATION_CUES:
            continue
        head = cue.head
        if head.pos_ not in ("VERB", "ADJ", "AUX") or head.i == cue.i:
            continue
        counterparts = [t for t in other if t.lemma_.lower() == head.lemma_.lower()]
        if not counterparts:
            # "will not be asked to include" against "may include": the negation reaches the
            # complement of the negated verb. SummEdits news dev: 4 inconsistent summaries
            # more, no consistent one.
            complements = {c.lemma_.lower() for c in head.children if c.dep_ == "xcomp"}
            counterparts = [t for t in other if t.lemma_.lower() in complements]
        if counterparts and all(_negated(t) is None for t in counterparts):
            return sorted([cue, head], key=lambda t: t.i), counterparts[:1]
    return None


_DAY_OR_TIME = ("DATE", "TIME")
_COUNT = ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")


def _swapped_value(mine: list[Any], theirs: list[Any]) -> str | None:
    """"date" or "number" when one word stands for one word and both are days or times
    ("said on Tuesday" / "on Wednesday") or both counts or ranks ("a third straight session"
    / "a second"): in a sentence that restates its window, that is the value changed, even
    where the window uses the derived word for something else ("a Tuesday report")."""
    if len(mine) != 1 or len(theirs) != 1 or mine[0].lower_ == theirs[0].lower_:
        return None
    a, b = mine[0], theirs[0]
    dated = a.ent_type_ in _DAY_OR_TIME and b.ent_type_ in _DAY_OR_TIME
    if a.like_num and b.like_num and (dated or a.ent_type_ == b.ent_type_ and a.ent_type_ in _COUNT):
        # "2021" for "2022" in a date; "third" for "second" in "a second straight week"
        return "date" if dated and a.is_digit and b.is_digit else "number"
    if dated and a.pos_ == b.pos_ == "PROPN":
        return "date"
    return None


def _same_stem(a: str, b: str) -> bool:
    """Whether two words share a stem of at least seven letters ("connectivity" /
    "connection"): derivations WordNet does not list. Seven, not six: "investor" and
    "investigation" share six."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 7


def _content(token: Any) -> bool:
    return token.pos_ in SUBSTITUTED_POS and token.is_alpha and not token.is_stop


def _substitution(mine: list[Any], theirs: list[Any], window: _Window, derived_lemmas: set[str],
                  source_text: str, source_lemmas: set[str]) -> tuple[Any, Any] | None:
    """(derived word, source word) where a derived content word stands in the place of a
    source word of the same part of speech that the derived sentence drops, and WordNet
    knows both and relates them in no way: not a synonym, a broader or narrower word, a
    sibling or a derivation ("library" -> "prison"). A word the source uses anywhere, or one
    related to any word of the window, is a paraphrase ("buses" -> "coaches"); so is one of
    the same stem (``_same_stem``: "connectivity" for "connection", a false alarm on
    SummEdits news dev)."""
    from .annotate.lexicon import related

    close = window.coverage >= RESTATES
    steps = 1 if close else 2
    window_lemmas = {t.lemma_.lower() for t in window.source}
    for token in mine:
        lemma = token.lemma_.lower()
        if not _content(token) or lemma in window_lemmas:
            continue
        if not close and (lemma in source_lemmas or _in_text(token.lower_, source_text)):
            continue
        replaced = [t for t in theirs if _content(t) and t.pos_ == token.pos_
                    and t.lemma_.lower() not in derived_lemmas]
        if not replaced:
            continue
        judged = [related(lemma, t.lemma_.lower(), token.pos_, steps) for t in replaced]
        if any(judged):
            continue
        if any(_same_stem(lemma, t.lemma_.lower()) for t in replaced):
            continue
        # In a loose restatement the alignment may have put the edit in the wrong place:
        # a word related to any word of the window is taken for a paraphrase of it.
        if not close and any(related(lemma, t.lemma_.lower(), token.pos_, steps) for t in window.source
                             if _content(t) and t.pos_ == token.pos_):
            continue
        return token, replaced[0]
    return None


# A month or a weekday is a proper noun to the tagger ("in October", "on Friday"): such a
# word is judged as a date, against the source's dates, not as a name. Read on DUC 2004
# human summaries against their articles, where "October" was reported as a name that a
# whole source sentence contradicts.
_DATE_ENTITIES = ("DATE", "TIME")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
             "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today", "yesterday", "tomorrow",
             "tonight"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
           "nov", "dec"}


def _date_word(token: Any) -> str | None:
    """"day" for a weekday or "today"/"yesterday", "month" for a month name, else None: one
    such word put for another of the same sort is another date, but a month against a
    weekday is another granularity ("in October" / "on Friday" can both hold)."""
    if token.ent_type_ not in _DATE_ENTITIES:
        return None
    word = token.lower_.rstrip(".")
    return "day" if word in _WEEKDAYS else "month" if word in _MONTHS and token.pos_ == "PROPN" else None


def _entity_text(token: Any) -> str:
    """The named entity ``token`` is part of, or the token itself."""
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return span.text if span is not None else token.text


def _names_a_source_entity(token: Any, source: AnnotatedArticle) -> bool:
    """Whether the name ``token`` belongs to is one the source writes another standard
    way: "UN" / "U.N.", "EU" / "the European Union" (``names.is_standard_variant``)."""
    text = _entity_text(token)
    return any(is_standard_variant(text, mention.text) for mention in source.mentions
               if mention.kind in ENTITY_NAME_KINDS | {"place", "group"})


def _edit_judgements(window: _Window, source: AnnotatedArticle, derived_id: str, derived_field: str,
                     source_text: str, source_lemmas: set[str]) -> list[_Judgement]:
    """What each differing stretch of a derived sentence and its source window says.
    ``source_text`` is the lower-cased source, ``source_lemmas`` all its lemmas."""
    judgements = []
    window_lemmas = {t.lemma_.lower() for t in window.source}
    window_words = {t.lower_ for t in window.source}
    derived_words = {t.lower_ for t in window.derived}
    derived_lemmas = {t.lemma_.lower() for t in window.derived}
    for i1, i2, j1, j2 in window.edits:
        mine, theirs = window.derived[i1:i2], window.source[j1:j2]
        # Leftovers on one side only at the edges of the window are the source's sentences
        # the summary does not restate; they say nothing about the summary.
        if not mine and (j1 == 0 or j2 == len(window.source)):
            continue

        def both(kind: str, derived_tokens: list[Any], source_tokens: list[Any], rule: str) -> _Judgement:
            ev_source = _token_evidence(source.id, window.field, source_tokens)
            ev_derived = _token_evidence(derived_id, derived_field, derived_tokens)
            if kind in ("name", "place", "number", "substitution") \
                    and rules.veto("verify.veto.loose_restatement", window):
                return _Judgement("not_mentioned", kind, [ev_source, ev_derived],
                                  f"the source never states {ev_derived.text!r} (its closest words: "
                                  f"{ev_source.text!r})", 1, rule)
            return _Judgement("contradicted", kind, [ev_source, ev_derived],
                              f"{kind}: source says {ev_source.text!r}, derived says {ev_derived.text!r}", 0, rule)

        small = len(mine) <= EDIT_TOKENS and len(theirs) <= EDIT_TOKENS
        cues_mine = [t for t in mine if t.lower_ in NEGATION_CUES]
        cues_theirs = [t for t in theirs if t.lower_ in NEGATION_CUES]
        if small and len(cues_mine) != len(cues_theirs):
            judgements.append(both("negation", _stretch(window.derived, i1, i2), _stretch(window.source, j1, j2),
                                   "verify.check.edit_negation"))
        elif not small:
            inserted = _predicate_negation(mine, window.source)
            removed = None if inserted else _predicate_negation(theirs, window.derived)
            if inserted is not None:
                judgements.append(both("negation", inserted[0], inserted[1], "verify.check.edit_negation"))
            elif removed is not None:
                judgements.append(both("negation", removed[1], removed[0], "verify.check.edit_negation"))
        for token in mine:
            if token.lemma_.lower() in window_lemmas:
                continue
            opposite = next((other for other in theirs if opposite_words(token, other)), None)
            if opposite is not None:
                judgements.append(both("antonym", [token], [opposite], "verify.check.edit_antonym"))
                break
        swapped = _swapped_value(mine, theirs) if window.coverage >= RESTATES else None
        if swapped is not None:
            judgements.append(both(swapped, mine, theirs, "verify.check.swapped_value"))
        elif small:
            # A number or a name put where the source has another one, in an otherwise
            # unchanged sequence: the value of this statement is not the source's, even
            # if the source uses the derived value elsewhere ("Hong Kong" for "Japan").
            for token in mine:
                if token.lower_ in window_words:
                    continue
                if token.ent_type_ in _DATE_ENTITIES:  # "on Friday" where the source has "today"
                    sort = _date_word(token)
                    other = next((t for t in theirs if sort and _date_word(t) == sort
                                  and t.lower_ not in derived_words), None)
                    if other is not None:
                        judgements.append(both("date", [token], [other], "verify.check.replaced_value"))
                        break
                    continue
                kinds = ("NUM",) if token.pos_ == "NUM" else ("PROPN",) if token.pos_ == "PROPN" else ()
                others = [t for t in theirs if t.pos_ in kinds and t.lower_ not in derived_words
                          and t.ent_type_ not in _DATE_ENTITIES]
                # "UN" where the window has "U.N.": one name written two ways.
                if token.pos_ == "PROPN" and others and rules.veto("verify.veto.name_variant", token, others):
                    continue
                if kinds and others and (token.ent_type_ or not token.is_sent_start):
                    kind = "number" if token.pos_ == "NUM" else "place" if token.ent_type_ in ("GPE", "LOC") else "name"
                    judgements.append(both(kind, [token], others, "verify.check.replaced_value"))
                    break
        if len(mine) <= SUBSTITUTION_TOKENS and len(theirs) <= SUBSTITUTION_TOKENS:
            substituted = _substitution(mine, theirs, window, derived_lemmas, source_text, source_lemmas)
            if substituted is not None:
                judgements.append(both("substitution", [substituted[0]], [substituted[1]],
                                       "verify.check.substitution"))
        for token in mine:
            if token.ent_type_ in _DATE_ENTITIES and not _date_word(token):
                continue  # "1998" of "October 1998", "24" of "Nov. 24": parts of dates, judged as dates
            if token.like_num and _NUMBER_PATTERN.fullmatch(token.text) and not _in_text(token.text, source_text):
                numbers = [t for t in theirs if t.like_num]
                if numbers:
                    judgements.append(both("number", [token], numbers, "verify.check.novel_value"))
            elif token.pos_ == "PROPN" and not _in_text(token.lower_, source_text) \
                    and (token.ent_type_ or not token.is_sent_start) and not _names_a_source_entity(token, source):
                kind = "date" if token.ent_type_ in _DATE_ENTITIES else \
                    "place" if token.ent_type_ in ("GPE", "LOC") else "name"
                if kind == "date":
                    # against a date word of the same sort only ("Friday" for "today"); a
                    # whole stretch does not state a date
                    sort = _date_word(token)
                    other = next((t for t in theirs if sort and _date_word(t) == sort), None)
                    if other is not None:
                        judgements.append(both(kind, [token], [other], "verify.check.novel_value"))
                    else:
                        evidence = _token_evidence(derived_id, derived_field, [token])
                        judgements.append(_Judgement("not_mentioned", kind, [evidence],
                                                     f"the source never gives the date {token.text!r}", 1,
                                                     "verify.check.novel_value"))
                elif theirs:
                    judgements.append(both(kind, [token], theirs, "verify.check.novel_value"))
                else:
                    evidence = _token_evidence(derived_id, derived_field, [token])
                    judgements.append(_Judgement("not_mentioned", kind, [evidence],
                                                 f"the source never names {token.text!r}", 1,
                                                 "verify.check.novel_value"))
    return judgements


@rules.register("verify.veto.loose_restatement", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 6 read / 5 score pairs; "
                       "strict balanced accuracy +0.0 read, +0.0 score")
def _loose_restatement(window: _Window) -> bool:
    """A name, number or word changed in a sentence that restates its window loosely (under
    ``RESTATES`` of its tokens in order) is "not mentioned", not contradicted.

    "opened an office in Brazil" against "hired workers at its plant in Ohio": the same slot,
    but not the same statement; the source just never says it."""
    return window.coverage < RESTATES


@rules.register("verify.veto.name_variant", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 0 read / 0 score pairs; "
                       "strict balanced accuracy +0.0 read, +0.0 score")
def _name_variant(token: Any, others: list[Any]) -> bool:
    """A name put where the window has the same name written another standard way ("UN" /
    "U.N.") is not another name.

    Every name the stretch replaced must be that name: "EU" for a stretch with "the European
    Union" and "the EC" in it may still be the EC swapped."""
    return all(is_standard_variant(_entity_text(token), _entity_text(t)) for t in others)


def _participants(verb: Any) -> set[str]:
    """Lemmas of the nouns that take part in what a verb says: its subject and object, and
    the objects of its prepositions ("Ukraine defend itself from Russia": ukraine, russia)."""
    found = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "agent", "dative"):
            found.add(child)
        elif child.dep_ == "prep":
            found.update(c for c in child.children if c.dep_ == "pobj")
    return {t.lemma_.lower() for t in found if t.pos_ in ("NOUN", "PROPN") and t.is_alpha}


def _participant_opposites(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[_Judgement]:
    """A derived verb whose opposite (``polarity.opposite_words``) the source says of the
    same two participants, wherever each text says it ("Ukraine attacks Russia" / "help
    Ukraine defend itself from Russia"), both negated or neither. Two shared participants:
    with one, SummEdits news dev gained nothing and flagged a consistent summary ("the
    gunman was taken to hospital" / "police eliminated the gunman")."""
    source_verbs = [(t, _participants(t)) for doc in (source.doc, source.title_doc) if doc is not None
                    for t in doc if t.pos_ == "VERB"]
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        if doc is None:
            continue
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            mine = _participants(verb)
            if len(mine) < 2:
                continue
            for other, theirs in source_verbs:
                if len(mine & theirs) < 2 or not opposite_words(verb, other) \
                        or (_negated(verb) is None) != (_negated(other) is None):
                    continue
                ev_source = _evidence_in(source, [other])
                ev_derived = _token_evidence(derived.id, field_name, [verb])
                judgements.append(_Judgement(
                    "contradicted", "antonym", [ev_source, ev_derived],
                    f"antonym: the source has {ev_source.text!r} of {', '.join(sorted(mine & theirs))}, "
                    f"the derived text {ev_derived.text!r}", 0))
                break
    return judgements


def _noun_opposites(source: AnnotatedArticle, derived: AnnotatedArticle, source_lemmas: set[str]) -> list[_Judgement]:
    """A derived noun for a person that the source never uses, whose opposite the source
    uses and the derived text does not ("his sister" / "his brother", "the buyer" / "the
    seller"), wherever each text has it: WordNet's antonyms of a person name the other
    member of a pair, never a paraphrase of the first. SummEdits news dev: 2 inconsistent
    summaries more, no consistent one. Other nouns flagged 2 consistent summaries ("a
    reduction" of one amount where the source "increases" another)."""
    from .annotate.lexicon import antonyms, is_a

    derived_lemmas = {t.lemma_.lower() for doc in (derived.doc, derived.title_doc) if doc is not None for t in doc}
    source_nouns: dict[str, Any] = {}
    for doc in (source.doc, source.title_doc):
        if doc is not None:
            for t in doc:
                if t.pos_ == "NOUN":
                    source_nouns.setdefault(t.lemma_.lower(), t)
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        if doc is None:
            continue
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "NOUN" or not token.is_alpha or lemma in source_lemmas:
                continue
            # People only: a rise or a fall ("a reduction" / "increases") is opposite only
            # for one amount, which ``polarity.direction_clashes`` compares.
            if not is_a(lemma, "NOUN", ("person.n.01",)):
                continue
            others = [source_nouns[o] for o in sorted(antonyms(lemma, "NOUN"))
                      if o in source_nouns and o not in derived_lemmas]
            if not others:
                continue
            other = others[0]
            ev_source = _evidence_in(source, [other])
            ev_derived = _token_evidence(derived.id, field_name, [token])
            judgements.append(_Judgement(
                "contradicted", "antonym", [ev_source, ev_derived],
                f"antonym: the source has {other.text!r}, the derived text its opposite {token.text!r}", 0))
    return judgements


def _noun_modifiers(doc: Any) -> list[tuple[Any, Any]]:
    """(noun, its modifier) for each "X of Y" ("loss of propulsion") and each compound "Y X"
    ("dairy milk") of a document; the modifier's ``dep_`` tells the two apart."""
    if doc is None:
        return []
    found = [(token.head.head, token) for token in doc
             if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of"
             and token.head.head.pos_ == "NOUN"]
    # The last common noun of a compound is its head: "plant milk alternatives" has
    # "alternatives", "the pizza giant Domino's" has "giant".
    found += [(token.head, token) for token in doc
              if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN"
              and (token.head.dep_ != "compound" or token.head.head.pos_ == "PROPN")]
    return found


def _modifier_swaps(source: AnnotatedArticle, derived: AnnotatedArticle, source_lemmas: set[str]) -> list[_Judgement]:
    """A noun qualified by a word the source never uses, where the source qualifies the same
    noun the same way only with other words, none WordNet relates to it: "a loss of power"
    where the source has "a loss of propulsion", "cow milk" where it has "dairy milk".
    "Not mentioned", not contradicted: the source may say the same in other words. For "X of
    Y" the nouns may also be WordNet neighbours ("accusations"/"charges"); a compound's must
    be the same noun (with neighbours, "security concerns" was held against "government
    agencies", a "concern" being a firm). On SummEdits news dev it fires on 6 pairs, all
    inconsistent (balanced accuracy 75.7 -> 77.0); "X of Y" alone, on one. Mixing the two
    ("phase of an effort" against "delivery phase") flagged 10 consistent summaries."""
    from .annotate.lexicon import related

    theirs = _noun_modifiers(source.doc) + _noun_modifiers(source.title_doc)
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        for head, token in _noun_modifiers(doc):
            lemma = token.lemma_.lower()
            # A modifier the source uses elsewhere, in another role, is not held against it:
            # that flagged 26 consistent summaries of SummEdits news dev ("work devices"
            # against "government devices" where the source has "work-related apps").
            if lemma in source_lemmas or not token.is_alpha:
                continue
            same_heads = [(h, t) for h, t in theirs if t.dep_ == token.dep_ and (
                h.lemma_.lower() == head.lemma_.lower()
                or token.dep_ == "pobj" and related(h.lemma_.lower(), head.lemma_.lower(), "NOUN", 1))]
            # An unknown word (None) is no evidence of a different thing.
            if not same_heads or any(related(lemma, t.lemma_.lower(), "NOUN") is not False for _, t in same_heads):
                continue
            if any(_same_stem(lemma, t.lemma_.lower()) for _, t in same_heads):
                continue
            other_head, other = same_heads[0]
            ev_source = _evidence_in(source, [other_head, other])
            ev_derived = _token_evidence(derived.id, field_name, [head, token])
            judgements.append(_Judgement("not_mentioned", "substitution", [ev_source, ev_derived],
                                         f"the source has {ev_source.text!r}, never {ev_derived.text!r}", 1))
    return judgements


# Words that set one statement against another ("profits fell despite higher sales",
# "although", "but"). A derived "despite" whose window has none of them makes a contrast the
# source does not draw.
_CONCESSIVE = frozenset({"despite", "spite", "although", "though", "but", "however", "yet", "nevertheless",
                         "nonetheless", "notwithstanding", "while", "whereas", "even", "still"})


def _unsupported_contrast(window: _Window, derived_id: str, derived_field: str) -> list[_Judgement]:
    """A "despite" ("in spite of", "notwithstanding") in a derived sentence whose window has no
    word of contrast at all: the derived text opposes two facts the source only reports
    ("did not get the balance right despite raising prices" / "when it upped prices").
    SummEdits news dev: 2 inconsistent summaries more. Its 5 summaries with "despite" are
    all inconsistent, so the rule's false alarms are not measured there."""
    cues = [t for t in window.derived if t.lower_ in ("despite", "notwithstanding")
            or t.lower_ == "spite" and t.i > 0 and t.nbor(-1).lower_ == "in"]
    if not cues or any(t.lower_ in _CONCESSIVE for t in window.source):
        return []
    evidence = _token_evidence(derived_id, derived_field, cues[:1])
    return [_Judgement("not_mentioned", "other", [evidence],
                       f"the source draws no contrast where the derived text says {evidence.text!r}", 1)]


def _modality_judgements(window: _Window, source_id: str, derived_id: str, derived_field: str) -> list[_Judgement]:
    """A derived sentence that makes obligatory what its window only permits or asks, or the
    other way round ("forced to delete" / "allowed to keep"; "a mandatory statement" / "a
    voluntary statement"): the derived sentence has a modal word of one force
    (``polarity.modality``), the window none of that force and some of another, and the
    derived sentence none of the window's, each compared within its part of speech ("asked
    to include a mandatory statement" / "a voluntary statement": the adjectives clash).
    "May" and "can" in the window say what is possible as often as what is permitted, so
    there they do not count. SummEdits news dev: 4 inconsistent summaries more, no
    consistent one; comparing the whole sentences' forces, without parts of speech, 3."""

    def forces(tokens: list[Any], side: str) -> dict[tuple[bool, str], Any]:
        found: dict[tuple[bool, str], Any] = {}
        for token in tokens:
            force = None if side == "source" and token.lower_ in EPISTEMIC_MODALS else modality(token)
            if force is not None:
                found.setdefault((token.pos_ == "ADJ", force), token)
        return found

    mine, theirs = forces(window.derived, "derived"), forces(window.source, "source")
    judgements = []
    for (adjective, force), token in mine.items():
        # An adjective against an adjective ("mandatory"/"voluntary"), a verb against a verb.
        other_forces = {f: t for (a, f), t in theirs.items() if a == adjective}
        if not other_forces or force in other_forces or any((adjective, f) in mine for f in other_forces):
            continue
        other_force, other = next(iter(other_forces.items()))
        ev_source = _token_evidence(source_id, window.field, [other])
        ev_derived = _token_evidence(derived_id, derived_field, [token])
        judgements.append(_Judgement(
            "contradicted", "antonym", [ev_source, ev_derived],
            f"antonym: the source states {other_force} ({other.text!r}), the derived text {force} "
            f"({token.text!r})", 0))
        break
    return judgements


# ---------------------------------------------------------------------------------------
# Arguments: who did what to whom. A summary that keeps the event and changes who took part
# ("met with President Biden" where the source says "met with President Zelenskyy") is
# seldom a close edit of one sentence, but the event and its participants still line up.

_ARGUMENT_LABELS = {"PERSON": "name", "ORG": "name", "GPE": "place", "NORP": "name", "LOC": "place"}
_SUBJECT = ("nsubj", "nsubjpass", "agent")
_UNSPECIFIC_EVENTS = {"say", "be", "have", "do", "make", "get", "take", "go"}


def _owned(root: Any, entity: Any) -> Any | None:
    """The common noun a named entity owns or qualifies ("employees of the Commission",
    "the Commission's employees", "Commission employees"), if any."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif root.dep_ not in ("poss", "compound"):
        return None
    if head.pos_ != "NOUN" or head.i in range(entity.start, entity.end) or not head.is_alpha:
        return None
    return head


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _same_name(a: str, b: str) -> bool:
    """Whether two spellings may name the same entity: they end in the same word ("the
    European Commission" / "Commission"), or one is the initials of the other ("EC")."""
    words_a = [w for w in a.split() if w.lower() != "the"]
    words_b = [w for w in b.split() if w.lower() != "the"]
    if not words_a or not words_b:
        return True
    if words_a[-1].lower().removesuffix("'s") == words_b[-1].lower().removesuffix("'s"):
        return True
    short, long = sorted((" ".join(words_a), " ".join(words_b)), key=len)
    return short.isupper() and short == _initials(long)


def _entity_arguments(doc: Any) -> dict[tuple[str, str], list[Any]]:
    """(event class, role) -> the named-entity spans that fill that role of a verb of that
    class: "lawmakers met with Zelenskyy" gives ("meet", "with") -> [Zelenskyy]; and ("of
    executive", "owner") -> [the European Union] for the owner of a common noun ("the
    executive of the European Union", "the Union's executive"). An owner swapped for
    another of the source's organisations ("the executive of the European Commission")
    caught 2 more inconsistent summaries of SummEdits news dev and flagged no consistent one."""
    found: dict[tuple[str, str], list[Any]] = {}
    if doc is None:
        return found
    for entity in doc.ents:
        if entity.label_ not in _ARGUMENT_LABELS:
            continue
        token = entity.root
        owned = _owned(token, entity)
        if owned is not None:
            found.setdefault((f"of {owned.lemma_.lower()}", "owner"), []).append((entity, owned))
        # "the prosecutor general and President Zelenskyy": a conjunct fills its first
        # conjunct's role; an apposition or a title its noun's.
        while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
            token = token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            role, verb = token.head.lower_, token.head.head
        elif token.dep_ in _SUBJECT:
            role, verb = "subject", token.head
        elif token.dep_ in ("dobj", "attr"):
            role, verb = "object", token.head
        else:
            continue
        # Saying verbs have as many subjects as a story has sources.
        if verb.pos_ != "VERB" or event_class(verb.lemma_.lower()) in _UNSPECIFIC_EVENTS:
            continue
        found.setdefault((event_class(verb.lemma_.lower()), role), []).append((entity, verb))
    return found


def _argument_substitutions(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[_Judgement]:
    """A derived named entity in a role of an event whose same role the source fills, only
    ever with other entities of the same type."""
    source_args = _entity_arguments(source.doc)
    source_text = source.article.text.lower()
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        for key, items in _entity_arguments(doc).items():
            theirs = source_args.get(key)
            if not theirs:
                continue
            for entity, verb in items:
                same_type = [(e, v) for e, v in theirs if e.label_ == entity.label_]
                if not same_type:
                    continue
                words = {w.lower() for w in entity.text.split() if len(w) > 2}
                # Any shared word keeps the name ("Zelenskyy" / "President Volodymyr Zelenskyy").
                if key[1] != "owner" and any(words & {w.lower() for w in e.text.split()} for e, _ in same_type):
                    continue
                # Another standard way of writing one of the source's names: "U.S." / "the
                # United States", "IOC" / "the International Olympic Committee".
                if any(is_standard_variant(entity.text, e.text) for e, _ in same_type):
                    continue
                # An owner is named by its last word or its initials: "the European
                # Parliament" is not "the European Commission", "EC" is.
                if key[1] == "owner" and any(_same_name(entity.text, e.text) for e, _ in same_type):
                    continue
                if entity.label_ in ("GPE", "LOC") and any(
                        place_relation(entity.text, e.text) in ("same", "contains", "within") for e, _ in same_type):
                    continue
                other, other_verb = same_type[0]
                kind = _ARGUMENT_LABELS[entity.label_]
                ev_source = _token_evidence(source.id, "text", list(other))
                ev_derived = _token_evidence(derived.id, field_name, list(entity))
                if key[1] == "owner":
                    explanation = (f"{kind}: the source has the {other_verb.text!r} of {other.text!r}, "
                                   f"the derived text of {entity.text!r}")
                else:
                    explanation = (f"{kind}: the source has {other.text!r} {key[1]} {other_verb.lemma_!r}, "
                                   f"the derived text {entity.text!r}")
                judgements.append(_Judgement("contradicted", kind, [ev_source, ev_derived], explanation, 0))
    return judgements


# ---------------------------------------------------------------------------------------
# Anchored slots: one word of a derived sentence between the words that surround another word
# somewhere in the source ("allowed to [keep] TikTok on" / "ordered to [remove] TikTok from").
# A summary reorders and merges its source's clauses, so the window of a sentence often
# aligns only its stop words and leaves each edited word inside a long differing stretch;
# the words around an edited word still pin down the source word it replaced.

_ARTICLES = frozenset({"a", "an", "the"})
_SLOT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "NUM"})


def _slot_key(token: Any) -> str:
    return token.lemma_.lower()


def _slot_index(units: list[tuple[Sentence, list[Any]]]) -> dict[tuple[str, ...], list[tuple[Any, str]]]:
    """Context keys of every source word (articles left out, so "a gunman" and "the gunman"
    are one context): (left, right), (right, right+1) and (left-1, left), each with "<" or
    ">" marking the side."""
    index: dict[tuple[str, ...], list[tuple[Any, str]]] = {}
    for sentence, words in units:
        tokens = [t for t in words if t.lower_ not in _ARTICLES]
        keys = [_slot_key(t) for t in tokens]
        for j, token in enumerate(tokens):
            contexts = []
            if 0 < j < len(tokens) - 1:
                contexts.append(("<>", keys[j - 1], keys[j + 1]))
            if j < len(tokens) - 2:
                contexts.append((">>", keys[j + 1], keys[j + 2]))
            if j > 1:
                contexts.append(("<<", keys[j - 2], keys[j - 1]))
            for context in contexts:
                index.setdefault(context, []).append((token, sentence.field))
    return index


def _slot_contexts(tokens: list[Any], i: int) -> list[tuple[tuple[str, ...], list[Any]]]:
    keys = [_slot_key(t) for t in tokens]
    found = []
    if 0 < i < len(tokens) - 1:
        found.append((("<>", keys[i - 1], keys[i + 1]), [tokens[i - 1], tokens[i + 1]]))
    if i < len(tokens) - 2:
        found.append(((">>", keys[i + 1], keys[i + 2]), tokens[i + 1:i + 3]))
    if i > 1:
        found.append((("<<", keys[i - 2], keys[i - 1]), tokens[i - 2:i]))
    return found


def _slot_kind(token: Any, other: Any) -> str | None:
    """What putting ``token`` where the source has ``other`` changes, or None if nothing.

    Only opposites and numbers: an unrelated word of the same part of speech in the slot
    (the substitution rule of the window edits) flagged 2 consistent summaries for 3
    inconsistent ones on half A of SummEdits news dev, and 50 consistent summaries on half
    B, whose paraphrases WordNet relates less often ("address"/"fix", "peer"/"probe")."""
    if opposite_words(token, other):
        return "antonym"
    if token.like_num or other.like_num:
        if token.like_num and other.like_num and _NUMBER_PATTERN.fullmatch(token.text) \
                and _NUMBER_PATTERN.fullmatch(other.text):
            return "number"
        return None
    # Names are compare's and the edit rules' business (a slot is too little to tell a
    # different name from another part of the same one), and other words are judged by the
    # window's substitution rule.
    return None


def _slot_substitutions(source: AnnotatedArticle, derived: AnnotatedArticle, source_text: str,
                        source_lemmas: set[str]) -> list[_Judgement]:
    """Derived words the source never uses, each anchored where the source has another word
    between the same two neighbours (at least one of them a content word), and judged
    against it: an opposite or another number (``_slot_kind``)."""
    index = _slot_index(_sentence_tokens(source))
    judgements = []
    for sentence, words in _sentence_tokens(derived):
        tokens = [t for t in words if t.lower_ not in _ARTICLES]
        sentence_lemmas = {_slot_key(t) for t in tokens}
        for i, token in enumerate(tokens):
            # spaCy counts "three" as a stop word.
            if token.pos_ not in _SLOT_POS or not token.text[0].isalnum() or token.is_stop and not token.like_num \
                    or _slot_key(token) in source_lemmas or _in_text(token.lower_, source_text):
                continue
            for context, neighbours in _slot_contexts(tokens, i):
                # The neighbour next to the slot, or one of the two around it, must be a content
                # word: "ordered to [spend]" and "ordered to [keep]" share only "to" in place.
                adjacent = neighbours if context[0] == "<>" else neighbours[:1] if context[0] == ">>" else neighbours[1:]
                if all(n.is_stop or not n.is_alpha for n in adjacent):
                    continue
                candidates = [(other, field_name) for other, field_name in index.get(context, [])
                              if _slot_key(other) not in sentence_lemmas]
                judged = [(other, field_name, _slot_kind(token, other)) for other, field_name in candidates]
                # Any source word in that slot that the derived word may stand for clears it.
                if not judged or any(kind is None for _, _, kind in judged):
                    continue
                other, field_name, kind = judged[0]
                ev_source = _token_evidence(source.id, field_name, [other])
                ev_derived = _token_evidence(derived.id, sentence.field, [token])
                judgements.append(_Judgement(
                    "contradicted", kind, [ev_source, ev_derived],
                    f"{kind}: the source has {other.text!r} between the same words "
                    f"({' '.join(n.text for n in neighbours)}), the derived text {token.text!r}", 0))
                break
    return judgements


def _windows(source: AnnotatedArticle, derived: AnnotatedArticle) -> dict[tuple[str, int], _Window]:
    """The source window of each derived sentence (field, index).

    Every sentence gets one, however loosely it restates its source: the rules read only
    short edits flanked by equal tokens, which a loose paraphrase has few of. Requiring half
    the tokens to match first cost 2.8 points of balanced accuracy on SummEdits news dev and
    saved no false alarm."""
    units = _sentence_tokens(source)
    found: dict[tuple[str, int], _Window] = {}
    for sentence, tokens in _sentence_tokens(derived):
        window = _window(tokens, units)
        if window is not None:
            found[(sentence.field, sentence.index)] = window
    return found


def _within(evidence: Evidence, window: _Window) -> bool:
    return evidence.field == window.field and window.source[0].idx <= evidence.start \
        and evidence.end <= window.source[-1].idx + len(window.source[-1].text)


@dataclass
class _Context:
    """What every verify check reads: the two annotated texts and what is derived from them
    once (one signature for the family: ``(context) -> list[_Judgement]``)."""

    source: AnnotatedArticle
    derived: AnnotatedArticle
    canonical: dict[str, str]
    sentences: list[Sentence]
    source_text: str  # the source's title and text, lower-cased
    source_lemmas: set[str]
    _windows: dict[tuple[str, int], _Window] | None = None

    @property
    def windows(self) -> dict[tuple[str, int], _Window]:
        if self._windows is None:
            self._windows = _windows(self.source, self.derived)
        return self._windows

    def key_of(self, evidence: Evidence) -> tuple[str, int] | None:
        sentence = _sentence_of(self.sentences, evidence)
        return None if sentence is None else (sentence.field, sentence.index)


# Each check below is registered under its name; ``verify_annotated`` runs them in this order
# (the order decides which of two equally bad judgements a statement reports). Checks that
# return several rules' judgements (values, edits) name the rule on each judgement, and a
# switched-off rule's judgements are dropped.

_CHECK_DOCS = {
    "verify.check.typed_conflict":
        "a date, number, place or name conflict that compare finds between the two texts",
    "verify.check.status_clash":
        "a negation or an opposite word against an aligned source sentence (polarity.status_conflicts)",
    "verify.check.direction":
        "an amount moved one way in the derived text and only the other way in the source",
    "verify.check.same_value":
        "a derived value that agrees with a source value supports its statement",
    "verify.check.conflicting_value":
        "a derived value aligned with a source value that cannot also be true",
    "verify.check.part_of_day":
        "an event put in another part of a day the source names (Thursday afternoon / morning)",
    "verify.check.unstated_value":
        "a resolved date or number that the source never states",
    "verify.check.edit_negation":
        "a short edit of the restated window adds or drops a negation",
    "verify.check.edit_antonym":
        "a short edit puts a word where the window has its opposite",
    "verify.check.swapped_value":
        "in a close restatement, one day, count or rank put for another",
    "verify.check.replaced_value":
        "in a short edit, a number, name or date word put where the window has another",
    "verify.check.substitution":
        "a noun or adjective put where the window has one WordNet does not relate to it",
    "verify.check.novel_value":
        "a number or name in an edit that the source never uses",
    "verify.check.modality":
        "obligatory where the window only permits or asks, or the other way round",
    "verify.check.unsupported_contrast":
        "a 'despite' where the window draws no contrast",
    "verify.check.slot":
        "a word between the neighbours of another source word that is its opposite or another number",
    "verify.check.participant_opposite":
        "the opposite verb said of the same two participants",
    "verify.check.noun_opposite":
        "a person named by the opposite of the source's word (sister / brother)",
    "verify.check.modifier_swap":
        "a noun qualified by a word the source never uses where the source qualifies it otherwise",
    "verify.check.argument":
        "a named entity in a role of an event, or owning a noun, that the source fills only with another",
    "verify.check.novel_name":
        "a name of a person, organisation or place that the source never mentions",
    "verify.check.no_counterpart":
        "a derived sentence with no source sentence it aligns with",
}
# Measured effects: the leave-one-rule-out table of benchmarks/verify.py (2026-12-05).
_CHECK_EFFECTS: dict[str, str] = {
    "verify.check.argument":
        "SummEdits news dev, leave-one-out: fired on 9 read / 0 score pairs; "
        "strict balanced accuracy +2.2 read, +0.0 score",
    "verify.check.conflicting_value":
        "SummEdits news dev, leave-one-out: fired on 3 read / 0 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.direction":
        "SummEdits news dev, leave-one-out: fired on 0 read / 5 score pairs; "
        "strict balanced accuracy +0.0 read, +1.4 score",
    "verify.check.edit_antonym":
        "SummEdits news dev, leave-one-out: fired on 2 read / 21 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.edit_negation":
        "SummEdits news dev, leave-one-out: fired on 2 read / 22 score pairs; "
        "strict balanced accuracy +0.6 read, +2.1 score",
    "verify.check.modality":
        "SummEdits news dev, leave-one-out: fired on 0 read / 7 score pairs; "
        "strict balanced accuracy +0.0 read, +1.0 score",
    "verify.check.modifier_swap":
        "SummEdits news dev, leave-one-out: fired on 8 read / 5 score pairs; "
        "strict balanced accuracy +1.1 read, +1.4 score",
    "verify.check.no_counterpart":
        "SummEdits news dev, leave-one-out: fired on 0 read / 0 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.noun_opposite":
        "SummEdits news dev, leave-one-out: fired on 0 read / 3 score pairs; "
        "strict balanced accuracy +0.0 read, +0.7 score",
    "verify.check.novel_name":
        "SummEdits news dev, leave-one-out: fired on 7 read / 10 score pairs; "
        "strict balanced accuracy +0.0 read, +0.7 score",
    "verify.check.novel_value":
        "SummEdits news dev, leave-one-out: fired on 19 read / 10 score pairs; "
        "strict balanced accuracy +4.5 read, +0.0 score",
    "verify.check.part_of_day":
        "SummEdits news dev, leave-one-out: fired on 2 read / 0 score pairs; "
        "strict balanced accuracy +1.1 read, +0.0 score",
    "verify.check.participant_opposite":
        "SummEdits news dev, leave-one-out: fired on 1 read / 0 score pairs; "
        "strict balanced accuracy +0.6 read, +0.0 score",
    "verify.check.replaced_value":
        "SummEdits news dev, leave-one-out: fired on 0 read / 4 score pairs; "
        "strict balanced accuracy +0.0 read, +0.7 score",
    "verify.check.same_value":
        "SummEdits news dev, leave-one-out: fired on 130 read / 156 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.slot":
        "SummEdits news dev, leave-one-out: fired on 4 read / 18 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.status_clash":
        "SummEdits news dev, leave-one-out: fired on 3 read / 24 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.substitution":
        "SummEdits news dev, leave-one-out: fired on 12 read / 13 score pairs; "
        "strict balanced accuracy +2.2 read, +2.4 score",
    "verify.check.swapped_value":
        "SummEdits news dev, leave-one-out: fired on 4 read / 10 score pairs; "
        "strict balanced accuracy +0.0 read, +1.7 score",
    "verify.check.typed_conflict":
        "SummEdits news dev, leave-one-out: fired on 2 read / 1 score pairs; "
        "strict balanced accuracy +0.0 read, +0.0 score",
    "verify.check.unstated_value":
        "SummEdits news dev, leave-one-out: fired on 0 read / 7 score pairs; "
        "strict balanced accuracy +0.0 read, +0.7 score",
    "verify.check.unsupported_contrast":
        "SummEdits news dev, leave-one-out: fired on 1 read / 4 score pairs; "
        "strict balanced accuracy +0.6 read, +0.3 score",
}


def _typed_conflicts(ctx: _Context) -> list[_Judgement]:
    source, derived = ctx.source, ctx.derived
    judgements = []
    for finding in compare_annotated([source, derived]):
        # Status conflicts are read again with the looser alignment a summary needs.
        if finding.type != "conflict" or finding.kind == "status":
            continue
        mine = [e for e in finding.evidence if e.article == derived.id]
        theirs = [e for e in finding.evidence if e.article == source.id]
        mine = [e for e in mine if not rules.veto("verify.veto.restated_value", e, ctx.source_text)]
        if mine and theirs:
            for evidence in mine:
                if ctx.key_of(evidence) is None:
                    continue
                judgements.append(_Judgement("contradicted", finding.kind, theirs + mine,
                                             f"{finding.kind}: {finding.explanation}", 0,
                                             "verify.check.typed_conflict", ctx.key_of(evidence)))
    return judgements


@rules.register("verify.veto.restated_value", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 0 read / 1 score pairs; "
                       "strict balanced accuracy +0.0 read, +0.0 score")
def _restated_value(evidence: Evidence, source_text: str) -> bool:
    """A conflict compare finds for a derived value the source states in the same words is
    dropped: the derived text restates that statement.

    compare paired it with another of the source's values ("Tuesday" of one event with
    "Wednesday" of another). On SummEdits news dev all 20 date conflicts of consistent
    summaries were of this sort."""
    return _in_text(evidence.text.lower(), source_text)


def _status_clashes(ctx: _Context) -> list[_Judgement]:
    judgements = []
    for finding in status_conflicts(ctx.source, ctx.derived, ctx.canonical, minimum=ALIGN_DERIVED):
        mine = [e for e in finding.evidence if e.article == ctx.derived.id]
        theirs = [e for e in finding.evidence if e.article == ctx.source.id]
        kind = finding.explanation.split(":", 1)[0]
        for evidence in mine:
            key = ctx.key_of(evidence)
            if key is None:
                continue
            window = ctx.windows.get(key)
            if window is not None and rules.veto("verify.veto.outside_window", theirs, window):
                continue
            judgements.append(_Judgement("contradicted", kind, finding.evidence, finding.explanation, 0,
                                         "verify.check.status_clash", key))
    return judgements


@rules.register("verify.veto.outside_window", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 0 read / 21 score pairs; "
                       "strict balanced accuracy +0.0 read, +1.4 score")
def _outside_window(theirs: list[Evidence], window: _Window) -> bool:
    """A negation or antonym clash of a sentence that restates a window of the source, with a
    source sentence outside that window, is with another statement.

    "found no evidence of poison" against "to find the culprits": 10 of 10 negation alarms on
    consistent SummEdits news dev summaries were of this sort."""
    return not all(_within(e, window) for e in theirs)


def _direction_clashes(ctx: _Context) -> list[_Judgement]:
    judgements = []
    for mine, theirs in direction_clashes(ctx.source, ctx.derived):
        ev_source = _token_evidence(ctx.source.id, theirs.field, [theirs.token])
        ev_derived = _token_evidence(ctx.derived.id, mine.field, [mine.token])
        judgements.append(_Judgement(
            "contradicted", "antonym", [ev_source, ev_derived],
            f"antonym: the source has {mine.amount!r} going {theirs.direction} ({ev_source.text!r}), "
            f"the derived text {mine.direction} ({ev_derived.text!r})", 0, "verify.check.direction"))
    return judgements


def _value_checks(ctx: _Context) -> list[_Judgement]:
    judgements = []
    for claim, judgement in _claim_judgements(ctx.source, ctx.derived, ctx.canonical):
        judgement.key = ctx.key_of(claim_evidence(claim))
        if judgement.key is not None:
            judgements.append(judgement)
    return judgements


def _per_window(check: Any) -> Any:
    def run(ctx: _Context) -> list[_Judgement]:
        judgements = []
        for key, window in ctx.windows.items():
            for judgement in check(ctx, window, key):
                judgement.key = key
                judgements.append(judgement)
        return judgements

    return run


_edit_checks = _per_window(lambda ctx, window, key: _edit_judgements(
    window, ctx.source, ctx.derived.id, key[0], ctx.source_text, ctx.source_lemmas))
_modality_checks = _per_window(lambda ctx, window, key: _modality_judgements(
    window, ctx.source.id, ctx.derived.id, key[0]))
_contrast_checks = _per_window(lambda ctx, window, key: _unsupported_contrast(window, ctx.derived.id, key[0]))


def _novel_name_checks(ctx: _Context) -> list[_Judgement]:
    return [_Judgement("not_mentioned", "name", [evidence], f"the source never names {evidence.text!r}", 1)
            for evidence, _ in _novel_names(ctx.source, ctx.derived, ctx.canonical)]


# (check, the rules whose judgements it returns), in the order they run.
_CHECKS: list[tuple[Any, tuple[str, ...]]] = [
    (_typed_conflicts, ("verify.check.typed_conflict",)),
    (_status_clashes, ("verify.check.status_clash",)),
    (_direction_clashes, ("verify.check.direction",)),
    (_value_checks, ("verify.check.same_value", "verify.check.conflicting_value", "verify.check.part_of_day",
                     "verify.check.unstated_value")),
    (_edit_checks, ("verify.check.edit_negation", "verify.check.edit_antonym", "verify.check.swapped_value",
                    "verify.check.replaced_value", "verify.check.substitution", "verify.check.novel_value")),
    (_modality_checks, ("verify.check.modality",)),
    (_contrast_checks, ("verify.check.unsupported_contrast",)),
    (lambda ctx: _slot_substitutions(ctx.source, ctx.derived, ctx.source_text, ctx.source_lemmas),
     ("verify.check.slot",)),
    (lambda ctx: _participant_opposites(ctx.source, ctx.derived), ("verify.check.participant_opposite",)),
    (lambda ctx: _modifier_swaps(ctx.source, ctx.derived, ctx.source_lemmas), ("verify.check.modifier_swap",)),
    (lambda ctx: _noun_opposites(ctx.source, ctx.derived, ctx.source_lemmas), ("verify.check.noun_opposite",)),
    (lambda ctx: _argument_substitutions(ctx.source, ctx.derived), ("verify.check.argument",)),
    (_novel_name_checks, ("verify.check.novel_name",)),
]
for _check, _names in _CHECKS:
    for _name in _names:
        rules.define(_name, "verify.check", _CHECK_DOCS[_name], effect=_CHECK_EFFECTS.get(_name, ""), func=_check)
rules.define("verify.check.no_counterpart", "verify.check", _CHECK_DOCS["verify.check.no_counterpart"],
             effect=_CHECK_EFFECTS.get("verify.check.no_counterpart", ""))


def verify_annotated(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[Statement]:
    """Judge each statement of an annotated derived text against its annotated source: every
    registered check in turn (``_CHECKS``), the worst judgement of each statement standing."""
    sentences = derived.title_sentences + derived.sentences
    ctx = _Context(source, derived, canonical_names([source, derived]), sentences,
                   f"{source.article.title or ''}\n{source.article.text}".lower(),
                   {t.lemma_.lower() for doc in (source.doc, source.title_doc) if doc is not None for t in doc})
    judgements: dict[tuple[str, int], list[_Judgement]] = {(s.field, s.index): [] for s in sentences}
    for check, names in _CHECKS:
        if not any(rules.enabled(name) for name in names):
            continue
        for judgement in check(ctx):
            judgement.rule = judgement.rule or names[0]
            key = judgement.key or ctx.key_of(judgement.evidence[-1])
            if key is None or not rules.enabled(judgement.rule):
                continue
            rules.fired(judgement.rule)
            judgements[key].append(judgement)
    canonical = ctx.canonical
    # Statement alignment: the best source sentence of each derived sentence.
    best: dict[tuple[str, int], tuple[Sentence, float]] = {}
    for left, right, similarity in aligned_sentences(derived, source, canonical, minimum=0.0):
        best.setdefault((left.field, left.index), (right, similarity))
    novel = _novel_terms(source, derived, canonical)
    statements = []
    for sentence in sentences:
        key = (sentence.field, sentence.index)
        found = judgements[key]
        match = best.get(key)
        if match is None or match[1] < UNSUPPORTED_SIMILARITY:
            if rules.enabled("verify.check.no_counterpart"):
                rules.fired("verify.check.no_counterpart")
                found.append(_Judgement("not_mentioned", "statement", [], "no source sentence says this", 1,
                                        "verify.check.no_counterpart"))
        if match is not None:
            right, similarity = match
            found.append(_Judgement(
                "supported", None, [Evidence(source.id, right.start, right.end, right.text, right.field,
                                             round(similarity, 2))],
                f"closest source sentence (similarity {similarity:.2f})"
                + (f"; words not in the source: {', '.join(novel[key])}" if novel.get(key) else ""), 2))
        worst = min(found, key=lambda j: j.rank) if found else \
            _Judgement("supported", None, [], "no rule holds anything against it", 2)
        evidence = list(worst.evidence)
        if worst.status != "supported" and match is not None and match[1] >= UNSUPPORTED_SIMILARITY:
            right = match[0]
            context = Evidence(source.id, right.start, right.end, right.text, right.field)
            if context not in evidence and worst.status == "not_mentioned":
                evidence.append(context)
        statements.append(Statement(sentence.text, sentence.start, sentence.end, sentence.field,
                                    worst.status, worst.kind, evidence, worst.explanation, worst.rule or None))
    return statements


def verdict_of(statements: list[Statement], strict: bool = False,
               unsupported_share: float | None = None) -> Verdict:
    """The overall verdict. Strict (``verify --strict``): ``faithful`` only when every
    statement is supported. Otherwise ``unfaithful`` needs a contradiction (the source says
    otherwise, both spans shown), or at least ``UNSUPPORTED_SHARE`` of the statements not
    mentioned by the source."""
    if strict:
        return "faithful" if all(s.status == "supported" for s in statements) else "unfaithful"
    if any(s.status == "contradicted" for s in statements):
        return "unfaithful"
    share = UNSUPPORTED_SHARE if unsupported_share is None else unsupported_share
    missing = sum(s.status == "not_mentioned" for s in statements)
    return "unfaithful" if statements and missing and missing / len(statements) >= share else "faithful"


def _disabled(settings: Settings) -> list[str]:
    """``[storydiff.verify] disabled_rules``: verify's own rules and the date grammar's patterns
    it annotates with; any other name is refused, named."""
    disabled = settings.verify.disabled_rules
    wrong = [name for name in disabled if not name.startswith(("verify.", "temporal."))]
    if wrong:
        raise rules.UnknownRule(f"[storydiff.verify] disabled_rules names rules that are not verify's "
                                f"or the date grammar's: {', '.join(map(repr, wrong))}")
    rules.check_names(disabled)
    return disabled


def annotate_pair(source: Article, derived: Article, settings: Settings | None = None
                  ) -> tuple[AnnotatedArticle, AnnotatedArticle]:
    """The source and the derived text cleaned like compare's inputs (page furniture out,
    publication dates inferred) and annotated: what ``verify_annotated`` reads."""
    settings = settings or default_settings()
    if derived.id == source.id:
        derived = replace(derived, id=f"{derived.id}~derived")
    source, derived = prepare([source, derived])
    with rules.rule_run(_disabled(settings)):
        annotated_source, annotated_derived = annotate_articles([source, derived], settings)
    return annotated_source, annotated_derived


def verify(source: Article, derived: Article, settings: Settings | None = None, *,
           strict: bool = False) -> Verification:
    """Whether ``derived`` (a rewrite, summary or wire copy) is faithful to ``source``;
    ``strict``: only when the source supports every statement (``verdict_of``)."""
    settings = settings or default_settings()
    started = time.perf_counter()
    annotated_source, annotated_derived = annotate_pair(source, derived, settings)
    with rules.rule_run(_disabled(settings)):
        statements = verify_annotated(annotated_source, annotated_derived)
    return Verification(annotated_source.article, annotated_derived.article, verdict_of(statements, strict),
                        statements, time.perf_counter() - started, strict)


__all__ = ["verify", "verify_annotated", "annotate_pair", "verdict_of", "Verification", "Statement"]
