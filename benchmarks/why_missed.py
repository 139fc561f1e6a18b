"""Why compare misses the gold conflicts of ``stories_dev.json`` (read half only): for each
missed conflict, the claims and names compare extracted on each side's quote, and for every
pair of claims across the sides what stopped it: no claim on a side, the pair never aligned
(its alignment score), the values judged compatible, or the veto that dropped it.

    PYTHONPATH=src python benchmarks/why_missed.py [--story SET:STORY] [--all]

An instrument for writing rules on the read half (issue 16); it refuses score-half stories,
whose details are never printed. ``--all`` also shows the conflicts compare does find.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _cli_path  # noqa: E402
from _scoring import quote_spans  # noqa: E402
from _split import READ, dev_pair_stories, half  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[0].parent / "shared" / "data"


def _load(name: str) -> dict[str, dict]:
    path = DATA / "stories" / f"{name}.jsonl"
    return {str(r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _on(span: tuple[int, int], quote_at: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in quote_at)


def _side_claims(side, claims, articles):
    """Claims (and the name mentions) lying on one alternative of a side, with its article."""
    found, names = [], []
    for article_id, quote in side:
        article = articles.get(article_id)
        if article is None:
            continue
        for field, text in (("text", article.text), ("title", article.title or "")):
            where = quote_spans(text, quote)
            if not where:
                continue
            for claim in claims[article_id]:
                m = claim.mention
                if m.field == field and _on((m.start, m.end), where):
                    found.append(claim)
            names += [(article_id, m) for m in annotated_mentions[article_id]
                      if m.field == field and m.kind in ("person", "organization", "place", "other")
                      and _on((m.start, m.end), where)]
    return found, names


annotated_mentions: dict[str, list] = {}


def diagnose(story: dict, records: list[dict], show_all: bool) -> list[str]:
    from storydiff import rules
    from storydiff.align import Weights, claims_of, pair_claims
    from storydiff.annotate import annotate_articles
    from storydiff.compare.context import PairContext
    from storydiff.compare.entities import canonical_names
    from storydiff.compare.judges import relation
    from storydiff.compare.run import comparison_of
    from storydiff.compare.vetoes import CONFLICT_VETOES
    from storydiff.ingest import read_articles
    from storydiff.prepare import prepare
    from storydiff.settings import default_settings, in_effect

    settings = default_settings()
    with tempfile.TemporaryDirectory() as folder:
        paths = _cli_path.write_files(records, Path(folder))
        prepared = prepare(read_articles(paths).articles)
    annotated = annotate_articles(prepared, settings, with_quotes=False)
    articles = {a.id: a for a in prepared}
    comparison = comparison_of(prepared, annotated, settings)
    lines = []
    with rules.rule_run(()), in_effect(settings):
        canonical = canonical_names(annotated)
        claims = {item.id: claims_of(item, canonical) for item in annotated}
        annotated_mentions.update({item.id: item.mentions for item in annotated})
        weights = Weights([c for cs in claims.values() for c in cs])
        by_id = {item.id: item for item in annotated}
        for gold in story["conflicts"]:
            found = any(
                f.type == "conflict" and all(
                    any(_on((e.start, e.end), quote_spans(articles[a].text if e.field == "text"
                                                          else articles[a].title or "", q))
                        for a, q in side if a == e.article and a in articles)
                    for e in f.evidence[:1]) for f in comparison.findings for side in gold["sides"][:1])
            lines.append(f"- {gold['kind']}: {gold['about']}" + (" (update)" if gold.get("update") else ""))
            side_claims = [_side_claims(side, claims, articles) for side in gold["sides"]]
            for number, (cs, names) in enumerate(side_claims, 1):
                quotes = " | ".join(f"{a}: {q!r}" for a, q in gold["sides"][number - 1][:2])
                lines.append(f"    side {number}: {quotes}")
                lines.append("      claims: " + (", ".join(
                    f"{c.kind}:{c.mention.text!r}={getattr(c.mention.value, 'value', c.mention.value)!s:.40}"
                    f" head={c.head}" for c in cs) or "NONE"))
                lines.append("      names: " + (", ".join(sorted({f"{m.kind}:{m.text!r}" for _, m in names}))
                                                  or "none"))
            (left, _), (right, _) = side_claims
            for a in left:
                for b in right:
                    if a.article == b.article or a.kind != b.kind:
                        continue
                    pairs = pair_claims([a], [b], weights, minimum=0.0)
                    if not pairs:
                        lines.append(f"      {a.mention.text!r} / {b.mention.text!r}: not pairable")
                        continue
                    pair = pairs[0]
                    found_relation = relation(pair.a, pair.b)
                    context = PairContext(by_id[a.article], by_id[b.article], articles, claims, set(), canonical,
                                          weights, [(pair, found_relation)], set(), {})
                    vetoed = [name for name in CONFLICT_VETOES if rules.veto(name, pair, context)]
                    lines.append(f"      {a.mention.text!r} / {b.mention.text!r}: score {pair.score:.2f} "
                                 f"head_match {pair.head_match} relation {found_relation} vetoed by {vetoed}")
            if found and not show_all:
                lines.pop()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", help="SET:STORY, one read-half story")
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    always_read = dev_pair_stories(DATA / "discrepancies" / "dev.jsonl")
    stories = json.loads((DATA / "discrepancies" / "stories_dev.json").read_text(encoding="utf-8"))["stories"]
    sets = {}
    for story in stories:
        key = f"{story['set']}:{story['story']}"
        if args.story and key != args.story:
            continue
        if half(story["set"], str(story["story"]), always_read) != READ:
            if args.story:
                print(f"{key} is in the score half: no details", file=sys.stderr)
                return 2
            continue
        records = sets.setdefault(story["set"], _load(story["set"]))
        print(f"## {key}")
        print("\n".join(diagnose(story, [records[str(i)] for i in story["articles"]], args.all)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
