"""Measure ``storydiff.annotate.quotes.find_quotes`` on PolNeAR (Newell et al. 2018).

PolNeAR annotates every attribution in 1,008 US political news articles as ``Source``,
``Cue`` and ``Content`` spans in brat standoff (``attributions/*.ann``, text in
``text/*.txt``). This script scores speaker (Source), content and cue spans on ``dev/`` and
on a sample of ``train/``, next to a quotation-marks-only baseline run on the same documents,
and writes ``benchmarks/results/quotes.md``.

Usage::

    PYTHONPATH=src python benchmarks/quotes.py [--limit N] [--train-sample N]

Exits 0 with a message when ../shared (beside the repository) is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "data" / "quotes" / "polnear"
RESULTS = Path(__file__).resolve().parent / "results" / "quotes.md"

Extent = tuple[int, int]


@dataclass
class Attribution:
    """One attribution as character extents: first start to last end of each role's pieces."""

    content: Extent | None
    source: Extent | None
    cue: Extent | None
    cue_text: str = ""
    content_text: str = ""


@dataclass
class Document:
    name: str
    annotator: str
    text: str
    gold: list[Attribution]


@dataclass
class Scores:
    """Counts for one role: predicted, gold, and matched under exact and overlap matching."""

    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, predicted: list[Extent], gold: list[Extent]) -> list[bool]:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.exact += _exact_matches(predicted, gold)
        matched = _overlap_matches(predicted, gold)
        self.overlap += sum(matched)
        return matched

    def prf(self, kind: str) -> tuple[float, float, float]:
        hits = self.exact if kind == "exact" else self.overlap
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Run:
    content: Scores = field(default_factory=Scores)
    speaker: Scores = field(default_factory=Scores)
    cue: Scores = field(default_factory=Scores)
    seconds_parse: float = 0.0
    seconds_quotes: float = 0.0
    documents: int = 0
    # Recall (overlap) of gold contents by kind of attribution: what the rules aim at.
    recall_by_kind: Counter[str] = field(default_factory=Counter)
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    missed_cues: Counter[str] = field(default_factory=Counter)
    spurious_cues: Counter[str] = field(default_factory=Counter)


# --- reading PolNeAR -------------------------------------------------------------------


def load_split(split: str, limit: int | None = None, every: int = 1) -> list[Document]:
    """Documents of one split; for texts with several annotators, the first suffix in sorted
    order of the .ann file names, so the choice is the same on every run."""
    folder = POLNEAR / split
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        base = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(base, path)
    documents: list[Document] = []
    for index, (base, path) in enumerate(sorted(chosen.items())):
        if index % every:
            continue
        text_path = folder / "text" / f"{base}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        documents.append(Document(base, path.stem.rsplit("_", 1)[1], text, _read_ann(path, text)))
        if limit is not None and len(documents) >= limit:
            break
    return documents


def _read_ann(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Extent]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in pieces])
        elif parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    gold: list[Attribution] = []
    for roles in relations:
        content_pieces: list[Extent] = []
        for role in ("Content", "Content2"):
            if role in roles and roles[role] in spans:
                content_pieces.extend(spans[roles[role]][1])

        def extent(role: str, roles: dict = roles) -> Extent | None:
            if role not in roles or roles[role] not in spans:
                return None
            pieces = spans[roles[role]][1]
            return min(a for a, _ in pieces), max(b for _, b in pieces)

        content = (
            (min(a for a, _ in content_pieces), max(b for _, b in content_pieces))
            if content_pieces
            else None
        )
        cue = extent("Cue")
        gold.append(
            Attribution(
                content=content,
                source=extent("Source"),
                cue=cue,
                cue_text=text[cue[0] : cue[1]] if cue else "",
                content_text=text[content[0] : content[1]] if content else "",
            )
        )
    return gold


# --- matching --------------------------------------------------------------------------


def _exact_matches(predicted: list[Extent], gold: list[Extent]) -> int:
    remaining = Counter(gold)
    hits = 0
    for extent in predicted:
        if remaining[extent] > 0:
            remaining[extent] -= 1
            hits += 1
    return hits


def _overlap_matches(predicted: list[Extent], gold: list[Extent]) -> list[bool]:
    """Greedy one-to-one matching: pairs by decreasing character overlap, at least one
    character, each gold and each prediction used once. Returns, per gold, whether matched."""
    pairs = []
    for p_index, (ps, pe) in enumerate(predicted):
        for g_index, (gs, ge) in enumerate(gold):
            shared = min(pe, ge) - max(ps, gs)
            if shared >= 1:
                pairs.append((shared, p_index, g_index))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    matched = [False] * len(gold)
    for _, p_index, g_index in pairs:
        if p_index in used_p or matched[g_index]:
            continue
        used_p.add(p_index)
        matched[g_index] = True
    return matched


# --- systems ---------------------------------------------------------------------------


def storydiff_system(doc: Any) -> list[Attribution]:
    """``find_quotes``, with quotes that share a cue merged into one attribution: a quote
    split by "he said" is two ``Quote`` records but one PolNeAR attribution."""
    from storydiff.annotate.quotes import find_quotes

    merged: dict[Any, Attribution] = {}
    order: list[Any] = []
    for quote in find_quotes(doc):
        key = (quote.cue.start, quote.cue.end) if quote.cue else ("content", quote.content.start)
        content = (quote.content.start, quote.content.end)
        if key in merged:
            known = merged[key]
            assert known.content is not None
            known.content = (min(known.content[0], content[0]), max(known.content[1], content[1]))
            continue
        order.append(key)
        merged[key] = Attribution(
            content=content,
            source=(quote.speaker.start, quote.speaker.end) if quote.speaker else None,
            cue=(quote.cue.start, quote.cue.end) if quote.cue else None,
            cue_text=quote.cue.text if quote.cue else "",
        )
    return [merged[key] for key in order]


def baseline_system(doc: Any) -> list[Attribution]:
    """Quotation marks only, with the subject of the nearest "say" in the same sentence."""
    from storydiff.annotate.quotes import _quote_regions

    attributions: list[Attribution] = []
    for region in _quote_regions(doc.text):
        words = [t for t in doc if region.start <= t.idx < region.end and not t.is_punct]
        if len(words) < 3:
            continue
        sentence = doc.char_span(region.start, region.start + 1, alignment_mode="expand")
        tokens = list(sentence.sent) if sentence is not None else []
        says = [
            t
            for t in tokens
            if t.lemma_ == "say" and not (region.start <= t.idx < region.end)
        ]
        source = cue = None
        if says:
            verb = min(says, key=lambda t: abs(t.idx - region.start))
            cue = (verb.idx, verb.idx + len(verb.text))
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                subtree = list(subjects[0].subtree)
                source = (subtree[0].idx, subtree[-1].idx + len(subtree[-1].text))
        attributions.append(Attribution((region.start, region.end), source, cue))
    return attributions


# --- scoring ---------------------------------------------------------------------------


def parse(documents: list[Document], nlp: Any) -> tuple[list[tuple[Document, Any]], float]:
    """Parse once for both systems; returns the pairs and the seconds spent parsing."""
    started = time.perf_counter()
    docs = list(nlp.pipe(document.text for document in documents))
    return list(zip(documents, docs, strict=False)), time.perf_counter() - started


def evaluate(
    parsed: Iterable[tuple[Document, Any]], system: Callable[[Any], list[Attribution]]
) -> Run:
    run = Run()
    for document, doc in parsed:
        started = time.perf_counter()
        predicted = system(doc)
        run.seconds_quotes += time.perf_counter() - started
        run.documents += 1
        gold = document.gold
        gold_content = [g.content for g in gold if g.content]
        matched = run.content.add([p.content for p in predicted if p.content], gold_content)
        run.speaker.add(
            [p.source for p in predicted if p.source], [g.source for g in gold if g.source]
        )
        run.cue.add([p.cue for p in predicted if p.cue], [g.cue for g in gold if g.cue])
        _classify(run, document, doc, gold, predicted, matched)
    return run


def _classify(
    run: Run,
    document: Document,
    doc: Any,
    gold: list[Attribution],
    predicted: list[Attribution],
    matched: list[bool],
) -> None:
    """Sort misses and false alarms into the categories the report lists."""
    from storydiff.annotate.quotes import REPORTING_VERBS

    with_content = [g for g in gold if g.content]
    for attribution, hit in zip(with_content, matched, strict=False):
        for kind in _kinds(attribution, doc, REPORTING_VERBS):
            run.gold_by_kind[kind] += 1
            run.recall_by_kind[kind] += int(hit)
        if hit:
            continue
        cue_words = attribution.cue_text.lower().replace("\u2019", "'").split()
        cue_lemmas = set()
        if attribution.cue:
            cue_span = doc.char_span(*attribution.cue, alignment_mode="expand")
            cue_lemmas = {t.lemma_.lower() for t in cue_span} if cue_span is not None else set()
        quoted = any(mark in attribution.content_text[:2] for mark in "\u201c\"`")
        if not attribution.cue:
            category = "missed: no cue annotated"
        elif cue_lemmas & REPORTING_VERBS or "according" in cue_words:
            category = (
                "missed: reporting verb known, direct quote not linked"
                if quoted
                else "missed: reporting verb known, complement not found (parse)"
            )
        elif not any(t.pos_ in {"VERB", "AUX"} for t in doc.char_span(*attribution.cue, alignment_mode="expand") or []):
            category = "missed: nominal or non-verbal cue (\"the claim that\", colon)"
        else:
            category = "missed: cue verb outside the reporting list (want, see, support...)"
        run.failures[category] += 1
        run.missed_cues[" ".join(cue_words)[:30] or "(none)"] += 1

    gold_contents = [g.content for g in with_content]
    gold_cues = {g.cue for g in gold if g.cue}
    for attribution in predicted:
        if attribution.content is None:
            continue
        overlapping = any(
            min(attribution.content[1], ge) - max(attribution.content[0], gs) >= 1
            for gs, ge in gold_contents
        )
        if overlapping:
            continue
        cue_known = attribution.cue in gold_cues if attribution.cue else False
        if cue_known:
            run.failures["false alarm: cue right, content elsewhere"] += 1
        else:
            run.failures["false alarm: not an annotated attribution"] += 1
            run.spurious_cues[attribution.cue_text.lower() or "(no cue)"] += 1

    # Speakers of attributions whose content was found: wrong or absent speaker.
    pairs = {p.content: p for p in predicted if p.content}
    for attribution in with_content:
        if not attribution.source or attribution.content is None:
            continue
        best = None
        for content, prediction in pairs.items():
            shared = min(content[1], attribution.content[1]) - max(content[0], attribution.content[0])
            if shared >= 1 and (best is None or shared > best[0]):
                best = (shared, prediction)
        if best is None:
            continue
        source = best[1].source
        if source is None:
            run.failures["speaker: content found, no speaker predicted"] += 1
        elif min(source[1], attribution.source[1]) - max(source[0], attribution.source[0]) < 1:
            run.failures["speaker: content found, different speaker span"] += 1


def _kinds(attribution: Attribution, doc: Any, verbs: frozenset[str]) -> list[str]:
    kinds = ["all"]
    if attribution.content_text[:2].strip() and attribution.content_text[0] in "\u201c\"`'":
        kinds.append("direct (content opens with a quotation mark)")
    if attribution.cue:
        span = doc.char_span(*attribution.cue, alignment_mode="expand")
        lemmas = {t.lemma_.lower() for t in span} if span is not None else set()
        if lemmas & verbs or "according" in attribution.cue_text.lower():
            kinds.append("cue is a speech verb or 'according to'")
        if "say" in lemmas:
            kinds.append("cue is a form of 'say'")
    return kinds


# --- report ----------------------------------------------------------------------------


def _row(name: str, scores: Scores) -> str:
    cells = []
    for kind in ("exact", "overlap"):
        precision, recall, f1 = scores.prf(kind)
        cells.extend(f"{value:.3f}" for value in (precision, recall, f1))
    return f"| {name} | " + " | ".join(cells) + f" | {scores.predicted} | {scores.gold} |"


def _table(runs: list[tuple[str, Run]]) -> list[str]:
    lines = [
        "| system / role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | predicted | gold |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, run in runs:
        lines.append(_row(f"{name}: speaker", run.speaker))
        lines.append(_row(f"{name}: content", run.content))
        lines.append(_row(f"{name}: cue", run.cue))
    return lines


def report(dev: Run, dev_base: Run, train: Run, train_base: Run, args: argparse.Namespace) -> str:
    lines = [
        "# Quotes and attribution on PolNeAR",
        "",
        "Generated by `PYTHONPATH=src python benchmarks/quotes.py"
        + (f" --limit {args.limit}" if args.limit else "")
        + f" --train-sample {args.train_sample}` with spaCy model `{args.model}`.",
        "",
        "PolNeAR (Newell et al. 2018) annotates every attribution (speech, but also beliefs, "
        "intentions and poll findings) as Source, Cue and Content spans. Texts annotated by "
        "several annotators are scored against one annotator: the first `.ann` file in sorted "
        "order of the annotator suffix. Discontinuous spans are scored by their extent (first "
        "start to last end). Predicted quotes sharing one cue (a quote split by \"he said\", "
        "or continued over paragraphs) are merged into one attribution, as PolNeAR does.",
        "",
        "Matching: *exact* means identical character offsets; *overlap* means a predicted span "
        "and a gold span of the same role share at least one character, pairs taken greedily "
        "by decreasing overlap, each gold and each prediction used at most once. Speaker is "
        "scored over all predicted speakers against all gold Sources, independent of content.",
        "",
        f"## dev ({dev.documents} documents)",
        "",
        *_table([("storydiff", dev), ("baseline", dev_base)]),
        "",
        f"Seconds per document: spaCy parse {dev.seconds_parse / max(dev.documents, 1):.3f}, "
        f"find_quotes {dev.seconds_quotes / max(dev.documents, 1):.4f}.",
        "",
        "Baseline: every quotation-mark pair with at least three words is a direct quote, its "
        "speaker the subject of the nearest \"say\" in the same sentence.",
        "",
        f"## train sample ({train.documents} documents, every {args.train_every}th text)",
        "",
        *_table([("storydiff", train), ("baseline", train_base)]),
        "",
        "Content recall (overlap) on dev by kind of gold attribution:",
        "",
        "| gold attributions | recall | count |",
        "|---|---|---|",
        *[
            f"| {kind} | {dev.recall_by_kind[kind] / count:.3f} | {count} |"
            for kind, count in dev.gold_by_kind.most_common()
        ],
        "",
        "## Failure categories (dev, overlap matching)",
        "",
        "| category | count |",
        "|---|---|",
        *[f"| {name} | {count} |" for name, count in sorted(dev.failures.items(), key=lambda x: -x[1])],
        "",
        "Most frequent cues of missed gold contents: "
        + ", ".join(f"`{cue}` {count}" for cue, count in dev.missed_cues.most_common(25)),
        "",
        "Most frequent cues of false alarms: "
        + ", ".join(f"`{cue}` {count}" for cue, count in dev.spurious_cues.most_common(15)),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score at most N dev documents")
    parser.add_argument("--train-sample", type=int, default=60, help="train documents to score")
    parser.add_argument("--train-every", type=int, default=13, help="take every Nth train text")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"skipping: PolNeAR not found at {POLNEAR} (needs ../shared beside the repository)")
        return 0

    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings

    args.model = default_settings().spacy_model
    nlp = load_nlp(args.model)
    train_limit = args.train_sample if args.limit is None else min(args.train_sample, args.limit)
    dev_docs = load_split("dev", args.limit)
    train_docs = load_split("train", train_limit, every=args.train_every)
    dev_parsed, dev_seconds = parse(dev_docs, nlp)
    dev = evaluate(dev_parsed, storydiff_system)
    dev.seconds_parse = dev_seconds
    dev_base = evaluate(dev_parsed, baseline_system)
    train_parsed, train_seconds = parse(train_docs, nlp)
    train = evaluate(train_parsed, storydiff_system)
    train.seconds_parse = train_seconds
    train_base = evaluate(train_parsed, baseline_system)
    text = report(dev, dev_base, train, train_base, args)
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
