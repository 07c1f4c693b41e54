"""GDELT 2.0 event rows (``gdelt``).

Tab-separated rows in the column order of the GDELT 2.0 event table
(:data:`GDELT_COLUMNS`, 61 columns, no header line, as in GDELT's own files), so a script
that loads GDELT's files loads these unchanged. The names are those of GDELT's 2.0 column
header file and BigQuery table (the 2.0 codebook calls the first columns ``GlobalEventID``
and ``Day``). Sources: the GDELT Event Codebook V2.0 (2/19/2015) and GDELT's own rows (the
FractionDate and geography conventions below are checked against them).

Which events: by default only the asserted ones (the text reports them as having happened),
as GDELT codes nothing else. With ``--all`` every event is written and each row gets one
more, final column, ``Asserted`` (1 asserted, 0 negated, hypothetical, conditional, future
or intended; :data:`GDELT_ALL_COLUMNS`). Without ``--all`` a row has exactly 61 columns.

One row per (actor, recipient) pair: PLOVER keeps a compound actor as one event with a list
of actors, GDELT is dyadic, so "France and Germany warned Russia and Iran" is four rows
(each actor with each recipient; an event without recipients is one row per actor).

- ``GLOBALEVENTID``: for the first pair ``int(id[:15], 16)``, a stable integer from our
  hex id; for the pair after it, the same from the SHA-1 of ``id#k`` (k = 1, 2, ...).
- ``SQLDATE`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year``; ``FractionDate`` as GDELT writes
  it: ``year + ((month - 1) * 30 + day) / 365`` with 4 decimals (the codebook's
  "(MONTH * 30 + DAY) / 365" with the month counted from 0, as GDELT's rows show:
  20160701 -> 2016.4959, 19790101 -> 1979.0027).
- Dates of month or year precision (``date_precision``): GDELT has no precision field and
  always writes a full SQLDATE, so such an event is written with the first day of its month
  or year (the date redline stores): 2024 -> ``20240101``, ``202401``, ``2024``,
  ``2024.0027``. The precision itself is in the PLOVER and CSV exports.
- ``ActorNCode``: country code + sector (``RUSGOV``), IGO codes as they are
  (``IGOUNO``: GDELT's actor codes are CAMEO's); ``ActorNName``: the canonical name;
  ``ActorNCountryCode``: the CAMEO (ISO-3166 alpha-3) country code, empty for ``WST``, IGOs
  and the other non-state codes; ``ActorNKnownGroupCode``: for an IGO, the last three
  letters of its code (``UNO``), as in CAMEO; ``ActorNType1-3Code``: ``IGO`` for an IGO,
  then the sector in 3-letter pieces. Ethnic and religion codes: empty.
- ``IsRootEvent``: 1 for sentence 0 (the lead), else 0.
- ``EventCode``: our ``cameo``; ``EventBaseCode`` its first 3 digits,
  ``EventRootCode`` its first 2 (strings, leading zeros kept: ``042``, ``04``).
- ``QuadClass``: ``quad``; ``GoldsteinScale``: the CAMEO code's Goldstein value from the
  ontology's CAMEO table (``ontology/data/cameo.tsv``; a code without one takes its
  longest prefix's), empty for an event without a CAMEO code. (Our ``intensity`` is the
  PLOVER intensity: it is in the PLOVER and POLECAT exports.)
- ``NumMentions``/``NumSources``/``NumArticles``: ``num_mentions``/``num_sources``/
  ``num_documents`` of the event's cluster in ``event_clusters``, else 1/1/1.
- ``AvgTone``: empty (we do not measure tone).
- Geography, GDELT's conventions (country codes FIPS 10-4, from the location or the
  country table ``whenwhere/countries.py``):

  ``_Type``: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
  5 world state (first-order division); 0 no place, the other fields empty.
  ``_FullName``: "City, ADM1, Country" for a city (parts we lack are left out), "ADM1,
  Country" for a state, the country's name for a country. ``_CountryCode``: FIPS 10-4.
  ``_ADM1Code``: FIPS country + ADM1 code (``UP07``; a country-level place and a city
  without a known division: the FIPS code alone, as GDELT writes country matches).
  ``_ADM2Code``: empty (we do not resolve second-order divisions). ``_Lat``/``_Long``: the
  feature's point (a country: its centroid). ``_FeatureID``: a country's FIPS code, a US
  state's two-letter code (``CA``), a world state's ADM1 code (``UP07``), a city's or
  landmark's GeoNames id (GDELT's own are GNS/GNIS ids: a script joining them to GNS will
  not find ours).

  ``ActionGeo_*``: the event's ``location``. A place the gazetteer could not resolve but
  whose country is known is written at country level (type 1); one without even a country
  is type 0. ``Actor1Geo_*``/``Actor2Geo_*``: the actor's country (we do not geocode
  actors): for an actor with an ISO3 code, type 1 with its FIPS code, name and centroid;
  for ``WST``, IGOs and the other non-state codes, type 0.
- ``DATEADDED``: the document's ``ingested_at`` as YYYYMMDDHHMMSS in UTC (the store holds
  it in UTC, as GDELT's is); empty from ``redline code``, which stores nothing.
- ``SOURCEURL``: the document's ``url``, else its id.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from typing import IO, Any

from redline.export.values import (
    ASSERTED_COLUMN,
    actors,
    asserted_cell,
    coordinate,
    number,
    text,
    tsv_line,
    utc,
)
from redline.ontology import Ontology, load_ontology
from redline.whenwhere.countries import Country, country


def _gdelt_actor_columns(n: int) -> tuple[str, ...]:
    return tuple(f"Actor{n}{name}" for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))


def _gdelt_geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))


GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + _gdelt_actor_columns(1)
    + _gdelt_actor_columns(2)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + _gdelt_geo_columns("Actor1Geo")
    + _gdelt_geo_columns("Actor2Geo")
    + _gdelt_geo_columns("ActionGeo")
    + ("DATEADDED", "SOURCEURL")
)
assert len(GDELT_COLUMNS) == 61
GDELT_ALL_COLUMNS = (*GDELT_COLUMNS, ASSERTED_COLUMN)

# GDELT's geographic resolutions (``_Type``)
NO_GEO, COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 0, 1, 2, 3, 4, 5

# codes in an actor's ``code`` field that are not countries (PLOVER's non-state codes)
NON_STATE_CODES = frozenset({"WST", "IGO", "NGO", "ISM", "IMG", "MNC"})


@cache
def _ontology() -> Ontology:
    return load_ontology()


def gdelt_event_id(event_id: str, pair: int = 0) -> int:
    """GDELT's integer GLOBALEVENTID for the ``pair``-th (actor, recipient) pair of our event:
    the first pair from our 16-hex-digit id itself, the others (and any other id) via SHA-1."""
    if pair == 0:
        try:
            return int(event_id[:15], 16)
        except ValueError:
            pass
    key = event_id if pair == 0 else f"{event_id}#{pair}"
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:15], 16)


def fraction_date(day: date) -> str:
    """GDELT's FractionDate: ``year + ((month - 1) * 30 + day) / 365``, 4 decimals."""
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def goldstein(cameo: str) -> str:
    """The CAMEO code's Goldstein value (the ontology's CAMEO table), '' for no code."""
    entry = _ontology().cameo(cameo) if cameo else None
    if entry is None or math.isnan(entry.goldstein):
        return ""
    return number(entry.goldstein)


def _gdelt_actor(actor: dict[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * 10
    code = text(actor.get("code")).strip().upper()
    sector = text(actor.get("sector")).strip().upper()
    is_igo = code.startswith("IGO")
    known_group = code[-3:] if is_igo and len(code) > 3 else ""
    types = (["IGO"] if is_igo else []) + [sector[i:i + 3] for i in range(0, len(sector), 3)]
    types = (types + ["", "", ""])[:3]
    return [code + sector, text(actor.get("name")), _country_code(code), known_group, "", "",
            "", *types]


def _country_code(code: str) -> str:
    return code if len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES else ""


def _no_geo() -> list[str]:
    return [str(NO_GEO), "", "", "", "", "", "", ""]


def _full_name(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _country_geo(found: Country) -> list[str]:
    return [str(COUNTRY), found.name, found.fips, found.fips, "", coordinate(found.lat),
            coordinate(found.lon), found.fips]


def actor_geo(actor: dict[str, Any] | None) -> list[str]:
    """An actor's geography: its country's, for an actor with an ISO3 code."""
    code = text((actor or {}).get("code")).strip().upper()
    found = country(code) if _country_code(code) else None
    return _country_geo(found) if found is not None and found.fips else _no_geo()


def action_geo(loc: dict[str, Any] | None) -> list[str]:
    """The event's place as GDELT's eight geography fields."""
    loc = loc or {}
    iso3 = text(loc.get("country"))
    found = country(iso3) if iso3 else None
    feature = text(loc.get("feature"))
    fips = text(loc.get("fips")) or (found.fips if found else "")
    country_name = found.name if found else ""
    if not feature or feature == "country":
        if found is None or not found.fips:
            return _no_geo()
        geo = _country_geo(found)
        if feature == "country" and loc.get("lat") is not None:
            geo[5:7] = [coordinate(loc.get("lat")), coordinate(loc.get("lon"))]
        return geo
    us = fips == "US"
    adm1_code = text(loc.get("adm1_code"))
    adm1 = text(loc.get("adm1"))
    name = text(loc.get("name")) or text(loc.get("place"))
    point = [coordinate(loc.get("lat")), coordinate(loc.get("lon"))]
    if feature == "adm1":
        feature_id = adm1_code[2:] if us else adm1_code
        return [str(US_STATE if us else WORLD_STATE), _full_name(adm1 or name, country_name),
                fips, adm1_code or fips, "", *point, feature_id]
    geonameid = loc.get("geonameid")
    return [str(US_CITY if us else WORLD_CITY), _full_name(name, adm1, country_name), fips,
            adm1_code or fips, "", *point, "" if geonameid is None else str(geonameid)]


def pairs(row: dict[str, Any]) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The event's (actor, recipient) pairs, actors first: every actor with every recipient,
    an actor alone where there is no recipient (and the other way round)."""
    sources: list[dict[str, Any] | None] = list(actors(row.get("actor"))) or [None]
    targets: list[dict[str, Any] | None] = list(actors(row.get("recipient"))) or [None]
    for source in sources:
        for target in targets:
            yield source, target


def gdelt_rows(row: dict[str, Any], marked: bool = False) -> list[list[str]]:
    """An event row as GDELT 2.0 event rows, one per (actor, recipient) pair: strings in
    :data:`GDELT_COLUMNS` order, with the ``Asserted`` column after them when ``marked``."""
    day = row.get("date")
    if isinstance(day, date):
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
                 fraction_date(day)]
    else:
        dates = ["", "", "", ""]
    cameo = text(row.get("cameo")).strip()
    clustered = row.get("cluster_id") is not None
    place = action_geo(row.get("location"))
    ingested = row.get("doc_ingested_at")
    added = utc(ingested).strftime("%Y%m%d%H%M%S") if isinstance(ingested, datetime) else ""
    event_id = text(row.get("id"))
    out = []
    for k, (source, target) in enumerate(pairs(row)):
        values = [
            str(gdelt_event_id(event_id, k)), *dates,
            *_gdelt_actor(source), *_gdelt_actor(target),
            "1" if row.get("sentence_index") == 0 else "0",
            cameo, cameo[:3], cameo[:2],
            number(row.get("quad")), goldstein(cameo),
            number(row.get("num_mentions")) if clustered else "1",
            number(row.get("num_sources")) if clustered else "1",
            number(row.get("num_documents")) if clustered else "1",
            "",  # AvgTone
            *actor_geo(source), *actor_geo(target), *place,
            added,
            text(row.get("doc_url")) or text(row.get("doc_id")),
        ]
        assert len(values) == len(GDELT_COLUMNS)
        if marked:
            values.append(asserted_cell(row))
        out.append(values)
    return out


def start(handle: IO[str], marked: bool = False) -> Callable[[dict[str, Any]], None]:
    """GDELT's files have no header line; ``marked`` adds the final ``Asserted`` column."""
    def write(row: dict[str, Any]) -> None:
        for values in gdelt_rows(row, marked):
            handle.write(tsv_line(values) + "\n")
    return write
