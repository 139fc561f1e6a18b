"""Denials: an act one report denies in a bounded period and another reports done
(``compare.finder.denial``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import rules
from ..lang.realis import _realis
from ..model import AnnotatedArticle, Evidence, Field, Finding
from .context import StoryContext
from .kinship import _actor_at, _docs

# ---------------------------------------------------------------------------------------
# Denied acts: "there was no statement from X after the meeting" / "X said after ...";
# "no deal has yet been announced" / "they had struck a preliminary agreement".

# What bounds a denial in time, so that the other report's act falls in the period it
# covers: up to the time of writing ("yet", "so far"), or after an event ("after the
# meeting"). A denial without one ("there was no immediate comment from the White House")
# is too common beside a later "the White House said" to be read as a conflict.
_AFTER = {"after", "following"}


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
    from ..align import event_class

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
    for field, doc in _docs(item):
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


def _same_act_word(noun: Any, other: Any) -> bool:
    """Whether a noun of an act and a word of the other report name one act: a noun that
    shares a sense with it or is one step above or below it ("deal" and "agreement"), or a
    verb that shares a sense with the verb the noun's first sense derives from
    ("statement", "state", "say")."""
    return _same_act_lemmas(noun.lemma_.lower(), other.lemma_.lower(), other.pos_)


@lru_cache(maxsize=65536)
def _same_act_lemmas(lemma: str, word: str, pos: str) -> bool:
    # cached: every denial is tried against every noun and verb of the other reports
    from ..annotate.lexicon import related, wordnet

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


def _done(item: AnnotatedArticle, denial: _Denial, canonical: dict[str, str]) -> tuple[Field, int, int] | None:
    """Where ``item`` reports the denied act done by one of the denial's actors, within
    its bound: (field, start, end) of the subject or verb and the act's noun."""
    from .entities import same_actor

    for field, doc in _docs(item):
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


@rules.register("compare.finder.denial", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71),"
                        " score −1 TP (0.80 → 0.60). BASIL ±0; other sets: gold findings only "
                        "(docs/compare.md, second round)."))
def _denial(context: StoryContext) -> list[Finding]:
    """An act denied in a bounded period ("no deal has yet been announced") against the act
    reported ("they struck a deal") conflicts (``compare.denial.denial_conflicts``)."""
    return denial_conflicts(list(context.annotated), context.canonical)
