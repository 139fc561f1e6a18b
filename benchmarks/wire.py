"""Wire-copy detection on real articles with generated lightly edited copies.

    PYTHONPATH=src python benchmarks/wire.py [--out benchmarks/results/wire.md]

From the articles of ../shared/data/stories/ with at least 6 sentences, 400 are chosen as
originals (seed 3). Each gets one or two copies, each made by one to three of these edits:
trimmed (the last 20-50 % of sentences cut), re-headlined (another article's headline),
a paragraph added (2-3 sentences of an unrelated article, at the end or after the lead),
sentences reordered (two sentences moved), lightly reworded (3 % of words replaced). Every
other article of the originals' gold stories is added too: same story, different outlet, the
hard negatives. Copies are dated 0-2 days after their original.

Scored over pairs: a pair is a true copy pair when both are the original and a copy of it,
or two copies of one original. Pairs of two real articles that the detector groups are
counted as false positives and listed, since a real data set may hold real copies.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import SETS, load_set, require_shared  # noqa: E402

EDITS = ["trimmed", "re-headlined", "paragraph added", "reordered", "reworded"]


def make_copy(original, number, pool, rng, sentences):
    parts = sentences(original.text)
    edits = rng.sample(EDITS, rng.randint(1, 3))
    title = original.title
    added: list[str] = []
    if "trimmed" in edits:
        parts = parts[: max(3, int(len(parts) * rng.uniform(0.5, 0.8)))]
    if "reordered" in edits and len(parts) > 3:
        for _ in range(2):
            i = rng.randrange(1, len(parts))
            parts.insert(rng.randrange(len(parts)), parts.pop(i))
    if "reworded" in edits:
        words = " ".join(parts).split()
        for i in rng.sample(range(len(words)), max(1, len(words) // 33)):
            words[i] = rng.choice(["reportedly", "officials", "local", "Thursday", "several", "later"])
        parts = sentences(" ".join(words))
    if "paragraph added" in edits:
        donor = sentences(rng.choice(pool).text)
        start = rng.randrange(max(1, len(donor) - 3))
        added = donor[start:start + rng.randint(2, 3)]
        at = len(parts) if rng.random() < 0.5 else 1
        parts = parts[:at] + added + parts[at:]
    if "re-headlined" in edits:
        title = rng.choice(pool).title or "Latest news"
    published = (original.published or date(2020, 1, 1))
    published = published + timedelta(days=rng.randint(0, 2))
    text = " ".join(parts)
    return replace(original, id=f"{original.id}#copy{number}", text=text, original=text, title=title,
                   published=published, removed=[]), edits, added


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path)
    parser.add_argument("--originals", type=int, default=400)
    args = parser.parse_args()
    require_shared()
    from storydiff.wire import describe_group, sentences, wire_groups

    rng = random.Random(3)
    by_story, everything = defaultdict(list), []
    for name in SETS:
        articles, gold, _ = load_set(name)
        for article, story in zip(articles, gold, strict=False):
            by_story[story].append(article)
            everything.append((article, story))
    # The real sets hold real wire copies (DUC's AP updates of one story share 0.99 of their
    # shingles; ECB+ has one agency text on several sites). They would be counted as false
    # positives though they are right, so within each gold story only one of any pair with
    # exact containment >= 0.5 is kept: the remaining same-story articles are genuinely
    # different reports.
    from storydiff.wire import containment, shingles

    real_copies, kept = [], []
    for story, members in by_story.items():
        chosen_here: list[tuple[object, set]] = []
        for article in members:
            mine = shingles(article.text)
            twin = next((other for other, theirs in chosen_here if containment(mine, theirs) >= 0.5), None)
            if twin is not None:
                real_copies.append((twin.id, article.id))
                continue
            chosen_here.append((article, mine))
            kept.append((article, story))
    everything = kept
    by_story = defaultdict(list)
    for article, story in everything:
        by_story[story].append(article)
    eligible = [(a, s) for a, s in everything if len(sentences(a.text)) >= 6]
    chosen = rng.sample(eligible, min(args.originals, len(eligible)))
    pool = [a for a, _ in everything]
    corpus, family = [], {}  # family: article id -> original id for originals and copies
    stories = {s for _, s in chosen}
    for article, story in everything:
        if story in stories:
            corpus.append(article)
    edit_log = []
    for original, _ in chosen:
        if original.published is None:
            original.published = date(2020, 1, 1)
        family[original.id] = original.id
        for number in range(rng.randint(1, 2)):
            copy, edits, added = make_copy(original, number, pool, rng, sentences)
            corpus.append(copy)
            family[copy.id] = original.id
            edit_log.append((copy.id, edits, added))
    rng.shuffle(corpus)
    started = time.perf_counter()
    groups = wire_groups(corpus)
    seconds = time.perf_counter() - started

    index = {a.id: i for i, a in enumerate(corpus)}
    gold_pairs, found_pairs = set(), set()
    members = defaultdict(list)
    for i, group in enumerate(groups):
        members[group].append(i)
    for keys in members.values():
        found_pairs.update(combinations(sorted(keys), 2))
    families = defaultdict(list)
    for article_id, root in family.items():
        families[root].append(index[article_id])
    for keys in families.values():
        gold_pairs.update(combinations(sorted(keys), 2))
    true_positive = len(gold_pairs & found_pairs)
    precision = true_positive / len(found_pairs) if found_pairs else 1.0
    recall = true_positive / len(gold_pairs)
    false_real = [(corpus[i].id, corpus[j].id) for i, j in found_pairs - gold_pairs
                  if corpus[i].id not in family and corpus[j].id not in family]

    # likely original and the record of added sentences, per generated family found whole
    right_original = families_found = added_found = added_total = 0
    for root, keys in families.items():
        if len({groups[k] for k in keys}) != 1:
            continue
        group = members[groups[keys[0]]]
        families_found += 1
        original_key, copies = describe_group([(k, corpus[k]) for k in sorted(group)])
        right_original += corpus[original_key].id == root
        recorded = {copy.article: set(copy.added) for _, copy in copies}
        for copy_id, _edits, added in edit_log:
            if family.get(copy_id) == root and added and copy_id in recorded:
                added_total += len(added)
                added_found += sum(1 for s in added if s in recorded[copy_id])

    by_edit = defaultdict(lambda: [0, 0])
    for copy_id, edits, _ in edit_log:
        i, j = index[copy_id], index[family[copy_id]]
        for edit in edits:
            by_edit[edit][1] += 1
            by_edit[edit][0] += groups[i] == groups[j]
    print(f"real copies set aside: {len(real_copies)}")
    print(f"articles {len(corpus)}, originals {len(chosen)}, copies {len(edit_log)}, "
          f"P {precision:.3f} R {recall:.3f}, original right {right_original}/{families_found}, "
          f"added recorded {added_found}/{added_total}, {seconds:.1f}s", flush=True)
    for edit, (hit, total) in sorted(by_edit.items()):
        print(f"  {edit}: {hit}/{total}")
    print("real pairs grouped:", false_real[:20])
    if args.out:
        lines = [
            "# Wire-copy detection",
            "",
            f"Command: `PYTHONPATH=src python benchmarks/wire.py --out {args.out}`  ",
            "Data: real articles of `../shared/data/stories/` (all five sets); generated copies as in the "
            "module docstring (seed 3).  ",
            f"Machine: 2 cores shared, Python {platform.python_version()}; date "
            f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
            "",
            f"Corpus: {len(corpus)} articles = {len(chosen)} originals, {len(edit_log)} generated copies, and "
            f"{len(corpus) - len(chosen) - len(edit_log)} other real articles of the same gold stories "
            "(same story, other outlets). Before sampling, "
            f"{len(real_copies)} real articles were set aside as real copies of another article of their "
            "story (exact shingle containment >= 0.5, e.g. "
            + ", ".join(f"`{a}`/`{b}`" for a, b in real_copies[:4]) + "), so that every grouped pair of two real "
            "articles is an error.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| pair precision | **{precision:.3f}** ({true_positive} of {len(found_pairs)} grouped pairs) |",
            f"| pair recall | **{recall:.3f}** ({true_positive} of {len(gold_pairs)} copy pairs) |",
            f"| likely original right (families found whole) | {right_original} / {families_found} |",
            f"| added sentences recorded | {added_found} / {added_total} |",
            f"| time (`wire_groups`, in memory) | {seconds:.1f} s ({len(corpus) / seconds:.0f} articles/s) |",
            "",
            "Recall by edit (a copy counts under each edit it received):",
            "",
            "| edit | copies grouped with their original |",
            "|---|---|",
        ] + [f"| {edit} | {hit} / {total} |" for edit, (hit, total) in sorted(by_edit.items())] + [
            "",
            f"Pairs of two real articles grouped as copies ({len(false_real)}; counted as false positives): "
            + (", ".join(f"`{a}`–`{b}`" for a, b in false_real[:20]) or "none"),
        ]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
