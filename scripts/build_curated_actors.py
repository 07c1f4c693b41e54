"""Write the curated actor tables ``countries.tsv`` and ``igos.tsv``.

The curated knowledge lives in this file as plain Python data; the script expands it,
normalises every phrase with the package's own normaliser (spaCy English tokenizer rules,
see ``redline.actors.normalize``) and writes sorted, deterministic TSV files in the format
described in ``src/redline/actors/data/README.md``.

    python scripts/build_curated_actors.py [--out-dir src/redline/actors/data]

Phrase notation used in the tables below (expanded by :func:`expand_phrase`):

- ``(the) X``  -> both ``the X`` and ``X`` (a name that takes an optional article);
  a plain ``the X`` (``the West``, ``the Hague``) is kept only with its article.
- ``X(s)``     -> both ``X`` and ``Xs`` (demonym adjective and people plural).
- ``Saint X``  -> also ``St. X`` and ``St X``.
- Any phrase with diacritics also gets its accent-folded spelling (``Türkiye`` -> ``Turkiye``).

Phrases are written in their natural case ("U.S.", "St. Kitts"): the spaCy tokenizer's
abbreviation exceptions are case-sensitive, so the case matters for the normalised tokens.
Codes are ISO-3166 alpha-3 (checked against ``iso3166.tsv``), ``WST`` or Phoenix-style IGO
codes (reused from the Phoenix international dictionary where it has one).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT_DIR = REPO / "src/redline/actors/data"
HEADER = ("pattern", "code", "sector", "start", "end", "name", "kind")

Row = tuple[str, str, str, str, str, str, str]


@dataclass(frozen=True)
class Country:
    """One ISO-3166 state or territory.

    ``names``, ``demonyms`` and ``capitals`` are ``|``-separated phrase lists in the notation
    described in the module docstring. The display ``name`` is always a country-kind pattern.
    """

    code: str
    name: str
    names: str = ""
    demonyms: str = ""
    capitals: str = ""


@dataclass(frozen=True)
class Extra:
    """A single extra row: a seat of government, a historical name, a bloc (``WST``)."""

    phrases: str
    code: str
    kind: str
    name: str
    sector: str = ""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Igo:
    """An intergovernmental organisation (or one of its bodies) and its phrases."""

    code: str
    name: str
    phrases: str
    start: str = ""
    end: str = ""


def C(code: str, name: str, names: str = "", dem: str = "", cap: str = "") -> Country:
    """Short constructor so that each country fits on a few readable lines."""
    return Country(code, name, names, dem, cap)


# ---------------------------------------------------------------------------------------------
# UN member states (193), the two UN observer states (VAT, PSE) and Taiwan.
# Capitals: the capital and, where different, the seat of government. Deliberately left out
# (ambiguous in news text): Malé (MDV, folds to "male"), Victoria (SYC), Georgetown (GUY;
# Georgetown University, Washington DC), St. John's (ATG; Newfoundland), St. George's (GRD),
# San José (CRI; California), Sucre (BOL; person, currency), Cape Town and Bloemfontein (ZAF),
# Lobamba (SWZ), Yaren (NRU, no official capital), Aden and Port Sudan (wartime seats),
# São Tomé, Djibouti, Singapore, Monaco, San Marino, Luxembourg and Vatican City (the city
# name is the country name and is listed as a country pattern).
# ---------------------------------------------------------------------------------------------
STATES: list[Country] = [
    C("AFG", "Afghanistan",
      "(the) Islamic Republic of Afghanistan|(the) Islamic Emirate of Afghanistan",
      "Afghan(s)", "Kabul"),
    C("AGO", "Angola", "(the) Republic of Angola", "Angolan(s)", "Luanda"),
    C("ALB", "Albania", "(the) Republic of Albania", "Albanian(s)", "Tirana|Tiranë"),
    C("AND", "Andorra", "(the) Principality of Andorra", "Andorran(s)", "Andorra la Vella"),
    C("ARE", "United Arab Emirates",
      "(the) United Arab Emirates|(the) UAE|(the) U.A.E.", "Emirati(s)", "Abu Dhabi"),
    C("ARG", "Argentina", "(the) Argentine Republic", "Argentine(s)|Argentinian(s)",
      "Buenos Aires|(the) Casa Rosada"),
    C("ARM", "Armenia", "(the) Republic of Armenia", "Armenian(s)", "Yerevan"),
    C("ATG", "Antigua and Barbuda", "Antigua", "Antiguan(s)|Barbudan(s)"),
    C("AUS", "Australia", "(the) Commonwealth of Australia", "Australian(s)", "Canberra"),
    C("AUT", "Austria", "(the) Republic of Austria", "Austrian(s)", "Vienna"),
    C("AZE", "Azerbaijan", "(the) Republic of Azerbaijan", "Azerbaijani(s)|Azeri(s)", "Baku"),
    C("BDI", "Burundi", "(the) Republic of Burundi", "Burundian(s)", "Gitega|Bujumbura"),
    C("BEL", "Belgium", "(the) Kingdom of Belgium", "Belgian(s)", "Brussels"),
    C("BEN", "Benin", "(the) Republic of Benin", "Beninese|Beninois", "Porto-Novo|Cotonou"),
    C("BFA", "Burkina Faso", "Burkina", "Burkinabe|Burkinabè", "Ouagadougou"),
    C("BGD", "Bangladesh", "(the) People's Republic of Bangladesh", "Bangladeshi(s)", "Dhaka"),
    C("BGR", "Bulgaria", "(the) Republic of Bulgaria", "Bulgarian(s)", "Sofia"),
    C("BHR", "Bahrain", "(the) Kingdom of Bahrain", "Bahraini(s)", "Manama"),
    C("BHS", "Bahamas", "(the) Bahamas|(the) Commonwealth of The Bahamas", "Bahamian(s)",
      "Nassau"),
    C("BIH", "Bosnia and Herzegovina", "Bosnia-Herzegovina|Bosnia", "Bosnian(s)", "Sarajevo"),
    C("BLR", "Belarus", "(the) Republic of Belarus",
      "Belarusian(s)|Belarussian(s)|Belorussian(s)", "Minsk"),
    C("BLZ", "Belize", "", "Belizean(s)", "Belmopan"),
    C("BOL", "Bolivia", "(the) Plurinational State of Bolivia", "Bolivian(s)", "La Paz"),
    C("BRA", "Brazil", "(the) Federative Republic of Brazil", "Brazilian(s)",
      "Brasília|(the) Planalto|(the) Planalto Palace|(the) Itamaraty"),
    C("BRB", "Barbados", "", "Barbadian(s)|Bajan(s)", "Bridgetown"),
    C("BRN", "Brunei", "Brunei Darussalam", "Bruneian(s)", "Bandar Seri Begawan"),
    C("BTN", "Bhutan", "(the) Kingdom of Bhutan", "Bhutanese", "Thimphu"),
    C("BWA", "Botswana", "(the) Republic of Botswana", "Motswana|Batswana|Botswanan(s)",
      "Gaborone"),
    C("CAF", "Central African Republic", "(the) Central African Republic", "", "Bangui"),
    C("CAN", "Canada", "", "Canadian(s)", "Ottawa"),
    C("CHE", "Switzerland", "(the) Swiss Confederation", "Swiss", "Bern|Berne"),
    C("CHL", "Chile", "(the) Republic of Chile", "Chilean(s)", "Santiago"),
    C("CHN", "China",
      "(the) People's Republic of China|(the) PRC|mainland China|Communist China",
      "Chinese", "Beijing|Zhongnanhai"),
    C("CIV", "Ivory Coast",
      "(the) Ivory Coast|Côte d'Ivoire|(the) Republic of Côte d'Ivoire", "Ivorian(s)",
      "Yamoussoukro|Abidjan"),
    C("CMR", "Cameroon", "(the) Republic of Cameroon", "Cameroonian(s)", "Yaoundé"),
    C("COD", "Democratic Republic of Congo",
      "(the) Democratic Republic of Congo|(the) Democratic Republic of the Congo|DR Congo"
      "|D.R. Congo|(the) DRC|(the) D.R.C.|Congo-Kinshasa|Congo", "Congolese", "Kinshasa"),
    C("COG", "Republic of Congo",
      "(the) Republic of Congo|(the) Republic of the Congo|Congo-Brazzaville|Congo Republic",
      "", "Brazzaville"),
    C("COL", "Colombia", "(the) Republic of Colombia", "Colombian(s)", "Bogotá"),
    C("COM", "Comoros", "(the) Comoros|(the) Union of the Comoros", "Comorian(s)", "Moroni"),
    C("CPV", "Cape Verde", "Cabo Verde|(the) Republic of Cabo Verde",
      "Cape Verdean(s)|Cabo Verdean(s)", "Praia"),
    C("CRI", "Costa Rica", "(the) Republic of Costa Rica", "Costa Rican(s)"),
    C("CUB", "Cuba", "(the) Republic of Cuba", "Cuban(s)", "Havana"),
    C("CYP", "Cyprus", "(the) Republic of Cyprus",
      "Cypriot(s)|Greek Cypriot(s)|Turkish Cypriot(s)", "Nicosia"),
    C("CZE", "Czechia", "(the) Czech Republic", "Czech(s)", "Prague"),
    C("DEU", "Germany", "(the) Federal Republic of Germany", "German(s)", "Berlin"),
    C("DJI", "Djibouti", "(the) Republic of Djibouti", "Djiboutian(s)"),
    C("DMA", "Dominica", "(the) Commonwealth of Dominica", "", "Roseau"),
    C("DNK", "Denmark", "(the) Kingdom of Denmark", "Danish|Dane(s)", "Copenhagen"),
    C("DOM", "Dominican Republic", "(the) Dominican Republic", "Dominican(s)",
      "Santo Domingo"),
    C("DZA", "Algeria", "(the) People's Democratic Republic of Algeria", "Algerian(s)",
      "Algiers"),
    C("ECU", "Ecuador", "(the) Republic of Ecuador", "Ecuadorian(s)|Ecuadorean(s)", "Quito"),
    C("EGY", "Egypt", "(the) Arab Republic of Egypt", "Egyptian(s)", "Cairo"),
    C("ERI", "Eritrea", "(the) State of Eritrea", "Eritrean(s)", "Asmara"),
    C("ESP", "Spain", "(the) Kingdom of Spain", "Spanish|Spaniard(s)",
      "Madrid|(the) Moncloa|La Moncloa|(the) Moncloa Palace"),
    C("EST", "Estonia", "(the) Republic of Estonia", "Estonian(s)", "Tallinn"),
    C("ETH", "Ethiopia", "(the) Federal Democratic Republic of Ethiopia", "Ethiopian(s)",
      "Addis Ababa"),
    C("FIN", "Finland", "(the) Republic of Finland", "Finnish|Finn(s)", "Helsinki"),
    C("FJI", "Fiji", "(the) Republic of Fiji", "Fijian(s)", "Suva"),
    C("FRA", "France", "(the) French Republic", "French|Frenchman|Frenchmen",
      "Paris|(the) Elysee|(the) Élysée|(the) Elysee Palace|(the) Élysée Palace"
      "|(the) Quai d'Orsay|Matignon"),
    C("FSM", "Micronesia", "(the) Federated States of Micronesia", "", "Palikir"),
    C("GAB", "Gabon", "(the) Gabonese Republic", "Gabonese", "Libreville"),
    C("GBR", "United Kingdom",
      "(the) United Kingdom|(the) United Kingdom of Great Britain and Northern Ireland"
      "|(the) UK|(the) U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland",
      "British|Briton(s)|Brit(s)|Scottish|Scot(s)|Welsh|Northern Irish",
      "London|Downing Street|Whitehall"),
    C("GEO", "Georgia", "(the) Republic of Georgia", "Georgian(s)", "Tbilisi"),
    C("GHA", "Ghana", "(the) Republic of Ghana", "Ghanaian(s)", "Accra"),
    C("GIN", "Guinea", "(the) Republic of Guinea|Guinea-Conakry", "Guinean(s)", "Conakry"),
    C("GMB", "Gambia", "(the) Gambia|(the) Republic of The Gambia", "Gambian(s)", "Banjul"),
    C("GNB", "Guinea-Bissau", "(the) Republic of Guinea-Bissau", "Bissau-Guinean(s)",
      "Bissau"),
    C("GNQ", "Equatorial Guinea", "(the) Republic of Equatorial Guinea",
      "Equatorial Guinean(s)|Equatoguinean(s)", "Malabo"),
    C("GRC", "Greece", "(the) Hellenic Republic", "Greek(s)", "Athens"),
    C("GRD", "Grenada", "", "Grenadian(s)"),
    C("GTM", "Guatemala", "(the) Republic of Guatemala", "Guatemalan(s)", "Guatemala City"),
    C("GUY", "Guyana", "(the) Co-operative Republic of Guyana", "Guyanese"),
    C("HND", "Honduras", "(the) Republic of Honduras", "Honduran(s)", "Tegucigalpa"),
    C("HRV", "Croatia", "(the) Republic of Croatia", "Croatian(s)|Croat(s)", "Zagreb"),
    C("HTI", "Haiti", "(the) Republic of Haiti", "Haitian(s)", "Port-au-Prince"),
    C("HUN", "Hungary", "", "Hungarian(s)", "Budapest"),
    C("IDN", "Indonesia", "(the) Republic of Indonesia", "Indonesian(s)", "Jakarta"),
    C("IND", "India", "(the) Republic of India", "Indian(s)", "New Delhi|Raisina Hill"),
    C("IRL", "Ireland", "(the) Republic of Ireland", "Irish", "Dublin"),
    C("IRN", "Iran", "(the) Islamic Republic of Iran", "Iranian(s)", "Tehran|Teheran"),
    C("IRQ", "Iraq", "(the) Republic of Iraq", "Iraqi(s)", "Baghdad"),
    C("ISL", "Iceland", "", "Icelandic|Icelander(s)", "Reykjavík"),
    # Jerusalem: Israel's seat of government; its status is disputed (East Jerusalem is
    # claimed as the Palestinian capital). Tel Aviv is not a capital and is not listed.
    C("ISR", "Israel", "(the) State of Israel", "Israeli(s)", "Jerusalem"),
    C("ITA", "Italy", "(the) Italian Republic", "Italian(s)", "Rome|Palazzo Chigi"),
    C("JAM", "Jamaica", "", "Jamaican(s)", "Kingston"),
    C("JOR", "Jordan", "(the) Hashemite Kingdom of Jordan", "Jordanian(s)", "Amman"),
    C("JPN", "Japan", "", "Japanese", "Tokyo|Kasumigaseki"),
    C("KAZ", "Kazakhstan", "(the) Republic of Kazakhstan", "Kazakh(s)|Kazakhstani(s)",
      "Astana|Nur-Sultan"),
    C("KEN", "Kenya", "(the) Republic of Kenya", "Kenyan(s)", "Nairobi"),
    C("KGZ", "Kyrgyzstan", "(the) Kyrgyz Republic", "Kyrgyz|Kyrgyzstani(s)", "Bishkek"),
    C("KHM", "Cambodia", "(the) Kingdom of Cambodia", "Cambodian(s)", "Phnom Penh"),
    C("KIR", "Kiribati", "(the) Republic of Kiribati", "I-Kiribati", "Tarawa|South Tarawa"),
    C("KNA", "Saint Kitts and Nevis", "(the) Federation of Saint Kitts and Nevis|Saint Kitts",
      "Kittitian(s)|Nevisian(s)", "Basseterre"),
    C("KOR", "South Korea",
      "(the) Republic of Korea|(the) ROK|S. Korea|S.Korea|Korea",
      "South Korean(s)|S. Korean(s)", "Seoul"),
    C("KWT", "Kuwait", "(the) State of Kuwait", "Kuwaiti(s)", "Kuwait City"),
    C("LAO", "Laos", "(the) Lao People's Democratic Republic|Lao PDR", "Lao|Laotian(s)",
      "Vientiane"),
    C("LBN", "Lebanon", "(the) Lebanese Republic", "Lebanese", "Beirut"),
    C("LBR", "Liberia", "(the) Republic of Liberia", "Liberian(s)", "Monrovia"),
    C("LBY", "Libya", "(the) State of Libya", "Libyan(s)", "Tripoli"),
    C("LCA", "Saint Lucia", "", "Saint Lucian(s)", "Castries"),
    C("LIE", "Liechtenstein", "(the) Principality of Liechtenstein", "Liechtensteiner(s)",
      "Vaduz"),
    C("LKA", "Sri Lanka", "(the) Democratic Socialist Republic of Sri Lanka",
      "Sri Lankan(s)", "Colombo"),
    C("LSO", "Lesotho", "(the) Kingdom of Lesotho", "Basotho|Mosotho", "Maseru"),
    C("LTU", "Lithuania", "(the) Republic of Lithuania", "Lithuanian(s)", "Vilnius"),
    C("LUX", "Luxembourg", "(the) Grand Duchy of Luxembourg", "Luxembourger(s)"),
    C("LVA", "Latvia", "(the) Republic of Latvia", "Latvian(s)", "Riga"),
    C("MAR", "Morocco", "(the) Kingdom of Morocco", "Moroccan(s)", "Rabat"),
    C("MCO", "Monaco", "(the) Principality of Monaco", "Monegasque(s)"),
    C("MDA", "Moldova", "(the) Republic of Moldova", "Moldovan(s)", "Chișinău|Chisinau"),
    C("MDG", "Madagascar", "(the) Republic of Madagascar", "Malagasy|Madagascan(s)",
      "Antananarivo"),
    C("MDV", "Maldives", "(the) Maldives|(the) Republic of Maldives", "Maldivian(s)"),
    C("MEX", "Mexico", "(the) United Mexican States", "Mexican(s)", "Mexico City"),
    C("MHL", "Marshall Islands", "(the) Marshall Islands|(the) Republic of the Marshall Islands",
      "Marshallese", "Majuro"),
    C("MKD", "North Macedonia", "(the) Republic of North Macedonia", "North Macedonian(s)"
      "|Macedonian(s)", "Skopje"),
    C("MLI", "Mali", "(the) Republic of Mali", "Malian(s)", "Bamako"),
    C("MLT", "Malta", "(the) Republic of Malta", "Maltese", "Valletta"),
    C("MMR", "Myanmar", "Burma|(the) Republic of the Union of Myanmar", "Burmese",
      "Naypyidaw|Naypyitaw|Nay Pyi Taw"),
    C("MNE", "Montenegro", "", "Montenegrin(s)", "Podgorica"),
    C("MNG", "Mongolia", "", "Mongolian(s)", "Ulaanbaatar|Ulan Bator"),
    C("MOZ", "Mozambique", "(the) Republic of Mozambique", "Mozambican(s)", "Maputo"),
    C("MRT", "Mauritania", "(the) Islamic Republic of Mauritania", "Mauritanian(s)",
      "Nouakchott"),
    C("MUS", "Mauritius", "(the) Republic of Mauritius", "Mauritian(s)", "Port Louis"),
    C("MWI", "Malawi", "(the) Republic of Malawi", "Malawian(s)", "Lilongwe"),
    C("MYS", "Malaysia", "", "Malaysian(s)", "Kuala Lumpur|Putrajaya"),
    C("NAM", "Namibia", "(the) Republic of Namibia", "Namibian(s)", "Windhoek"),
    C("NER", "Niger", "(the) Republic of Niger|(the) Republic of the Niger", "Nigerien(s)",
      "Niamey"),
    C("NGA", "Nigeria", "(the) Federal Republic of Nigeria", "Nigerian(s)", "Abuja"),
    C("NIC", "Nicaragua", "(the) Republic of Nicaragua", "Nicaraguan(s)", "Managua"),
    # The Hague is the seat of government (and of the ICJ and the ICC); Amsterdam the capital.
    C("NLD", "Netherlands", "(the) Netherlands|Holland|(the) Kingdom of the Netherlands",
      "Dutch|Dutchman|Dutchmen", "the Hague|Amsterdam"),
    C("NOR", "Norway", "(the) Kingdom of Norway", "Norwegian(s)", "Oslo"),
    C("NPL", "Nepal", "(the) Federal Democratic Republic of Nepal", "Nepali(s)|Nepalese",
      "Kathmandu"),
    C("NRU", "Nauru", "(the) Republic of Nauru", "Nauruan(s)"),
    C("NZL", "New Zealand", "", "New Zealander(s)", "Wellington"),
    C("OMN", "Oman", "(the) Sultanate of Oman", "Omani(s)", "Muscat"),
    C("PAK", "Pakistan", "(the) Islamic Republic of Pakistan", "Pakistani(s)", "Islamabad"),
    C("PAN", "Panama", "(the) Republic of Panama", "Panamanian(s)", "Panama City"),
    C("PER", "Peru", "(the) Republic of Peru", "Peruvian(s)", "Lima"),
    C("PHL", "Philippines", "(the) Philippines|(the) Republic of the Philippines",
      "Filipino(s)|Filipina(s)|Philippine", "Manila|Malacañang|(the) Malacañang Palace"),
    C("PLW", "Palau", "(the) Republic of Palau", "Palauan(s)", "Ngerulmud|Melekeok"),
    C("PNG", "Papua New Guinea", "(the) Independent State of Papua New Guinea|PNG",
      "Papua New Guinean(s)", "Port Moresby"),
    C("POL", "Poland", "(the) Republic of Poland", "Polish|Poles", "Warsaw"),
    C("PRK", "North Korea",
      "(the) Democratic People's Republic of Korea|(the) DPRK|N. Korea|N.Korea",
      "North Korean(s)|N. Korean(s)", "Pyongyang"),
    C("PRT", "Portugal", "(the) Portuguese Republic", "Portuguese", "Lisbon"),
    C("PRY", "Paraguay", "(the) Republic of Paraguay", "Paraguayan(s)", "Asunción"),
    C("PSE", "Palestine",
      "(the) State of Palestine|(the) Palestinian territories|(the) Palestinian Territories"
      "|(the) occupied Palestinian territories|(the) occupied Palestinian territory"
      "|Gaza|(the) Gaza Strip|(the) West Bank|(the) occupied West Bank",
      "Palestinian(s)|Gazan(s)", "Ramallah"),
    C("QAT", "Qatar", "(the) State of Qatar", "Qatari(s)", "Doha"),
    C("ROU", "Romania", "", "Romanian(s)", "Bucharest"),
    C("RUS", "Russia", "(the) Russian Federation", "Russian(s)", "Moscow|(the) Kremlin"),
    C("RWA", "Rwanda", "(the) Republic of Rwanda", "Rwandan(s)|Rwandese", "Kigali"),
    C("SAU", "Saudi Arabia", "(the) Kingdom of Saudi Arabia|KSA",
      "Saudi(s)|Saudi Arabian(s)", "Riyadh"),
    C("SDN", "Sudan", "(the) Sudan|(the) Republic of the Sudan", "Sudanese", "Khartoum"),
    C("SEN", "Senegal", "(the) Republic of Senegal", "Senegalese", "Dakar"),
    C("SGP", "Singapore", "(the) Republic of Singapore", "Singaporean(s)"),
    C("SLB", "Solomon Islands", "(the) Solomon Islands|(the) Solomons", "Solomon Islander(s)",
      "Honiara"),
    C("SLE", "Sierra Leone", "(the) Republic of Sierra Leone", "Sierra Leonean(s)",
      "Freetown"),
    C("SLV", "El Salvador", "(the) Republic of El Salvador", "Salvadoran(s)|Salvadorean(s)",
      "San Salvador"),
    C("SMR", "San Marino", "(the) Republic of San Marino", "Sammarinese"),
    C("SOM", "Somalia", "(the) Federal Republic of Somalia", "Somali(s)|Somalian(s)",
      "Mogadishu"),
    C("SRB", "Serbia", "(the) Republic of Serbia", "Serbian(s)|Serb(s)", "Belgrade"),
    C("SSD", "South Sudan", "(the) Republic of South Sudan", "South Sudanese", "Juba"),
    C("STP", "Sao Tome and Principe", "São Tomé and Príncipe",
      "Santomean(s)|São Toméan(s)"),
    C("SUR", "Suriname", "(the) Republic of Suriname|Surinam", "Surinamese", "Paramaribo"),
    C("SVK", "Slovakia", "(the) Slovak Republic", "Slovak(s)", "Bratislava"),
    C("SVN", "Slovenia", "(the) Republic of Slovenia", "Slovenian(s)|Slovene(s)", "Ljubljana"),
    C("SWE", "Sweden", "(the) Kingdom of Sweden", "Swedish|Swede(s)", "Stockholm"),
    C("SWZ", "Eswatini", "(the) Kingdom of Eswatini|Swaziland", "Swazi(s)", "Mbabane"),
    C("SYC", "Seychelles", "(the) Seychelles|(the) Republic of Seychelles", "Seychellois"),
    C("SYR", "Syria", "(the) Syrian Arab Republic", "Syrian(s)", "Damascus"),
    C("TCD", "Chad", "(the) Republic of Chad", "Chadian(s)", "N'Djamena|Ndjamena"),
    C("TGO", "Togo", "(the) Togolese Republic", "Togolese", "Lomé"),
    C("THA", "Thailand", "(the) Kingdom of Thailand", "Thai(s)", "Bangkok"),
    C("TJK", "Tajikistan", "(the) Republic of Tajikistan", "Tajik(s)|Tajikistani(s)",
      "Dushanbe"),
    C("TKM", "Turkmenistan", "", "Turkmen|Turkmenistani(s)", "Ashgabat"),
    C("TLS", "Timor-Leste", "East Timor|(the) Democratic Republic of Timor-Leste",
      "Timorese|East Timorese", "Dili"),
    C("TON", "Tonga", "(the) Kingdom of Tonga", "Tongan(s)", "Nuku'alofa"),
    C("TTO", "Trinidad and Tobago", "(the) Republic of Trinidad and Tobago|Trinidad",
      "Trinidadian(s)|Tobagonian(s)", "Port of Spain|Port-of-Spain"),
    C("TUN", "Tunisia", "(the) Tunisian Republic", "Tunisian(s)", "Tunis"),
    C("TUR", "Turkey", "Türkiye|(the) Republic of Türkiye|(the) Republic of Turkey",
      "Turkish|Turk(s)", "Ankara"),
    C("TUV", "Tuvalu", "", "Tuvaluan(s)", "Funafuti"),
    C("TWN", "Taiwan", "(the) Republic of China|(the) ROC|Chinese Taipei", "Taiwanese",
      "Taipei"),
    C("TZA", "Tanzania", "(the) United Republic of Tanzania", "Tanzanian(s)",
      "Dodoma|Dar es Salaam"),
    C("UGA", "Uganda", "(the) Republic of Uganda", "Ugandan(s)", "Kampala"),
    C("UKR", "Ukraine", "(the) Ukraine", "Ukrainian(s)", "Kyiv|Kiev|Bankova"),
    C("URY", "Uruguay", "(the) Oriental Republic of Uruguay", "Uruguayan(s)", "Montevideo"),
    C("USA", "United States",
      "(the) United States|(the) United States of America|(the) U.S.|(the) US|(the) USA"
      "|(the) U.S.A.|America",
      "American(s)",
      "Washington|Washington D.C.|(the) White House|(the) State Department|Foggy Bottom"),
    C("UZB", "Uzbekistan", "(the) Republic of Uzbekistan", "Uzbek(s)|Uzbekistani(s)",
      "Tashkent"),
    C("VAT", "Vatican", "(the) Vatican|Vatican City|(the) Vatican City State|(the) Holy See"),
    C("VCT", "Saint Vincent and the Grenadines", "Saint Vincent", "Vincentian(s)",
      "Kingstown"),
    C("VEN", "Venezuela", "(the) Bolivarian Republic of Venezuela", "Venezuelan(s)",
      "Caracas|(the) Miraflores Palace"),
    C("VNM", "Vietnam", "Viet Nam|(the) Socialist Republic of Vietnam", "Vietnamese",
      "Hanoi"),
    C("VUT", "Vanuatu", "(the) Republic of Vanuatu", "Ni-Vanuatu", "Port Vila"),
    C("WSM", "Samoa", "(the) Independent State of Samoa", "Samoan(s)", "Apia"),
    C("YEM", "Yemen", "(the) Republic of Yemen", "Yemeni(s)", "Sanaa|Sana'a"),
    C("ZAF", "South Africa", "(the) Republic of South Africa", "South African(s)", "Pretoria"),
    C("ZMB", "Zambia", "(the) Republic of Zambia", "Zambian(s)", "Lusaka"),
    C("ZWE", "Zimbabwe", "(the) Republic of Zimbabwe", "Zimbabwean(s)", "Harare"),
]

# ---------------------------------------------------------------------------------------------
# Dependent territories and special areas with an ISO code. Left out: Antarctica (ATA, a
# place, never an actor), Jersey (JEY; "New Jersey", the garment; only "Bailiwick of Jersey"),
# bare "Réunion" (folds to the English word "reunion"), Saba (BES), the capitals of
# territories except Nuuk, and San Juan (PRI; many cities of that name).
# ---------------------------------------------------------------------------------------------
TERRITORIES: list[Country] = [
    C("ABW", "Aruba", "", "Aruban(s)"),
    C("AIA", "Anguilla", "", "Anguillan(s)"),
    C("ALA", "Åland Islands", "Åland|(the) Åland Islands"),
    C("ASM", "American Samoa", "", "American Samoan(s)"),
    C("ATF", "French Southern Territories", "(the) French Southern and Antarctic Lands"
      "|(the) French Southern Territories"),
    C("BES", "Bonaire, Sint Eustatius and Saba", "Bonaire|Sint Eustatius"
      "|Caribbean Netherlands"),
    C("BLM", "Saint Barthélemy", "Saint Barts|Saint Barths"),
    C("BMU", "Bermuda", "", "Bermudian(s)"),
    C("BVT", "Bouvet Island"),
    C("CCK", "Cocos (Keeling) Islands", "(the) Cocos Islands|(the) Cocos (Keeling) Islands"
      "|(the) Keeling Islands"),
    C("COK", "Cook Islands", "(the) Cook Islands", "Cook Islander(s)"),
    C("CUW", "Curaçao", "", "Curaçaoan(s)"),
    C("CXR", "Christmas Island"),
    C("CYM", "Cayman Islands", "(the) Cayman Islands|(the) Caymans", "Caymanian(s)"),
    C("ESH", "Western Sahara", "", "Sahrawi(s)|Saharawi(s)"),
    C("FLK", "Falkland Islands", "(the) Falkland Islands|(the) Falklands|(the) Malvinas"
      "|(the) Islas Malvinas", "Falkland Islander(s)"),
    C("FRO", "Faroe Islands", "(the) Faroe Islands|(the) Faroes|(the) Faeroe Islands",
      "Faroese"),
    C("GGY", "Guernsey", "(the) Bailiwick of Guernsey"),
    C("GIB", "Gibraltar", "", "Gibraltarian(s)"),
    C("GLP", "Guadeloupe", "", "Guadeloupean(s)"),
    C("GRL", "Greenland", "", "Greenlander(s)|Greenlandic", "Nuuk"),
    C("GUF", "French Guiana", "", "French Guianese"),
    C("GUM", "Guam", "", "Guamanian(s)"),
    C("HKG", "Hong Kong", "Hong Kong SAR|(the) Hong Kong Special Administrative Region",
      "Hong Konger(s)|Hongkonger(s)"),
    C("HMD", "Heard Island and McDonald Islands", "Heard Island"),
    C("IMN", "Isle of Man", "(the) Isle of Man", "Manx"),
    C("IOT", "British Indian Ocean Territory", "(the) British Indian Ocean Territory"
      "|(the) Chagos Islands|(the) Chagos Archipelago"),
    C("JEY", "Jersey", "(the) Bailiwick of Jersey"),
    C("MAC", "Macao", "Macau|Macao SAR|Macau SAR", "Macanese"),
    C("MAF", "Saint Martin", "Saint-Martin|Collectivity of Saint Martin"),
    C("MNP", "Northern Mariana Islands", "(the) Northern Mariana Islands"
      "|(the) Northern Marianas|(the) Commonwealth of the Northern Mariana Islands"),
    C("MSR", "Montserrat", "", "Montserratian(s)"),
    C("MTQ", "Martinique", "", "Martinican(s)"),
    C("MYT", "Mayotte", "", "Mahoran(s)"),
    C("NCL", "New Caledonia", "", "New Caledonian(s)"),
    C("NFK", "Norfolk Island"),
    C("NIU", "Niue", "", "Niuean(s)"),
    C("PCN", "Pitcairn Islands", "(the) Pitcairn Islands|Pitcairn", "Pitcairn Islander(s)"),
    C("PRI", "Puerto Rico", "(the) Commonwealth of Puerto Rico", "Puerto Rican(s)"),
    C("PYF", "French Polynesia", "Tahiti", "French Polynesian(s)|Tahitian(s)"),
    C("REU", "Réunion", "Réunion Island|La Réunion"),
    C("SGS", "South Georgia and the South Sandwich Islands",
      "(the) South Sandwich Islands"),
    C("SHN", "Saint Helena", "Saint Helena, Ascension and Tristan da Cunha|Ascension Island"
      "|Tristan da Cunha", "Saint Helenian(s)"),
    C("SJM", "Svalbard and Jan Mayen", "Svalbard|Jan Mayen"),
    C("SPM", "Saint Pierre and Miquelon"),
    C("SXM", "Sint Maarten"),
    C("TCA", "Turks and Caicos Islands", "(the) Turks and Caicos Islands|(the) Turks and Caicos"),
    C("TKL", "Tokelau", "", "Tokelauan(s)"),
    C("UMI", "United States Minor Outlying Islands",
      "(the) United States Minor Outlying Islands"),
    C("VGB", "British Virgin Islands", "(the) British Virgin Islands|(the) BVI"),
    C("VIR", "U.S. Virgin Islands", "(the) U.S. Virgin Islands|(the) US Virgin Islands"
      "|(the) United States Virgin Islands|(the) USVI"),
    C("WLF", "Wallis and Futuna"),
]

# ---------------------------------------------------------------------------------------------
# Seats of government other than capitals, with a sector other than GOV or with dates, and
# historical names. Kind ``capital`` rows stand for the government (or the named sector).
# ---------------------------------------------------------------------------------------------
EXTRAS: list[Extra] = [
    Extra("(the) Pentagon", "USA", "capital", "United States", "MIL"),
    Extra("Capitol Hill", "USA", "capital", "United States", "LEG"),
    Extra("Westminster", "GBR", "capital", "United Kingdom", "LEG"),
    # South Korea's presidential office moved from the Blue House to Yongsan on 2022-05-10.
    Extra("(the) Blue House|Cheong Wa Dae", "KOR", "capital", "South Korea", "GOV",
          end="2022-05-09"),
    # Mexico's presidential residence until Andrés Manuel López Obrador took office.
    Extra("Los Pinos", "MEX", "capital", "Mexico", "GOV", end="2018-11-30"),
    # Former capitals.
    Extra("Yangon|Rangoon", "MMR", "capital", "Myanmar", "GOV", end="2005-11-05"),
    Extra("Almaty|Alma-Ata", "KAZ", "capital", "Kazakhstan", "GOV", end="1997-12-09"),
    Extra("Lagos", "NGA", "capital", "Nigeria", "GOV", end="1991-12-11"),
    # The Soviet Union is coded as Russia (its continuator state) until its dissolution.
    Extra("(the) Soviet Union|(the) USSR|(the) U.S.S.R.|(the) Union of Soviet Socialist Republics",
          "RUS", "country", "Soviet Union", end="1991-12-25"),
    Extra("Soviet(s)", "RUS", "demonym", "Soviet Union", end="1991-12-25"),
    Extra("Zaire", "COD", "country", "Zaire", end="1997-05-17"),
    Extra("West Germany", "DEU", "country", "West Germany", end="1990-10-02"),
    Extra("West German(s)", "DEU", "demonym", "West Germany", end="1990-10-02"),
    # "Macedonia" meant the country until the Prespa agreement renamed it (2019-02-12); after
    # that it is mostly the Greek region or the historical region.
    Extra("Macedonia|FYROM|(the) Former Yugoslav Republic of Macedonia", "MKD", "country",
          "North Macedonia", end="2019-02-11"),
    # The West.
    Extra("the West|Western countries|Western nations|Western powers|Western allies"
          "|Western governments|(the) Western democracies", "WST", "country", "the West"),
    Extra("Western|Westerner(s)", "WST", "demonym", "the West"),
]

# ---------------------------------------------------------------------------------------------
# Intergovernmental organisations. Codes reused from Phoenix.International.actors.txt where it
# has one; the codes marked INVENTED follow the same pattern (IGO + region/theme + org).
# ---------------------------------------------------------------------------------------------
IGOS: list[Igo] = [
    # United Nations and its principal organs (all IGOUNO, as in Phoenix). A bare "Security
    # Council" / "Human Rights Council" is left to agents.tsv (national security councils):
    # only the forms with "the" or a UN prefix are listed.
    Igo("IGOUNO", "United Nations",
        "(the) United Nations|(the) UN|(the) U.N.|UN Security Council|U.N. Security Council"
        "|(the) United Nations Security Council|the Security Council|UNSC"
        "|UN General Assembly|U.N. General Assembly|(the) United Nations General Assembly"
        "|UNGA|UN Secretary-General|U.N. Secretary-General|United Nations Secretary-General"
        "|(the) Secretary-General of the United Nations|UN chief|U.N. chief"
        "|UN Secretariat|U.N. Secretariat|(the) United Nations Secretariat|ECOSOC"
        "|(the) UN Economic and Social Council|OCHA|UN humanitarian office"
        "|U.N. humanitarian office|UN Office for the Coordination of Humanitarian Affairs"
        "|UNIFIL|MONUSCO|UNMISS|MINUSMA|UNAMA|UNAMI|UNFICYP|UNDOF"),
    Igo("IGOUNOHRI", "UN Human Rights Council",
        "(the) UN Human Rights Council|(the) U.N. Human Rights Council"
        "|(the) United Nations Human Rights Council|the Human Rights Council|UNHRC"),
    Igo("IGOUNOHRIHCH", "UN High Commissioner for Human Rights",
        "OHCHR|UN High Commissioner for Human Rights|U.N. High Commissioner for Human Rights"
        "|(the) United Nations High Commissioner for Human Rights|UN human rights office"
        "|U.N. human rights office|(the) Office of the High Commissioner for Human Rights"
        "|UN human rights chief|U.N. human rights chief"),
    Igo("IGOUNOREFHCR", "UNHCR",
        "UNHCR|UN refugee agency|U.N. refugee agency|UN High Commissioner for Refugees"
        "|U.N. High Commissioner for Refugees|(the) United Nations High Commissioner for Refugees"
        "|UN High Commission for Refugees|(the) UN refugee chief|(the) U.N. refugee chief"),
    Igo("IGOUNOREFRWA", "UNRWA",  # INVENTED
        "UNRWA|(the) UN Relief and Works Agency|(the) U.N. Relief and Works Agency"
        "|(the) United Nations Relief and Works Agency|(the) UN agency for Palestinian refugees"
        "|(the) U.N. agency for Palestinian refugees|(the) UN Palestinian refugee agency"
        "|(the) U.N. Palestinian refugee agency"),
    Igo("IGOUNOKID", "UNICEF",
        "UNICEF|(the) United Nations Children's Fund|(the) UN Children's Fund"
        "|(the) U.N. Children's Fund|(the) UN children's agency|(the) U.N. children's agency"),
    Igo("IGOUNOHLHWHO", "World Health Organization",
        "(the) WHO|(the) World Health Organization|(the) World Health Organisation"
        "|(the) World Health Assembly|(the) UN health agency|(the) U.N. health agency"),
    Igo("IGOUNOIAE", "International Atomic Energy Agency",
        "IAEA|(the) International Atomic Energy Agency|(the) UN nuclear watchdog"
        "|(the) U.N. nuclear watchdog"),
    Igo("IGOUNOWFP", "World Food Programme",
        "WFP|(the) World Food Programme|(the) World Food Program|(the) UN food agency"
        "|(the) U.N. food agency"),
    Igo("IGOUNOJUDICJ", "International Court of Justice",
        "ICJ|(the) International Court of Justice|(the) World Court"),
    Igo("IGOUNODEV", "UN development agencies",
        "UNDP|(the) United Nations Development Programme|(the) UN Development Programme"
        "|UNESCO|(the) United Nations Educational, Scientific and Cultural Organization"),
    Igo("IGOUNOAGRFAO", "Food and Agriculture Organization",
        "FAO|(the) Food and Agriculture Organization|(the) Food and Agriculture Organisation"),
    Igo("IGOUNOLABILO", "International Labour Organization",
        "ILO|(the) International Labour Organization|(the) International Labor Organization"
        "|(the) International Labour Organisation"),
    Igo("IGOUNODEVWBK", "World Bank", "(the) World Bank|(the) World Bank Group"),
    Igo("IGOBUSIMF", "International Monetary Fund", "IMF|(the) International Monetary Fund"),
    Igo("IGOBUSWTO", "World Trade Organization",
        "WTO|(the) World Trade Organization|(the) World Trade Organisation"),
    Igo("IGOUNOAIE", "International Energy Agency", "IEA|(the) International Energy Agency"),
    Igo("IGOJUDICC", "International Criminal Court", "ICC|(the) International Criminal Court"),
    Igo("IGOCOPITP", "Interpol",
        "Interpol|(the) International Criminal Police Organization"),
    Igo("IGOOPW", "OPCW",  # INVENTED (Phoenix codes it as a bare IGO)
        "OPCW|(the) Organisation for the Prohibition of Chemical Weapons"
        "|(the) Organization for the Prohibition of Chemical Weapons"
        "|(the) global chemical weapons watchdog|(the) chemical weapons watchdog"),
    # Europe and the Atlantic.
    Igo("IGOWSTNAT", "NATO",
        "NATO|(the) North Atlantic Treaty Organization|(the) North Atlantic Treaty Organisation"
        "|(the) North Atlantic Alliance|(the) Atlantic Alliance|(the) North Atlantic Council"),
    Igo("IGOEUREEC", "European Union",
        "(the) European Union|(the) EU|(the) E.U.|(the) European Commission|(the) EU Commission"
        "|(the) European Council|(the) Council of the European Union|(the) Council of the EU"
        "|(the) European Parliament|(the) EU Parliament|(the) European Court of Justice"
        "|(the) Court of Justice of the European Union|(the) European External Action Service"
        "|EEAS|(the) European Community|(the) European Economic Community|(the) EEC"
        "|(the) European Central Bank|ECB|(the) Eurogroup"),
    Igo("IGOEURCOE", "Council of Europe",
        "(the) Council of Europe|(the) European Court of Human Rights|ECHR"),
    Igo("IGOEURSCE", "OSCE",
        "OSCE|(the) Organization for Security and Cooperation in Europe"
        "|(the) Organization for Security and Co-operation in Europe"
        "|(the) Organisation for Security and Cooperation in Europe"
        "|(the) Organisation for Security and Co-operation in Europe|CSCE"
        "|(the) Conference on Security and Cooperation in Europe"
        "|(the) Conference on Security and Co-operation in Europe"),
    Igo("IGOWSTBUS", "OECD",
        "OECD|(the) Organisation for Economic Co-operation and Development"
        "|(the) Organization for Economic Cooperation and Development"
        "|(the) Organisation for Economic Cooperation and Development"
        "|(the) Organization for Economic Co-operation and Development"),
    Igo("IGOEURDEVEBR", "European Bank for Reconstruction and Development",
        "EBRD|(the) European Bank for Reconstruction and Development"),
    Igo("IGOEURBUSEFT", "European Free Trade Association",
        "EFTA|(the) European Free Trade Association"),
    Igo("IGOEEU", "Warsaw Pact", "(the) Warsaw Pact|(the) Warsaw Treaty Organization",
        end="1991-07-01"),
    # Post-Soviet space.
    Igo("IGOCASCIS", "Commonwealth of Independent States",
        "CIS|(the) Commonwealth of Independent States"),
    Igo("IGOCASCST", "Collective Security Treaty Organization",  # INVENTED
        "CSTO|(the) Collective Security Treaty Organization"
        "|(the) Collective Security Treaty Organisation"),
    Igo("IGOCASEAE", "Eurasian Economic Union",  # INVENTED
        "EAEU|(the) Eurasian Economic Union"),
    Igo("IGOCAS", "Shanghai Cooperation Organisation",
        "SCO|(the) Shanghai Cooperation Organisation|(the) Shanghai Cooperation Organization"),
    # Groups of states.
    Igo("IGOGOS", "Group of Seven", "G7|G-7|(the) Group of Seven"),
    Igo("IGOGOE", "Group of Eight", "G8|G-8|(the) Group of Eight"),
    Igo("IGOBUSGTW", "Group of Twenty", "G20|G-20|(the) Group of Twenty|(the) Group of 20"),  # INV.
    Igo("IGOBUSBRC", "BRICS", "BRICS"),  # INVENTED
    Igo("IGOBUSGSS", "Group of 77", "G77|G-77|(the) Group of 77|(the) Group of Seventy-Seven"),
    Igo("IGONON", "Non-Aligned Movement", "(the) Non-Aligned Movement"),
    Igo("IGOCWN", "Commonwealth of Nations",
        "the Commonwealth|(the) Commonwealth of Nations|(the) Commonwealth Secretariat|CHOGM"
        "|(the) Commonwealth Heads of Government Meeting"),
    Igo("IGOMOSOIC", "Organisation of Islamic Cooperation",
        "OIC|(the) Organisation of Islamic Cooperation|(the) Organization of Islamic Cooperation"
        "|(the) Organization of the Islamic Conference"
        "|(the) Organisation of the Islamic Conference"),
    Igo("IGOMOSDEVIDB", "Islamic Development Bank", "(the) Islamic Development Bank|IsDB"),
    Igo("IGOBUSOPC", "OPEC",
        "OPEC|OPEC+|OPEC Plus|(the) Organization of the Petroleum Exporting Countries"
        "|(the) Organization of Petroleum Exporting Countries"
        "|(the) Organisation of the Petroleum Exporting Countries"),
    # Middle East.
    Igo("IGOMEAARL", "Arab League",
        "(the) Arab League|(the) League of Arab States"),
    Igo("IGOPGSGCC", "Gulf Cooperation Council",
        "GCC|(the) Gulf Cooperation Council|(the) Gulf Co-operation Council"
        "|(the) Cooperation Council for the Arab States of the Gulf"),
    # Africa.
    Igo("IGOAFRAFU", "African Union",
        "(the) African Union|(the) AU|(the) African Union Commission|(the) AU Commission"
        "|(the) AU Peace and Security Council|AUPSC"),
    Igo("IGOAFROAU", "Organisation of African Unity",
        "OAU|(the) Organization of African Unity|(the) Organisation of African Unity",
        end="2002-07-09"),
    Igo("IGOWAFWAS", "ECOWAS",
        "ECOWAS|(the) Economic Community of West African States|ECOMOG"),
    Igo("IGOSAFDEVSAD", "Southern African Development Community",
        "SADC|(the) Southern African Development Community"),
    Igo("IGOEAFDEVIAD", "Intergovernmental Authority on Development",
        "IGAD|(the) Intergovernmental Authority on Development"),
    Igo("IGOEAFEAC", "East African Community", "(the) East African Community"),
    Igo("IGOCAFECA", "Economic Community of Central African States",
        "ECCAS|(the) Economic Community of Central African States"),
    Igo("IGOAFRDEVAFB", "African Development Bank", "AfDB|(the) African Development Bank"),
    # Asia and the Pacific.
    Igo("IGOSEAASN", "ASEAN",
        "ASEAN|(the) Association of Southeast Asian Nations"
        "|(the) Association of South East Asian Nations"),
    Igo("IGOSASSAA", "SAARC",
        "SAARC|(the) South Asian Association for Regional Cooperation"),
    Igo("IGOASADEVADB", "Asian Development Bank", "(the) Asian Development Bank"),
    Igo("IGOASABUSAPC", "APEC",  # INVENTED
        "APEC|(the) Asia-Pacific Economic Cooperation|(the) Asia Pacific Economic Cooperation"),
    # The Americas.
    Igo("IGOOAS", "Organization of American States",
        "OAS|(the) Organization of American States|(the) Organisation of American States"),
    Igo("IGOCRB", "Caribbean Community", "CARICOM|(the) Caribbean Community"),
    Igo("IGOSAM", "Andean Community", "(the) Andean Community|UNASUR"
        "|(the) Union of South American Nations"),
    Igo("IGOSAMMER", "Mercosur", "Mercosur|Mercosul"),  # INVENTED
]

INVENTED_IGO_CODES = (
    "IGOUNOREFRWA", "IGOOPW", "IGOCASCST", "IGOCASEAE", "IGOBUSGTW", "IGOBUSBRC",
    "IGOASABUSAPC", "IGOSAMMER",
)

KINDS = ("country", "demonym", "capital", "igo")
SECTORS = ("", "GOV", "MIL", "LEG")


# ---------------------------------------------------------------------------------------------
# Expansion and normalisation
# ---------------------------------------------------------------------------------------------
def fold_accents(text: str) -> str:
    """Drop combining diacritics: "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def expand_phrase(phrase: str) -> list[str]:
    """Expand one phrase in the table notation into its surface variants (see module doc)."""
    phrase = phrase.strip()
    variants = [phrase]
    if phrase.startswith("(the) "):
        bare = phrase[len("(the) "):]
        variants = ["the " + bare, bare]
    if any(v.endswith("(s)") for v in variants):
        variants = [w for v in variants for w in (v[:-3], v[:-3] + "s")]
    saints: list[str] = []
    for v in variants:
        saints.append(v)
        for prefix in ("Saint ", "the Saint "):
            if v.startswith(prefix):
                rest = v[len(prefix):]
                head = prefix[: -len("Saint ")]
                saints += [f"{head}St. {rest}", f"{head}St {rest}"]
    variants = saints
    folded = [fold_accents(v) for v in variants]
    out: list[str] = []
    for v in variants + folded:
        if v not in out:
            out.append(v)
    return out


def split_phrases(spec: str) -> list[str]:
    """Split a ``|``-separated phrase list and expand each phrase."""
    return [v for p in spec.split("|") if p.strip() for v in expand_phrase(p)]


def make_normalizer() -> Callable[[str], str]:
    """Return ``phrase -> pattern`` using the package normaliser and spaCy's English rules."""
    sys.path.insert(0, str(REPO / "src"))
    import spacy

    from redline.actors.normalize import normalize_phrase, spacy_tokenize

    tokenize = spacy_tokenize(spacy.blank("en").tokenizer)

    def normalize(phrase: str) -> str:
        return " ".join(normalize_phrase(phrase, tokenize))

    return normalize


# ---------------------------------------------------------------------------------------------
# Row building
# ---------------------------------------------------------------------------------------------
def country_items() -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """Yield ``(phrase, code, sector, start, end, name, kind)`` for states, territories, extras."""
    for c in STATES + TERRITORIES:
        for phrase in split_phrases(f"{c.name}|{c.names}"):
            yield phrase, c.code, "", "", "", c.name, "country"
        for phrase in split_phrases(c.demonyms):
            yield phrase, c.code, "", "", "", c.name, "demonym"
        for phrase in split_phrases(c.capitals):
            yield phrase, c.code, "GOV", "", "", c.name, "capital"
    for e in EXTRAS:
        for phrase in split_phrases(e.phrases):
            yield phrase, e.code, e.sector, e.start, e.end, e.name, e.kind


def igo_items() -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """Yield ``(phrase, code, sector, start, end, name, kind)`` for the IGO table."""
    for g in IGOS:
        for phrase in split_phrases(g.phrases):
            yield phrase, g.code, "", g.start, g.end, g.name, "igo"


def build_rows(
    items: Iterable[tuple[str, str, str, str, str, str, str]], normalize: Callable[[str], str]
) -> list[Row]:
    """Normalise the phrases, drop exact repeats and refuse conflicting repeats."""
    by_key: dict[tuple[str, str, str], Row] = {}
    for phrase, code, sector, start, end, name, kind in items:
        pattern = normalize(phrase)
        if not pattern:
            raise ValueError(f"phrase {phrase!r} normalises to nothing")
        row: Row = (pattern, code, sector, start, end, name, kind)
        key = (pattern, code, kind)
        if key in by_key and by_key[key] != row:
            raise ValueError(f"conflicting rows for {key}: {by_key[key]} vs {row}")
        by_key[key] = row
    return sorted(by_key.values())


def check_rows(rows: list[Row], valid_codes: set[str]) -> None:
    """Refuse bad codes, kinds, sectors, dates, and undated patterns with two codes."""
    date = re.compile(r"^(\d{4}-\d{2}-\d{2})?$")
    undated: dict[str, set[str]] = {}
    for pattern, code, sector, start, end, _name, kind in rows:
        if not (code in valid_codes or code == "WST" or code.startswith("IGO")):
            raise ValueError(f"unknown code {code!r} for {pattern!r}")
        if kind not in KINDS or sector not in SECTORS:
            raise ValueError(f"bad kind/sector {kind!r}/{sector!r} for {pattern!r}")
        if not (date.match(start) and date.match(end)):
            raise ValueError(f"bad dates {start!r}-{end!r} for {pattern!r}")
        if not start and not end:
            undated.setdefault(pattern, set()).add(code)
    clashes = {p: sorted(c) for p, c in undated.items() if len(c) > 1}
    if clashes:
        raise ValueError(f"patterns with several undated codes: {clashes}")


def read_iso_codes(path: Path) -> set[str]:
    """Read the ``code`` column of ``iso3166.tsv``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[0] != "code":
        raise ValueError(f"{path}: expected a 'code<TAB>name' header")
    return {line.split("\t")[0] for line in lines[1:] if line.strip()}


def write_tsv(rows: list[Row], out: Path) -> None:
    """Write the rows under the README header, UTF-8, LF line endings."""
    for row in rows:
        if any("\t" in f or "\n" in f for f in row):
            raise ValueError(f"tab or newline in row {row}")
    lines = ["\t".join(HEADER)] + ["\t".join(row) for row in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def build_all(out_dir: Path) -> dict[str, list[Row]]:
    """Build both tables (not written); keys are the file names."""
    normalize = make_normalizer()
    valid = read_iso_codes(out_dir / "iso3166.tsv")
    for c in STATES + TERRITORIES:
        if c.code not in valid:
            raise ValueError(f"{c.code} ({c.name}) is not in iso3166.tsv")
    countries = build_rows(country_items(), normalize)
    igos = build_rows(igo_items(), normalize)
    check_rows(countries + igos, valid)
    return {"countries.tsv": countries, "igos.tsv": igos}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args()
    for file_name, rows in build_all(args.out_dir).items():
        write_tsv(rows, args.out_dir / file_name)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[6]] = counts.get(row[6], 0) + 1
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"wrote {len(rows)} rows to {args.out_dir / file_name} ({summary})")


if __name__ == "__main__":
    main()
