"""``redline codes``: what a code means, or which actor code a text gets and why.

A query of one word is first read as a code: an actor code (a country, a sector, an IGO, a
Phoenix-style composite such as ``RUSGOV``: ``actors/codebook.py``), a PLOVER type, mode or
context, or a CAMEO code (``ontology/``). Anything else, and a word that is no code, is read
as text: the coder's own mention finder (``actors/mentions.py``, with the coder's tokenizer
and sentence splitter) finds its actors, and each is explained with the dictionary rows it
came from. :func:`look_up` returns JSON data; :func:`lines` renders it for reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from redline.actors.codebook import (
    ActorCode,
    Codebook,
    DictionaryRow,
    actor_rows,
    agent_rows,
    load_codebook,
)
from redline.actors.lexicon import STATE_LIKE, ActorEntry, ActorLexicon, resolve_entry
from redline.actors.mentions import Mention, Words
from redline.actors.normalize import normalize_token
from redline.ontology import Ontology, load_ontology
from redline.ontology.labels import PENTA_LABELS, cameo_quad

MAX_TEXT_CHARACTERS = 20_000
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class CodesInputError(ValueError):
    """The query cannot be read; the message is one line."""


def look_up(query: str, *, on: date | None = None, as_text: bool = False) -> dict[str, Any]:
    """What ``query`` is: ``{"query", "read_as": "code" | "text", "matches": [...]}``; each
    match is a dict with a ``match`` kind (``actor_code``, ``plover_type``,
    ``plover_mode``, ``plover_context``, ``cameo``, ``actor``). ``on``: the date the
    dictionaries' dated rows are read for (office holders); ``as_text`` skips the codes.
    ``CodesInputError`` for an empty, over-long or non-text query."""
    query = check_query(query)
    if not as_text and _WORD.fullmatch(query):
        found = code_matches(query, load_codebook(), load_ontology())
        if found:
            return {"query": query, "read_as": "code", "matches": found}
    return {"query": query, "read_as": "text", "matches": text_matches(query, on)}


def check_query(query: str) -> str:
    text = query.strip()
    if not text:
        raise CodesInputError("the query is empty: give a code (RUSGOV, 172, THREATEN) "
                              "or a text (\"the Russian ambassador\")")
    if len(text) > MAX_TEXT_CHARACTERS:
        raise CodesInputError(f"the text is too long ({len(text)} characters; at most "
                              f"{MAX_TEXT_CHARACTERS}): use 'redline explain' or "
                              "'redline code' for documents")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise CodesInputError("the query is not valid UTF-8 text")
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in text):
        raise CodesInputError("the query holds control characters; it is not plain text")
    return text


# -- codes ----------------------------------------------------------------------------------


def code_matches(word: str, codebook: Codebook, ontology: Ontology) -> list[dict[str, Any]]:
    """Every reading of ``word`` as a code (upper case for actor codes, PLOVER types and
    CAMEO; modes and contexts as written in lower case)."""
    code, lower = word.upper(), word.lower()
    found: list[dict[str, Any]] = []
    actor = codebook.actor_code(code)
    if actor is not None:
        found.append(_actor_code(actor, codebook))
        found += [{"match": "actor_code", "code": code, "name": part.meaning,
                   "parts": [asdict(part)]} for part in codebook.other_meanings(code)]
    if code in ontology.types:
        found.append(_plover_type(code, ontology))
    for ptype in ontology.types.values():
        for mode in ptype.modes:
            if mode.name == lower:
                found.append({"match": "plover_mode", "code": mode.name, "type": ptype.name,
                              "description": mode.description,
                              "cameo": _cameo_codes(ontology, ptype.name, mode=mode.name)})
    if lower in ontology.contexts:
        found.append({"match": "plover_context", "code": lower,
                      "description": ontology.contexts[lower][0],
                      "cameo": _cameo_codes(ontology, context=lower)})
    if code.isdigit():
        cameo = _cameo(code, ontology)
        if cameo is not None:
            found.append(cameo)
    return found


def _actor_code(actor: ActorCode, codebook: Codebook) -> dict[str, Any]:
    parts = []
    for part in actor.parts:
        row = asdict(part)
        iso = codebook.iso_names.get(part.code) if part.kind == "country" else None
        if iso and iso != part.meaning:
            row["iso_name"] = iso
        parts.append(row)
    return {"match": "actor_code", "code": actor.code, "name": actor.name, "parts": parts}


def _plover_type(name: str, ontology: Ontology) -> dict[str, Any]:
    ptype = ontology.types[name]
    return {"match": "plover_type", "code": name, "description": ptype.description,
            "quad": ptype.quad, "quad_name": PENTA_LABELS[ptype.quad],
            "default_intensity": ptype.default_intensity,
            "modes": [m.name for m in ptype.modes], "cameo": _cameo_codes(ontology, name)}


def _cameo(code: str, ontology: Ontology) -> dict[str, Any] | None:
    entry = ontology.cameo(code)
    if entry is None:
        return None
    plover = ontology.types.get(entry.plover)
    phoenix = cameo_quad(entry.code)
    return {"match": "cameo", "code": code, "listed_as": entry.code,
            "name": entry.description, "plover": entry.plover, "mode": entry.mode,
            "context": list(entry.context), "goldstein": entry.goldstein,
            "quad": plover.quad if plover else None,
            "quad_name": PENTA_LABELS[plover.quad] if plover else None,
            "phoenix_quad": phoenix,
            "phoenix_quad_name": PENTA_LABELS[phoenix] if phoenix is not None else None}


def _cameo_codes(ontology: Ontology, plover: str = "", *, mode: str = "",
                 context: str = "") -> list[str]:
    return sorted(e.code for e in ontology.cameo_entries.values()
                  if (not plover or e.plover == plover) and (not mode or e.mode == mode)
                  and (not context or context in e.context))


# -- text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A dictionary phrase inside a mention: an actor (with its entries) or an agent."""

    role: str  # "actor" | "agent"
    words: str  # the words of the text
    pattern: str
    entries: tuple[ActorEntry, ...] = ()
    sector: str = ""


def text_matches(text: str, on: date | None) -> list[dict[str, Any]]:
    """The actors the coder's mention finder gives ``text``, each explained."""
    from redline.actors.lexicon import load_actor_lexicon
    from redline.actors.mentions import MentionFinder
    from redline.actors.normalize import spacy_tokenize
    from redline.nlp.pipeline import load_nlp
    from redline.nlp.segment import SentenceSplitter

    nlp = load_nlp()
    lexicon = load_actor_lexicon(spacy_tokenize(nlp.tokenizer))
    codebook = load_codebook()
    finder = MentionFinder(lexicon, on)
    found = []
    for sentence in SentenceSplitter(nlp.tokenizer).split(text):
        tokens = nlp.tokenizer(sentence.text)
        words = Words([t.text for t in tokens], [t.idx for t in tokens], sentence.text,
                      sentence.start)
        for mention in finder.find(words):
            found.append(_mention(mention, words, sentence.index, lexicon, codebook, on))
    return found


def _mention(m: Mention, words: Words, sentence: int, lexicon: ActorLexicon,
             codebook: Codebook, on: date | None) -> dict[str, Any]:
    pieces = list(_pieces(words.texts[m.start:m.end], lexicon))
    actor = codebook.actor_code(m.code + m.sector) or codebook.actor_code(m.code)
    rows: list[dict[str, Any]] = []
    for piece in pieces:
        rows += _rows(piece, on)
    return {"match": "actor", "text": m.text, "sentence": sentence,
            "span": [m.char_start, m.char_end], "code": m.code, "sector": m.sector,
            "name": m.name, "kind": m.kind, "found_by": m.via,
            "parts": _actor_code(actor, codebook)["parts"] if actor else [],
            "why": _why(m, pieces, on), "rows": rows}


def _pieces(texts: list[str], lexicon: ActorLexicon) -> Iterator[_Piece]:
    """The actor and agent phrases of a mention's words, longest first from the left, as
    the mention finder matches them."""
    kept = [(t, n) for t in texts if (n := normalize_token(t))]
    norms = [n for _, n in kept]
    j = 0
    while j < len(norms):
        actor = lexicon.match_actor(norms, j)
        agent = lexicon.match_agent(norms, j)
        if actor is not None and (agent is None or actor[0] >= agent[0]):
            end = actor[0]
            yield _Piece("actor", " ".join(t for t, _ in kept[j:end]), " ".join(norms[j:end]),
                         entries=tuple(actor[1]))
        elif agent is not None:
            end = agent[0]
            yield _Piece("agent", " ".join(t for t, _ in kept[j:end]), " ".join(norms[j:end]),
                         sector=agent[1])
        else:
            end = j + 1
        j = end


def _rows(piece: _Piece, on: date | None) -> list[dict[str, Any]]:
    if piece.role == "agent":
        found = agent_rows(piece.pattern)
        return [_row("agent", row, used=i == 0) for i, row in enumerate(found)]
    used = resolve_entry(piece.entries, on)
    found = actor_rows(piece.pattern)
    first = next((i for i, row in enumerate(found) if used and _same(row, used)), None)
    return [_row("actor", row, used=i == first) for i, row in enumerate(found)]


def _same(row: DictionaryRow, entry: ActorEntry) -> bool:
    return (row.code, row.sector, row.name, row.kind, row.start, row.end) == (
        entry.code, entry.sector, entry.name, entry.kind,
        entry.start.isoformat() if entry.start else "", entry.end.isoformat() if entry.end else "")


def _row(role: str, row: DictionaryRow, *, used: bool) -> dict[str, Any]:
    return {"role": role, **asdict(row), "used": used}


def _why(m: Mention, pieces: list[_Piece], on: date | None) -> str:
    agents = [p for p in pieces if p.role == "agent"]
    actors = [p for p in pieces if p.role == "actor"]
    if "->" in m.via:
        how, _, antecedent = m.via.partition("->")
        return f"'{m.text}' ({how}) refers back to '{antecedent}'"
    if m.via == "learned":
        return f"'{m.text}' was named earlier in the text with a title that gave its actor"
    if m.via in ("title", "appositive"):
        where = "follows the title" if m.via == "title" else "stands in apposition to"
        title = " ".join(p.words for p in pieces) or "a title"
        return (f"the name {where} '{title}' and takes its actor; it is learned for the "
                "rest of the text")
    states = [(p, e) for p in actors if (e := _entry(p, on)) is not None and e.kind in STATE_LIKE]
    if m.kind == "agent" and agents and states:
        state, country = states[0]
        agent = agents[-1]
        sector = (" (an IGO's agents take no sector)" if m.code.startswith("IGO")
                  else f" ({agent.sector})")
        return (f"agent '{agent.words}'{sector} takes its country from '{state.words}' "
                f"({country.kind} of {country.name}: {country.code})")
    if actors:
        piece = actors[-1]
        entry = _entry(piece, on)
        if entry is not None:
            what = f"'{piece.pattern}' is {_article(entry.kind)} {entry.kind}, {entry.name}"
            code = f"{entry.code} {entry.sector}".strip()
            note = _dated(piece, entry, on)
            title = (f" named after the title '{' '.join(p.words for p in agents)}'"
                     if agents else "")
            return f"the actor lexicon: {what} ({code}){title}{note}"
    return f"found by: {m.via}"


def _entry(piece: _Piece, on: date | None) -> ActorEntry | None:
    return resolve_entry(piece.entries, on)


def _dated(piece: _Piece, entry: ActorEntry, on: date | None) -> str:
    if len(piece.entries) < 2:
        return ""
    when = f"on {on.isoformat()}" if on is not None else "without a date (give --date)"
    if entry.open_ended:
        return f"; {len(piece.entries)} rows, the one without dates is used {when}"
    span = f"{entry.start or '...'} to {entry.end or '...'}"
    return f"; {len(piece.entries)} rows, the one of {span} is used {when}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


# -- reading ------------------------------------------------------------------------------------


def lines(result: dict[str, Any]) -> list[str]:
    """The result of :func:`look_up` as plain lines."""
    matches = result["matches"]
    if not matches:
        if result["read_as"] == "code":
            return [f"no match: '{result['query']}' is not a known code"]
        query = result["query"]
        lower_case = any(c.isalpha() for c in query) and not any(c.isupper() for c in query)
        hint = " (names must be capitalised as in news text)" if lower_case else ""
        return [f"no match: '{result['query']}' is no code and names no actor in the "
                f"dictionaries{hint}"]
    out: list[str] = []
    for match in matches:
        if out:
            out.append("")
        out += _LINES[match["match"]](match)
    return out


def _parts(parts: list[dict[str, Any]]) -> list[str]:
    out = []
    for part in parts:
        meaning = part["meaning"] or "(not in the dictionaries)"
        iso = f" (ISO 3166: {part['iso_name']})" if part.get("iso_name") else ""
        out.append(f"  {part['code']:<4} {part['kind']:<13} {meaning}{iso}")
    return out


def _actor_code_lines(m: dict[str, Any]) -> list[str]:
    return [f"{m['code']}: {m['name']} (actor code)", *_parts(m["parts"])]


def _plover_type_lines(m: dict[str, Any]) -> list[str]:
    return [f"{m['code']}: PLOVER event type: {m['description']}",
            f"  quad {m['quad']} ({m['quad_name']}), default intensity "
            f"{m['default_intensity']:+g}",
            f"  modes: {', '.join(m['modes']) or '-'}",
            f"  CAMEO codes: {_codes(m['cameo'])}"]


def _plover_mode_lines(m: dict[str, Any]) -> list[str]:
    return [f"{m['code']}: PLOVER mode of {m['type']}: {m['description']}",
            f"  CAMEO codes: {_codes(m['cameo'])}"]


def _plover_context_lines(m: dict[str, Any]) -> list[str]:
    return [f"{m['code']}: PLOVER context: {m['description']}",
            f"  CAMEO codes: {_codes(m['cameo'])}"]


def _cameo_lines(m: dict[str, Any]) -> list[str]:
    listed = ("" if m["listed_as"] == m["code"]
              else f" (not listed; read as its prefix {m['listed_as']})")
    out = [f"{m['code']}: CAMEO {m['name']}{listed}",
           f"  Goldstein {m['goldstein']:+g}"
           + (f", Phoenix quad {m['phoenix_quad']} ({m['phoenix_quad_name']})"
              if m["phoenix_quad"] is not None else "")]
    if m["plover"]:
        extra = "".join(f", {k} {m[k] if isinstance(m[k], str) else ', '.join(m[k])}"
                        for k in ("mode", "context") if m[k])
        out.append(f"  PLOVER {m['plover']}{extra}: quad {m['quad']} ({m['quad_name']})")
    else:
        out.append("  no PLOVER type (PLOVER drops CAMEO 01 and 02: statements, appeals)")
    return out


def _actor_lines(m: dict[str, Any]) -> list[str]:
    code = f"{m['code']}{m['sector']}" or "(no code)"
    name = f": {m['name']}" if m["name"] else ""
    out = [f"'{m['text']}' -> {code}{name}", *_parts(m["parts"]), f"  why: {m['why']}"]
    for row in m["rows"]:
        cells = [row["pattern"], row["code"], row["sector"],
                 f"{row['start']}..{row['end']}" if row["start"] or row["end"] else "",
                 row["name"], row["kind"]]
        used = "  (used)" if row["used"] else ""
        out.append(f"  {row['role']} row {row['file']}:{row['line']}: "
                   + " | ".join(c for c in cells if c) + used)
    return out


def _codes(codes: list[str], most: int = 24) -> str:
    shown = ", ".join(codes[:most])
    return (shown + f" ... ({len(codes)} codes)") if len(codes) > most else (shown or "-")


_LINES = {"actor_code": _actor_code_lines, "plover_type": _plover_type_lines,
          "plover_mode": _plover_mode_lines, "plover_context": _plover_context_lines,
          "cameo": _cameo_lines, "actor": _actor_lines}
