"""The model's vocabularies are the ones the code and the published schemas use."""

from __future__ import annotations

import json
from importlib import resources
from typing import get_args

from storydiff import model


def _schema(name: str) -> dict:
    return json.loads((resources.files("storydiff") / "schema" / f"{name}.schema.json").read_text())


def _enums(node, key: str) -> list[list]:
    """Every ``enum`` given for property ``key`` anywhere in a JSON Schema."""
    found = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key and isinstance(value, dict) and "enum" in value:
                found.append(value["enum"])
            found += _enums(value, key)
    elif isinstance(node, list):
        for value in node:
            found += _enums(value, key)
    return found


def test_mention_and_claim_kinds_are_what_annotate_and_align_make():
    from storydiff.align import CLAIM_KINDS
    from storydiff.annotate import ENTITY_KINDS

    mention_kinds = set(get_args(model.MentionKind))
    assert set(ENTITY_KINDS.values()) <= mention_kinds
    assert {t.lower() for t in get_args(model.TimexType)} | {"quantity"} <= mention_kinds
    assert set(CLAIM_KINDS) <= mention_kinds
    assert set(CLAIM_KINDS.values()) == set(get_args(model.ClaimKind))
    assert set(get_args(model.ClaimKind)) <= set(get_args(model.FindingKind))


def test_finding_and_statement_kinds_are_the_schemas():
    [conflict_kinds] = _enums(_schema("compare"), "kind")
    assert set(get_args(model.FindingKind)) == set(conflict_kinds) | {"statement"}
    [finding_types] = _enums(_schema("compare"), "type")
    assert set(finding_types) == set(get_args(model.FindingType))
    [statement_kinds] = _enums(_schema("verify"), "kind")
    assert set(statement_kinds) == set(get_args(model.StatementKind)) | {None}


def test_one_relation_for_times_and_quantities():
    from storydiff.annotate.quantities import compare_quantities
    from storydiff.annotate.temporal import compare_timex

    relations = set(get_args(model.Relation))
    assert compare_timex(model.Timex("DATE", "1999"), model.Timex("DATE", "1999-04")) in relations
    assert compare_timex(model.Timex("DATE", "2021-04"), model.Timex("DATE", "2021-09")) == "conflict"
    assert compare_quantities(model.Quantity(12, 12), model.Quantity(15, 15)) == "conflict"
    assert compare_quantities(model.Quantity(12, 12), model.Quantity(12, 12)) == "same"


def test_a_wire_copy_is_one_type_by_id_or_by_store_key():
    from storydiff.store import WireRecord
    from storydiff.wire import compare_copy

    found = compare_copy(model.Article("b", "The ferry sank. Ten were rescued."),
                         model.Article("a", "The ferry sank."))
    stored = WireRecord(2, 1, found.similarity, found.added, found.removed, found.title_changed)
    assert type(found) is type(stored) is model.WireCopy
    assert (found.added, stored.article, stored.original) == (["Ten were rescued."], 2, 1)
