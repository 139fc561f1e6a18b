"""Who said what: direct and indirect quotes with their speaker and cue verb.

``find_quotes(doc)`` reads one spaCy ``Doc`` and returns ``Quote`` records. Direct quotes are
found from quotation marks (straight, curly, and the ``` ``...'' ``` pairs of old wire text),
then tied to a reporting verb through the dependency parse ("X said" before, after or inside
the quote, or a lead-in ending in a colon). Indirect speech comes from the complements of
reporting verbs ("said that ...", "told reporters ...", "denied ...") and from "according to
X". The speaker is the grammatical subject of the cue, expanded to its noun phrase; pronouns
and titles ("he", "the minister", "the ministry") are resolved to the most recent fitting
PERSON or ORG entity so that quotes can be compared across reports.

Rules only, no model of its own: measured on PolNeAR in ``benchmarks/quotes.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Field, Quote, Span
from .nlp import doc_text

# Lemmas of verbs that introduce reported speech or a stated position. Speech verbs first,
# then verbs of stating a view that news writers use the same way ("Smith believes that").
# Verbs of wanting and backing ("want", "support", "back") are attributions in PolNeAR but
# not statements; on the train sample they added 0.006 content F1 at 0.02 precision, so they
# are left out to keep quotes about what was said.
REPORTING_VERBS: frozenset[str] = frozenset(
    """
    say tell add write ask report announce argue suggest note claim explain insist warn deny
    confirm acknowledge declare state tweet reply respond recall admit concede contend assert
    maintain allege predict promise vow pledge urge accuse describe repeat reiterate testify
    comment observe remark caution cite stress emphasize emphasise complain boast joke quip
    mention disclose reveal indicate estimate conclude believe think charge counter retort
    agree disagree question demand propose recommend order instruct advise inform assure
    brief shout yell scream whisper murmur mutter exclaim proclaim pronounce
    blog post publish wonder fear hope expect predict project forecast speculate guess
    threaten plead beg lament bemoan criticize criticise praise blast slam attack rebut dispute
    reject dismiss question highlight underline point explain elaborate clarify summarize
    conclude surmise posit hint imply acknowledge confess affirm reaffirm insist sniff snap
    recount narrate relate describe characterize dub label brand call decline refuse
    """.split()
)

# Verbs of evidence and stated stance: "the poll shows", "the report found", "Smith backs".
# Not speech, but attributed positions that reports cite and contradict just like quotes;
# PolNeAR annotates them as attributions. Each was kept only if it raised content F1 on the
# train sample (benchmarks/quotes.py).
STANCE_VERBS: frozenset[str] = frozenset(
    """
    show find seek endorse oppose favor favour prefer blame express read learn refer
    """.split()
)

# Verbs that only count as reporting when they take a clause, not a bare object: "called
# him a liar" and "found the keys" are not quotes, "found that" and "called for" may be.
_CLAUSE_ONLY: frozenset[str] = frozenset(
    "think believe hope fear expect wonder guess call decline refuse point "
    "attack blast slam praise criticize criticise label brand dub question".split()
)

# Title and role nouns that stand in for a person already named ("the minister said").
PERSON_ROLES: frozenset[str] = frozenset(
    """
    minister spokesman spokeswoman spokesperson president premier chancellor secretary
    senator governor mayor official officer chief chairman chairwoman chair director
    leader candidate nominee ambassador envoy diplomat general commander lawyer attorney
    prosecutor judge justice congressman congresswoman lawmaker legislator representative
    adviser advisor aide strategist manager executive ceo founder analyst economist expert
    professor researcher scientist doctor police policeman inspector sheriff commissioner
    mogul businessman businesswoman billionaire candidate democrat republican king queen
    prince pope bishop father mother wife husband son daughter man woman witness victim
    resident owner author reporter journalist activist campaigner organizer organiser
    """.split()
)

# Role nouns that stand in for an organisation ("the ministry said", "the campaign said").
ORG_ROLES: frozenset[str] = frozenset(
    """
    ministry office department agency government administration campaign committee company
    firm party army military police ministry bureau commission council board court
    embassy authority authorities group organization organisation union bank university
    network newspaper paper outlet team
    """.split()
)

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_ORG_PRONOUNS = frozenset({"it"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

_OPENERS = {"\u201c": "\u201d", "``": "''", "\u00ab": "\u00bb"}
_CLOSERS = {"\u201d", "''", "\u00bb"}
# One pattern over every quotation mark we pair; order matters so that ``/'' win over '.
_TRIPLE = "'" * 3
_MARK = re.compile(r"``|'''|''|[\u201c\u201d\u00ab\u00bb\"]|\n")

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd"})
Extent = tuple[int, int]


@dataclass
class _Region:
    """One stretch of text between quotation marks (marks included)."""

    start: int
    end: int
    continued: bool = False  # runs on into the next paragraph without a closing mark
    used: bool = False


@dataclass
class _Attribution:
    start: int
    end: int
    cue: Any | None  # a spaCy Token (or a two-token "according to" span start)
    cue_end: int | None
    direct: bool
    speaker: tuple[int, int] | None
    speaker_tokens: list[Any] = field(default_factory=list)


def find_quotes(doc: Any, field: str = "text") -> list[Quote]:
    """Find the quotes in ``doc`` with their speaker, cue verb and resolved speaker entity.

    >>> quotes = find_quotes(nlp('"We will win," the senator said.'))  # doctest: +SKIP
    >>> quotes[0].content.text, quotes[0].speaker.text, quotes[0].cue.text  # doctest: +SKIP
    ('"We will win,"', 'the senator', 'said')
    """
    text: str = doc_text(doc)
    sentences = list(doc.sents)
    sentence_starts = [sent.start_char for sent in sentences]
    regions = _quote_regions(text)
    paragraphs = _paragraphs(text)
    attributions: list[_Attribution] = []
    used_cues: set[int] = set()

    previous: _Attribution | None = None
    previous_paragraph = -10
    for region in regions:
        inside = [t for t in _tokens_between(doc, region.start, region.end)]
        cue = _cue_for_region(doc, region, regions, paragraphs)
        if cue is not None and _complement_swallows(cue, region):
            continue
        # A short quote right after an attributed one in the same paragraph goes on with it:
        # '"We have a common enemy," she said. "Drought."'
        continues = (
            previous is not None
            and _paragraph_index(paragraphs, region.start) == previous_paragraph
        )
        if not _is_speech(inside) and not continues and not (
            cue is not None and _governs(cue, region) and _speaker_tokens(cue, regions)
        ):
            # A short quote counts only as the object of someone's words ("Absolutely not,"
            # he said), not as a label ("the so-called 'peace dividend'").
            continue
        if cue is not None:
            speaker_tokens = _speaker_tokens(cue, regions)
            attribution = _Attribution(
                region.start, region.end, cue, None, True, _extent(speaker_tokens), speaker_tokens
            )
            used_cues.add(cue.i)
        elif previous is not None and (
            _paragraph_index(paragraphs, region.start) - previous_paragraph <= 1
            and (_is_speech(inside) or continues)
        ):
            # A quote that follows another with no verb of its own continues the same
            # speaker: the usual news pattern of a quote running over several paragraphs.
            attribution = _Attribution(
                region.start,
                region.end,
                previous.cue,
                previous.cue_end,
                True,
                previous.speaker,
                previous.speaker_tokens,
            )
        else:
            continue
        region.used = True
        attributions.append(attribution)
        previous = attribution
        previous_paragraph = _paragraph_index(paragraphs, max(region.end - 1, 0))

    for token in doc:
        if token.i in used_cues or _inside_any(token.idx, regions, used_only=True):
            continue
        attribution = _indirect(token, regions)
        if attribution is None:
            continue
        if _mostly_direct(attribution, regions):
            continue
        attributions.append(attribution)

    attributions.sort(key=lambda a: (a.start, a.end))
    quotes: list[Quote] = []
    entities = _entity_index(doc)
    for attribution in attributions:
        content = _span(text, attribution.start, attribution.end, field)
        if content is None:
            continue
        speaker = (
            _span(text, attribution.speaker[0], attribution.speaker[1], field)
            if attribution.speaker
            else None
        )
        cue_span = None
        if attribution.cue is not None:
            cue_end = attribution.cue_end or attribution.cue.idx + len(attribution.cue.text)
            cue_span = _span(text, attribution.cue.idx, cue_end, field)
        quotes.append(
            Quote(
                content=content,
                speaker=speaker,
                cue=cue_span,
                direct=attribution.direct,
                speaker_entity=_resolve_speaker(doc, attribution.speaker_tokens, entities)
                if attribution.speaker_tokens
                else None,
                sentence=_sentence_index(sentence_starts, attribution.start),
            )
        )
    return quotes


# --- direct quotes ---------------------------------------------------------------------


def _quote_regions(text: str) -> list[_Region]:
    """Pair quotation marks paragraph by paragraph.

    A quote left open at the end of a paragraph is closed there and marked ``continued``:
    news style repeats the opening mark on the next paragraph instead of closing the quote.
    """
    regions: list[_Region] = []
    open_at: int | None = None
    closer: str | None = None
    for match in _MARK.finditer(text):
        mark = match.group()
        if mark == "\n":
            if open_at is not None:
                end = _rstrip(text, open_at, match.start())
                if end - open_at > 1:
                    regions.append(_Region(open_at, end, continued=True))
            open_at = closer = None
            continue
        if mark == _TRIPLE:
            # A single quote closing inside a double one ("us,'" + "''") ends both; where
            # nothing is open, the first mark is a single quote and the double one opens.
            if open_at is not None:
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
            else:
                open_at, closer = match.start() + 1, "''"
            continue
        if mark in _OPENERS:
            open_at, closer = match.start(), _OPENERS[mark]
        elif mark == "''" and open_at is None:
            # Old wire copy uses '' to open as well as to close.
            open_at, closer = match.start(), "''"
        elif mark in _CLOSERS:
            if open_at is not None and (closer == mark or closer == '"' or mark == "\u201d"):
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
        elif mark == '"':
            if open_at is None:
                open_at, closer = match.start(), '"'
            else:
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
    if open_at is not None:
        end = _rstrip(text, open_at, len(text))
        if end - open_at > 1:
            regions.append(_Region(open_at, end, continued=True))
    return regions


def _is_speech(tokens: list[Any]) -> bool:
    """Tell a quoted statement from a scare quote or a title: it has a verb and some length.

    Three words without a verb ("a 'stiff'", "the 'Iowa way'") are names or labels, not
    something a person said; they stay inside whatever indirect quote contains them.
    """
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) >= 6:
        return True
    return len(words) >= 3 and any(t.pos_ in {"VERB", "AUX"} for t in words)


def _cue_for_region(doc: Any, region: _Region, regions: list[_Region], paragraphs: list[Extent]) -> Any:
    """The reporting verb outside ``region`` that governs it, or the nearest one around it.

    Only verbs of the same paragraph count, apart from a lead-in ending in a colon: the
    parser's sentences often run over paragraph breaks, and a verb in the next paragraph
    introduces the next quote, not this one.
    """
    low, high = _paragraph_of(paragraphs, region.start)
    candidates: list[tuple[int, Any]] = []
    for token in _tokens_between(doc, low, high):
        if not _is_reporting(token) or _inside_any(token.idx, regions):
            continue
        distance = _gap(token, region)
        if _other_quote_between(token, region, regions):
            distance += 1_000
        if _governs(token, region):
            distance -= 10_000
        candidates.append((distance, token))
    lead = doc_text(doc)[:region.start].rstrip()
    if lead.endswith(":"):
        colon = len(lead) - 1
        lead_low, _ = _paragraph_of(paragraphs, colon)
        for token in _tokens_between(doc, lead_low, colon):
            if token.sent.start_char <= colon < token.sent.end_char or token.sent.end_char >= colon - 1:
                if _is_reporting(token) and not _inside_any(token.idx, regions):
                    candidates.append((_gap(token, region) - 5_000, token))
    if not candidates:
        return None
    distance, token = min(candidates, key=lambda pair: pair[0])
    # A verb that does not govern the quote and sits far from it belongs to another clause.
    if distance > 80:
        return None
    return token


def _tokens_between(doc: Any, low: int, high: int) -> Any:
    span = doc.char_span(low, high, alignment_mode="expand") if high > low else None
    return span if span is not None else []


def _other_quote_between(token: Any, region: _Region, regions: list[_Region]) -> bool:
    low, high = sorted((token.idx, region.start if token.idx < region.start else region.end))
    return any(low <= other.start and other.end <= high for other in regions if other is not region)


def _paragraphs(text: str) -> list[Extent]:
    bounds: list[Extent] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            bounds.append((position, position + len(line)))
        position += len(line) + 1
    return bounds or [(0, len(text))]


def _paragraph_index(paragraphs: list[Extent], offset: int) -> int:
    for index, (low, high) in enumerate(paragraphs):
        if offset < high:
            return index
    return len(paragraphs)


def _paragraph_of(paragraphs: list[Extent], offset: int) -> Extent:
    for low, high in paragraphs:
        if low <= offset < high:
            return low, high
    return 0, 0


def _complement_swallows(cue: Any, region: _Region) -> bool:
    """The quote is only part of what the cue reports: 'said the system was "corrupt"'."""
    clauses = [child for child in cue.children if child.dep_ == "ccomp"]
    aside: set[int] = set()
    if cue.dep_ == "parataxis":
        # 'South Carolina, he said, was "where we can win"': the aside's head is the clause.
        aside = set(t.i for t in cue.subtree)
        clauses.append(cue.head)
    for child in clauses:
        subtree = [t for t in child.subtree if t.i not in aside]
        if not any(region.start <= t.idx < region.end for t in subtree):
            continue
        outside = [t for t in subtree if not (region.start <= t.idx < region.end) and not t.is_punct]
        return len(outside) >= 2
    return False


def _governs(token: Any, region: _Region) -> bool:
    """The verb takes the quote as its complement, or the quote's verb takes it as an aside."""
    for child in token.children:
        if region.start <= child.idx < region.end:
            return True
    head = token.head
    return head is not token and region.start <= head.idx < region.end


def _gap(token: Any, region: _Region) -> int:
    if token.idx >= region.end:
        return token.idx - region.end
    return max(region.start - (token.idx + len(token.text)), 0)


# --- indirect quotes -------------------------------------------------------------------


def _is_reporting(token: Any) -> bool:
    if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.tag_ == "VBZ"):
        return False
    return _lemma(token) in REPORTING_VERBS or _lemma(token) in STANCE_VERBS


def _lemma(token: Any) -> str:
    # The small English model lemmatises "hoping" as "hop".
    if token.lower_ in {"hoping", "hoped"}:
        return "hope"
    return token.lemma_.lower()


def _indirect(token: Any, regions: list[_Region]) -> _Attribution | None:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according_to(token)
    if not _is_reporting(token):
        return None
    lemma = _lemma(token)
    children = list(token.children)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    content_tokens: list[Any] = []
    if clauses:
        for clause in clauses:
            content_tokens.extend(clause.subtree)
    elif token.dep_ == "parataxis" or (
        token.dep_ in {"advcl", "ccomp"} and token.i > token.head.i and _aside(token)
    ):
        # "The plan, he said, is dead." / "The plan is dead, he said.": the reported clause
        # is the verb's head minus the attribution aside itself.
        # The aside may sit inside the clause; the content is one span, so it keeps the
        # aside between its two halves (PolNeAR annotates the same extent in two pieces).
        aside = set(t.i for t in token.subtree)
        content_tokens = [t for t in token.head.subtree if t.i not in aside]
    else:
        if lemma in _CLAUSE_ONLY:
            complements = [
                c
                for c in children
                if c.dep_ in {"xcomp", "oprd"} or (c.dep_ == "prep" and c.lower_ == "for")
            ]
            if any(c.dep_ == "oprd" for c in complements):
                # "called the plan a disaster": what is said is the object and its label.
                complements += [c for c in children if c.dep_ == "dobj"]
            if lemma in {"decline", "refuse"}:
                complements = [c for c in children if c.dep_ == "xcomp"]
        else:
            complements = [c for c in children if c.dep_ in _COMPLEMENT_DEPS]
        for complement in complements:
            content_tokens.extend(complement.subtree)
    content_tokens = [t for t in content_tokens if not t.is_space]
    if not content_tokens:
        return None
    start, end = _trimmed_extent(content_tokens)
    if end - start < 2:
        return None
    end = _close_quote(doc_text(token.doc), start, end)
    speaker_tokens = _speaker_tokens(token, regions)
    if not speaker_tokens:
        # Without a source, "is expected to", "was reported" and imperatives are not quotes.
        return None
    return _Attribution(start, end, token, None, False, _extent(speaker_tokens), speaker_tokens)


def _aside(token: Any) -> bool:
    """A short "X said" clause with a subject and nothing reported of its own."""
    subtree = list(token.subtree)
    return len(subtree) <= 12 and any(c.dep_ in _SUBJECT_DEPS for c in token.children)


def _according_to(token: Any) -> _Attribution | None:
    preposition = next(c for c in token.children if c.lower_ == "to")
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker_tokens = list(objects[0].subtree)
    phrase = set(t.i for t in token.subtree)
    clause = token.head if token.head is not token else token
    rest = [t for t in token.sent if t.i not in phrase and not t.is_space]
    if clause is not token:
        rest = [t for t in clause.subtree if t.i not in phrase and not t.is_space] or rest
    rest = _contiguous_around(rest, clause if clause is not token else rest[0] if rest else token)
    if not rest:
        return None
    start, end = _trimmed_extent(rest)
    end = _close_quote(doc_text(token.doc), start, end)
    cue_end = preposition.idx + len(preposition.text)
    return _Attribution(start, end, token, cue_end, False, _extent(speaker_tokens), speaker_tokens)


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


def _mostly_direct(attribution: _Attribution, regions: list[_Region]) -> bool:
    """An indirect reading that only restates a direct quote already attributed."""
    for region in regions:
        if not region.used:
            continue
        overlap = min(region.end, attribution.end) - max(region.start, attribution.start)
        if overlap > 0.6 * (attribution.end - attribution.start):
            return True
    return False


# --- speakers --------------------------------------------------------------------------


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


# --- spans -----------------------------------------------------------------------------


def _trimmed_extent(tokens: Iterable[Any]) -> tuple[int, int]:
    """Character extent of ``tokens`` without edge punctuation, keeping closing quote marks
    and the sentence-final mark inside them, as quotes are usually cited."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].is_punct and ordered[0].text not in {"\u201c", '"', "``"}):
        ordered.pop(0)
    while ordered and ordered[-1].is_punct and ordered[-1].text not in {"\u201d", '"', "''"}:
        ordered.pop()
    if not ordered:
        return 0, 0
    return ordered[0].idx, ordered[-1].idx + len(ordered[-1].text)


_CLOSING_TAIL = re.compile(r"[.,!?]*(?:\u201d|\"|'')")


def _close_quote(text: str, start: int, end: int) -> int:
    """Extend a content span over the punctuation and closing mark of a quote it opened:
    'the ruling was "a mistake' becomes 'the ruling was "a mistake."'."""
    inside = text[start:end]
    opened = (
        inside.count("\u201c") > inside.count("\u201d")
        or inside.count('"') % 2 == 1
        or (inside.count("``") + inside.count("''")) % 2 == 1
    )
    if not opened:
        return end
    tail = _CLOSING_TAIL.match(text, end)
    return tail.end() if tail else end


def _extent(tokens: list[Any]) -> tuple[int, int] | None:
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _span(text: str, start: int, end: int, field: str) -> Span | None:
    if end <= start:
        return None
    return Span(start=start, end=end, text=text[start:end], field=_field(field))


def _field(name: str) -> Field:
    return "title" if name == "title" else "text"


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _inside_any(offset: int, regions: list[_Region], used_only: bool = False) -> bool:
    return any(r.start <= offset < r.end and (r.used or not used_only) for r in regions)


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    for position, start in enumerate(starts):
        if start <= offset:
            index = position
        else:
            break
    return index


__all__ = ["find_quotes", "REPORTING_VERBS", "PERSON_ROLES", "ORG_ROLES"]
