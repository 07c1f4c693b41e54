"""Resolving a place's words to a feature of the offline gazetteer.

The gazetteer (``data/gazetteer.tsv.gz``, built from GeoNames by
``scripts/build_gazetteer.py``, nothing fetched at run time) holds every populated place of
15,000 people or more, every capital, the first-order divisions (ADM1) and, from the country
table, every country. A name often fits several features ("Georgia": the country and a US
state; "Donetsk": a Ukrainian and a Russian city; "Washington": the US capital, a state and
towns). The feature's prominence and the story decide first (see ``_prominence``: a
feature in a country the story's actors belong to gains); then a city or country over an
ADM1 of the same name (unless the words say "region", "province" ...), the feature's own
name over another spelling it goes by, a country over a city, a capital over another city,
and the larger population.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources

from redline.records import Location
from redline.whenwhere.countries import Country, country, country_table

GAZETTEER_HEADER = ["geonameid", "name", "feature", "country", "adm1", "lat", "lon",
                    "population", "names"]
# words after a name that make it an ADM1 ("the Kharkiv region", "Idlib province")
DIVISION_WORDS = frozenset({"region", "province", "oblast", "state", "governorate",
                            "district", "prefecture", "territory", "county"})
# FIPS 10-4 splits a few ISO countries: its code for a place is then its division's
FIPS_OF_DIVISION = {("PSE", "GZ"): "GZ", ("PSE", "WE"): "WE"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


def name_key(words: str) -> str:
    """The form names are matched in: lower case, one apostrophe, no leading "the"."""
    key = _SPACES.sub(" ", words.translate(_APOSTROPHES).strip().lower())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    feature: str  # country | capital | city | adm1
    country: str  # ISO3
    adm1: str  # the GeoNames ADM1 code within the country ("07")
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None


@dataclass(frozen=True)
class Resolution:
    """A name's feature, or why there is none."""

    feature: Feature | None
    reason: str = ""


def _prominence(feature: Feature) -> int:
    """How well known a feature is: a country, a capital or a city of a million 3, an ADM1
    or a city of 100,000 2, a town 1. Being in the story's countries adds 2, so "Georgia" in
    a story about Atlanta is the US state, but "Paris" in a story about the United States is
    still the French capital, not the Texan town."""
    if feature.feature in ("country", "capital") or feature.population >= 1_000_000:
        return 3
    if feature.feature == "adm1" or feature.population >= 100_000:
        return 2
    return 1


class Gazetteer:
    """Features by the names they go by, and the ADM1 names by (country, code)."""

    def __init__(self, features: list[Feature], names: dict[str, int | tuple[int, ...]],
                 adm1_names: dict[tuple[str, str], str]) -> None:
        self._features = features
        # name key -> its features, each as 2 * index + (1 if it is the feature's own name);
        # one int where the name is one feature's (most are); the whole gazetteer is ~30 MB
        self._names = names
        self._adm1_names = adm1_names

    @classmethod
    def load(cls) -> Gazetteer:
        path = resources.files("redline.whenwhere").joinpath("data/gazetteer.tsv.gz")
        features: list[Feature] = []
        names: dict[str, int | tuple[int, ...]] = {}
        adm1_names: dict[tuple[str, str], str] = {}

        def index(key: str, i: int, own: bool) -> None:
            entry = 2 * i + own
            found = names.get(key)
            if found is None:
                names[key] = entry
            else:
                names[key] = (*found, entry) if isinstance(found, tuple) else (found, entry)

        for c in country_table().values():
            features.append(Feature(c.name, "country", c.iso3, "", c.lat, c.lon, 0,
                                    c.geonameid))
            index(name_key(c.name), len(features) - 1, True)
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        header = lines[0].split("\t")
        assert header == GAZETTEER_HEADER, f"unexpected gazetteer header {header}"
        for line in lines[1:]:
            geonameid, name, kind, iso3, adm1, lat, lon, population, keys = line.split("\t")
            feature = Feature(name=name, feature=kind, country=iso3, adm1=adm1, lat=float(lat),
                              lon=float(lon), population=int(population or 0),
                              geonameid=int(geonameid) if geonameid else None)
            features.append(feature)
            i = len(features) - 1
            if kind == "adm1":
                adm1_names[(iso3, adm1)] = name
            # the name keys it goes by, its own name's first (``scripts/build_gazetteer.py``)
            for n, key in enumerate(keys.split("|")):
                index(key, i, n == 0)
        return cls(features, names, adm1_names)

    def candidates(self, words: str) -> list[tuple[Feature, bool]]:
        found = self._names.get(name_key(words), ())
        entries = found if isinstance(found, tuple) else (found,)
        return [(self._features[e // 2], bool(e % 2)) for e in entries]

    def resolve(self, words: str, story: Collection[str] = (), *,
                division: bool = False) -> Resolution:
        """The feature ``words`` names, given the countries of the story (ISO3); with
        ``division`` only an ADM1 (the words were followed by "region", "province" ...)."""
        found = self.candidates(words)
        if division:
            found = [(f, own) for f, own in found if f.feature == "adm1"]
        if not found:
            return Resolution(None, "no " + ("division" if division else "place")
                              + " of this name in the gazetteer")
        best = max(found, key=lambda c: (
            _prominence(c[0]) + 2 * (c[0].country in story), c[0].feature != "adm1", c[1],
            c[0].feature == "country", c[0].feature == "capital", c[0].population,
            -(c[0].geonameid or 0)))
        if (not division and best[0].feature == "adm1" and story
                and best[0].country not in story):
            # a bare name only a division of a country the story never names shares ("the
            # Sahel" and Burkina Faso's Sahel region): more likely a region of the world
            return Resolution(None, "only a division of a country the story does not name "
                                    "goes by this name")
        return Resolution(best[0])

    def capital_of(self, iso3: str) -> Feature | None:
        """The capital city of a country (for a seat of government named by a building:
        "in the Kremlin")."""
        known = country(iso3)
        if known is None or not known.capital:
            return None
        for feature, _own in self.candidates(known.capital):
            if feature.country == iso3 and feature.feature == "capital":
                return feature
        return None

    def location(self, feature: Feature, words: str, found_by: str) -> Location:
        """The record of a resolved place."""
        nation = country(feature.country)
        fips = nation.fips if nation else ""
        kind = {"capital": "city"}.get(feature.feature, feature.feature)
        adm1 = self._adm1_names.get((feature.country, feature.adm1), "") if feature.adm1 else ""
        adm1_code = f"{fips}{feature.adm1}" if feature.adm1 and fips else ""
        if (feature.country, feature.adm1) in FIPS_OF_DIVISION:
            fips = adm1_code = FIPS_OF_DIVISION[(feature.country, feature.adm1)]
        return Location(
            country=feature.country, place=words, name=feature.name, feature=kind,
            adm1=adm1 if kind != "adm1" else feature.name, adm1_code=adm1_code,
            fips=fips, lat=feature.lat, lon=feature.lon, geonameid=feature.geonameid,
            found_by=found_by)


def country_location(nation: Country, words: str, found_by: str) -> Location:
    """A place that is a whole country ("in Vietnam")."""
    return Location(country=nation.iso3, place=words, name=nation.name, feature="country",
                    fips=nation.fips, lat=nation.lat, lon=nation.lon,
                    geonameid=nation.geonameid, found_by=found_by)


def unresolved(words: str, found_by: str, reason: str, iso3: str = "") -> Location:
    """A place whose words are kept with the reason it has no feature (never a point)."""
    return Location(country=iso3, place=words, found_by=found_by, unresolved=reason)


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once a process (~30 MB; it is only read): every
    ``Resources`` of the process shares it, copies made by ``dataclasses.replace`` too."""
    return Gazetteer.load()
