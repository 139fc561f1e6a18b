"""Pick diverse candidate phrases from ../shared for hand labelling (numbers and name pairs).

This is how benchmarks/phrases.jsonl was started: the candidates were printed with their
context, read, and labelled by hand (see phrases.jsonl; the labels are not this script's
output, and candidates that were not clear cases were dropped). Candidates are chosen by
plain regular expressions, not by storydiff, so that the test set does not inherit the
tool's blind spots. The text stays in ../shared: run this locally, do not commit its output.

    python benchmarks/pick_phrases.py numbers > /tmp/number_candidates.txt
    python benchmarks/pick_phrases.py names > /tmp/name_candidates.txt
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
STORIES = SHARED / "data" / "stories"

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_WORDNUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
            r"twenty|thirty|forty|fifty|sixty|hundred|a dozen|(?:twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine))")
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|mln))?"

# category -> (pattern, how many to draw)
CATEGORIES: dict[str, tuple[str, int]] = {
    "modifier": (r"\b(?:at least|more than|nearly|almost|about|around|roughly|some|up to|fewer "
                 r"than|less than|over|as many as|an estimated|approximately|close to) (?:"
                 + _NUM + "|" + _WORDNUM + ")" + _SCALE + r"\b", 45),
    "money": (r"(?:US\$|\$|dlrs|£|€) ?" + _NUM + _SCALE + r"\b|\b" + _NUM + _SCALE
              + r" (?:dollars|euros|pounds|yen|yuan)\b", 25),
    "percent": (r"\b" + _NUM + r" ?(?:%|percent\b|per cent\b)", 15),
    "vague": (r"\b(?:[Tt]ens of thousands|[Hh]undreds of thousands|[Tt]housands of|[Hh]undreds"
              r" of|[Dd]ozens of|[Ss]everal (?:hundred|thousand|dozen)|[Ss]cores of|a handful "
              r"of|a few (?:hundred|thousand|dozen))", 20),
    "bare": (r"(?<![\w.,$])" + _NUM + r"(?= [a-z]+\b)(?! (?:percent|million|billion|a\.m|p\.m))",
             25),
    "words": (r"\b(?:" + _WORDNUM + r")(?= [a-z]+s\b)", 20),
    "range": (r"\bbetween " + _NUM + r" and " + _NUM + r"\b|\b" + _NUM + r" ?(?:-|to) ?"
              + _NUM + r" (?=[a-z]+s\b)", 10),
    "scale": (r"(?<![$\w])" + _NUM + r" (?:million|billion)\b(?! (?:dollars|euros))", 15),
    "unit": (r"\b" + _NUM + r"[ -](?:km|kilometers|kilometres|miles|mile|tons|tonnes|kg|"
             r"pounds|feet|foot|meters|metres|barrels|acres|square miles)\b|magnitude[ -]"
             + _NUM + r"|" + _NUM + r"[ -]magnitude", 15),
    "duration": (r"\b(?:" + _NUM + "|" + _WORDNUM + r")[ -](?:years?|decades?|months?)\b"
                 r"(?! ago)", 12),
    "negative": (r"\b(?:in|since|of) (?:19|20)\d\d\b|\b(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\. "
                 r"\d{1,2}\b|\b\d{1,2}:\d\d\b|\b(?:[Ff]light|No\.|[Rr]oute|Resolution|"
                 r"Amendment|Proposition) \d+\b|\b(?:first|second|third|fourth|fifth)\b", 30),
}


def articles() -> list[tuple[str, dict]]:
    rows = []
    for path in sorted(STORIES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                rows.append((f"stories/{path.name}", json.loads(line)))
    return rows


def pick_numbers(seed: int = 7) -> None:
    rng = random.Random(seed)
    rows = articles()
    for category, (pattern, count) in CATEGORIES.items():
        regex = re.compile(pattern)
        hits = []
        for source, article in rows:
            for match in regex.finditer(article["text"]):
                hits.append((source, article["id"], match.start(), match.end()))
        # spread over sets: draw in turn from each source
        by_source: dict[str, list] = defaultdict(list)
        for hit in hits:
            by_source[hit[0]].append(hit)
        for group in by_source.values():
            rng.shuffle(group)
        chosen = []
        while len(chosen) < count and any(by_source.values()):
            for group in by_source.values():
                if group and len(chosen) < count:
                    chosen.append(group.pop())
        texts = {(s, a["id"]): a["text"] for s, a in rows}
        for source, article_id, start, end in chosen:
            text = texts[(source, article_id)]
            context = text[max(0, start - 70) : end + 50].replace("\n", " ")
            print(json.dumps({"category": category, "source": source, "id": article_id,
                              "start": start, "end": end, "phrase": text[start:end],
                              "context": context}, ensure_ascii=False))


CLOSE_COUNT = 120
SHARED_COUNT = 40
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z]\. )?[A-Z][a-z]+){0,3}\b")


def pick_names(seed: int = 7) -> None:
    """Pairs of capitalised names in one story that are close in spelling or share a word."""
    from rapidfuzz.distance import OSA

    rng = random.Random(seed)
    rows = articles()
    # a capitalised word is taken for a name only if it never appears in lower case in the
    # corpus: this drops sentence-initial "They", "There", "Even"
    lower_words: set[str] = set()
    for _, article in rows:
        lower_words.update(re.findall(r"\b[a-z]+\b", article["text"]))
    by_story: dict[tuple[str, str], list[tuple[str, str, int, int, str]]] = defaultdict(list)
    for source, article in rows:
        seen: set[str] = set()
        for match in _NAME.finditer(article["text"]):
            name = match.group(0)
            words = re.findall(r"[A-Za-z]+", name)
            if name in seen or len(name) < 4 or any(w.lower() in lower_words for w in words
                                                     if len(w) > 1):
                continue
            seen.add(name)
            by_story[(source, str(article.get("story")))].append(
                (article["id"], name, match.start(), match.end(), source))
    close, shared = [], []
    for mentions in by_story.values():
        forms: dict[str, tuple] = {}
        for mention in mentions:
            forms.setdefault(mention[1], mention)
        names = sorted(forms)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                ta, tb = a.split(), b.split()
                if len(ta) == len(tb):
                    diffs = [(x, y) for x, y in zip(ta, tb, strict=False) if x != y]
                    if len(diffs) == 1 and OSA.distance(*diffs[0]) <= 2 and \
                            min(len(diffs[0][0]), len(diffs[0][1])) >= 4:
                        close.append((forms[a], forms[b]))
                    elif len(diffs) == 1 and len(ta) > 1:
                        shared.append((forms[a], forms[b]))
    rng.shuffle(close)
    rng.shuffle(shared)
    for kind, pairs, count in (("close", close, CLOSE_COUNT), ("shared", shared, SHARED_COUNT)):
        for a, b in pairs[:count]:
            print(json.dumps({"category": kind,
                              "a": {"source": a[4], "id": a[0], "start": a[2], "end": a[3],
                                    "text": a[1]},
                              "b": {"source": b[4], "id": b[0], "start": b[2], "end": b[3],
                                    "text": b[1]}}, ensure_ascii=False))


if __name__ == "__main__":
    if not STORIES.exists():
        sys.exit(f"needs {STORIES} (the shared data beside the repository)")
    {"numbers": pick_numbers, "names": pick_names}[sys.argv[1] if len(sys.argv) > 1 else "numbers"]()
