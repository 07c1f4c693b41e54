"""Places: the patterns that find an event's place in its sentence and the gazetteer that
resolves the words to a feature (country, ADM1, city) with its codes and point.

The gazetteer tests use the shipped data (``whenwhere/data``); the pattern tests code
ordinary news sentences with the lexicon-only coder.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from redline.coder import code_text
from redline.whenwhere.countries import country
from redline.whenwhere.datelines import find_dateline
from redline.whenwhere.gazetteer import Gazetteer, name_key
from redline.whenwhere.places import PlaceContext

PUBLISHED = date(2024, 3, 15)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def code(resources: Any) -> Any:
    def run(text: str) -> list[dict[str, Any]]:
        return [e.to_dict() for e in code_text(text, resources, PUBLISHED).events]

    return run


def place_of(events: list[dict[str, Any]], event_type: str) -> dict[str, Any] | None:
    found = [e for e in events if e["event"] == event_type]
    assert found, events
    places = {str(e["location"]) for e in found}
    assert len(places) == 1, found  # every reading of the event has the same place
    return found[0]["location"]


# -- the country table ---------------------------------------------------------------------

@pytest.mark.parametrize(("iso3", "fips", "cow"), [
    ("UKR", "UP", 369), ("KOR", "KS", 732), ("PRK", "KN", 731), ("DEU", "GM", 255),
    ("USA", "US", 2), ("RUS", "RS", 365), ("SRB", "RI", 345), ("GBR", "UK", 200)])
def test_country_codes_in_each_system(iso3: str, fips: str, cow: int):
    nation = country(iso3)
    assert nation is not None and nation.fips == fips and nation.cow_code == cow
    assert nation.lat is not None and nation.lon is not None


def test_codes_that_are_not_countries_have_no_row():
    assert country("IGOUNO") is None and country("WST") is None and country("") is None


# -- the gazetteer: one name, several features ---------------------------------------------

@pytest.mark.parametrize(("words", "story", "name", "feature", "iso3"), [
    # the story's countries settle a name two features share
    ("Georgia", {"USA"}, "Georgia", "adm1", "USA"),
    ("Georgia", {"RUS"}, "Georgia", "country", "GEO"),
    ("Georgia", set(), "Georgia", "country", "GEO"),
    ("Donetsk", {"UKR", "RUS"}, "Donetsk", "city", "UKR"),
    # ... but a capital is not lost to a small town of the story's country
    ("Paris", {"USA"}, "Paris", "capital", "FRA"),
    ("Washington", {"USA"}, "Washington", "capital", "USA"),
    ("Washington", {"GBR"}, "Washington", "capital", "USA"),
    # other spellings and diacritics
    ("Kiev", set(), "Kyiv", "capital", "UKR"),
    ("Khan Younis", set(), "Khan Yunis", "city", "PSE"),
    ("the Hague", set(), "The Hague", "city", "NLD"),
    # a city over a division of the same name, unless the words say "region"
    ("Gaza", set(), "Gaza", "city", "PSE"),
    ("Kharkiv", set(), "Kharkiv", "city", "UKR"),
])
def test_ambiguous_names_resolve_by_the_story(gazetteer: Gazetteer, words: str,
                                              story: set[str], name: str, feature: str,
                                              iso3: str):
    found = gazetteer.resolve(words, story).feature
    assert found is not None
    assert (found.name, found.feature, found.country) == (name, feature, iso3)


def test_a_division_is_asked_for_by_its_word(gazetteer: Gazetteer):
    region = gazetteer.resolve("Kharkiv", division=True).feature
    city = gazetteer.resolve("Kharkiv").feature
    assert region is not None and city is not None
    assert region.feature == "adm1" and city.feature == "city"
    assert region.adm1 == city.adm1  # the city lies in the region of its name


def test_a_resolved_place_carries_its_codes_and_point(gazetteer: Gazetteer):
    feature = gazetteer.resolve("Kharkiv", {"UKR"}).feature
    assert feature is not None
    place = gazetteer.location(feature, "Kharkiv", "place phrase")
    assert (place.country, place.fips, place.adm1_code, place.feature) == ("UKR", "UP",
                                                                           "UP07", "city")
    assert place.adm1 == "Kharkiv" and place.geonameid == 706483
    assert place.lat is not None and 49 < place.lat < 51
    assert place.lon is not None and 35 < place.lon < 37


def test_a_bare_name_of_a_foreign_division_is_not_resolved(gazetteer: Gazetteer):
    # Burkina Faso has a Sahel region; a story about Mali's jihadists means the Sahel
    assert gazetteer.resolve("Sahel", {"MLI", "FRA"}).feature is None
    assert gazetteer.resolve("Sahel", {"BFA"}).feature is not None


def test_unknown_names_are_not_given_a_point(gazetteer: Gazetteer):
    missing = gazetteer.resolve("Zzyzxville")
    assert missing.feature is None and "gazetteer" in missing.reason


def test_name_keys_ignore_case_apostrophes_and_the():
    assert name_key("The  Hague") == name_key("the hague") == "hague"
    assert name_key("Donets’k") == name_key("Donets'k")


# -- datelines -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("KYIV, Ukraine (AP) -- Russian forces shelled the city.", "Kyiv", "UKR"),
    ("SEOUL — South Korea summoned the Russian ambassador.", "Seoul", "KOR"),
    ("WASHINGTON (Reuters) - The United States imposed sanctions.", "Washington", "USA"),
    ("ATLANTA, Georgia -- Officials met on Monday.", "Atlanta", "USA"),
])
def test_datelines(gazetteer: Gazetteer, text: str, name: str, iso3: str):
    found = find_dateline(text, gazetteer)
    assert found is not None
    place, body = found
    assert (place.name, place.country, place.found_by) == (name, iso3, "dateline")
    assert text[body:][0].isupper() and "--" not in text[body:body + 3]


@pytest.mark.parametrize("text", [
    "Russia warned South Korea on Friday.",
    "U.S. lawmakers welcomed the announcement.",
    "NATO allies met in Brussels.",
])
def test_no_dateline_in_an_ordinary_opening(gazetteer: Gazetteer, text: str):
    assert find_dateline(text, gazetteer) is None


# -- the patterns in sentences ----------------------------------------------------------------

def test_a_city_in_a_place_phrase(code: Any):
    place = place_of(code("Israeli forces struck Hamas fighters in Khan Younis on Tuesday."),
                     "ASSAULT")
    assert place is not None and place["name"] == "Khan Yunis" and place["feature"] == "city"
    assert place["country"] == "PSE" and place["fips"] == "GZ"
    assert place["found_by"] == "place phrase" and place["lat"] is not None


def test_a_city_the_lexicon_codes_as_its_country(code: Any):
    # the actor lexicon knows Donetsk as a Ukrainian name; the place is the city
    place = place_of(code("Ukrainian forces shelled Russian positions in Donetsk."), "ASSAULT")
    assert place is not None and place["name"] == "Donetsk"
    assert place["feature"] == "city" and place["adm1_code"] == "UP05"


def test_a_country_in_a_participle_phrase(code: Any):
    place = place_of(code("Speaking in Vietnam, Putin warned South Korea against arming "
                          "Ukraine."), "THREATEN")
    assert place is not None and place["feature"] == "country" and place["country"] == "VNM"
    assert place["fips"] == "VM" and place["geonameid"] is not None


def test_a_region(code: Any):
    place = place_of(code("Russian troops attacked Ukrainian soldiers in the Donetsk region."),
                     "ASSAULT")
    assert place is not None and place["feature"] == "adm1" and place["name"] == "Donetsk"
    assert place["place"] == "Donetsk region"


def test_of_a_list_of_places_the_participants(code: Any):
    # "in Ukraine and Georgia": the event against Georgian soldiers is in Georgia
    events = code("Russian troops attacked Georgian soldiers in Ukraine and Georgia.")
    place = place_of(events, "ASSAULT")
    assert place is not None and place["country"] == "GEO" and place["place"] == "Georgia"


def test_a_landmark_keeps_its_words_and_no_point(code: Any):
    place = place_of(code("Indian troops clashed with Chinese soldiers at the border."),
                     "ASSAULT")
    assert place is not None and place["place"] == "the border" and not place["feature"]
    assert place["lat"] is None and "landmark" in place["unresolved"]


def test_a_capital_as_an_actor_is_not_a_place(code: Any):
    events = code("Moscow warned Seoul against arming Ukraine.")
    assert events and all(e["location"] is None for e in events)


def test_a_phrase_on_the_subject_is_not_the_events_place(code: Any):
    events = code("The Russian ambassador in Seoul criticised South Korea.")
    assert events and all(e["location"] is None for e in events)


def test_a_phrase_on_the_object_is_the_events_place(code: Any):
    place = place_of(code("Russian missiles struck Ukrainian positions near Kharkiv."),
                     "ASSAULT")
    assert place is not None and place["name"] == "Kharkiv" and place["feature"] == "city"


def test_a_body_is_not_a_place(resources: Any, gazetteer: Gazetteer):
    places = PlaceContext(gazetteer, lexicon=resources.actors)
    assert places.names_a_body("Parliament") and places.names_a_body("Congress")
    assert not places.names_a_body("Kharkiv") and not places.names_a_body("Georgia")


def test_a_month_is_not_a_place(code: Any):
    events = code("In March, Iran attacked Israel.")
    assert events and all(e["location"] is None for e in events)


@pytest.mark.parametrize(("text", "iso3"), [
    ("Pakistani police arrested militants in Hyderabad on Monday.", "PAK"),
    ("Indian police arrested militants in Hyderabad on Monday.", "IND"),
])
def test_the_story_settles_an_ambiguous_place(code: Any, text: str, iso3: str):
    # two cities of a million people share the name: the story's country decides
    place = place_of(code(text), "COERCE")
    assert place is not None and place["name"] == "Hyderabad" and place["country"] == iso3


def test_a_dateline_places_its_countrys_events_only(code: Any):
    events = code("SEOUL — South Korea summoned the Russian ambassador on Friday. Russian "
                  "missiles struck Ukraine.")
    summon = [e for e in events if e["actor"] and e["actor"][0]["code"] == "KOR"]
    strike = [e for e in events if e["event"] == "ASSAULT"]
    assert summon and all(e["location"]["name"] == "Seoul" for e in summon)
    assert all(e["location"]["found_by"] == "dateline" for e in summon)
    assert strike and all(e["location"] is None for e in strike)
