"""Statements: sentences two or more sources say alike (agreements) and sentences only one source
has (uniques) (``compare.finder.statements``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .. import rules
from ..align import sentence_terms
from ..model import AnnotatedArticle, Article, Finding, Sentence
from ..settings import current
from .context import StoryContext
from .keys import _sentence_evidence
from .propositions import AGREEMENTS_EFFECT


@rules.register("compare.finder.statements", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no conflict changes (fires on "
                        "every pair); it makes the statement agreements and uniques."))
def _statement_findings(context: StoryContext) -> list[Finding]:
    """Sentences two or more sources say alike (TF-IDF cosine >= 0.33, complete linkage) are
    agreements; a sentence with no counterpart (< 0.2) is unique."""
    return _statements(context.annotated, context.canonical)


def _statements(annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> list[Finding]:
    """Sentences corroborated by other sources, and sentences only one source has."""
    import numpy as np

    from ..linkage import complete_linkage_groups
    from ..tfidf import tfidf_cosine

    keys: list[tuple[str, Sentence]] = []
    documents: list[list[str]] = []
    for item in annotated:
        terms = sentence_terms(item, canonical)
        for sentence in item.title_sentences + item.sentences:
            words = terms.get((sentence.field, sentence.index), [])
            keys.append((item.id, sentence))
            # A fragment of a word or two ("“This Week.”", cut off a sentence by the
            # parser) matches whatever shares its word: it is no statement.
            documents.append(words if len(set(words)) >= current().compare.statement_min_terms else [])
    if len(documents) < 2 or not any(documents):
        return []
    similarity = tfidf_cosine(documents)
    article_of = [k[0] for k in keys]
    articles = np.array(article_of)
    other_source = articles[:, None] != articles[None, :]
    best_elsewhere = np.where(other_source, similarity, 0.0).max(axis=1)
    # Complete linkage: every two sentences of a statement are alike, so a chain of
    # paraphrases that drifts (A like B, B like C, A unlike C) is not one statement; with
    # single linkage a many-source story joined a hundred sentences into one "agreement".
    # Two sentences of one source never form a statement together (distance 2 is out of reach).
    filled = [i for i in range(len(keys)) if documents[i]]
    labels = {i: -1 - i for i in range(len(keys))}  # alone unless grouped below
    if len(filled) >= 2:
        distance = np.clip(1.0 - similarity[np.ix_(filled, filled)], 0.0, 1.0)
        distance[~other_source[np.ix_(filled, filled)]] = 2.0
        np.fill_diagonal(distance, 0.0)
        grouped = complete_linkage_groups(distance, 1.0 - current().compare.statement_agree + 1e-9)
        labels.update(zip(filled, grouped, strict=True))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[labels[i]].append(i)
    group_of = {i: members for members in groups.values() for i in members}
    parts = list(groups.values())
    if rules.enabled("compare.judge.same_fact"):
        split = _one_fact_parts(parts, keys, annotated, canonical)
        if split != parts:
            rules.fired("compare.judge.same_fact")
        parts = split
    findings = []
    for members in parts:
        articles_in = {article_of[i] for i in members}
        if len(articles_in) >= 2:
            pairs = [similarity[i, j] for i in members for j in members if article_of[i] != article_of[j]]
            findings.append(Finding(
                id="", type="agreement", kind="statement",
                about=_topic(keys[members[0]][1].text),
                confidence=round(float(max(pairs)), 2),
                evidence=[_sentence_evidence(article_of[i], keys[i][1]) for i in members],
                explanation=f"said by {len(articles_in)} sources",
            ))
    for i, (article, sentence) in enumerate(keys):
        if documents[i] and best_elsewhere[i] < current().compare.statement_unique and len(group_of[i]) == 1:
            findings.append(Finding(
                id="", type="unique", kind="statement", about=_topic(sentence.text),
                confidence=round(1.0 - float(best_elsewhere[i]), 2),
                evidence=[_sentence_evidence(article, sentence)],
                explanation="no other source says this",
            ))
    return findings


rules.define("compare.judge.same_fact", "compare.judge",
             "Sentences alike enough to group (TF-IDF) are one statement only where they state one fact "
             "(compare.propositions.same_fact): a main predicate and an argument in common, two core "
             "arguments, the same figure of a counted thing, or a near copy; not a speaker, a place or a "
             "day alone. A group is split into the parts that do; a sentence that states what no other "
             "source's sentence in it states is left out.",
             effect=AGREEMENTS_EFFECT)


def _one_fact_parts(groups: list[list[int]], keys: list[tuple[str, Sentence]],
                    annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> list[list[int]]:
    """Each group of two or more sources split into the connected parts of "states the same
    fact as" (``propositions.same_fact``) between its sentences of different sources; a
    sentence with no such counterpart stands alone (neither agreed nor unique: it was alike)."""
    from .propositions import Predicate, near_copy, predicates, same_fact

    by_id = {item.id: item for item in annotated}
    cache: dict[int, tuple[list[Predicate], set[str]] | None] = {}

    def facts(i: int) -> tuple[list[Predicate], set[str]] | None:
        if i not in cache:
            article, sentence = keys[i]
            item = by_id[article]
            doc = item.doc if sentence.field == "text" else item.title_doc
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if doc is not None else None
            cache[i] = None if span is None else (predicates(span, canonical), _figures(item, sentence))
        return cache[i]

    def one_fact(i: int, j: int) -> bool:
        fact_i, fact_j = facts(i), facts(j)
        if fact_i is None or fact_j is None:
            return True  # no parse at hand: no verdict
        return near_copy(keys[i][1].text, keys[j][1].text) or same_fact(fact_i[0], fact_j[0], fact_i[1], fact_j[1])

    parts: list[list[int]] = []
    for members in groups:
        if len({keys[i][0] for i in members}) < 2:
            parts.append(members)
            continue
        linked = [(i, j) for x, i in enumerate(members) for j in members[x + 1:]
                  if keys[i][0] != keys[j][0] and one_fact(i, j)]
        parts += _connected(members, linked)
    return parts


def _connected(members: list[int], links: list[tuple[int, int]]) -> list[list[int]]:
    """The connected parts of ``members`` under ``links``, each in the members' order."""
    parent = {i: i for i in members}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[find(i)] = find(j)
    joined: dict[int, list[int]] = defaultdict(list)
    for i in members:
        joined[find(i)].append(i)
    return list(joined.values())


def _figures(item: AnnotatedArticle, sentence: Sentence) -> set[str]:
    """The figures of counted things a sentence gives ("20,000 people"), normalised."""
    from ..model import Quantity
    from .keys import _value

    return {str(_value(m)) for m in item.mentions if m.field == sentence.field
            and sentence.start <= m.start and m.end <= sentence.end
            and isinstance(m.value, Quantity) and m.value.unit and m.value.exact is not None}


def _topic(sentence: str, limit: int = 80) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


rules.define("compare.judge.restated", "compare.judge",
             "A typed agreement whose every span sits inside one corroborated statement (\"Texas\" agreed "
             "inside two copies of one quote) is left out: the statement already says it.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no conflict changes (7 read / 5 "
                     "score pairs); it only drops agreements."))


def _restates(finding: Finding, statements: list[Finding]) -> bool:
    """A typed agreement whose every span sits inside the sentences of one corroborated
    statement tells the reader nothing the statement does not ("Texas" agreed inside two
    copies of the same quote)."""
    if finding.type != "agreement":
        return False
    for statement in statements:
        if statement.type != "agreement":
            continue
        if all(any(e.article == s.article and e.field == s.field and s.start <= e.start and e.end <= s.end
                   for s in statement.evidence) for e in finding.evidence):
            return True
    return False


def _note_disputes(findings: list[Finding]) -> None:
    """A corroborated sentence that holds a disputed value says so, so that a reader does
    not take "said by 3 sources" for agreement on every detail."""
    conflicts = [f for f in findings if f.type == "conflict"]
    for finding in findings:
        if finding.type != "agreement" or finding.kind != "statement":
            continue
        disputed = [c.id for c in conflicts if any(
            e.article == s.article and e.field == s.field and s.start <= e.start and e.end <= s.end
            for e in c.evidence for s in finding.evidence)]
        if disputed:
            finding.explanation += "; but they differ on a detail: see " + ", ".join(disputed)


def _note_partial(findings: list[Finding], articles: dict[str, Article]) -> None:
    """A statement only one source makes is not held against a source whose text a paywall
    cut off: the unique says so, so a reader does not count it as that source's omission."""
    partial = [a for a in articles.values() if a.partial]
    for finding in findings:
        if finding.type != "unique":
            continue
        others = [a for a in partial if a.id != finding.evidence[0].article]
        if others:
            names = ", ".join(f"{a.outlet or a.id} is {a.partial_note}" for a in others)
            finding.explanation += f" (not an omission: {names})"
