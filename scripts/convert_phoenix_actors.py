"""Convert the Phoenix (PETRARCH2/TABARI) actor and agent dictionaries into redline's data.

    python scripts/convert_phoenix_actors.py --dicts ../shared/data/dicts \
        --out src/redline/actors/data

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` and writes
``phoenix_actors.tsv.gz`` and ``agents.tsv`` in the format of ``src/redline/actors/data/README.md``.
The output is deterministic: rows are sorted and the gzip header carries no name and mtime 0,
so a rebuild from the same inputs gives identical bytes.

How the Phoenix format is read (the rules of PETRARCH2's ``PETRreader.read_actor_dictionary``,
with its bugs fixed where they garble the data):

* ``#`` starts a comment anywhere on a line; a comment's text is kept only to recognise the
  leader lists (``# CountryInfo.txt``, ``# IGOrulers.txt``).
* A root line starts an entry; ``+`` lines add synonyms; ``[CODE]``, ``[CODE yymmdd-yymmdd]``,
  ``[CODE >yymmdd]`` and ``[CODE <yymmdd]`` (on the root line or on following lines, several
  to a line) give the entry's codes. All phrases of an entry share all its codes.
* A root without any code that is followed directly by another root is a synonym of the
  entry that follows (Phoenix lists name variants that way, e.g. ``LEONID_BREZHNEV_``).
* Dates: ``a-b`` holds from a up to the day before b (PETRARCH tests ``a <= date < b``),
  ``>a`` from a on, ``<b`` up to the day before b; a bare code is the fallback outside the
  ranges. Two-digit years 00-30 are 20xx, others 19xx.
* A phrase that does not end in ``_`` lets its last word take endings in TABARI: we emit the
  phrase and its plural (not for persons, nor for names in ``-a``/``-s``).
* A pattern listed by several entries keeps the rows of the first one (PETRARCH lets the last
  win; the later files re-list names with coarser or wrong codes).

Codes become ISO-3166 alpha-3 + sector (see :func:`map_code`); MNC, NGO, IMG, regional and
historic-state codes are dropped and counted. Kinds: ``person`` (leader lists, dated
ELI/GOV/IGO codes), ``igo``, ``country`` (entries with a bare country code; their synonyms that
are the capital become ``capital``/GOV), ``group`` (MilNonState, REB/UAF/OPP/PTY), else ``org``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from redline.actors.normalize import normalize_phrase, spacy_tokenize  # noqa: E402

Tokenize = Callable[[str], Iterable[str]]

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
ACTORS_OUT = "phoenix_actors.tsv.gz"
AGENTS_OUT = "agents.tsv"
ISO_FILE = "iso3166.tsv"
ACTOR_HEADER = ("pattern", "code", "sector", "start", "end", "name", "kind")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# CAMEO country codes that differ from ISO-3166 alpha-3 (old ISO codes and COW-style ones).
CAMEO_TO_ISO = {
    "ROM": "ROU",
    "TMP": "TLS",
    "ZAR": "COD",
    "ANG": "AGO",
    "BUR": "MMR",
    "IMY": "IMN",
}

# First segments that name no state; the value is the reason printed in the summary.
NON_STATE = {
    "MNC": "multinational corporation (MNC)",
    "NGO": "non-governmental organisation (NGO)",
    "NGM": "non-governmental movement (NGM)",
    "IMG": "international militarized group (IMG)",
    "INT": "international, no country (INT)",
    "UIS": "unidentified state actor (UIS)",
}
REGIONS = _words(
    "AFR ASA BLK CAS CAU CFR CRB EAF EEU EIN EUR LAM MDE MEA NAF NMR SAF SAM SAS SCN SEA WAF WEU"
)
HISTORIC = _words("USR SUN YUG SCG FRY CSK DDR SRP KRJ")
NO_ISO = {"KSV": "Kosovo has no ISO-3166 code", "KOS": "Kosovo has no ISO-3166 code"}
FICTIONAL = frozenset({"KNT"})  # Kinakuta, TABARI's test country
# CAMEO sector, religion and type codes. Only used so that a sector that happens to be an ISO
# code (MUS Muslim / Mauritius) is not read as a territory in e.g. ``IMGMUS``.
SECTORS = _words(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI LAB LEG HLH REF MOD RAD AGR "
    "DEV ENV HRI UAF UNR UNO OCC AUT IGO NGO NGM MNC IMG INS SEP AMN IRC PPL SET ATH BAH "
    "BUD CHR CTH DOX HIN ITR JAN JEW MOS MUS ORT PRO SHI SIK SUF SUN TAO ZRO"
)
GROUP_SECTORS = frozenset({"REB", "UAF", "OPP", "PTY"})
PERSON_MARKERS = ("CountryInfo.txt", "IGOrulers.txt")
ORG_WORDS = _words(
    "administration agency alliance amro army assembly authority bank brigade brigades "
    "bureau cabinet coalition command commission committee community congress council "
    "court federation forces front government group junta kingdom league ministry "
    "movement organisation organization parliament party politburo presidency republic "
    "secretariat soviet state tribunal union volkskammer"
)


def place_key(text: str) -> str:
    """Letters only, lower case: ``st . john 's`` and ``St. John's`` meet as ``stjohns``."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


# Seats of government used for the government ("the Kremlin said"): kind capital when the
# Phoenix entry codes them as GOV.
SEATS = frozenset(
    place_key(seat)
    for seat in {
        "kremlin",
        "the kremlin",
        "white house",
        "the white house",
        "number 10 downing street",
        "10 downing street",
        "downing street",
        "elysee",
        "elysee palace",
        "blue house",
        "zhongnanhai",
    }
)

# Capitals and seats of government, by ISO code; several spellings where Phoenix uses them.
# City-states whose capital shares the country's name (Singapore, Djibouti, Monaco, Hong Kong...)
# are left out: there the name means the country.
_CAPITALS = """
AFG kabul|ALB tirana|tirane|DZA algiers|AND andorra la vella|AGO luanda|ATG st. john's|
saint john's|ARG buenos aires|ARM yerevan|AUS canberra|AUT vienna|wien|AZE baku|BHS nassau|
BHR manama|BGD dhaka|dacca|BRB bridgetown|BLR minsk|BEL brussels|bruxelles|BLZ belmopan|
BEN porto-novo|porto novo|cotonou|BTN thimphu|BOL la paz|sucre|BIH sarajevo|BWA gaborone|
BRA brasilia|brasília|BRN bandar seri begawan|BGR sofia|BFA ouagadougou|BDI gitega|bujumbura|
CPV praia|KHM phnom penh|CMR yaounde|yaoundé|CAN ottawa|CAF bangui|TCD n'djamena|ndjamena|
CHL santiago|CHN beijing|peking|COL bogota|bogotá|COM moroni|COD kinshasa|COG brazzaville|
CRI san jose|san josé|CIV yamoussoukro|abidjan|HRV zagreb|CUB havana|la habana|CYP nicosia|
CZE prague|praha|DNK copenhagen|DMA roseau|DOM santo domingo|ECU quito|
EGY cairo|SLV san salvador|GNQ malabo|ERI asmara|asmera|EST tallinn|SWZ mbabane|lobamba|
ETH addis ababa|FJI suva|FIN helsinki|FRA paris|GAB libreville|GMB banjul|GEO tbilisi|
DEU berlin|bonn|GHA accra|GRC athens|GRD st. george's|saint george's|GTM guatemala city|
GIN conakry|GNB bissau|GUY georgetown|HTI port-au-prince|port au prince|HND tegucigalpa|
HUN budapest|ISL reykjavik|reykjavík|IND new delhi|IDN jakarta|IRN tehran|teheran|
IRQ baghdad|IRL dublin|ISR jerusalem|ITA rome|roma|JAM kingston|JPN tokyo|JOR amman|
KAZ astana|nur-sultan|KEN nairobi|KIR tarawa|south tarawa|PRK pyongyang|KOR seoul|
KWT kuwait city|KGZ bishkek|LAO vientiane|LVA riga|LBN beirut|LSO maseru|LBR monrovia|
LBY tripoli|LIE vaduz|LTU vilnius|LUX luxembourg city|MDG antananarivo|MWI lilongwe|
MYS kuala lumpur|putrajaya|MDV male|malé|MLI bamako|MLT valletta|MHL majuro|MRT nouakchott|
MUS port louis|MEX mexico city|FSM palikir|MDA chisinau|chişinău|kishinev|
MNG ulaanbaatar|ulan bator|MNE podgorica|MAR rabat|MOZ maputo|MMR naypyidaw|nay pyi taw|
naypyitaw|NAM windhoek|NRU yaren|NPL kathmandu|katmandu|NLD amsterdam|the hague|
NZL wellington|NIC managua|NER niamey|NGA abuja|MKD skopje|NOR oslo|OMN muscat|
PAK islamabad|PLW ngerulmud|melekeok|PSE ramallah|PAN panama city|PNG port moresby|
PRY asuncion|asunción|PER lima|PHL manila|POL warsaw|warszawa|PRT lisbon|lisboa|QAT doha|
ROU bucharest|RUS moscow|moskva|RWA kigali|KNA basseterre|LCA castries|VCT kingstown|
WSM apia|SAU riyadh|SEN dakar|SRB belgrade|beograd|
SYC victoria|SLE freetown|SVK bratislava|SVN ljubljana|SLB honiara|
SOM mogadishu|mogadiscio|ZAF pretoria|tshwane|cape town|bloemfontein|SSD juba|ESP madrid|
LKA colombo|sri jayawardenepura kotte|kotte|SDN khartoum|SUR paramaribo|SWE stockholm|
CHE bern|berne|SYR damascus|TWN taipei|TJK dushanbe|TZA dodoma|dar es salaam|THA bangkok|
TLS dili|TGO lome|lomé|TON nuku'alofa|nukualofa|TTO port of spain|port-of-spain|TUN tunis|
TUR ankara|TKM ashgabat|ashkhabad|TUV funafuti|UGA kampala|UKR kyiv|kiev|ARE abu dhabi|
GBR london|USA washington|washington d.c.|washington dc|washington, d.c.|URY montevideo|
UZB tashkent|VUT port vila|port-vila|VAT vatican city|VEN caracas|VNM hanoi|YEM sanaa|
sana'a|sana|ZMB lusaka|ZWE harare|PRI san juan|GRL nuuk|FRO torshavn|
tórshavn|BMU hamilton|CYM george town|ABW oranjestad|COK avarua|NIU alofi|
FLK stanley|VGB road town|AIA the valley|MSR plymouth|brades|SHN jamestown|PCN adamstown|
NCL noumea|nouméa|PYF papeete|GUM hagatna|hagåtña|agana|ASM pago pago|VIR charlotte amalie|
WLF mata-utu|mata utu|GLP basse-terre|MTQ fort-de-france|GUF cayenne|GGY st peter port|
saint peter port|TKL nukunonu
"""


def _parse_capitals(text: str) -> dict[str, frozenset[str]]:
    """Parse ``CODE name|name|CODE name...`` into {code: place keys}; ``XXX `` starts a code."""
    table: dict[str, set[str]] = defaultdict(set)
    current = ""
    for item in text.replace("\n", "").split("|"):
        item = item.strip()
        head, _, rest = item.partition(" ")
        if len(head) == 3 and head.isupper() and rest:
            current, item = head, rest
        table[current].add(place_key(item))
    return {code: frozenset(names) for code, names in table.items()}


CAPITALS = _parse_capitals(_CAPITALS)


class UnmappableCode(ValueError):
    """A Phoenix code with no place in our code scheme; the message is the summary reason."""


@dataclass(frozen=True)
class PhoenixCode:
    """One bracketed code of an entry, its dates already in ISO form (empty = open)."""

    code: str
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


@dataclass
class ActorEntry:
    """A root phrase with its synonyms and codes, as one block of a Phoenix actor file."""

    phrases: list[str]
    codes: list[PhoenixCode] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    source: str = ""
    line: int = 0


@dataclass(frozen=True, order=True)
class ActorRow:
    pattern: str
    code: str
    sector: str
    start: str
    end: str
    name: str
    kind: str


# ---------------------------------------------------------------- dates


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yymmdd(digits: str) -> date | None:
    yy = int(digits[:2])
    return _valid(2000 + yy if yy <= 30 else 1900 + yy, int(digits[2:4]), int(digits[4:6]))


def _yyyymmdd(digits: str) -> date | None:
    return _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def parse_date(token: str, notes: Counter[str] | None = None) -> date:
    """Read a TABARI date: ``yymmdd`` or ``yyyymmdd``, repairing the typos Phoenix has.

    Seven digits (``2004017``, ``9008223``): a ``yyyy`` prefix is read as ``yyyymmd``, else
    the first six digits as ``yymmdd`` (PETRARCH's reading). More than eight digits
    (``1920030320``, ``201005011``): the last eight if they are a modern date, else the first
    eight (PETRARCH's reading).
    """
    digits = token.strip()
    if not digits.isdigit():
        raise ValueError(f"not a date: {token!r}")
    found: date | None = None
    if len(digits) == 6:
        found = _yymmdd(digits)
    elif len(digits) == 8:
        found = _yyyymmdd(digits)
    elif len(digits) == 7:
        _note(notes, "7-digit date repaired")
        if 1900 <= int(digits[:4]) <= 2030:
            found = _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        found = found or _yymmdd(digits[:6])
    elif len(digits) > 8:
        _note(notes, f"{len(digits)}-digit date repaired")
        last = _yyyymmdd(digits[-8:])
        found = last if last and last.year >= 1900 else _yyyymmdd(digits[:8])
    if found is None:
        raise ValueError(f"invalid date: {token!r}")
    return found


def parse_date_spec(spec: str, notes: Counter[str] | None = None) -> tuple[str, str]:
    """Turn ``a-b``, ``>a``, ``<b`` (or nothing) into inclusive ISO (start, end)."""
    spec = "".join(spec.split())
    if not spec:
        return "", ""
    day = timedelta(days=1)
    if spec[0] == ">":
        return parse_date(spec[1:], notes).isoformat(), ""
    if spec[0] == "<":
        return "", (parse_date(spec[1:], notes) - day).isoformat()
    if "-" in spec:
        first, _, second = spec.partition("-")
        start, end = parse_date(first, notes), parse_date(second, notes) - day
        if end == start - day:
            _note(notes, "one-day range a-a read as that day")
            end = start
        if end < start:
            raise ValueError(f"empty date range: {spec!r}")
        return start.isoformat(), end.isoformat()
    _note(notes, "bare date read as 'from'")
    return parse_date(spec, notes).isoformat(), ""


def _note(notes: Counter[str] | None, what: str) -> None:
    if notes is not None:
        notes[what] += 1


# ---------------------------------------------------------------- actor files

_BRACKET = re.compile(r"\[([^\]]*)\]")


def split_comment(line: str) -> tuple[str, str]:
    """Split a line at its first ``#`` into (text, comment), as PETRARCH does."""
    text, _, comment = line.partition("#")
    return text.rstrip("\r\n"), comment.strip()


def parse_code(content: str, notes: Counter[str] | None = None) -> PhoenixCode:
    """Parse the inside of one ``[...]``: a code and an optional date spec."""
    parts = content.split()
    if not parts:
        raise ValueError("empty brackets")
    start, end = parse_date_spec("".join(parts[1:]), notes)
    return PhoenixCode(parts[0].upper(), start, end)


def parse_actor_lines(
    lines: Iterable[str], source: str = "", notes: Counter[str] | None = None
) -> list[ActorEntry]:
    """Group the lines of a Phoenix actor file into entries."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for lineno, raw in enumerate(lines, 1):
        text, comment = split_comment(raw.lstrip("\ufeff"))
        if not text.strip():
            continue
        codes: list[PhoenixCode] = []
        for content in _BRACKET.findall(text):
            try:
                codes.append(parse_code(content, notes))
            except ValueError:
                _note(notes, "code with an unreadable date dropped")
        phrase = _BRACKET.sub(" ", text).strip()
        if phrase.startswith("+"):
            if current is None:
                _note(notes, "synonym before any root skipped")
                continue
            if phrase[1:].strip():
                current.phrases.append(phrase[1:].strip())
        elif phrase:
            if current is not None and not current.codes:
                _note(notes, "root without code joined the next entry")
                current.phrases.append(phrase)
            else:
                current = ActorEntry([phrase], source=source, line=lineno)
                entries.append(current)
        elif current is None:
            _note(notes, "codes before any root skipped")
            continue
        current.codes.extend(codes)
        if comment:
            current.comments.append(comment)
    return entries


# ---------------------------------------------------------------- codes


def map_code(phoenix: str, iso: frozenset[str]) -> tuple[str, str]:
    """Map a Phoenix code to our (code, sector); raise :class:`UnmappableCode` with a reason.

    ``IGO...`` codes are kept whole with an empty sector. Otherwise the first segment is the
    country (CAMEO codes mapped to ISO) and the next segment the sector; a second segment that
    is itself an ISO code names a territory or successor state (``NZLNIU`` -> NIU,
    ``USRARM`` -> ARM, ``GBRVGB`` -> VGB) and takes the country's place; any other segment
    that is no sector is a region (``PSEGZA``) and is skipped.
    """
    code = phoenix.strip().upper()
    if not code or set(code) <= {"-"}:
        raise UnmappableCode("null code [---]")
    if code.startswith("IGO"):
        return code, ""
    if code[:3] in NON_STATE:
        raise UnmappableCode(NON_STATE[code[:3]])
    if not code.isalpha():
        raise UnmappableCode("malformed code")
    segments = [code[i : i + 3] for i in range(0, len(code), 3)]
    head, rest = segments[0], segments[1:]
    country = "WST" if head == "WST" else head if head in iso else CAMEO_TO_ISO.get(head)
    if rest and rest[0] not in SECTORS:
        territory = rest[0] if rest[0] in iso else CAMEO_TO_ISO.get(rest[0])
        # a territory with its own ISO code replaces the country; a region without one
        # (``PSEGZA`` Gaza, ``BIHSRP`` Republika Srpska) is dropped from the code
        country, rest = territory or country, rest[1:]
    if country is None:
        raise UnmappableCode(_unmapped_reason(head))
    sector = rest[0] if rest and len(rest[0]) == 3 else ""
    return country, sector


def _unmapped_reason(head: str) -> str:
    if head in REGIONS:
        return "regional code"
    if head in HISTORIC:
        return "historic state without ISO code"
    if head in NO_ISO:
        return NO_ISO[head]
    if head in FICTIONAL:
        return "fictional test country (KNT)"
    if head in SECTORS:
        return "sector or religion without country"
    return f"unknown code {head}"


def sector_of(phoenix: str) -> str:
    """The sector segment of a raw Phoenix code, for recognising leaders (``RUSELI`` -> ELI)."""
    code = phoenix.upper()
    if code[:3] in SECTORS:
        return code[:3]
    return code[3:6]


# ---------------------------------------------------------------- kinds and names


def is_person(entry: ActorEntry) -> bool:
    """Leaders: dated codes with a CountryInfo/IGOrulers comment, or dated ELI, GOV or IGO codes.

    Bodies with dated codes (``PALESTINIAN_AUTHORITY``, ``VOLKSKAMMER``) are not persons: a
    root phrase with a word of :data:`ORG_WORDS` rules a person out.
    """
    if not any(code.dated for code in entry.codes):
        return False
    words = set(entry.phrases[0].lower().replace("_", " ").replace("-", " ").split())
    if words & ORG_WORDS:
        return False
    if any(marker in comment for comment in entry.comments for marker in PERSON_MARKERS):
        return True
    return any(
        code.dated and (sector_of(code.code) in {"ELI", "GOV"} or code.code.startswith("IGO"))
        for code in entry.codes
    )


def is_country(entry: ActorEntry, iso: frozenset[str]) -> bool:
    """A state's own name: some code maps to a bare country code (``[RUS]``, ``[GBRVGB]``)."""
    for code in entry.codes:
        try:
            mapped, sector = map_code(code.code, iso)
        except UnmappableCode:
            continue
        if not sector and not mapped.startswith("IGO"):
            return True
    return False


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "at", "to"})
_ACRONYMS = frozenset({"UN", "EU", "US", "UK", "AU", "EC"})


def readable_name(phrase: str, acronym: bool = False) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin``, ``UN_SECURITY_COUNCIL`` -> ``UN Security ...``.

    Phoenix writes everything in capitals, so acronyms are guessed: words with inner dots
    (``U.N.``) or without vowels (``PKK``), a few two-letter ones, and with ``acronym`` a
    one-word name of up to five letters (IGOs: ``IAEA``, ``OPEC``).
    """
    words = phrase.replace("_", " ").split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        upper = word.isupper() and (
            (word.startswith("(") and word.endswith(")"))
            or "." in word.strip(".")
            or (word.isalpha() and not re.search(r"[AEIOUY]", word))
            or word in _ACRONYMS
            or (acronym and len(words) == 1 and len(word) <= 5)
        )
        if upper:
            out.append(word)
        elif i > 0 and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


# ---------------------------------------------------------------- patterns

_INVARIANT = frozenset({"human", "german", "roman", "ottoman", "shaman", "talisman", "caiman"})


def plural_word(word: str, noun: bool = True) -> str | None:
    """English plural of a lower-case word; None where none should be made.

    Words already ending in ``s`` (``bahamas``, ``troops``) get none, except agent nouns in
    ``-ss`` (``boss``). ``noun=False`` is for the last word of an actor name, where only the
    plain rules apply and words in ``-a`` get none: ``america`` -> ``americas`` and ``korea``
    -> ``koreas`` would name something else, and of names in ``-man`` only ``-sman`` and
    ``-woman`` take ``-men`` (``spokesman``, but ``german``, ``oman``).
    """
    if not word.isalpha() or len(word) < 2:
        return None
    man_noun = word.endswith(("sman", "woman")) or word == "man" or noun
    if man_noun and word.endswith("man") and word not in _INVARIANT:
        return word[:-3] + "men"
    if noun and word.endswith("ss"):
        return word + "es"
    if word.endswith("s") or (not noun and word.endswith("a")):
        return None
    if word.endswith(("sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def pluralize_last(tokens: Sequence[str], noun: bool = True) -> tuple[str, ...] | None:
    """The tokens with the last word in the plural (TABARI's open ending on the last word)."""
    if not tokens:
        return None
    plural = plural_word(tokens[-1], noun)
    return None if plural is None else (*tokens[:-1], plural)


def phrase_tokens(phrase: str, tokenize: Tokenize) -> tuple[str, ...]:
    """Normalised tokens of a Phoenix phrase.

    Underscores and runs of blanks or tabs collapse to one space first: ``A__B`` or a tab would
    otherwise leave whitespace tokens in the pattern.
    """
    text = " ".join(phrase.replace("_", " ").split())
    return tuple(t for t in normalize_phrase(text, tokenize) if not t.isspace())


def phrase_patterns(phrase: str, tokenize: Tokenize, plural: bool) -> list[str]:
    """The normalised pattern of a Phoenix phrase, plus its plural when the phrase is open."""
    text = phrase.strip()
    exact = text.endswith("_")
    tokens = phrase_tokens(text, tokenize)
    if not tokens:
        return []
    patterns = [" ".join(tokens)]
    if plural and not exact:
        plural_tokens = pluralize_last(tokens, noun=False)
        if plural_tokens:
            patterns.append(" ".join(plural_tokens))
    return patterns


# ---------------------------------------------------------------- conversion


def convert_entry(
    entry: ActorEntry,
    tokenize: Tokenize,
    iso: frozenset[str],
    dropped: Counter[str] | None = None,
) -> list[ActorRow]:
    """The rows of one entry: every phrase (and plural) times every mappable code."""
    return sorted({row for row, _ in entry_rows(entry, tokenize, iso, dropped)})


def entry_rows(
    entry: ActorEntry,
    tokenize: Tokenize,
    iso: frozenset[str],
    dropped: Counter[str] | None = None,
) -> list[tuple[ActorRow, bool]]:
    """(row, literal) pairs of an entry; literal is False for a plural we generated."""
    person = is_person(entry)
    country = not person and is_country(entry, iso)
    igo = any(code.code.upper().startswith("IGO") for code in entry.codes)
    name = readable_name(entry.phrases[0], acronym=igo and not person)
    mapped: list[tuple[str, str, str, str]] = []
    for code in entry.codes:
        try:
            ours, sector = map_code(code.code, iso)
        except UnmappableCode as why:
            if dropped is not None:
                dropped[str(why)] += len(entry.phrases)
            continue
        mapped.append((ours, sector, code.start, code.end))
    out: list[tuple[ActorRow, bool]] = []
    for phrase in entry.phrases:
        patterns = phrase_patterns(phrase, tokenize, plural=not person)
        if not patterns:
            _note(dropped, "phrase empty after normalisation")
        for literal, pattern in zip((True, False), patterns, strict=False):
            for ours, sector, start, end in mapped:
                kind = _kind(entry, ours, sector, person=person, country=country)
                if kind == "country" and place_key(pattern) in CAPITALS.get(ours, ()):
                    kind, sector = "capital", "GOV"
                elif sector == "GOV" and place_key(pattern) in SEATS:
                    kind = "capital"
                out.append((ActorRow(pattern, ours, sector, start, end, name, kind), literal))
    return out


def _kind(entry: ActorEntry, code: str, sector: str, *, person: bool, country: bool) -> str:
    if person:
        return "person"
    if code.startswith("IGO"):
        return "igo"
    if country:
        return "country"
    if entry.source == "MilNonState" or sector in GROUP_SECTORS:
        return "group"
    return "org"


def first_definition_wins(entries_rows: Iterable[list[tuple[ActorRow, bool]]]) -> list[ActorRow]:
    """Keep, for each pattern, only the rows of the first entry that defines it.

    PETRARCH stores an actor phrase once, and there a later definition replaces an earlier
    one. We keep the first instead: files are read Countries, International, MilNonState, and
    the later files re-list names with coarser or wrong codes (MilNonState gives
    ``PEOPLES_LIBERATION_ARMY`` to a Turkish group; International gives ``SALVA_KIIR_`` SDN).
    A pattern that an entry lists literally beats a plural we generated from another entry.
    """
    best: dict[str, tuple[tuple[bool, int], set[ActorRow]]] = {}
    for index, pairs in enumerate(entries_rows):
        by_pattern: dict[str, tuple[bool, set[ActorRow]]] = {}
        for row, literal in pairs:
            seen_literal, group = by_pattern.get(row.pattern, (False, set()))
            group.add(row)
            by_pattern[row.pattern] = (seen_literal or literal, group)
        for pattern, (literal, group) in by_pattern.items():
            rank = (literal, -index)
            if pattern not in best or rank > best[pattern][0]:
                best[pattern] = (rank, group)
    return sorted(row for _, group in best.values() for row in group)


# ---------------------------------------------------------------- agents

_MARKER = re.compile(r"!([A-Z]+)!")
_AGENT_CODE = re.compile(r"\[([^\]\}]*)[\]\}]")
_PREPOSITIONS = frozenset({"of", "for", "to", "in", "at", "on", "with", "from", "against"})
# TABARI stems left in the agents file ("DEFENCE_MINIST"): the words they stand for.
STEM_FORMS = {
    "minist": ("minister", "ministers", "ministry", "ministries"),
    "authorit": ("authority", "authorities"),
    "compan": ("company", "companies"),
    "industr": ("industry", "industries"),
}


def pluralize_head(tokens: Sequence[str]) -> tuple[str, ...] | None:
    """Plural of an agent noun phrase: the word before the first preposition, else the last.

    ``chief of staff`` -> ``chiefs of staff``; ``foreign minister`` -> ``foreign ministers``.
    """
    head = next((i - 1 for i, t in enumerate(tokens) if i > 0 and t in _PREPOSITIONS), None)
    if head is None:
        return pluralize_last(tokens)
    plural = plural_word(tokens[head])
    return None if plural is None else (*tokens[:head], plural, *tokens[head + 1 :])


def expand_markers(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """Expand every ``!SET!`` marker of a phrase; an undefined marker expands to nothing."""
    match = _MARKER.search(phrase)
    if match is None:
        return [phrase]
    out: list[str] = []
    for item in markers.get(match.group(1), []):
        out.extend(expand_markers(phrase[: match.start()] + item + phrase[match.end() :], markers))
    return out


def parse_agent_lines(
    lines: Iterable[str], tokenize: Tokenize, notes: Counter[str] | None = None
) -> dict[str, str]:
    """Read a Phoenix agents file into {pattern: sector} (the first segment of ``~CODE``).

    Like PETRARCH, a later line replaces an earlier one for the same pattern, and substitution
    sets (``!PERSON! = MAN, MEN, ...``) expand without further plurals. A phrase listed as
    written beats a plural generated from another line.
    """
    markers: dict[str, list[str]] = {}
    found: dict[str, tuple[int, str]] = {}
    for raw in lines:
        text, _ = split_comment(raw.lstrip("\ufeff"))
        if not text.strip():
            continue
        if "!" in text and "=" in text:
            name, _, items = text.partition("=")
            markers[name.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        match = _AGENT_CODE.search(text)
        if match is None:
            _note(notes, "agent line without code skipped")
            continue
        code = match.group(1).strip()
        if not code.startswith("~"):
            _note(notes, f"agent code {code} (not ~SECTOR) skipped")
            continue
        sector = code[1:4].upper()
        for pattern, rank in _agent_forms(text[: match.start()], markers, tokenize):
            old = found.get(pattern)
            if old and old[1] != sector and rank >= old[0]:
                _note(notes, "agent pattern redefined with another sector (last wins)")
            if old is None or rank >= old[0]:
                found[pattern] = (rank, sector)
    return {pattern: sector for pattern, (_, sector) in found.items()}


def _agent_forms(
    phrase: str, markers: dict[str, list[str]], tokenize: Tokenize
) -> list[tuple[str, int]]:
    """(pattern, rank) pairs of an agent phrase; rank 1 = as written, 0 = generated plural."""
    forms: list[tuple[tuple[str, ...], int]] = []
    if "!" in phrase:
        forms = [(phrase_tokens(p, tokenize), 1) for p in expand_markers(phrase, markers)]
    elif "{" in phrase:
        singular, _, braces = phrase.partition("{")
        forms.append((phrase_tokens(singular, tokenize), 1))
        for written in braces.partition("}")[0].split(","):
            if written.strip("_ "):
                forms.append((phrase_tokens(written, tokenize), 1))
    else:
        tokens = phrase_tokens(phrase, tokenize)
        stem = next((i for i, token in enumerate(tokens) if token in STEM_FORMS), None)
        if stem is not None:
            for word in STEM_FORMS[tokens[stem]]:
                forms.append(((*tokens[:stem], word, *tokens[stem + 1 :]), 1))
        else:
            forms.append((tokens, 1))
            plural = pluralize_head(tokens)
            if plural:
                forms.append((plural, 0))
    return [(" ".join(tokens), rank) for tokens, rank in forms if tokens]


# ---------------------------------------------------------------- output


def load_iso(path: Path) -> frozenset[str]:
    """The ISO-3166 alpha-3 codes of ``iso3166.tsv``."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(line.split("\t", 1)[0] for line in lines if line)


def tsv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 TSV with LF endings; fails on a tab or newline inside a field."""
    lines = ["\t".join(header)]
    for row in rows:
        if any(("\t" in f or "\n" in f) for f in row):
            raise ValueError(f"tab or newline in row {row!r}")
        lines.append("\t".join(row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with no file name and mtime 0 in the header, so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def make_tokenizer() -> Tokenize:
    import spacy

    return spacy_tokenize(spacy.blank("en").tokenizer)


def convert_actors(
    dicts: Path, iso: frozenset[str], tokenize: Tokenize, notes: Counter[str], dropped: Counter[str]
) -> list[ActorRow]:
    """Parse and convert the three actor files in PETRARCH's load order."""
    converted: list[list[tuple[ActorRow, bool]]] = []
    for filename in ACTOR_FILES:
        source = filename.split(".")[1]
        lines = (dicts / filename).read_text(encoding="utf-8").splitlines()
        for entry in parse_actor_lines(lines, source, notes):
            if not entry.codes:
                _note(notes, "entry without any code dropped")
            converted.append(entry_rows(entry, tokenize, iso, dropped))
    before = len({row for pairs in converted for row, _ in pairs})
    rows = first_definition_wins(converted)
    dropped["pattern listed again by a later entry (first wins)"] = before - len(rows)
    return rows


def print_summary(
    rows: list[ActorRow], agents: dict[str, str], notes: Counter[str], dropped: Counter[str]
) -> None:
    kinds = Counter(row.kind for row in rows)
    print(f"{ACTORS_OUT}: {len(rows)} rows, {len({r.pattern for r in rows})} patterns")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:8} {count}")
    print("dropped, by reason (phrase x code pairs; the 'first wins' line counts rows):")
    for reason, count in sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:7}  {reason}")
    print("oddities handled:")
    for what, count in sorted(notes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:7}  {what}")
    sectors = Counter(agents.values())
    print(
        f"{AGENTS_OUT}: {len(agents)} patterns; by sector: "
        + ", ".join(f"{s} {n}" for s, n in sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0])))
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicts", type=Path, required=True, help="folder of Phoenix files")
    parser.add_argument("--out", type=Path, required=True, help="src/redline/actors/data")
    parser.add_argument("--iso", type=Path, help="iso3166.tsv (default: the one in --out)")
    args = parser.parse_args(argv)
    iso = load_iso(args.iso or args.out / ISO_FILE)
    tokenize = make_tokenizer()
    notes: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    rows = convert_actors(args.dicts, iso, tokenize, notes, dropped)
    agent_lines = (args.dicts / AGENT_FILE).read_text(encoding="utf-8").splitlines()
    agents = parse_agent_lines(agent_lines, tokenize, notes)
    actor_tsv = tsv_bytes(ACTOR_HEADER, ([getattr(r, f) for f in ACTOR_HEADER] for r in rows))
    (args.out / ACTORS_OUT).write_bytes(gzip_bytes(actor_tsv))
    agent_rows = sorted(agents.items())
    (args.out / AGENTS_OUT).write_bytes(tsv_bytes(("pattern", "sector"), agent_rows))
    print_summary(rows, agents, notes, dropped)


if __name__ == "__main__":
    main()
