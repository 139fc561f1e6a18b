"""False alarms of ``storydiff verify`` on real faithful summaries it was never tuned on.

    python benchmarks/verify_duc.py [--clusters 50] [--references 1] [--out benchmarks/results/verify_duc.md]

SummEdits (``benchmarks/verify.py``) is the only labelled set for verify, and its rules were
found by reading its errors. This checks the other side on unseen text: the human summaries of
DUC 2004 task 2 (``../shared/data/summaries/duc2004/clusters.jsonl``), each written by an
assessor from the cluster's ten articles, against those articles joined as one source. A
human abstract is faithful to its cluster but freer than a SummEdits summary: it merges
articles, rounds and generalises. So "unfaithful" verdicts here are mostly false alarms, and
each contradicted statement is listed with its evidence to be read. Run it on two versions of
the code to see whether a change adds false alarms on text nobody read while writing it.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import publish, require_shared  # noqa: E402


def run(clusters: int, references: int) -> tuple[dict, list[str]]:
    from storydiff.annotate.nlp import load_nlp
    from storydiff.model import Article
    from storydiff.settings import default_settings
    from storydiff.verify import verdict_of, verify

    path = require_shared().parent / "summaries" / "duc2004" / "clusters.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    load_nlp(default_settings().spacy_model)
    verify(Article("warm-s", "The council met on Monday."), Article("warm-d", "The council met."))
    verdicts: Counter = Counter()
    kinds: Counter = Counter()
    flagged: list[str] = []
    seconds = 0.0
    pairs = 0
    for record in records[:clusters]:
        source_text = "\n\n".join(document["text"] for document in record["documents"])
        source = Article(f"{record['cluster']}:articles", source_text)
        for number, summary in enumerate(record["references"][:references]):
            derived = Article(f"{record['cluster']}:reference-{number}", summary)
            started = time.perf_counter()
            result = verify(source, derived)
            seconds += time.perf_counter() - started
            pairs += 1
            verdicts[result.verdict] += 1
            verdicts["strict " + verdict_of(result.statements, strict=True)] += 1
            for statement in result.statements:
                if statement.status == "supported":
                    continue
                kinds[(statement.status, statement.kind or "-")] += 1
                flagged.append(f"- {record['cluster']} reference {number}: {statement.status}"
                               f" ({statement.kind or '-'}, `{statement.rule}`): {statement.explanation}")
    return {"pairs": pairs, "verdicts": verdicts, "kinds": kinds, "seconds": seconds / max(pairs, 1)}, flagged


def report(result: dict, flagged: list[str], command: str) -> str:
    lines = [
        "# verify on real faithful summaries (DUC 2004 human summaries)",
        "",
        f"Command: `{command}`  ",
        "Data: `../shared/data/summaries/duc2004/clusters.jsonl`, each human summary against its "
        "cluster's articles joined as one source.  ",
        f"Machine: 2 cores shared, Python {platform.python_version()}; date "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| summaries | {result['pairs']} |",
        f"| judged faithful | {result['verdicts']['faithful']} |",
        f"| judged unfaithful (false alarms, or a real error of the assessor) | {result['verdicts']['unfaithful']} |",
        f"| judged faithful by `verify --strict` | {result['verdicts']['strict faithful']} |",
        f"| judged unfaithful by `verify --strict` | {result['verdicts']['strict unfaithful']} |",
        f"| seconds per summary (warm; sources of about 5,000 words) | {result['seconds']:.2f} |",
        "",
        "Statements not supported, by status and kind:",
        "",
        "| status | kind | statements |",
        "|---|---|---|",
    ]
    lines += [f"| {status} | {kind} | {count} |" for (status, kind), count in sorted(result["kinds"].items())]
    lines += ["", "Each statement not supported, with verify's explanation:", ""] + (flagged or ["- none"])
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--references", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result, flagged = run(args.clusters, args.references)
    command = (f"python benchmarks/verify_duc.py --clusters {args.clusters} --references {args.references}"
               + (f" --out {args.out}" if args.out else ""))
    text = report(result, flagged, command)
    if args.out:
        publish(text, args.out)
    else:
        print(text)


if __name__ == "__main__":
    main()
