"""The actor lexicon: phrases -> (country or IGO code, sector), valid on a date.

Data files are described in ``redline/actors/data/README.md``. The lexicon is a token trie
over normalised tokens, so a sentence is matched in one left-to-right pass.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from redline.actors.normalize import normalize_phrase

ACTOR_FILES = ("phoenix_actors.tsv.gz", "countries.tsv", "igos.tsv", "officials.tsv")
AGENT_FILES = ("redline_agents.tsv", "agents.tsv")  # the first holding a noun decides: ours
ACTOR_COLUMNS = ("pattern", "code", "sector", "start", "end", "name", "kind")
KINDS = frozenset({"country", "demonym", "capital", "igo", "person", "group", "org"})
# Kinds that name a state or organisation and can lend their code to an agent noun.
STATE_LIKE = frozenset({"country", "demonym", "capital", "igo"})


class ActorDataError(ValueError):
    """An actor data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class ActorEntry:
    code: str
    sector: str
    start: date | None
    end: date | None
    name: str
    kind: str

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @property
    def open_ended(self) -> bool:
        return self.start is None and self.end is None


_END = ""  # trie key under which a node keeps the entries of the phrase that ends there


class Trie:
    """Token trie: each node is a dict from token to child node; ``_END`` holds the payload."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, tokens: Sequence[str], payload: object, *, first: bool = False) -> None:
        node = self.root
        for tok in tokens:
            node = node.setdefault(tok, {})
        items = node.setdefault(_END, [])
        if first:
            items.insert(0, payload)
        else:
            items.append(payload)

    def longest(self, tokens: Sequence[str], start: int) -> tuple[int, list] | None:
        """The longest phrase starting at ``start``: (end index exclusive, payloads)."""
        node = self.root
        best: tuple[int, list] | None = None
        i = start
        while i < len(tokens):
            nxt = node.get(tokens[i])
            if nxt is None:
                break
            node = nxt
            i += 1
            if _END in node:
                best = (i, node[_END])
        return best



@dataclass
class ActorLexicon:
    actors: Trie
    agents: Trie
    valid_codes: frozenset[str]

    def match_actor(self, tokens: Sequence[str], start: int) -> tuple[int, list[ActorEntry]] | None:
        return self.actors.longest(tokens, start)

    def match_agent(self, tokens: Sequence[str], start: int) -> tuple[int, str] | None:
        found = self.agents.longest(tokens, start)
        return (found[0], found[1][0]) if found else None

    def is_valid_code(self, code: str) -> bool:
        return code in self.valid_codes or code == "WST" or code.startswith("IGO")


def resolve_entry(entries: Sequence[ActorEntry], on: date | None) -> ActorEntry | None:
    """The entry valid on ``on``: a covering range first, then the open fallback, then (for a
    person outside every range) the nearest range with sector ELI, as Phoenix does for former
    office holders."""
    if not entries:
        return None
    if on is None:
        for entry in entries:
            if entry.open_ended:
                return entry
        return max(entries, key=lambda e: e.end or date.max)
    for entry in entries:
        if not entry.open_ended and entry.covers(on):
            return entry
    for entry in entries:
        if entry.open_ended:
            return entry
    nearest = min(entries, key=lambda e: _distance(e, on))
    if nearest.kind == "person":
        return ActorEntry(nearest.code, "ELI", None, None, nearest.name, nearest.kind)
    return nearest


def _distance(entry: ActorEntry, on: date) -> int:
    if entry.end is not None and entry.end < on:
        return (on - entry.end).days
    if entry.start is not None and on < entry.start:
        return (entry.start - on).days
    return 0


def load_actor_lexicon(
    tokenize: Callable[[str], Iterable[str]],
    extra_files: Sequence[Path] = (),
    data_dir: Path | None = None,
) -> ActorLexicon:
    """Load the packaged actor data, then ``extra_files`` (user files win over package data).

    The packaged part is read from the lexicon cache (``redline/cache.py``) when an entry
    built from the same files by the same code is there, else built and cached."""
    lexicon = _package_lexicon(data_dir)
    valid = lexicon.valid_codes
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ActorDataError(f"{path}: cannot read actor file ({exc})") from exc
        for pattern, entry in _parse_actor_rows(text, str(path), tokenize):
            if not (entry.code in valid or entry.code == "WST" or entry.code.startswith("IGO")):
                raise ActorDataError(f"{path}: unknown actor code '{entry.code}'")
            lexicon.actors.add(pattern, entry, first=True)
    return lexicon


PACKAGE_FILES = (*ACTOR_FILES, *AGENT_FILES, "iso3166.tsv")


def _package_lexicon(data_dir: Path | None) -> ActorLexicon:
    """The lexicon of the packaged files (or of ``data_dir``'s), cached by their bytes and the
    code that reads them."""
    import redline.actors.normalize as normalize_module
    from redline.cache import cached, fingerprint

    raw = {name: _read_package_bytes(name, data_dir) for name in PACKAGE_FILES}
    chunks = [part for name, data in raw.items()
              for part in (name.encode(), b"-" if data is None else b"+" + data)]
    key = fingerprint(chunks, [sys.modules[__name__], normalize_module])
    return cached("actor-lexicon", key, lambda: _build_package_lexicon(raw))


def _build_package_lexicon(raw: dict[str, bytes | None]) -> ActorLexicon:
    actors = Trie()
    agents = Trie()
    iso = _text("iso3166.tsv", raw["iso3166.tsv"]) or ""
    valid = {line.split("\t")[0] for line in iso.splitlines()[1:] if line.strip()}
    for name in ACTOR_FILES:
        text = _text(name, raw[name])
        if text is None:
            continue
        for pattern, entry in _parse_actor_rows(text, name, None):
            actors.add(pattern, entry, first=True)
    # Our own agent list comes first: it adds what Phoenix lacks and overrides its choices
    # (a spokesperson speaks for a government, so GOV, not Phoenix's MED).
    for agent_file in AGENT_FILES:
        agent_text = _text(agent_file, raw[agent_file])
        for row in csv.DictReader(io.StringIO(agent_text or ""), delimiter="\t"):
            tokens = tuple(row["pattern"].split())
            if tokens and row.get("sector"):
                agents.add(tokens, row["sector"])
    return ActorLexicon(actors, agents, frozenset(valid))


def _parse_actor_rows(
    text: str, origin: str, tokenize: Callable[[str], Iterable[str]] | None
) -> Iterable[tuple[tuple[str, ...], ActorEntry]]:
    """Rows of an actor TSV. With ``tokenize`` (user files), patterns are free text that is
    normalised here and a Phoenix-style code such as ``RUSGOV`` is split into code + sector."""
    lines = text.splitlines()
    if not lines:
        return
    header = lines[0].split("\t")
    has_header = header[0] in ("pattern", "phrase")
    columns = header if has_header else list(ACTOR_COLUMNS)
    for lineno, line in enumerate(lines[1:] if has_header else lines, start=2 if has_header else 1):
        if not line.strip() or line.startswith("#"):
            continue
        values = dict(zip(columns, line.split("\t"), strict=False))
        phrase = values.get("pattern") or values.get("phrase") or ""
        code = (values.get("code") or "").strip().upper()
        if not phrase or not code:
            raise ActorDataError(f"{origin}:{lineno}: a row needs a pattern and a code")
        sector = (values.get("sector") or "").strip().upper()
        if tokenize is not None and len(code) > 3 and not code.startswith("IGO") and not sector:
            code, sector = code[:3], code[3:6]
        try:
            start = _parse_date(values.get("start", ""))
            end = _parse_date(values.get("end", ""))
        except ValueError as exc:
            raise ActorDataError(f"{origin}:{lineno}: bad date ({exc})") from exc
        kind = (values.get("kind") or "").strip() or "org"
        if kind not in KINDS:
            raise ActorDataError(f"{origin}:{lineno}: unknown kind '{kind}'")
        tokens = (
            normalize_phrase(phrase, tokenize) if tokenize is not None else tuple(phrase.split())
        )
        if not tokens:
            continue
        name = (values.get("name") or "").strip() or phrase.strip()
        yield tokens, ActorEntry(code, sector, start, end, name, kind)


def _parse_date(value: str) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def _read_package_bytes(name: str, data_dir: Path | None) -> bytes | None:
    """A data file's bytes as stored (gzipped or not); None when it is absent."""
    if data_dir is not None:
        path = data_dir / name
        return path.read_bytes() if path.exists() else None
    ref = resources.files("redline.actors") / "data" / name
    return ref.read_bytes() if ref.is_file() else None


def _text(name: str, raw: bytes | None) -> str | None:
    if raw is None:
        return None
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")
