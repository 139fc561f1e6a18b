"""Small generated articles for store tests: distinct texts from a few written sentences."""

from __future__ import annotations

import json
from pathlib import Path

PLACES = ["Lisbon", "Quito", "Tallinn", "Nairobi", "Hanoi", "Oslo", "Lima", "Accra", "Perth", "Riga"]
THINGS = ["a bridge", "a school", "a harbour wall", "a power line", "a rail depot", "a water plant"]


def article(number: int) -> dict:
    place = PLACES[number % len(PLACES)]
    thing = THINGS[(number // len(PLACES)) % len(THINGS)]
    return {
        "id": f"gen-{number}",
        "title": f"Work on {thing} in {place} enters week {number}",
        "text": (f"Engineers in {place} said on Monday that work on {thing} had entered week {number}. "
                 f"The council expects the job to cost {number * 7 + 3} thousand euros. "
                 f"Residents near site {number} were told to expect noise until the evening."),
        "url": f"https://example.org/news/{number}",
        "published": f"2024-{1 + number % 12:02d}-{1 + number % 27:02d}",
        "outlet": "Example Daily",
    }


def write_jsonl(path: Path, numbers) -> Path:
    path.write_text("".join(json.dumps(article(n)) + "\n" for n in numbers), encoding="utf-8")
    return path
