"""What actor codes mean, and which dictionary rows hold a phrase (``redline codes``).

A code is read part by part, three letters at a time, as CAMEO and Phoenix build them:
``RUSGOV`` is Russia (``iso3166.tsv``) and the government sector (``sectors.tsv``);
``IGOWSTNAT`` an intergovernmental organisation (``IGO``) of the West (``WST``, a region)
whose own part ``NAT`` names NATO (the name the dictionaries give the whole code:
``igos.tsv`` first, then the Phoenix dictionary). A part that is neither a sector nor a
region takes the name the dictionaries give the code up to it (``IGOUNO``: United Nations).

The rows of a phrase are looked up in the files the lexicon reads (``lexicon.py``), in the
order it consults them: the last file first and, within a file, the last row first.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from redline.actors.lexicon import ACTOR_FILES, AGENT_FILES

SECTORS_FILE = "sectors.tsv"


@dataclass(frozen=True)
class CodePart:
    """Three letters of a code: ``kind`` is ``country``, ``igo`` (an organisation named by
    the code up to this part), or the kind ``sectors.tsv`` gives (``sector``, ``region``,
    ``international``, ``religion``, ``status``); ``meaning`` is empty when unknown."""

    code: str
    kind: str
    meaning: str


@dataclass(frozen=True)
class ActorCode:
    code: str
    name: str  # what the whole code names ("NATO", "Russia, government")
    parts: tuple[CodePart, ...]


@dataclass(frozen=True)
class DictionaryRow:
    """A row of an actor or agent file, with its line number (the header is line 1)."""

    file: str
    line: int
    pattern: str
    code: str = ""
    sector: str = ""
    start: str = ""
    end: str = ""
    name: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Codebook:
    countries: dict[str, str]  # ISO alpha-3 -> the name the lexicon gives it
    iso_names: dict[str, str]  # ISO alpha-3 -> its ISO 3166 name
    sectors: dict[str, tuple[str, str]]  # sector, region ... code -> (kind, meaning)
    igos: dict[str, str]  # IGO code -> its name in the dictionaries

    def actor_code(self, code: str) -> ActorCode | None:
        """The parts of ``code`` (upper case); None when it is not a code the dictionaries
        and the sector table can read."""
        code = code.strip().upper()
        if len(code) < 3 or len(code) % 3 or not code.isalpha():
            return None
        if code.startswith("IGO"):
            return self._igo(code)
        first = self._head(code[:3])
        if first is None:
            return None
        parts = [first]
        for i in range(3, len(code), 3):
            known = self.sectors.get(code[i:i + 3])
            if known is None or known[0] == "region":
                return None
            parts.append(CodePart(code[i:i + 3], *known))
        name = ", ".join([first.meaning, *(_short(p.meaning).lower() for p in parts[1:])])
        return ActorCode(code, name, tuple(parts))

    def other_meanings(self, code: str) -> list[CodePart]:
        """A three-letter code's meanings besides the first (``AUT``: Austria, and the
        Phoenix status "autonomous")."""
        code = code.strip().upper()
        if code in self.countries and code in self.sectors:
            return [CodePart(code, *self.sectors[code])]
        return []

    def _head(self, code: str) -> CodePart | None:
        if code in self.countries:
            return CodePart(code, "country", self.countries[code])
        if code in self.sectors:
            return CodePart(code, *self.sectors[code])
        return None

    def _igo(self, code: str) -> ActorCode | None:
        parts = [CodePart("IGO", *self.sectors.get("IGO", ("international", "")))]
        for i in range(3, len(code), 3):
            part = code[i:i + 3]
            known = self.sectors.get(part)
            if known is not None:
                parts.append(CodePart(part, *known))
            else:
                parts.append(CodePart(part, "igo", self.igos.get(code[:i + 3], "")))
        name = self.igos.get(code, "")
        if not name and not all(p.meaning for p in parts):
            return None
        return ActorCode(code, name or ", ".join(_short(p.meaning) for p in parts),
                         tuple(parts))


def _short(meaning: str) -> str:
    """"Government: the executive ..." -> "Government"."""
    return meaning.split(":")[0]


@cache
def load_codebook() -> Codebook:
    """The codebook, read once a process (its files are the package's; callers only read
    it): the service asks for it on every /graph, /scenario and /redlines?actor=."""
    iso_names = {r["code"]: r["name"] for r in data_rows("iso3166.tsv")}
    sectors = {r["code"]: (r["kind"], r["meaning"]) for r in data_rows(SECTORS_FILE)}
    return Codebook({**iso_names, **_country_names()}, iso_names, sectors, _igo_names())


def _country_names() -> dict[str, str]:
    """Each country code's most frequent name in the rows of ``countries.tsv`` that hold at
    any date ("South Korea", where ISO 3166 says "Korea, Republic of"; "Russia", not the
    "Soviet Union" of the rows that end in 1991)."""
    counts: dict[str, Counter[str]] = {}
    for row in data_rows("countries.tsv"):
        if row.get("kind") == "country" and not row.get("start") and not row.get("end"):
            counts.setdefault(row["code"], Counter())[row["name"]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in counts.items()}


def _igo_names() -> dict[str, str]:
    """Each IGO code's name: the most frequent of its organisation rows in ``igos.tsv``,
    else in the Phoenix dictionary."""
    names: dict[str, str] = {}
    for file in ("igos.tsv", "phoenix_actors.tsv.gz"):
        counts: dict[str, Counter[str]] = {}
        for row in data_rows(file):
            if row.get("code", "").startswith("IGO") and row.get("kind") == "igo":
                counts.setdefault(row["code"], Counter())[row["name"]] += 1
        for code, counter in counts.items():
            names.setdefault(code, counter.most_common(1)[0][0])
    return names


def actor_rows(pattern: str) -> list[DictionaryRow]:
    """The actor rows of ``pattern`` (normalised tokens joined by spaces), in the order the
    lexicon consults them: each row is put before those read earlier."""
    found = [row for file in ACTOR_FILES for row in _pattern_rows(file, pattern)]
    return found[::-1]


def agent_rows(pattern: str) -> list[DictionaryRow]:
    """The agent rows of ``pattern``; the lexicon uses the first (ours before Phoenix's)."""
    return [row for file in AGENT_FILES for row in _pattern_rows(file, pattern)]


def _pattern_rows(file: str, pattern: str) -> list[DictionaryRow]:
    return _rows_by_pattern(file).get(pattern, [])


@cache
def _rows_by_pattern(file: str) -> dict[str, list[DictionaryRow]]:
    """A dictionary file's rows by their pattern, in file order, read once a process:
    a text's mentions look up several patterns each, in every file."""
    rows: dict[str, list[DictionaryRow]] = {}
    for line, row in _numbered(file):
        rows.setdefault(row["pattern"], []).append(DictionaryRow(file, line, **row))
    return rows


def _numbered(file: str) -> Iterator[tuple[int, dict[str, str]]]:
    """A data file's rows with their line numbers, as strings (missing cells empty)."""
    text = _text(file)
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    columns = reader.fieldnames or []
    for row in reader:
        yield reader.line_num, {c: (row.get(c) or "") for c in columns}


def data_rows(file: str) -> Iterator[dict[str, str]]:
    return (row for _, row in _numbered(file))


def _text(file: str) -> str:
    raw = (resources.files("redline.actors") / "data" / file).read_bytes()
    return (gzip.decompress(raw) if file.endswith(".gz") else raw).decode("utf-8")
