"""A story's dateline: the place written in capitals before its first sentence ("KYIV,
Ukraine (AP) --", "SEOUL -", "MOSCOW, June 19 (Reuters) -").

A dateline says where the reporter filed from, which is where many of the story's events
happened but not all of them; the coder gives it only to an event that has no place of its
own and whose actor belongs to the dateline's country ("SEOUL -- South Korea summoned the
Russian ambassador": in Seoul; "KYIV -- Russian missiles struck ...": not said where).
"""

from __future__ import annotations

import re

from redline.records import Location
from redline.whenwhere.gazetteer import Gazetteer

# CITY[, Country or State][, date][ (Agency)] followed by a dash
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'’\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’ ]{1,30}?))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?"
    r"\s*(?:--|[-–—])\s+")


def find_dateline(text: str, gazetteer: Gazetteer) -> tuple[Location, int] | None:
    """The dateline's place (resolved, or kept with its reason) and where the story's text
    starts after it; ``None`` when the text does not open with a dateline."""
    match = DATELINE.match(text)
    if match is None:
        return None
    words = match.group("city").strip()
    city = words.title()
    region = (match.group("region") or "").strip()
    story: set[str] = set()
    if region:
        hint = gazetteer.resolve(region)
        if hint.feature is not None:
            story.add(hint.feature.country)
    resolution = gazetteer.resolve(city, story)
    place = ", ".join(p for p in (city, region) if p)
    if resolution.feature is None:
        return Location(country="", place=place, found_by="dateline",
                        unresolved=resolution.reason), match.end()
    return gazetteer.location(resolution.feature, place, "dateline"), match.end()
