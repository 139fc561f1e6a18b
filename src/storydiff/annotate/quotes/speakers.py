"""Speakers: the tokens that name who speaks, resolved to a named entity of the document (a
pronoun or "the minister" to the person last named)."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import doc_text
from .spans import _inside_any
from .vocabulary import _ORG_PRONOUNS, _PERSON_PRONOUNS, _RELATIVE_PRONOUNS, ORG_ROLES, PERSON_ROLES, _Region

# --- speakers --------------------------------------------------------------------------


def _contiguous_around(tokens: list[Any], anchor: Any) -> list[Any]:
    """The unbroken run of ``tokens`` (by token index) that contains ``anchor``, or the longest."""
    if not tokens:
        return []
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Any]] = [[tokens[0]]]
    for token in tokens[1:]:
        if token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    for run in runs:
        if run[0].i <= anchor.i <= run[-1].i:
            return run
    return max(runs, key=len)


def _speaker_tokens(cue: Any, regions: list[_Region]) -> list[Any]:
    """The subject noun phrase of the cue verb, climbing through verb chains when needed.

    "declined to say", "went on to say", "..., saying" and "X said and added" have their
    subject on the governing verb; a passive "was told by X" has it in the agent phrase.
    """
    verb = cue
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj"}]
        if subjects:
            return _noun_phrase(subjects[0], regions)
        agents = [c for c in verb.children if c.dep_ == "agent"]
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return _noun_phrase(objects[0], regions)
        if verb.dep_ in {"xcomp", "conj", "advcl", "aux"} and verb.head is not verb:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.head is not verb.head:
            # "by questioning his record", "have taken to saying": the subject is on the verb
            # that governs the preposition.
            verb = verb.head.head
            continue
        if verb.dep_ in {"relcl", "acl"} and verb.head is not verb:
            # "a lawsuit alleging that ...": the noun the participle modifies is the source.
            return _noun_phrase(verb.head, regions, relative=False, without=verb)
        break
    return []


def _noun_phrase(
    head: Any, regions: list[_Region], relative: bool = True, without: Any = None
) -> list[Any]:
    """The subtree of ``head`` without quoted material, cut to one contiguous run; with
    ``without``, also without that clause (the relative or participle clause that holds the
    cue, which is not part of the speaker's name)."""
    tokens = list(head.subtree)
    if not relative and without is not None:
        clause = set(t.i for t in without.subtree)
        tokens = [t for t in tokens if t.i not in clause]
    tokens = [t for t in tokens if not _inside_any(t.idx, regions) and not t.is_space]
    tokens = _contiguous_around(tokens, head)
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"and"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    # An apposition keeps its closing comma ("Smith, the party's treasurer, said"), the
    # PolNeAR convention for half of the sources that contain a comma.
    if tokens and any(t.text == "," for t in tokens):
        following = tokens[-1].nbor(1) if tokens[-1].i + 1 < len(tokens[-1].doc) else None
        if following is not None and following.text == ",":
            tokens.append(following)
    return tokens


def _entity_index(doc: Any) -> list[Any]:
    return [e for e in doc.ents if e.label_ in {"PERSON", "ORG", "NORP", "GPE"}]


def _resolve_speaker(doc: Any, speaker: list[Any], entities: list[Any]) -> str | None:
    """A name for the speaker that is the same across mentions: "he" and "the minister" become
    the most recent fitting person, "Smith" the fullest earlier form "John Smith"."""
    if not speaker:
        return None
    start, end = speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)
    own = [e for e in entities if e.start_char >= start and e.end_char <= end]
    persons = [e for e in own if e.label_ == "PERSON"]
    if persons:
        return _canonical_person(persons[0], entities)
    head = _head_of(speaker)
    lower = head.lower_
    if lower in _PERSON_PRONOUNS:
        return _recent(entities, start, {"PERSON"}, role=None, doc=doc)
    if lower in _ORG_PRONOUNS:
        return _recent(entities, start, {"ORG"}, role=None, doc=doc)
    if lower in _RELATIVE_PRONOUNS:
        return None
    # Only an organisation that is the head of the phrase names the speaker: in "the senator
    # from Vermont" the place is a modifier.
    orgs = [e for e in own if e.label_ in {"ORG", "GPE", "NORP"} and e.start <= head.i < e.end]
    if head.pos_ != "PROPN":
        lemma = head.lemma_.lower()
        if lemma in ORG_ROLES and not orgs:
            return _recent(entities, start, {"ORG"}, lemma, doc, _strip_article(doc_text(doc)[start:end]))
        if lemma in PERSON_ROLES and not orgs and _definite(speaker):
            return _recent(entities, start, {"PERSON"}, lemma, doc, _strip_article(doc_text(doc)[start:end]))
    if orgs:
        return _strip_article(orgs[0].text)
    names = [t for t in speaker if t.pos_ == "PROPN"]
    if names:
        return doc_text(doc)[names[0].idx : names[-1].idx + len(names[-1].text)]
    return _strip_article(doc_text(doc)[start:end])


def _head_of(tokens: list[Any]) -> Any:
    members = set(t.i for t in tokens)
    for token in tokens:
        if token.head.i not in members or token.head is token:
            return token
    return tokens[0]


def _definite(tokens: list[Any]) -> bool:
    return any(t.lower_ in {"the", "this", "that"} or t.tag_ == "PRP$" for t in tokens[:2])


def _recent(
    entities: list[Any],
    before: int,
    labels: set[str],
    role: str | None,
    doc: Any,
    fallback: str | None = None,
) -> str | None:
    """The most recent entity of ``labels`` before ``before``; with a role, prefer one the text
    introduces with it ("Foreign Minister Lavrov", "Lavrov, the foreign minister")."""
    earlier = [e for e in entities if e.label_ in labels and e.end_char <= before]
    if not earlier:
        return fallback
    if role is not None:
        for entity in reversed(earlier):
            # The role is read in the entity's own sentence, close to it: "Foreign Minister
            # Anna Berg" or "Anna Berg, the foreign minister", never from the quote itself.
            lo = max(entity.start_char - 40, entity.sent.start_char)
            hi = min(entity.end_char + 60, entity.sent.end_char, before)
            if role in entity.text.lower() or re.search(rf"\b{re.escape(role)}", doc_text(doc)[lo:hi].lower()):
                return _canonical(entity, entities)
    return _canonical(earlier[-1], entities)


def _canonical(entity: Any, entities: list[Any]) -> str:
    if entity.label_ == "PERSON":
        return _canonical_person(entity, entities)
    return _strip_article(entity.text)


def _canonical_person(entity: Any, entities: list[Any]) -> str:
    """The longest PERSON mention that ends with the same surname: "Trump" -> "Donald Trump"."""
    name = _strip_possessive(entity.text)
    surname = name.split()[-1] if name.split() else name
    best = name
    for other in entities:
        if other.label_ != "PERSON":
            continue
        candidate = _strip_possessive(other.text)
        parts = candidate.split()
        if parts and parts[-1] == surname and len(candidate) > len(best):
            best = candidate
    return best


def _strip_possessive(name: str) -> str:
    return re.sub(r"[\u2019']s?$", "", name.strip())


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name.strip())
