"""Whole stories compared as a user compares them (issue 16): conflicts found and missed on
the annotated stories of ``stories_dev.json``, and every conflict reported on the multi-source
stories of the visible sets, exported for blind judging and scored against the judgements.

    PYTHONPATH=src python benchmarks/stories.py [--sets duc2004,ecbplus] [--limit N] [--jobs 2]
                                                [--no-visible] [--no-dev] [--no-cache]

Each story is ONE input to ``storydiff compare <its articles as .json files> --format json``:
the function the command calls (``cli.compare_cmd.run_compare``) with the command's defaults
(cleaning, date inference, all stages, the default settings), in process; one story is also
run through the real command in a subprocess and the two outputs must be identical.

Part 1, ``stories_dev.json`` (22 stories, 39 gold conflicts): precision, recall (by kind, and
on updates) per half of the split (``_split.py``); misses and false alarms with their passages
are printed for the read half only, totals only for the score half.

Part 2, the visible sets (``../shared/data/stories``: DUC 2004, ECB+, WikiRef220, NewsWCL50,
BASIL): every story with two or more articles, its 6 earliest by ``published`` (then id).
Every conflict reported on a story that ``stories_dev.json`` does not annotate is written to
``benchmarks/judging/pending-conflicts.jsonl`` (git-ignored: it holds passages of the data)
unless it is already judged in ``benchmarks/judgements/conflicts.jsonl``; a seeded sample of
100 agreements likewise (``pending-agreements.jsonl``, ``judgements/agreements.jsonl``).
``benchmarks/judge_prompt.py`` turns the pending items into batches for blind judges and
imports their answers. Precision over judged conflicts and the share of wrong agreements are
reported per half, with how many are not judged yet.

Compare outputs are cached in ``benchmarks/out/cache`` by story content and code version, so
only stories whose code or text changed are recomputed. Measured 2026-12-05 on the shared
2-core machine, 2 processes: a full run without the cache took 459 s (stories_dev 48 s, the 257
visible stories 382 s; 847 s for those under a heavier load); with the cache and unchanged
code about 15 s, plus about a minute for the subprocess check (``--no-cli-check`` skips it).
``--sets`` and ``--limit`` run a part. Writes ``benchmarks/results/stories.md``
(figures only; the passages are printed, and written to ``benchmarks/out/stories-details.md``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _cli_path  # noqa: E402
from _scoring import (  # noqa: E402
    RIGHT_CONFLICT,
    field_text,
    item_key,
    judged_item,
    judgement_index,
    marked_passage,
    passage_bounds,
    quote_found,
    ratio,
    sample_rank,
    score_story,
    verdict_of,
)
from _split import READ, SCORE, dev_pair_stories, half  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
DATA = SHARED / "data"
SETS = ["duc2004", "ecbplus", "wikiref220", "newswcl50", "basil"]
PER_STORY = 6
SEED = 16
AGREEMENT_SAMPLE = 100
JUDGING = HERE / "judging"
JUDGEMENTS = HERE / "judgements"
RESULTS = HERE / "results" / "stories.md"
DETAILS = HERE / "out" / "stories-details.md"
HALVES = (READ, SCORE)


# --- data --------------------------------------------------------------------------------------

def load_set(name: str) -> list[dict]:
    path = DATA / "stories" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def published_order(record: dict) -> tuple:
    """Earliest first by ``published`` as storydiff reads it (unreadable or absent: last), then id."""
    from storydiff.ingest import parse_published

    value = parse_published(record.get("published"), "", lenient=True)
    if value is None:
        return (1, date.max, clock(0), str(record["id"]))
    if isinstance(value, datetime):
        return (0, value.date(), value.time().replace(tzinfo=None), str(record["id"]))
    return (0, value, clock(0), str(record["id"]))


def visible_stories(sets: list[str], limit: int | None) -> list[tuple[str, str, list[dict]]]:
    """(set, story, its 6 earliest records) for every story with two or more articles."""
    stories = []
    for name in sets:
        groups: dict[str, list[dict]] = defaultdict(list)
        for record in load_set(name):
            groups[str(record["story"])].append(record)
        chosen = [(name, story, sorted(records, key=published_order)[:PER_STORY])
                  for story, records in groups.items() if len(records) >= 2]
        stories += chosen[:limit] if limit else chosen
    return stories


def dev_stories() -> list[tuple[dict, list[dict]]]:
    annotated = json.loads((DATA / "discrepancies" / "stories_dev.json").read_text(encoding="utf-8"))["stories"]
    records = {name: {str(r["id"]): r for r in load_set(name)} for name in {s["set"] for s in annotated}}
    return [(story, [records[story["set"]][str(i)] for i in story["articles"]]) for story in annotated]


# --- part 1: stories_dev.json ---------------------------------------------------------------------

def _span_line(e: dict, articles: dict[str, dict]) -> str:
    text = field_text(articles[e["article"]], e.get("field", "text"))
    start, end = passage_bounds(text, e["start"], e["end"])
    passage = text[start:e["start"]] + "⟦" + text[e["start"]:e["end"]] + "⟧" + text[e["end"]:end]
    return f"    {e['article']} {e.get('field', 'text')}[{e['start']}:{e['end']}]: {passage!r}"


def dev_part(results: list[dict], stories: list[tuple[dict, list[dict]]],
             always_read) -> tuple[list[str], list[str], dict]:
    """(the results page's section, the read half's details, per-half counts)."""
    totals = {h: Counter() for h in HALVES}
    gold_kind = {h: Counter() for h in HALVES}
    found_kind = {h: Counter() for h in HALVES}
    reported_kind = {h: Counter() for h in HALVES}
    right_kind = {h: Counter() for h in HALVES}
    details: list[str] = []
    for (story, _), result in zip(stories, results, strict=False):
        which = half(story["set"], story["story"], always_read)
        comparison = result["output"] or {"articles": [], "findings": []}
        articles = {a["id"]: a for a in comparison["articles"]}
        score = score_story(comparison, story)
        t = totals[which]
        t["stories"] += 1
        t["gold"] += score.gold
        t["found"] += len(score.found)
        t["reported"] += score.reported
        t["right"] += len(score.right)
        t["false"] += len(score.false_alarms)
        t["unscored"] += len(score.unscored)
        t["duplicates"] += score.duplicates
        t["updates"] += sum(g["update"] for g in story["conflicts"])
        t["updates_found"] += sum(story["conflicts"][i]["update"] for i in score.found)
        t["reported_update"] += sum(u.update for u in score.right + score.false_alarms)
        t["seconds"] += result.get("compute_seconds", 0.0)
        missing = [(aid, q) for g in story["conflicts"] for side in g["sides"] for aid, q in side
                   if aid in articles and not quote_found(articles[aid], q)]
        t["quotes_not_found"] += len(missing)
        for i, g in enumerate(story["conflicts"]):
            gold_kind[which][g["kind"]] += 1
            found_kind[which][g["kind"]] += i in score.found
        for unit in score.right + score.false_alarms:
            reported_kind[which][unit.kind] += 1
        for unit in score.right:
            right_kind[which][unit.kind] += 1
        if which != READ:
            continue
        name = f"{story['set']}:{story['story']}"
        if result.get("exit") not in (0, None):
            details.append(f"- {name}: the command exited {result['exit']}: {result.get('stderr', '').strip()}")
        for i, g in enumerate(story["conflicts"]):
            if i not in score.found:
                details.append(f"- MISS {name} {g['kind']}{' (update)' if g['update'] else ''}: {g['about']}")
                for s, side in enumerate(g["sides"]):
                    details.append(f"    side {s + 1}: " + " | ".join(f"{aid}: {q!r}" for aid, q in side))
        for unit in score.false_alarms:
            details.append(f"- FALSE ALARM {name} {unit.kind}{' (likely update)' if unit.update else ''}:")
            details += [_span_line(e, articles) for e in unit.evidence]
        for aid, quote in missing:
            details.append(f"- gold quote not in the cleaned text of {name} {aid}: {quote!r}")

    def row(label: str, t: Counter) -> str:
        return (f"| {label} | {t['stories']} | {t['gold']} | {t['reported']} | "
                f"{ratio(t['right'], t['reported']):.2f} ({t['right']}/{t['reported']}) | "
                f"{ratio(t['found'], t['gold']):.2f} ({t['found']}/{t['gold']}) | "
                f"{t['updates_found']}/{t['updates']} | {t['unscored']} | {t['duplicates']} |")

    both = totals[READ] + totals[SCORE]
    lines = [
        "### Annotated whole stories (`stories_dev.json`)",
        "",
        "| half | stories | gold conflicts | reported (scored) | precision | recall | updates found | "
        "reported in non-exhaustive stories (not scored) | duplicate reports |",
        "|---|---|---|---|---|---|---|---|---|",
        row("read", totals[READ]), row("score", totals[SCORE]), row("both", both),
        "",
    ]
    for h in HALVES:
        lines += [
            f"{h.capitalize()} half, recall by kind: "
            + ", ".join(f"{k} {found_kind[h][k]}/{n}" for k, n in sorted(gold_kind[h].items()))
            + "; precision by reported kind: "
            + (", ".join(f"{k} {right_kind[h][k]}/{n}" for k, n in sorted(reported_kind[h].items()))
               or "nothing reported")
            + f"; reported as likely updates: {totals[h]['reported_update']}; "
            f"gold quotes not found in the cleaned text: {totals[h]['quotes_not_found']}.",
            "",
        ]
    seconds = both["seconds"]
    lines.append(f"Compare time over the {both['stories']} stories, summed over stories, as measured when "
                 f"computed (one process each, 2 at a time): {seconds:.0f} s.")
    return lines, details, totals


# --- part 2: the visible sets ----------------------------------------------------------------------

def read_judgements(name: str) -> list[dict]:
    path = JUDGEMENTS / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def visible_part(results: list[dict], stories: list[tuple[str, str, list[dict]]], always_read,
                 annotated: set[tuple[str, str]], seed: int, sample_size: int) -> tuple[list[str], list[str], dict]:
    per_set: dict[str, Counter] = defaultdict(Counter)
    conflicts: list[dict] = []
    agreements: list[dict] = []
    failures: list[str] = []
    for (name, story, records), result in zip(stories, results, strict=False):
        counts = per_set[name]
        counts["stories"] += 1
        counts["articles"] += len(records)
        counts["seconds"] += result.get("compute_seconds", 0.0)
        counts["cached"] += bool(result.get("cached"))
        comparison = result["output"]
        if comparison is None:
            failures.append(f"{name}:{story}: exit {result['exit']}: {result.get('stderr', '').strip()[:300]}")
            continue
        counts["skipped_inputs"] += len(comparison.get("errors", []))
        which = half(name, story, always_read)
        for finding in comparison["findings"]:
            counts[finding["type"]] += 1
            if (name, story) in annotated or finding["type"] == "unique":
                continue
            if finding["type"] == "conflict":
                conflicts.append(judged_item(finding, comparison, name, story, which))
            else:
                agreements.append((sample_rank(seed, name, finding), finding, comparison, name, story, which))
    sample = [judged_item(*chosen[1:]) for chosen in sorted(agreements, key=lambda a: a[0])[:sample_size]]

    conflict_index = judgement_index(read_judgements("conflicts"))
    agreement_index = judgement_index(read_judgements("agreements"))
    pending_conflicts = [c for c in conflicts if verdict_of(c, conflict_index) is None]
    pending_agreements = [a for a in sample if verdict_of(a, agreement_index) is None]
    write_jsonl(JUDGING / "pending-conflicts.jsonl", pending_conflicts)
    write_jsonl(JUDGING / "pending-agreements.jsonl", pending_agreements)

    lines = [
        "### Visible sets: every multi-source story, its 6 earliest articles",
        "",
        "| set | stories | articles | conflicts | agreements | uniques | inputs skipped by the command | "
        "compare time (s, summed, when computed) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, c in per_set.items():
        lines.append(f"| {name} | {c['stories']} | {c['articles']} | {c['conflict']} | {c['agreement']} | "
                     f"{c['unique']} | {c['skipped_inputs']} | "
                     f"{c['seconds']:.0f} |")
    lines += ["", f"Stories that failed: {len(failures)}" + "".join(f"\n- {f}" for f in failures), ""]

    lines += ["Conflicts on the stories `stories_dev.json` does not annotate, judged blind "
              "(`benchmarks/judgements/conflicts.jsonl`; right and update count as right):", "",
              "| half | reported | judged | right | update | wrong | precision (judged) | not judged yet |",
              "|---|---|---|---|---|---|---|---|"]
    details: list[str] = []
    figures = {h: Counter() for h in HALVES}
    for h in HALVES:
        mine = [c for c in conflicts if c["half"] == h]
        verdicts = Counter(verdict_of(c, conflict_index) for c in mine)
        judged = sum(n for v, n in verdicts.items() if v)
        right = sum(verdicts[v] for v in RIGHT_CONFLICT)
        figures[h].update(conflicts=len(mine), judged=judged, right=right)
        lines.append(f"| {h} | {len(mine)} | {judged} | {verdicts['right']} | {verdicts['update']} | "
                     f"{verdicts['wrong']} | {ratio(right, judged):.2f} ({right}/{judged}) | {verdicts[None]} |")
        if h == READ:
            for c in mine:
                verdict = verdict_of(c, conflict_index)
                if verdict != "right":
                    note = conflict_index.get(_key(c), {}).get("note", "")
                    details.append(f"- CONFLICT {c['id']} {c['set']}:{c['story']} {c['kind']} "
                                   f"[{verdict or 'not judged'}] {note}")
                    details += [f"    {e['article']} {e['field']}[{e['start']}:{e['end']}] ({e['published']}): "
                                f"{marked_passage(e)!r}" for e in c["evidence"]]
    lines += ["", f"Agreements: a sample of {len(sample)} of the {len(agreements)} reported on those stories "
              f"(seed {seed}: the {sample_size} with the lowest sha256 of seed, set and evidence offsets), "
              "judged blind "
              "(`benchmarks/judgements/agreements.jsonl`):", "",
              "| half | sampled | judged | wrong | share wrong (judged) | not judged yet |",
              "|---|---|---|---|---|---|"]
    for h in HALVES:
        mine = [a for a in sample if a["half"] == h]
        verdicts = Counter(verdict_of(a, agreement_index) for a in mine)
        judged = verdicts["correct"] + verdicts["wrong"]
        figures[h].update(agreements_judged=judged, agreements_wrong=verdicts["wrong"], sampled=len(mine))
        lines.append(f"| {h} | {len(mine)} | {judged} | {verdicts['wrong']} | "
                     f"{ratio(verdicts['wrong'], judged):.2f} ({verdicts['wrong']}/{judged}) | {verdicts[None]} |")
        if h == READ:
            for a in mine:
                if verdict_of(a, agreement_index) == "wrong":
                    note = agreement_index[_key(a)].get("note", "")
                    details.append(f"- WRONG AGREEMENT {a['id']} {a['set']}:{a['story']} {note}")
                    details += [f"    {e['article']}: {marked_passage(e)!r}" for e in a["evidence"]]
    lines += ["", f"Pending for the judges: {len(pending_conflicts)} conflicts, {len(pending_agreements)} "
              "agreements (`benchmarks/judging/pending-*.jsonl`, not in git). To judge them: "
              "`python benchmarks/judge_prompt.py` writes batches of 30 (`benchmarks/judging/batches/*.txt`) for "
              "blind judges; `python benchmarks/judge_prompt.py --import ANSWERS.jsonl --judge NAME` adds their "
              "answers to `benchmarks/judgements/`; then re-run this benchmark."]
    return lines, details, figures


def headline(dev: dict | None, visible: dict | None) -> list[str]:
    """The issue's three figures per half: conflicts right (stories_dev and judged visible
    conflicts together), recall on stories_dev, share of wrong agreements in the judged sample."""
    lines = ["| half | conflicts right (stories_dev + judged) | recall on stories_dev | "
             "wrong agreements (judged sample) |", "|---|---|---|---|"]
    for h in HALVES:
        d, v = (dev or {}).get(h, Counter()), (visible or {}).get(h, Counter())
        right, reported = d["right"] + v["right"], d["reported"] + v["judged"]
        pending = v["conflicts"] - v["judged"]
        lines.append(
            f"| {h} | {ratio(right, reported):.2f} ({right}/{reported}; {pending} visible conflicts not judged) | "
            + (f"{ratio(d['found'], d['gold']):.2f} ({d['found']}/{d['gold']})" if dev else "not run") + " | "
            + (f"{ratio(v['agreements_wrong'], v['agreements_judged']):.2f} ({v['agreements_wrong']}/"
               f"{v['agreements_judged']} judged of {v['sampled']})" if visible else "not run") + " |")
    return lines + ["", "Issue 16 is done when, on the score half: conflicts right >= 0.85, recall >= 0.6, "
                        "wrong agreements <= 0.10.", ""]


def _key(item: dict) -> str:
    return item_key(item["set"], item["evidence"])


# --- main -------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="visible sets to run (comma separated)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories of each visible set")
    parser.add_argument("--jobs", type=int, default=2, help="processes comparing stories (default 2)")
    parser.add_argument("--no-cache", action="store_true", help="recompute every comparison")
    parser.add_argument("--no-dev", action="store_true", help="skip stories_dev.json")
    parser.add_argument("--no-visible", action="store_true", help="skip the visible sets")
    parser.add_argument("--no-cli-check", action="store_true",
                        help="skip running one story through the real command to check the in-process path")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the agreement sample")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not (DATA / "discrepancies" / "stories_dev.json").exists():
        print(f"skipped: {DATA / 'discrepancies'} is absent (real data beside the repository)")
        return 0
    started_all = time.perf_counter()
    version = _cli_path.code_version()
    always_read = dev_pair_stories(DATA / "discrepancies" / "dev.jsonl")
    dev = dev_stories()
    annotated = {(s["set"], str(s["story"])) for s, _ in dev}
    sets = [s for s in args.sets.split(",") if s]
    lines = [
        "## Whole stories as the command compares them (`benchmarks/stories.py`)",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/stories.py"
        f"{' --sets ' + args.sets if args.sets != ','.join(SETS) else ''}"
        f"{' --limit ' + str(args.limit) if args.limit else ''}`; each story is one input to "
        "`storydiff compare <its articles as .json files> --format json` (the command's own function, "
        "in process; outputs cached by story content and code version). Data: "
        "`../shared/data/discrepancies/stories_dev.json`, `../shared/data/stories/*.jsonl`. Split: "
        "`benchmarks/_split.py` (the stories of `dev.jsonl` are read half). "
        f"Machine: {platform.machine()}, 2 cores shared; date: {date.today().isoformat()}; code {version}.",
        "",
    ]
    details: list[str] = []
    dev_figures = visible_figures = None
    if not args.no_cli_check:
        story, records = dev[0]
        same, how = _cli_path.check_against_cli("compare", records)
        lines += [f"In-process path against `storydiff compare ... --format json` in a subprocess on "
                  f"{story['set']}:{story['story']}: {how}.", ""]
        print(lines[-2], file=sys.stderr)
        if not same:
            print("the in-process path does not reproduce the command: stopping", file=sys.stderr)
            return 1
    if not args.no_dev:
        started = time.perf_counter()
        print(f"stories_dev.json: {len(dev)} stories", file=sys.stderr)
        results = _cli_path.run_many("compare", [records for _, records in dev], version, jobs=args.jobs,
                                     use_cache=not args.no_cache)
        section, found, dev_figures = dev_part(results, dev, always_read)
        computed = sum(not r.get("cached") for r in results)
        lines += section + [f"Wall time of this part ({args.jobs} processes, {computed} of {len(results)} stories "
                            f"computed): {time.perf_counter() - started:.0f} s.", ""]
        details += ["## stories_dev.json, read half", ""] + found + [""]
    if not args.no_visible:
        started = time.perf_counter()
        stories = visible_stories(sets, args.limit)
        print(f"visible sets: {len(stories)} stories", file=sys.stderr)
        results = _cli_path.run_many("compare", [records for _, _, records in stories], version, jobs=args.jobs,
                                     use_cache=not args.no_cache)
        section, found, visible_figures = visible_part(results, stories, always_read, annotated, args.seed,
                                                       AGREEMENT_SAMPLE)
        computed = sum(not r.get("cached") for r in results)
        lines += section + ["", f"Wall time of this part ({args.jobs} processes, {computed} of {len(results)} "
                                f"stories computed, the others read from the cache): "
                                f"{time.perf_counter() - started:.0f} s.", ""]
        details += ["## Visible sets, read half: conflicts not judged right, wrong agreements", ""] + found
    lines.append(f"Total wall time: {time.perf_counter() - started_all:.0f} s.")
    lines[4:4] = headline(dev_figures, visible_figures)
    report = "\n".join(lines) + "\n"
    print("\n".join(details))
    print()
    print(report)
    DETAILS.parent.mkdir(parents=True, exist_ok=True)
    DETAILS.write_text("\n".join(details) + "\n", encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
