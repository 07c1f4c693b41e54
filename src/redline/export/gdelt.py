"""GDELT 2.0 event rows (``gdelt``).

Tab-separated rows in the column order of the GDELT 2.0 event table
(:data:`GDELT_COLUMNS`, 61 columns, no header line, as in GDELT's own files). The
names are those of GDELT's 2.0 column header file and BigQuery table (the 2.0 codebook
calls the first columns ``GlobalEventID`` and ``Day``). One row per event: Actor1 is
the first actor, Actor2 the first recipient.

- ``GLOBALEVENTID``: ``int(id[:15], 16)``, a stable integer from our hex id.
- ``SQLDATE`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year``; ``FractionDate`` is
  ``year + (day_of_year - 1) / days_in_year`` with 4 decimals, which stays in the
  codebook's 0-0.9999 range (its own ``(MONTH * 30 + DAY) / 365`` does not).
- ``ActorNCode``: country code + sector (``RUSGOV``), IGO codes as they are
  (``IGOUNO``); ``ActorNName``: the canonical name; ``ActorNCountryCode``: the
  ISO-3166 alpha-3 code, empty for ``WST``, IGOs and the other non-state codes;
  ``ActorNKnownGroupCode``: for an IGO, the last three letters of its code (``UNO``),
  as in CAMEO; ``ActorNType1-3Code``: ``IGO`` for an IGO, then the sector in 3-letter
  pieces. Ethnic and religion codes: empty.
- ``IsRootEvent``: 1 for sentence 0, else 0.
- ``EventCode``: our ``cameo``; ``EventBaseCode`` its first 3 digits,
  ``EventRootCode`` its first 2 (strings, leading zeros kept: ``042``, ``04``).
- ``QuadClass``: ``quad``; ``GoldsteinScale``: ``intensity`` (the PLOVER intensity,
  on the same -10..10 scale).
- ``NumMentions``/``NumSources``/``NumArticles``: ``num_mentions``/``num_sources``/
  ``num_documents`` of the event's cluster in ``event_clusters``, else 1/1/1.
- ``AvgTone``: empty (we do not measure tone).
- ``Actor1Geo_*``, ``Actor2Geo_*``: no place; ``_Type`` 0, the rest empty.
  ``ActionGeo_*``: from ``location``: ``_Type`` 1 (country), ``_FullName`` the place
  (else the country code), ``_CountryCode`` the ISO-3166 alpha-3 code (GDELT uses
  FIPS 10-4 two-letter codes here: we have ISO3 and write it), the rest empty; no
  location: ``_Type`` 0, the rest empty.
- ``DATEADDED``: the document's ``ingested_at`` as YYYYMMDDHHMMSS (GDELT's is UTC;
  ours is the clock of the machine that ran ``redline ingest``).
- ``SOURCEURL``: the document's ``url``, else its id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import IO, Any

from redline.export.values import actors, number, text, tsv_line


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

# codes in an actor's ``code`` field that are not countries (PLOVER's non-state codes)
NON_STATE_CODES = frozenset({"WST", "IGO", "NGO", "ISM", "IMG", "MNC"})


def gdelt_event_id(event_id: str) -> int:
    """GDELT's integer GLOBALEVENTID from our 16-hex-digit id (any other id: via SHA-1)."""
    head = event_id[:15]
    try:
        return int(head, 16)
    except ValueError:
        return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _fraction_date(day: date) -> str:
    days_in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    fraction = (day.timetuple().tm_yday - 1) / days_in_year
    return f"{day.year + fraction:.4f}"


def _gdelt_actor(actor: dict[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * 10
    code = text(actor.get("code")).strip().upper()
    sector = text(actor.get("sector")).strip().upper()
    is_igo = code.startswith("IGO")
    country = code if len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES else ""
    known_group = code[-3:] if is_igo and len(code) > 3 else ""
    types = (["IGO"] if is_igo else []) + [sector[i:i + 3] for i in range(0, len(sector), 3)]
    types = (types + ["", "", ""])[:3]
    return [code + sector, text(actor.get("name")), country, known_group, "", "", "", *types]


def _no_geo() -> list[str]:
    return ["0", "", "", "", "", "", "", ""]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """An event row as the 61 GDELT 2.0 event columns (strings, in :data:`GDELT_COLUMNS`
    order)."""
    day = row.get("date")
    if isinstance(day, date):
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
                 _fraction_date(day)]
    else:
        dates = ["", "", "", ""]
    actor_list = actors(row.get("actor"))
    recipients = actors(row.get("recipient"))
    cameo = text(row.get("cameo")).strip()
    clustered = row.get("cluster_id") is not None
    loc = row.get("location") or {}
    country = text(loc.get("country"))
    place = text(loc.get("place"))
    if country or place:
        action_geo = ["1", place or country, country, "", "", "", "", ""]
    else:
        action_geo = _no_geo()
    ingested = row.get("doc_ingested_at")
    values = [
        str(gdelt_event_id(text(row.get("id")))), *dates,
        *_gdelt_actor(actor_list[0] if actor_list else None),
        *_gdelt_actor(recipients[0] if recipients else None),
        "1" if row.get("sentence_index") == 0 else "0",
        cameo, cameo[:3], cameo[:2],
        number(row.get("quad")), number(row.get("intensity")),
        number(row.get("num_mentions")) if clustered else "1",
        number(row.get("num_sources")) if clustered else "1",
        number(row.get("num_documents")) if clustered else "1",
        "",  # AvgTone
        *_no_geo(), *_no_geo(), *action_geo,
        ingested.strftime("%Y%m%d%H%M%S") if isinstance(ingested, datetime) else "",
        text(row.get("doc_url")) or text(row.get("doc_id")),
    ]
    assert len(values) == len(GDELT_COLUMNS)
    return values


def start(handle: IO[str]) -> Callable[[dict[str, Any]], None]:
    """GDELT's files have no header line."""
    def write(row: dict[str, Any]) -> None:
        handle.write(tsv_line(gdelt_row(row)) + "\n")
    return write
