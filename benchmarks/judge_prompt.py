"""Blind judging of what ``benchmarks/stories.py`` reports on unannotated stories.

    python benchmarks/judge_prompt.py [--size 30]          # write batches for the judges
    python benchmarks/judge_prompt.py --import ANSWERS.jsonl [--judge NAME]

The first form turns ``benchmarks/judging/pending-conflicts.jsonl`` and
``pending-agreements.jsonl`` (written by ``stories.py``) into plain-text batches of about 30
items, ``benchmarks/judging/batches/conflicts-001.txt`` ... , each self-contained: what to
read (``../shared/data/discrepancies/GUIDE.md``), the passages with the system's spans marked
and each report's date, and the answer format. A judge sees neither the system's explanation
nor its kind or confidence.

``--import`` reads a judge's answers, one JSON object a line ``{"id", "verdict", "note"}``
(conflicts: right / wrong / update; agreements: correct / wrong), finds each item among those
exported (``judging/issued-*.jsonl``, kept across runs) or pending, and appends its judgement to
``benchmarks/judgements/conflicts.jsonl`` or
``agreements.jsonl``: set, article ids, fields, offsets, the sha256 of each passage, verdict,
note; never the passage text. Unknown ids and bad verdicts are reported by line and skipped;
the other answers are kept. Then ``python benchmarks/stories.py`` (cached: seconds) reports
the judged figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scoring import AGREEMENT_VERDICTS, CONFLICT_VERDICTS, judgement, marked_passage  # noqa: E402

HERE = Path(__file__).resolve().parent
JUDGING = HERE / "judging"
JUDGEMENTS = HERE / "judgements"
KINDS = ("conflicts", "agreements")

INSTRUCTIONS = {
    "conflicts": f"""You judge, blind, whether two (or more) passages of different news reports of the same
story CONFLICT. Read ../shared/data/discrepancies/GUIDE.md first: its definition of a conflict
holds here. In each passage the words a system picked out are marked with ⟦ ⟧; each passage is
shown with its report's publication date (when known).

Verdicts:
- right: the marked words state the same fact about the same thing (same event, same measure,
  same person or place) differently, so both cannot be true at the same time;
- update: a real difference that is most likely explained by the reports being written at
  different times (a toll rising between two days' reports);
- wrong: anything else: compatible values (rounding, granularity, paraphrase), different things
  (another event, another counted thing, another person), a value misread.

Answer with one JSON object per line, nothing else, in the order of the items:
{{"id": "<item id>", "verdict": "{'|'.join(CONFLICT_VERDICTS)}", "note": "<one line: why>"}}
""",
    "agreements": f"""You judge, blind, whether the passages of different news reports of the same story
AGREE, as a system says they do. Read ../shared/data/discrepancies/GUIDE.md first. In each
passage the words the system matched are marked with ⟦ ⟧.

Verdicts:
- correct: the marked sentences state the same fact about the same thing with the same values;
- wrong: they do not state the same fact about the same thing (e.g. a dateline with a dateline,
  a death toll with a date, two different events' headlines), or they state different values
  for it.

Answer with one JSON object per line, nothing else, in the order of the items:
{{"id": "<item id>", "verdict": "{'|'.join(AGREEMENT_VERDICTS)}", "note": "<one line: why>"}}
""",
}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def render_item(item: dict) -> str:
    lines = [f"=== item {item['id']}"]
    for number, span in enumerate(item["evidence"], 1):
        when = span.get("published") or "date unknown"
        where = " (headline)" if span["field"] == "title" else ""
        lines.append(f"--- report {chr(64 + number)}, published {when}{where}:")
        lines.append(marked_passage(span))
    return "\n".join(lines)


def batches(items: list[dict], size: int) -> list[list[dict]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def export(size: int) -> list[Path]:
    written = []
    folder = JUDGING / "batches"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for kind in KINDS:
        items = read_jsonl(JUDGING / f"pending-{kind}.jsonl")
        _remember(kind, items)
        for number, batch in enumerate(batches(items, size), 1):
            path = folder / f"{kind}-{number:03d}.txt"
            body = "\n\n".join(render_item(item) for item in batch)
            path.write_text(INSTRUCTIONS[kind] + f"\n{len(batch)} items.\n\n" + body + "\n", encoding="utf-8")
            written.append(path)
    return written


def _remember(kind: str, items: list[dict]) -> None:
    """Keep every item handed to judges in ``issued-<kind>.jsonl``, so their answers can be
    imported even after ``stories.py`` has rewritten the pending files for changed code."""
    path = JUDGING / f"issued-{kind}.jsonl"
    known = {item["id"] for item in read_jsonl(path)}
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(json.dumps(i, ensure_ascii=False) + "\n" for i in items if i["id"] not in known)


def import_answers(answers: Path, judge: str | None) -> tuple[dict[str, int], list[str]]:
    """Append hashed judgements for the answers; (how many per kind, problems by line)."""
    pending = {item["id"]: (kind, item) for kind in KINDS for name in (f"issued-{kind}", f"pending-{kind}")
               for item in read_jsonl(JUDGING / f"{name}.jsonl")}
    kept: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    problems = []
    for number, line in enumerate(answers.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{answers}:{number}"
        try:
            answer = json.loads(line)
            kind, item = pending[answer["id"]]
            kept[kind].append(judgement(item, str(answer["verdict"]).strip().lower(), answer.get("note", ""), judge))
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg})")
        except KeyError as exc:
            problems.append(f"{where}: unknown item or missing field {exc}")
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
    JUDGEMENTS.mkdir(parents=True, exist_ok=True)
    for kind, rows in kept.items():
        if rows:
            with (JUDGEMENTS / f"{kind}.jsonl").open("a", encoding="utf-8") as handle:
                handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return {kind: len(rows) for kind, rows in kept.items()}, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30, help="items per batch")
    parser.add_argument("--import", dest="answers", type=Path, default=None,
                        help="a judge's answers (JSONL: id, verdict, note) to add to benchmarks/judgements/")
    parser.add_argument("--judge", default=None, help="a name for the judge, kept with each judgement")
    args = parser.parse_args()
    if args.answers:
        if not args.answers.exists():
            print(f"{args.answers}: no such file", file=sys.stderr)
            return 2
        counts, problems = import_answers(args.answers, args.judge)
        for problem in problems:
            print(f"[skipped] {problem}", file=sys.stderr)
        print(f"imported {counts['conflicts']} conflict and {counts['agreements']} agreement judgements "
              f"into {JUDGEMENTS}; {len(problems)} answers skipped")
        return 1 if problems else 0
    written = export(args.size)
    for path in written:
        print(path)
    if not written:
        print("nothing pending: run benchmarks/stories.py first (or everything is judged)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
