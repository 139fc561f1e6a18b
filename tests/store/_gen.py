"""Small generated articles for store tests: distinct texts from a few written sentences."""

from __future__ import annotations

import json
from pathlib import Path

from storydiff.model import Article

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


# two written reports of different events, for the feeder's stories and wire copies
QUAKE = ("A magnitude 7.1 earthquake struck the coast of Tarapaca in northern Chile on Tuesday, "
         "shaking buildings in Iquique and cutting power to thousands of homes. "
         "The navy lifted a tsunami warning after two hours. "
         "Officials in Iquique said three people were hurt by falling glass. "
         "Schools in the Tarapaca region will stay closed on Wednesday while engineers check them.")
FLOOD = ("Heavy rain flooded the centre of Valencia overnight, closing the metro and stranding drivers "
         "on the ring road. Firefighters rescued forty people from cars. The regional government "
         "opened shelters in two sports halls and asked residents to stay at home.")


def art(article_id, text, published, title=None, outlet=None):
    return Article(id=article_id, text=text, original=text, source=article_id, title=title,
                   published=published, outlet=outlet)
