"""Arguments: who did what to whom. A named entity in a role of an event, or owning a noun, that
the source fills only with another.
"""

from __future__ import annotations

from typing import Any

from ..align import event_class
from ..annotate.names import is_standard_variant
from ..annotate.places import place_relation
from ..model import AnnotatedArticle
from .result import _Judgement
from .windows import _token_evidence

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
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        for key, items in _entity_arguments(doc).items():
            theirs = source_args.get(key)
            if not theirs:
                continue
            for entity, _verb in items:
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
