"""The words quote attribution reads: reporting verbs, roles of people and organisations,
pronouns, quotation marks, and the regions and attributions found in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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
