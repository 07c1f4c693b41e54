"""The Phoenix conversion (scripts/convert_phoenix_actors.py) and the data files it ships."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from redline.actors.normalize import normalize_phrase, normalize_tokens
from tests.helpers import load_script

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).parents[1].parent / "shared"
DICTS = SHARED / "data" / "dicts"
DATA = REPO / "src" / "redline" / "actors" / "data"
KINDS = {"country", "demonym", "capital", "igo", "person", "group", "org"}


@cache
def converter() -> ModuleType:
    """The conversion script, imported as a module (scripts/ is no package)."""
    return load_script(REPO / "scripts" / "convert_phoenix_actors.py")


@cache
def tokenize() -> Callable[[str], Iterable[str]]:
    return converter().make_tokenizer()  # type: ignore[no-any-return]


@cache
def iso_codes() -> frozenset[str]:
    return converter().load_iso(DATA / "iso3166.tsv")


@cache
def actor_rows() -> list[list[str]]:
    text = gzip.decompress((DATA / "phoenix_actors.tsv.gz").read_bytes()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "pattern\tcode\tsector\tstart\tend\tname\tkind"
    return [line.split("\t") for line in lines[1:]]


@cache
def agent_rows() -> list[list[str]]:
    lines = (DATA / "agents.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "pattern\tsector"
    return [line.split("\t") for line in lines[1:]]


def convert(snippet: str) -> list[tuple[str, ...]]:
    """Rows of a Phoenix actor snippet as (pattern, code, sector, start, end, name, kind)."""
    cv = converter()
    rows = []
    for entry in cv.parse_actor_lines(snippet.strip("\n").splitlines(), "Countries"):
        for row in cv.convert_entry(entry, tokenize(), iso_codes()):
            rows.append((row.pattern, row.code, row.sector, row.start, row.end, row.name, row.kind))
    return sorted(rows)


# ---------------------------------------------------------------- parsing snippets


def test_iso3166_has_all_codes() -> None:
    lines = (DATA / "iso3166.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code\tname"
    assert len(lines) == 250
    assert {"RUS", "PRK", "KOR", "NIU", "ROU", "TLS"} <= iso_codes()


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("000507", date(2000, 5, 7)),
        ("300101", date(2030, 1, 1)),
        ("310101", date(1931, 1, 1)),
        ("20070101", date(2007, 1, 1)),
        ("2004017", date(2004, 1, 7)),  # 7-digit typo with a yyyy prefix
        ("9008223", date(1990, 8, 22)),  # 7-digit typo: first six digits as yymmdd
        ("1920030320", date(2003, 3, 20)),  # doubled century
        ("201005011", date(2010, 5, 1)),  # stray digit at the end
    ],
)
def test_parse_date(token: str, expected: date) -> None:
    assert converter().parse_date(token) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", ("", "")),
        (">000507", ("2000-05-07", "")),
        ("> 130701", ("2013-07-01", "")),
        ("<990830", ("", "1999-08-29")),  # PETRARCH: date < 990830
        ("331108-730717", ("1933-11-08", "1973-07-16")),  # PETRARCH: a <= date < b
        ("040517-040517", ("2004-05-17", "2004-05-17")),  # a one-day term
        ("20121204", ("2012-12-04", "")),  # a bare date reads as "from"
    ],
)
def test_parse_date_spec(spec: str, expected: tuple[str, str]) -> None:
    assert converter().parse_date_spec(spec) == expected


def test_inverted_range_is_refused() -> None:
    with pytest.raises(ValueError):
        converter().parse_date_spec("20121207-20120802")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("RUSGOV", ("RUS", "GOV")),
        ("RUSGOVBUS", ("RUS", "GOV")),
        ("PRK", ("PRK", "")),
        ("ROMGOV", ("ROU", "GOV")),  # CAMEO code for Romania
        ("TMPOCC", ("TLS", "OCC")),
        ("NZLNIU", ("NIU", "")),  # dependency with its own ISO code
        ("USRARM", ("ARM", "")),  # Soviet republic
        ("GBRIMYGOV", ("IMN", "GOV")),  # Isle of Man, CAMEO IMY
        ("PSEGZA", ("PSE", "")),  # region without ISO code
        ("IGOUNOKID", ("IGOUNOKID", "")),
        ("IGOWSTNAT", ("IGOWSTNAT", "")),
    ],
)
def test_map_code(code: str, expected: tuple[str, str]) -> None:
    assert converter().map_code(code, iso_codes()) == expected


@pytest.mark.parametrize("code", ["MNCUSA", "NGOGBR", "IMGMUSALQ", "EUR", "DDRGOV", "KSV", "---"])
def test_unmappable_codes(code: str) -> None:
    cv = converter()
    with pytest.raises(cv.UnmappableCode):
        cv.map_code(code, iso_codes())


def test_date_ranges_and_fallback() -> None:
    rows = convert(
        """
ABDUL_QADIR_  # CountryInfo.txt
+GENERAL_QADIR_
	[AFGELI 620101-780427]
	[AFGGOV 780427-780430]
	[AFGELI]
"""
    )
    name, kind = "Abdul Qadir", "person"
    expected = []
    for pattern in ("abdul qadir", "general qadir"):  # persons get no plural
        expected += [
            (pattern, "AFG", "ELI", "", "", name, kind),
            (pattern, "AFG", "ELI", "1962-01-01", "1978-04-26", name, kind),
            (pattern, "AFG", "GOV", "1978-04-27", "1978-04-29", name, kind),
        ]
    assert rows == sorted(expected)


def test_country_synonyms_plurals_and_capital() -> None:
    rows = convert(
        """
NORTH_KOREA_  [PRK]
+NORTH_KOREAN
+KOREA,_NORTH_
+PYONGYANG_
+CHONGJIN_
"""
    )
    assert rows == [
        ("chongjin", "PRK", "", "", "", "North Korea", "country"),
        ("korea , north", "PRK", "", "", "", "North Korea", "country"),
        ("north korea", "PRK", "", "", "", "North Korea", "country"),
        ("north korean", "PRK", "", "", "", "North Korea", "country"),
        ("north koreans", "PRK", "", "", "", "North Korea", "country"),
        ("pyongyang", "PRK", "GOV", "", "", "North Korea", "capital"),
    ]


def test_codes_on_the_root_line_and_igo_people() -> None:
    rows = convert(
        """
UN_ [IGOUNO]
JAVIER_DE_CUELLAR_	[IGOUNO 820101-911231] [ELI]# IGOrulers.txt
NATO_ [IGOWSTNAT]
MNC_THING_ [MNCUSA]
"""
    )
    assert rows == [
        (
            "javier de cuellar",
            "IGOUNO",
            "",
            "1982-01-01",
            "1991-12-30",
            "Javier De Cuellar",
            "person",
        ),
        ("nato", "IGOWSTNAT", "", "", "", "NATO", "igo"),
        ("un", "IGOUNO", "", "", "", "UN", "igo"),
    ]


def test_root_without_code_joins_the_next_entry() -> None:
    rows = convert(
        """
LEONID_BREZHNEV_
SECRETARY_BREZHNEV_
	[RUSGOV 641014-821110]
"""
    )
    assert {row[0] for row in rows} == {"leonid brezhnev", "secretary brezhnev"}
    assert {row[5] for row in rows} == {"Leonid Brezhnev"}


def test_groups_and_orgs() -> None:
    rows = convert(
        """
TALIBAN [AFGREB]
AFGHAN_NATIONAL_ARMY_ [AFGMIL]
"""
    )
    assert ("taliban", "AFG", "REB", "", "", "Taliban", "group") in rows
    assert ("afghan national army", "AFG", "MIL", "", "", "Afghan National Army", "org") in rows


def test_agents_substitution_sets_and_plurals() -> None:
    cv = converter()
    snippet = """
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
CONGRESS!PERSON! [~LEG]
FOREIGN_!MINIST! [~GOVFRM]
AMBASSADOR [~GOV] # a comment
POLICE {} [~COP]
THIEF {THIEVES} [~CRM]
CHIEF_OF_STAFF [~GOV]
DEFENCE_MINIST [~GOVMIL]
SECRETARY [~GOV]
PEACEKEEPING_TROOPS {} [IGO~]
ISLAMIC_EXTREMIST
"""
    agents = cv.parse_agent_lines(snippet.splitlines(), tokenize())
    expected = {
        **dict.fromkeys(
            ["congressman", "congressmen", "congresswoman", "congresswomen", "congressperson"],
            "LEG",
        ),
        **{f"foreign {m}": "GOV" for m in ["minister", "ministers", "ministry", "ministries"]},
        **{f"defence {m}": "GOV" for m in ["minister", "ministers", "ministry", "ministries"]},
        "ambassador": "GOV",
        "ambassadors": "GOV",
        "police": "COP",
        "thief": "CRM",
        "thieves": "CRM",
        "chief of staff": "GOV",
        "chiefs of staff": "GOV",
        "secretary": "GOV",
        "secretaries": "GOV",
    }
    assert agents == expected


def test_agent_written_form_beats_generated_plural() -> None:
    snippet = "ARM [~MIL]\nARMS [~BUS]\nSECURITY_FORCE [~COP]\nSECURITY_FORCE [~MIL]\n"
    agents = converter().parse_agent_lines(snippet.splitlines(), tokenize())
    assert agents == {
        "arm": "MIL",
        "arms": "BUS",
        "security force": "MIL",
        "security forces": "MIL",
    }


# ---------------------------------------------------------------- the shipped files


def test_actor_codes_dates_and_kinds_are_valid() -> None:
    iso = iso_codes()
    for row in actor_rows():
        assert len(row) == 7, row
        pattern, code, sector, start, end, name, kind = row
        assert pattern and name, row
        assert code in iso or code == "WST" or code.startswith("IGO"), row
        assert sector == "" or (len(sector) == 3 and sector.isupper()), row
        for value in (start, end):
            assert value == "" or date.fromisoformat(value).isoformat() == value, row
        assert not (start and end) or start <= end, row
        assert kind in KINDS, row
        if kind == "capital":
            assert sector == "GOV", row
        if code.startswith("IGO"):
            assert sector == "", row


def test_actor_file_is_sorted_unique_and_small() -> None:
    rows = [tuple(row) for row in actor_rows()]
    assert rows == sorted(set(rows))
    raw = (DATA / "phoenix_actors.tsv.gz").read_bytes()
    assert len(raw) < 5_000_000
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime 0: rebuilding gives identical bytes


def _renormalised(pattern: str) -> set[str]:
    """The pattern normalised again, as written and in capitals.

    spaCy's tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." is not), and
    Phoenix phrases are in capitals, so one of the two must give the pattern back.
    """
    return {" ".join(normalize_phrase(text, tokenize())) for text in (pattern, pattern.upper())}


def test_patterns_are_normalised() -> None:
    patterns = {row[0] for row in actor_rows()} | {row[0] for row in agent_rows()}
    for pattern in patterns:
        tokens = pattern.split(" ")
        assert all(tokens), pattern
        assert normalize_tokens(tokens) == tuple(tokens), pattern
        assert pattern in _renormalised(pattern), pattern


def _covering(pattern: str, day: str) -> list[tuple[str, str]]:
    """(code, sector) of the rows of a pattern whose date range covers day (dated rows win)."""
    rows = [r for r in actor_rows() if r[0] == pattern]
    dated = [r for r in rows if (r[3] or r[4]) and (r[3] or day) <= day <= (r[4] or day)]
    chosen = dated or [r for r in rows if not r[3] and not r[4]]
    return sorted((r[1], r[2]) for r in chosen)


def test_known_actors() -> None:
    assert ("RUS", "GOV") in _covering("vladimir putin", "2024-06-20")
    assert ("RUS", "GOV") in _covering("putin", "2024-06-20")
    assert _covering("north korea", "2024-06-20") == [("PRK", "")]
    assert _covering("north koreans", "2024-06-20") == [("PRK", "")]
    assert _covering("south korea", "2024-06-20") == [("KOR", "")]
    assert _covering("united nations", "2024-06-20") == [("IGOUNO", "")]
    assert _covering("nato", "2024-06-20") == [("IGOWSTNAT", "")]
    assert _covering("moscow", "2024-06-20") == [("RUS", "GOV")]
    kinds = {(r[0], r[6]) for r in actor_rows()}
    assert {("vladimir putin", "person"), ("moscow", "capital"), ("nato", "igo")} <= kinds


def test_agents_file() -> None:
    rows = agent_rows()
    patterns = [row[0] for row in rows]
    assert patterns == sorted(set(patterns))
    assert all(len(row) == 2 and len(row[1]) == 3 and row[1].isupper() for row in rows)
    agents = dict((row[0], row[1]) for row in rows)
    for pattern, sector in [
        ("minister", "GOV"),
        ("ambassador", "GOV"),
        ("foreign minister", "GOV"),
        ("troops", "MIL"),
        ("rebels", "REB"),
        ("police", "COP"),
    ]:
        assert agents.get(pattern) == sector, pattern


def test_rebuild_gives_the_shipped_bytes(tmp_path: Path) -> None:
    """The shipped files are what the script makes from ../shared (rebuild if this fails)."""
    if not DICTS.is_dir():
        pytest.skip("../shared not present")
    converter().main(
        ["--dicts", str(DICTS), "--out", str(tmp_path), "--iso", str(DATA / "iso3166.tsv")]
    )
    for name in ("phoenix_actors.tsv.gz", "agents.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
