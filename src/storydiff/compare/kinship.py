"""Kinship: which of two named siblings is the older, as each report says it
(``compare.finder.kinship``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import rules
from ..lang.clauses import _clause_subject
from ..model import AnnotatedArticle, Evidence, Field, Finding
from .context import StoryContext

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


def _docs(item: AnnotatedArticle) -> tuple[tuple[Field, Any], tuple[Field, Any]]:
    """The parses of an article's body and headline, each with its field."""
    return ("text", item.doc), ("title", item.title_doc)


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


def _sibling_mentions(item: AnnotatedArticle,
                      canonical: dict[str, str]) -> list[tuple[Field, Any, str | None, str | None, str | None]]:
    """(field, noun, order or None, sibling named, whose sibling) of every sibling noun."""
    found = []
    for field, doc in _docs(item):
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
    from .entities import same_actor

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
    from .entities import same_actor

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


@rules.register("compare.finder.kinship", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): score −1 TP (recall 0.80 → "
                        "0.60); never fired in the read half. BASIL +1 when added (docs/compare.md)."))
def _kinship(context: StoryContext) -> list[Finding]:
    """Reports that order the same two siblings the opposite way ("the younger sister of Liz" /
    "Liz's older sister") conflict (``compare.kinship.kin_age_conflicts``)."""
    return kin_age_conflicts(list(context.annotated), context.canonical)
