"""The country table: ISO3 with its ISO2, FIPS 10-4 and Correlates of War codes, name, capital,
centroid and GeoNames id (``data/countries.tsv``, built by ``scripts/build_gazetteer.py``).

The exports use it to write each code system's own codes (GDELT's geography is FIPS 10-4,
POLECAT's actor columns carry COW numbers); the gazetteer uses it for country features.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    cow_code: int | None  # the Correlates of War state number (``ccode``); None: not a state
    cow_abb: str  # COW's three-letter abbreviation (``ROK``)
    name: str
    capital: str
    lat: float | None  # the centroid
    lon: float | None
    geonameid: int | None


def _number(text: str) -> int | None:
    return int(text) if text else None


def _real(text: str) -> float | None:
    return float(text) if text else None


@cache
def country_table() -> dict[str, Country]:
    """Every country by ISO3 (read once: a small table of plain facts)."""
    path = resources.files("redline.whenwhere").joinpath("data/countries.tsv")
    with path.open(encoding="utf-8") as handle:
        return {row["iso3"]: Country(
            iso3=row["iso3"], iso2=row["iso2"], fips=row["fips"],
            cow_code=_number(row["cow_code"]), cow_abb=row["cow_abb"], name=row["name"],
            capital=row["capital"], lat=_real(row["lat"]), lon=_real(row["lon"]),
            geonameid=_number(row["geonameid"]),
        ) for row in csv.DictReader(handle, delimiter="\t")}


def country(iso3: str) -> Country | None:
    """The country of an ISO3 code, or ``None`` (an IGO code, ``WST``, empty)."""
    return country_table().get(iso3)
