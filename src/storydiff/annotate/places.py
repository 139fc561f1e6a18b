"""How two place names relate: the same place, one inside the other, or different places.

"Karachi" is within "Pakistan", "Tijuana" within "Mexico", "Sicily" and "Alexandria" are
different, "Pakistan" and "Pakistani" the same. The gazetteer (GeoNames cities, ISO 3166
countries and regions) is loaded in ``storydiff.reference.gazetteer``. An ambiguous name is
every place it can name: two names are "different" only when no reading of them is compatible.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

# The gazetteer and its loading live in storydiff.reference.gazetteer; the names stay importable here.
from ..reference.gazetteer import (  # noqa: F401
    _COUNTRY_ALIASES,
    _DEMONYMS,
    _ENGLISH_NAME,
    _REGION_SUFFIX,
    Place,
    _admin1_to_iso,
    _alternate_cities,
    _city_place,
    _fold,
    _Gazetteer,
    _iso3166_2_data,
    gazetteer,
)

Relation = Literal["same", "contains", "within", "different", "unknown"]


def _country_from_adjective(text: str, gaz: _Gazetteer) -> list[Place]:
    """"Pakistani" -> Pakistan, "Iranian" -> Iran, "Palestinian" -> Palestine."""
    from .names import is_standard_variant

    folded = _fold(text)
    if " " in folded or len(folded) < 4:
        return []
    found = []
    for stem, _code in gaz.country_stems:
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
