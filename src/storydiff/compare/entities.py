"""Entities: the names the sources mention, their canonical forms, and whether two names are one
person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import AnnotatedArticle


def same_actor(a: str, b: str) -> bool:
    """Whether two canonical names are one person: equal, or a one-word name that is the
    other's last word ("Page" and "Bettie Page"), as a report names a person the second time."""
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    return (len(words_a) == 1 and words_a[0] == words_b[-1]) or (len(words_b) == 1 and words_b[0] == words_a[-1])


ENTITY_NAME_KINDS = {"person", "org", "facility", "product", "event", "law", "work"}


def canonical_names(annotated: Sequence[AnnotatedArticle]) -> dict[str, str]:
    from ..annotate.names import canonical_entities

    names = sorted({m.text for item in annotated for m in item.mentions
                    if m.kind in ENTITY_NAME_KINDS | {"place", "group"}})
    return canonical_entities(names)


def _entity_index(annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> dict[str, list[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for item in annotated:
        for mention in item.mentions:
            if mention.kind in ENTITY_NAME_KINDS | {"place"}:
                index[canonical.get(mention.text, mention.text)].add(item.id)
    return {name: sorted(ids) for name, ids in sorted(index.items())}
