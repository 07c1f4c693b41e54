"""Readers for the gold evaluation data sets.

* :func:`read_plv` - the PLV (Zero-Shot-PLOVER) TSV: one (source, target) pair in a news
  sentence per row, with its PLOVER root label and quad class.
* :func:`read_pentaclass` - the ConfliBERT pentaclass TSV: a sentence and a label 0..4.
* :func:`read_argspans` - the ConfliBERT argument-span TSV: a sentence, its label 0..4 and
  the character spans of its sources, targets and related entities.
* :func:`read_petr_xml` - the PETRARCH validation XML: sentences with CAMEO event codings.

Every reader either returns all rows or raises :class:`DatasetError`; a bad row is never
skipped silently. The error message is one line, ``"<path>: row <n>: <problem>"``, where
``n`` is the 1-based line number in the file (the header is line 1), or
``"<path>: <problem>"`` for a problem with the whole file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final
from xml.sax.saxutils import unescape

from redline.ontology.labels import PENTA_LABELS, UnknownLabel, to_root

PLV_COLUMNS: Final[tuple[str, ...]] = (
    "uid",
    "gold_penta",
    "gold_root",
    "sentence",
    "marked_sentence",
    "source",
    "target",
)
PENTA_COLUMNS: Final[tuple[str, ...]] = ("text", "label")
ARGSPANS_COLUMNS: Final[tuple[str, ...]] = ("text", "label", "sources", "targets", "related")
ARGSPANS_ROLES: Final[tuple[str, ...]] = ("sources", "targets", "related")

# What the PLV data writes in the source/target column when the sentence does not name
# that participant (the row then has no <s> or <t> mark): the span is None.
IMPLICIT_SOURCE: Final[str] = "An actor"
IMPLICIT_TARGET: Final[str] = "a recipient"


class DatasetError(ValueError):
    """A gold data file that cannot be read; the message names the file and the row."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = " ".join(problem.splitlines())
        where = f"{self.path}: " if line is None else f"{self.path}: row {line}: "
        super().__init__(where + self.problem)


@dataclass(frozen=True)
class PlvRow:
    """One PLV row. Spans are ``(start, end)`` character offsets into ``sentence``.

    ``sentence[slice(*source_span)] == source`` (likewise for the target); a span is None
    when the participant is implicit (the file gives ``"An actor"`` / ``"a recipient"``
    and marks nothing in the sentence).
    """

    uid: str
    row: int  # 0-based data row
    line: int  # 1-based line in the file (header = 1)
    gold_root: str
    gold_quad: int
    sentence: str
    marked_sentence: str
    source: str
    target: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None


@dataclass(frozen=True)
class PentaRow:
    """One pentaclass row: a sentence and its class (0..4, see ``PENTA_LABELS``)."""

    row: int
    line: int
    text: str
    label: int


Span = tuple[int, int]


@dataclass(frozen=True)
class ArgSpansRow:
    """One argument-span row: a sentence, its class (0..4, see ``PENTA_LABELS``) and the
    ``(start, end)`` character spans into ``text`` of its sources, targets and related
    entities (``text[start:end]`` is the phrase the file gives; a side may have none)."""

    row: int
    line: int
    text: str
    label: int
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]
    related: tuple[Span, ...]

    def phrases(self, role: str) -> list[str]:
        """The phrases of ``role`` (``"sources"``, ``"targets"`` or ``"related"``)."""
        spans: tuple[Span, ...] = getattr(self, role)
        return [self.text[start:end] for start, end in spans]


@dataclass(frozen=True)
class PetrEvent:
    """One ``<EventCoding>``: CAMEO-style actor codes and the CAMEO event code, as given."""

    source: str
    target: str
    code: str


@dataclass(frozen=True)
class PetrRecord:
    """One PETRARCH validation record (a ``<Sentence>`` with ``<EventCoding>`` lines)."""

    id: str
    date: str  # ISO YYYY-MM-DD
    text: str  # whitespace-normalised, one line
    events: tuple[PetrEvent, ...]
    noevents: bool


# --------------------------------------------------------------------------- TSV files


def _read_text(path: Path) -> str:
    if not path.exists():
        raise DatasetError(path, "no such file")
    if not path.is_file():
        raise DatasetError(path, "not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise DatasetError(path, f"cannot read ({exc.strerror or exc})") from exc
    if not text.strip():
        raise DatasetError(path, "empty file")
    return text


def _read_tsv(
    path: Path, columns: Sequence[str], quoted: bool = False
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, {column: value}) for each data row; extra columns are ignored.

    ``quoted`` reads fields quoted in the CSV way (``"..."`` with ``""`` for a quote), as
    the argument-span file writes its JSON columns; else quotes are plain characters."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t",
                        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE)
    try:
        header = [name.strip() for name in next(reader)]
        missing = [name for name in columns if name not in header]
        if missing:
            raise DatasetError(
                path,
                f"header lacks column(s) {', '.join(map(repr, missing))} "
                f"(found {', '.join(map(repr, header))})",
            )
        index = {name: header.index(name) for name in columns}
        for fields in reader:
            line = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue  # blank line
            if len(fields) > len(header):
                raise DatasetError(
                    path, f"{len(fields)} fields but the header has {len(header)}", line
                )
            for name in columns:
                if index[name] >= len(fields):
                    raise DatasetError(path, f"missing column {name!r}", line)
            yield line, {name: fields[index[name]] for name in columns}
    except csv.Error as exc:
        raise DatasetError(path, f"bad TSV: {exc}", reader.line_num) from exc


def _require(path: Path, line: int, rec: dict[str, str], *names: str) -> None:
    for name in names:
        if not rec[name].strip():
            raise DatasetError(path, f"empty value in column {name!r}", line)


# --------------------------------------------------------------------------- PLV


class _SpanError(Exception):
    """A mark that cannot be mapped (turned into a DatasetError by the caller)."""


_MARK = re.compile(r"</?[st]>")


def _strip_marks(marked: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """The text without ``<s>``/``<t>`` marks and the marked spans in that text."""
    parts: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {"s": [], "t": []}
    opened: dict[str, int | None] = {"s": None, "t": None}
    last = pos = 0
    for m in _MARK.finditer(marked):
        parts.append(marked[last : m.start()])
        pos += m.start() - last
        last = m.end()
        tag = m.group()
        name = tag.strip("</>")
        start = opened[name]
        if tag.startswith("</"):
            if start is None:
                raise _SpanError(f"{tag} without <{name}>")
            spans[name].append((start, pos))
            opened[name] = None
        else:
            if start is not None:
                raise _SpanError(f"<{name}> inside <{name}>")
            opened[name] = pos
    parts.append(marked[last:])
    for name, start in opened.items():
        if start is not None:
            raise _SpanError(f"<{name}> without </{name}>")
    return "".join(parts), spans


def _offset_map(unmarked: str, sentence: str) -> list[int] | None:
    """Map offsets of ``unmarked`` to ``sentence``; None where the texts are identical.

    Where they differ only in whitespace, non-space characters are aligned one to one
    (whitespace characters map to the next non-space character's offset).
    """
    if unmarked == sentence:
        return None
    if "".join(unmarked.split()) != "".join(sentence.split()):
        raise _SpanError("marked_sentence without its marks differs from sentence")
    mapping = [0] * (len(unmarked) + 1)
    j = 0
    for i, ch in enumerate(unmarked):
        if ch.isspace():
            mapping[i] = j
            continue
        while sentence[j].isspace():
            j += 1
        mapping[i] = j
        j += 1
    mapping[len(unmarked)] = len(sentence)
    return mapping


def _map_span(
    span: tuple[int, int], unmarked: str, mapping: list[int] | None
) -> tuple[int, int] | None:
    """A mark's span in sentence offsets, without surrounding whitespace (None if blank)."""
    start, end = span
    while start < end and unmarked[start].isspace():
        start += 1
    while end > start and unmarked[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    if mapping is None:
        return start, end
    return mapping[start], mapping[end - 1] + 1


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    start = text.find(value)
    while start >= 0:
        found.append((start, start + len(value)))
        start = text.find(value, start + 1)
    return found


def _locate(
    role: str,
    value: str,
    marks: list[tuple[int, int]],
    sentence: str,
    placeholder: str,
) -> tuple[int, int] | None:
    """The span of a source/target ``value`` in ``sentence``, guided by its marks.

    The first mark whose text is ``value`` wins; else the first occurrence of ``value``
    that overlaps a mark (the column and the mark disagree about the extent); with no
    marks, the first occurrence of ``value``; an implicit participant has no span.
    """
    tag = "<s>" if role == "source" else "<t>"
    if marks:
        for start, end in marks:
            if sentence[start:end] == value:
                return start, end
        for start, end in _occurrences(sentence, value):
            if any(start < m_end and m_start < end for m_start, m_end in marks):
                return start, end
        for start, end in marks:
            if sentence[start:end].split() == value.split():
                return start, end  # same words, other whitespace
        marked = sentence[marks[0][0] : marks[0][1]]
        raise _SpanError(f"{role} {value!r} is not at its {tag} mark ({marked!r})")
    found = _occurrences(sentence, value)
    if found:
        return found[0]
    if value.casefold() == placeholder.casefold():
        return None
    raise _SpanError(f"no {tag} mark and {role} {value!r} is not in the sentence")


def read_plv(path: Path) -> list[PlvRow]:
    """Read a PLV TSV (columns ``uid, gold_penta, gold_root, sentence, marked_sentence,
    source, target``; extra columns are ignored).

    ``gold_root`` is mapped with :func:`~redline.ontology.labels.to_root`; ``gold_quad``
    is ``gold_penta`` (1..4); an empty ``uid`` becomes ``plv-<row>``. Source and target
    values are stripped of surrounding whitespace.
    """
    path = Path(path)
    rows: list[PlvRow] = []
    seen: dict[str, int] = {}
    for line, rec in _read_tsv(path, PLV_COLUMNS):
        n = len(rows)
        _require(path, line, rec, *PLV_COLUMNS[1:])
        try:
            root = to_root(rec["gold_root"])
        except UnknownLabel:
            raise DatasetError(path, f"unknown label {rec['gold_root']!r}", line) from None
        penta = rec["gold_penta"].strip()
        if penta not in ("1", "2", "3", "4"):
            raise DatasetError(path, f"bad gold_penta {rec['gold_penta']!r} (expected 1..4)", line)
        uid = rec["uid"].strip() or f"plv-{n}"
        if uid in seen:
            raise DatasetError(path, f"uid {uid!r} repeats row {seen[uid]}", line)
        seen[uid] = line
        sentence = rec["sentence"]
        source = rec["source"].strip()
        target = rec["target"].strip()
        try:
            unmarked, marks = _strip_marks(rec["marked_sentence"])
            mapping = _offset_map(unmarked, sentence)
            spans: dict[str, list[tuple[int, int]]] = {}
            for name, found in marks.items():
                mapped = [_map_span(span, unmarked, mapping) for span in found]
                if any(span is None for span in mapped):
                    raise _SpanError(f"empty <{name}> mark")
                spans[name] = [span for span in mapped if span is not None]
            source_span = _locate("source", source, spans["s"], sentence, IMPLICIT_SOURCE)
            target_span = _locate("target", target, spans["t"], sentence, IMPLICIT_TARGET)
        except _SpanError as exc:
            raise DatasetError(path, str(exc), line) from None
        rows.append(
            PlvRow(
                uid=uid,
                row=n,
                line=line,
                gold_root=root,
                gold_quad=int(penta),
                sentence=sentence,
                marked_sentence=rec["marked_sentence"],
                source=source,
                target=target,
                source_span=source_span,
                target_span=target_span,
            )
        )
    if not rows:
        raise DatasetError(path, "no data rows")
    return rows


# --------------------------------------------------------------------------- pentaclass


def _penta_label(path: Path, line: int, value: str) -> int:
    label = value.strip()
    if not (label.isascii() and label.isdigit()) or int(label) not in PENTA_LABELS:
        raise DatasetError(path, f"bad label {value!r} (expected 0..4)", line)
    return int(label)


def read_pentaclass(path: Path) -> list[PentaRow]:
    """Read a pentaclass TSV (columns ``text, label``; label 0..4). Text is stripped."""
    path = Path(path)
    rows: list[PentaRow] = []
    for line, rec in _read_tsv(path, PENTA_COLUMNS):
        _require(path, line, rec, *PENTA_COLUMNS)
        label = _penta_label(path, line, rec["label"])
        rows.append(PentaRow(row=len(rows), line=line, text=rec["text"].strip(), label=label))
    if not rows:
        raise DatasetError(path, "no data rows")
    return rows


# --------------------------------------------------------------------------- argument spans


def _find_span(text: str, start: int, end: int, phrase: str) -> Span | None:
    """The span of ``phrase`` in ``text``: ``(start, end)`` where it is there, else the
    occurrence of the phrase nearest ``start``; surrounding whitespace is left out."""
    if not (0 <= start <= end <= len(text)) or text[start:end] != phrase:
        found = _occurrences(text, phrase)
        if not found:
            return None
        start, end = min(found, key=lambda span: (abs(span[0] - start), span[0]))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _arg_spans(path: Path, line: int, role: str, value: str, text: str) -> tuple[Span, ...]:
    """Parse a JSON list of ``[start, end, phrase]`` and check each span against ``text``."""
    try:
        items = json.loads(value) if value.strip() else []
    except json.JSONDecodeError as exc:
        raise DatasetError(path, f"column {role!r} is not JSON ({exc.msg})", line) from None
    if not isinstance(items, list):
        raise DatasetError(path, f"column {role!r} is not a JSON list", line)
    spans: list[Span] = []
    for item in items:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and all(isinstance(x, int) and not isinstance(x, bool) for x in item[:2])
            and isinstance(item[2], str)
        ):
            raise DatasetError(
                path, f"bad span {json.dumps(item)[:80]} in {role!r} "
                "(expected [start, end, phrase])", line
            )
        start, end, phrase = item
        if not phrase.strip():
            raise DatasetError(path, f"empty phrase in {role!r} span [{start}, {end}]", line)
        span = _find_span(text, start, end, phrase)
        if span is None:
            shown = text[start:end] if 0 <= start <= end <= len(text) else "out of range"
            raise DatasetError(
                path, f"{role} span [{start}, {end}] is {shown!r}, not {phrase[:80]!r}, "
                "and the phrase is not in the text", line
            )
        spans.append(span)
    return tuple(spans)


def read_argspans(path: Path) -> list[ArgSpansRow]:
    """Read an argument-span TSV (columns ``text, label, sources, targets, related``; extra
    columns are ignored; fields may be quoted in the CSV way).

    ``label`` is 0..4 as in the pentaclass data; ``sources``, ``targets`` and ``related``
    are JSON lists of ``[start, end, phrase]`` (an empty field is an empty list). A span
    whose text is not its phrase is moved to the occurrence of the phrase nearest its start;
    a phrase that is not in the text is an error. The text is stripped and the spans shifted
    with it.
    """
    path = Path(path)
    rows: list[ArgSpansRow] = []
    for line, rec in _read_tsv(path, ARGSPANS_COLUMNS, quoted=True):
        _require(path, line, rec, "text", "label")
        label = _penta_label(path, line, rec["label"])
        raw = rec["text"]
        spans = {role: _arg_spans(path, line, role, rec[role], raw) for role in ARGSPANS_ROLES}
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        shifted = {role: tuple((s - lead, e - lead) for s, e in found)
                   for role, found in spans.items()}
        rows.append(
            ArgSpansRow(
                row=len(rows),
                line=line,
                text=text,
                label=label,
                sources=shifted["sources"],
                targets=shifted["targets"],
                related=shifted["related"],
            )
        )
    if not rows:
        raise DatasetError(path, "no data rows")
    return rows


def tsv_kind(path: Path) -> str:
    """``"plv"``, ``"argspans"`` or ``"pentaclass"``: which gold TSV ``path`` is, by the
    columns of its header (raises :class:`DatasetError` for none of them)."""
    path = Path(path)
    first = _read_text(path).splitlines()[0]
    header = {name.strip().strip('"') for name in first.split("\t")}
    for kind, columns in (("plv", PLV_COLUMNS), ("argspans", ARGSPANS_COLUMNS),
                          ("pentaclass", PENTA_COLUMNS)):
        if set(columns) <= header:
            return kind
    raise DatasetError(path, "header has the columns of no gold TSV (plv, argspans, pentaclass)")


# --------------------------------------------------------------------------- PETRARCH XML

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HASH_LINE = re.compile(r"^[ \t]*#[^\n]*$", re.MULTILINE)
_TAG = re.compile(r"<(/?)([A-Za-z_][\w.:-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"""([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SENTENCE = re.compile(r"<Sentence\b")
_SENTENCES = re.compile(r"^[ \t]*<Sentences>", re.MULTILINE)
_ENTITIES: Final[dict[str, str]] = {"&quot;": '"', "&apos;": "'"}


def _blank(match: re.Match[str]) -> str:
    """Blank a match out, keeping its newlines so that line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group())


def _attrs(path: Path, line: int, raw: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    rest = raw
    for m in _ATTR.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3)
        attrs[m.group(1)] = unescape(value, _ENTITIES)
        rest = rest.replace(m.group(), "", 1)
    if rest.strip():
        raise DatasetError(path, f"malformed attributes {raw.strip()!r}", line)
    return attrs


def _iso_date(path: Path, line: int, raw: str | None) -> str:
    if raw is None:
        raise DatasetError(path, "<Sentence> has no date attribute", line)
    value = raw.strip()
    try:
        if not re.fullmatch(r"\d{8}", value):
            raise ValueError(value)
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        raise DatasetError(path, f"bad date {raw!r} (expected yyyymmdd)", line) from None


def _check_tags(path: Path, body: str, offset_line: int) -> None:
    """Check that the tags in a record balance (Sentence tags aside) and no '<' is stray."""
    stack: list[tuple[str, int]] = []
    pos = 0
    for m in _TAG.finditer(body):
        stray = body.find("<", pos, m.start())
        if stray >= 0:
            raise DatasetError(
                path, "stray '<' (unclosed tag?)", _line_at(body, stray, offset_line)
            )
        pos = m.end()
        closing, name, _, selfclosing = m.groups()
        line = _line_at(body, m.start(), offset_line)
        if name == "Sentence" or selfclosing:
            continue
        if not closing:
            stack.append((name, line))
        elif not stack or stack[-1][0] != name:
            expected = f"</{stack[-1][0]}>" if stack else "no closing tag"
            raise DatasetError(path, f"</{name}> where {expected} was expected", line)
        else:
            stack.pop()
    stray = body.find("<", pos)
    if stray >= 0:
        raise DatasetError(path, "stray '<' (unclosed tag?)", _line_at(body, stray, offset_line))
    if stack:
        name, line = stack[-1]
        raise DatasetError(path, f"<{name}> is not closed", line)


def _line_at(text: str, index: int, offset_line: int) -> int:
    return offset_line + text.count("\n", 0, index)


def read_petr_xml(path: Path) -> list[PetrRecord]:
    """Read a PETRARCH validation XML file into the records that have ``<EventCoding>``.

    The file is read with regular expressions, not an XML parser: it opens with a block
    of ``#`` lines, its ``<Sentence .../>`` elements are often self-closed with the
    ``<EventCoding .../>``, ``<Text>`` and ``<Parse>`` elements after them, and comments
    may hide parts of a record. A record runs from one ``<Sentence`` to the next (or to
    ``</Sentences>``); its tags must balance. Records with ``noevents="True"`` have no
    events; records without ``<EventCoding>`` are left out.
    """
    path = Path(path)
    text = _read_text(path)
    if not text.lstrip().startswith("<"):
        raise DatasetError(path, "not XML (does not start with '<')")
    cleaned = _COMMENT.sub(_blank, text)
    unclosed = cleaned.find("<!--")
    if unclosed >= 0:
        raise DatasetError(path, "comment is not closed", _line_at(cleaned, unclosed, 1))
    # The '#' block before <Sentences> is no XML; blank it out (only there, where a
    # <Sentences> line exists, so that a text line starting with '#' stays).
    body_start = _SENTENCES.search(cleaned)
    cut = body_start.start() if body_start else len(cleaned)
    cleaned = _HASH_LINE.sub(lambda m: " " * len(m.group()), cleaned[:cut]) + cleaned[cut:]
    starts = [m.start() for m in _SENTENCE.finditer(cleaned)]
    if not starts:
        raise DatasetError(path, "no <Sentence> records (not a PETRARCH validation file?)")
    close = cleaned.find("</Sentences>", starts[-1])
    ends = [*starts[1:], close if close >= 0 else len(cleaned)]
    records: list[PetrRecord] = []
    seen: dict[str, int] = {}
    for start, end in zip(starts, ends, strict=True):
        body = cleaned[start:end]
        line = _line_at(cleaned, start, 1)
        head = _TAG.match(body)
        if head is None or head.group(1) or head.group(2) != "Sentence":
            raise DatasetError(path, "malformed <Sentence> tag", line)
        _check_tags(path, body, line)
        attrs = _attrs(path, line, head.group(3))
        rec_id = attrs.get("id", "").strip()
        if not rec_id:
            raise DatasetError(path, "<Sentence> has no id", line)
        if rec_id in seen:
            raise DatasetError(path, f"id {rec_id!r} repeats row {seen[rec_id]}", line)
        seen[rec_id] = line
        iso = _iso_date(path, line, attrs.get("date"))
        events: list[PetrEvent] = []
        noevents = False
        codings = 0
        for m in _TAG.finditer(body):
            if m.group(2) != "EventCoding" or m.group(1):
                continue
            codings += 1
            at = _line_at(body, m.start(), line)
            coding = _attrs(path, at, m.group(3))
            if coding.get("noevents", "").strip().lower() == "true":
                noevents = True
                continue
            missing = [
                key
                for key in ("sourcecode", "targetcode", "eventcode")
                if not coding.get(key, "").strip()
            ]
            if missing:
                raise DatasetError(path, f"<EventCoding> lacks {', '.join(missing)}", at)
            events.append(
                PetrEvent(
                    source=coding["sourcecode"].strip(),
                    target=coding["targetcode"].strip(),
                    code=coding["eventcode"].strip(),
                )
            )
        if not codings:
            continue
        if noevents and events:
            raise DatasetError(path, 'noevents="True" beside coded events', line)
        texts = re.findall(r"<Text>(.*?)</Text>", body, re.DOTALL)
        if len(texts) != 1:
            raise DatasetError(path, f"record {rec_id!r} has {len(texts)} <Text> elements", line)
        sentence = " ".join(unescape(texts[0], _ENTITIES).split())
        if not sentence:
            sentence = _text_from_parse(body)
        records.append(
            PetrRecord(
                id=rec_id,
                date=iso,
                text=sentence,
                events=tuple(events),
                noevents=noevents,
            )
        )
    return records


def _text_from_parse(body: str) -> str:
    """A record with an empty ``<Text>`` keeps its sentence in the CoNLL ``<Parse>``: the
    word column, joined with the spacing punctuation takes in text."""
    parses = re.findall(r"<Parse>(.*?)</Parse>", body, re.DOTALL)
    words = []
    for line in (parses[0].splitlines() if parses else []):
        cells = line.split("\t")
        if len(cells) > 2 and cells[0].strip().isdigit():
            words.append(cells[1])
    text = " ".join(words)
    return re.sub(r" ([.,;:!?')\]])", r"\1", text).replace("( ", "(")
