"""Output that never destroys input, text shown as text, cells a spreadsheet will not run,
and bad option values answered in one line: through the command line, and through the
functions it calls."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from redline.output.cells import spreadsheet_safe
from redline.output.targets import TargetError, TargetGuard, replacing
from redline.output.terminal import one_line, printable
from tests.conftest import jsonl, rows, run_cli

MARKUP_TEXT = ("Russia attacked Ukraine [/] on Monday. Officials in [bold]Kyiv[/bold] "
               "condemned [link=http://example.com]the attack[/link].")
ESCAPES_TEXT = ("China condemned Japan on Tuesday \x1b[31mwith harsh words\x1b[0m. "
                "\x1b]8;;http://example.com\x1b\\Iran\x1b]8;;\x1b\\ warned Israel.\x1b]0;owned\x07")


def _story(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- where output may go ---------------------------------------------------------------------


def test_guard_refuses_inputs_and_existing_files(tmp_path: Path) -> None:
    source = _story(tmp_path / "in.jsonl", {"text": "Russia attacked Ukraine."})
    folder = tmp_path / "inputs"
    folder.mkdir()
    store = tmp_path / "s.duckdb"
    store.write_bytes(b"store")
    guard = TargetGuard(inputs=(source, folder, store), force=True, companions=(".wal",),
                        read_as_input=lambda name: name.endswith(".jsonl"))
    for target, reason in ((source, "is an input"), (tmp_path / "." / "in.jsonl", "is an input"),
                           (store, "is an input"), (tmp_path / "s.duckdb.wal", "is an input"),
                           (folder / "out.jsonl", "would be read as input"),
                           (folder, "is an input"), (tmp_path, "is a directory")):
        with pytest.raises(TargetError, match=reason):
            guard.check(target)
    guard.check(folder / "notes.md")        # not read by the folder's reader
    guard.check(tmp_path / "new.jsonl")     # a new file
    existing = tmp_path / "old.csv"
    existing.write_text("old", encoding="utf-8")
    guard.check(existing)                   # --force
    with pytest.raises(TargetError, match="exists; use --force"):
        TargetGuard(inputs=(source,)).check(existing)
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    with pytest.raises(TargetError, match="is an input"):
        guard.check(link)


def test_replacing_keeps_the_old_file_until_the_new_one_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.jsonl"
    with replacing(target, TargetGuard()) as handle:
        handle.write("first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(RuntimeError), replacing(target, TargetGuard(force=True)) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.jsonl"]  # no temp file


def test_code_never_writes_over_its_input_and_overwrites_only_with_force(tmp_path: Path) -> None:
    source = _story(tmp_path / "a.jsonl",
                    {"id": "a", "text": "Russia attacked Ukraine on Monday.",
                     "date": "2024-06-21"})
    before = source.read_bytes()
    onto_input = run_cli("code", str(source), "--format", "jsonl", "--out", str(source),
                         "--force", "--no-classifier")
    assert onto_input.returncode == 2
    assert onto_input.stderr.decode().splitlines() == [
        f"error: {source}: is an input of this command; refusing to write over it "
        "(choose another output)"]
    assert source.read_bytes() == before

    out = tmp_path / "new" / "folder" / "events.jsonl"          # a missing folder is created
    first = run_cli("code", str(source), "--format", "jsonl", "--out", str(out),
                    "--no-classifier")
    assert first.returncode == 0, first.stderr
    assert [r["event"] for r in jsonl(out.read_bytes())] == ["ASSAULT"]
    again = run_cli("code", str(source), "--format", "csv", "--out", str(out),
                    "--no-classifier")
    assert again.returncode == 2
    assert again.stderr.decode().strip() == f"error: {out}: exists; use --force to overwrite it"
    assert [r["event"] for r in jsonl(out.read_bytes())] == ["ASSAULT"]  # untouched
    forced = run_cli("code", str(source), "--format", "csv", "--out", str(out), "--force",
                     "--no-classifier")
    assert forced.returncode == 0
    assert next(csv.DictReader(io.StringIO(out.read_text("utf-8"))))["event"] == "ASSAULT"

    onto_folder = run_cli("code", str(source), "--out", str(tmp_path), "--no-classifier")
    assert onto_folder.returncode == 2
    assert onto_folder.stderr.decode().strip() == (
        f"error: {tmp_path}: is a directory; give a file name")
    under_a_file = run_cli("code", str(source), "--out", str(source / "x.jsonl"), "--force",
                           "--no-classifier")
    assert under_a_file.returncode == 2
    assert len(under_a_file.stderr.decode().strip().splitlines()) == 1
    assert "Traceback" not in under_a_file.stderr.decode()


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "0.0000001"])
def test_max_mb_must_be_a_positive_finite_size(tmp_path: Path, value: str) -> None:
    source = _story(tmp_path / "a.jsonl", {"text": "Russia attacked Ukraine."})
    result = run_cli("code", str(source), "--max-mb", value)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: --max-mb must be a positive number of megabytes")


def test_export_never_writes_over_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    source = _story(tmp_path / "a.jsonl",
                    {"id": "=HYPERLINK(\"http://example.com\")",
                     "text": "Russia attacked Ukraine on Monday.", "date": "2024-06-21",
                     "title": "@SUM(A1)", "url": "+cmd|' /C calc'!A0"})
    ingest = run_cli("ingest", str(source), "--db", str(db), "--quiet", "--no-classifier")
    assert ingest.returncode == 0, ingest.stderr
    before = db.read_bytes()
    for fmt, out in (("plover-jsonl", db), ("csv", db), ("gdelt", Path(f"{db}.wal"))):
        refused = run_cli("export", "--db", str(db), "--format", fmt, "--out", str(out),
                          "--force")
        assert refused.returncode == 2, fmt
        assert refused.stderr.decode().strip() == (
            f"error: {out}: is an input of this command; refusing to write over it "
            "(choose another output)")
    assert db.read_bytes() == before and not Path(f"{db}.wal").exists()
    assert rows(db, "SELECT count(*) FROM events") == [(1,)]

    folder = tmp_path / "tables"
    first = run_cli("export", "--db", str(db), "--format", "csv", "--out", f"{folder}/")
    assert first.returncode == 0, first.stderr
    again = run_cli("export", "--db", str(db), "--format", "csv", "--out", f"{folder}/")
    assert again.returncode == 2
    assert again.stderr.decode().strip() == (
        f"error: {folder / 'events.csv'}: exists; use --force to overwrite it")
    # spreadsheet formulas from the document arrive as text
    events = list(csv.DictReader(io.StringIO((folder / "events.csv").read_text("utf-8"))))
    assert events[0]["doc_id"] == "'=HYPERLINK(\"http://example.com\")"
    assert float(events[0]["intensity"]) < 0                 # numbers stay numbers
    documents = list(csv.DictReader(io.StringIO((folder / "documents.csv").read_text("utf-8"))))
    assert documents[0]["title"] == "'@SUM(A1)" and documents[0]["url"].startswith("'+cmd")
    gdelt = run_cli("export", "--db", str(db), "--format", "gdelt")
    cells = gdelt.stdout.decode().rstrip("\n").split("\t")
    assert cells[-1] == "'+cmd|' /C calc'!A0" and cells[30].startswith("-")  # Goldstein


def test_spreadsheet_cells() -> None:
    assert spreadsheet_safe("=1+2") == "'=1+2"
    assert spreadsheet_safe("-Putin said") == "'-Putin said"
    assert spreadsheet_safe("@home") == "'@home"
    assert spreadsheet_safe("-7.5") == "-7.5" and spreadsheet_safe("+3") == "+3"
    assert spreadsheet_safe("Russia") == "Russia" and spreadsheet_safe(-7.5) == -7.5


# -- text shown as text ------------------------------------------------------------------------


def test_terminal_text_helpers() -> None:
    assert printable(ESCAPES_TEXT) == ("China condemned Japan on Tuesday with harsh words. "
                                       "Iran warned Israel.")
    assert printable("a\x00b\x9b2Jc\u200fd") == "abc\u200fd"  # C0/C1 out, bidi marks kept
    assert one_line("bad\nname\t.txt\r") == "bad\\nname\\t.txt\\r"


def test_code_explain_and_brief_show_document_text_as_text(tmp_path: Path) -> None:
    source = _story(tmp_path / "m.jsonl",
                    {"id": "[/]", "text": MARKUP_TEXT, "date": "2024-06-21",
                     "title": "[bold]Markup[/bold] \x1b]0;title\x07"},
                    {"id": "esc", "text": ESCAPES_TEXT, "date": "2024-06-21"})
    table = run_cli("code", str(source), "--no-classifier")
    assert table.returncode == 0, table.stderr
    shown = table.stdout.decode()
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Russia attacked Ukraine [/] on Monday." in shown
    assert "[bold]Markup[/bold]" in shown and "[[/], 2024-06-21]" in shown
    assert "China condemned Japan on Tuesday with harsh words." in shown

    explained = run_cli("explain", MARKUP_TEXT + " " + ESCAPES_TEXT, "--no-classifier")
    assert explained.returncode == 0, explained.stderr
    assert "\x1b" not in explained.stdout.decode()
    assert "[bold]Kyiv[/bold]" in explained.stdout.decode()

    db = tmp_path / "s.duckdb"
    assert run_cli("ingest", str(source), "--db", str(db), "--quiet",
                   "--no-classifier").returncode == 0
    for day, seen in (("2024-06-17", "Russia attacked Ukraine [/] on Monday."),
                      ("2024-06-18", "China condemned Japan on Tuesday with harsh words.")):
        brief = run_cli("brief", "--db", str(db), "--date", day)
        assert brief.returncode == 0, brief.stderr
        assert "\x1b" not in brief.stdout.decode() and seen in brief.stdout.decode()


# -- any text through `code`: never a traceback, output parseable ------------------------------

FRAGMENTS = [
    "Russia attacked Ukraine on Monday. ", "China condemned Japan. ", "[/]", "[bold]", "[/bold]",
    "[link=http://example.com]", "[[", "]]", "\\", "\x1b[2J", "\x1b]0;title\x07", "\x9b31m",
    "\x00", "\r\n", "\t", "\u202e", "\u200f", "Путин", "北朝鮮", "مصر", "e\u0301", "😀",
    "=cmd|' /C calc'!A0", "@SUM(1)", "-", "+", "\"", "'", ",", "\ufeff", "\u2028",
    "Seoul summoned the Russian ambassador. ",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS),
              st.text(st.characters(codec="utf-8"), max_size=30),
              st.builds(lambda c, n: c * n, st.sampled_from("xé[\x1b"),
                        st.integers(500, 5000))),               # very long tokens
    min_size=1, max_size=10).map("".join)


def _documents_file(folder: Path, texts: list[str]) -> Path:
    return _story(folder / "docs.jsonl", *({"id": f"=d{i}", "title": text[:40], "text": text,
                                              "date": "2024-06-21"}
                                             for i, text in enumerate(texts)))


def _check_outputs(jsonl_out: bytes, csv_out: bytes, table_out: bytes) -> None:
    for line in jsonl_out.decode("utf-8").splitlines():
        record = json.loads(line, parse_constant=lambda c: pytest.fail(f"invalid JSON {c}"))
        assert record["record"] in ("event", "commitment")
    for row in csv.DictReader(io.StringIO(csv_out.decode("utf-8"), newline="")):
        assert row["event"]  # an event row of the events table
        assert not row["doc_id"].startswith("=")
    shown = table_out.decode("utf-8")
    assert "\x1b" not in shown and "\x9b" not in shown and "\x00" not in shown


# derandomized: the same examples on every run, so the suite passes or fails the same way
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_any_text_codes_in_every_format(resources: object, texts: list[str]) -> None:
    """The functions behind ``redline code``: readers, coder, the three writers."""
    from redline.coder import Coder
    from redline.export.rows import event_rows
    from redline.export.tables import start
    from redline.ingest import read_inputs
    from redline.output.formats import print_table, write_jsonl
    from redline.records import Document

    with tempfile.TemporaryDirectory() as folder:
        docs = [d for d in read_inputs([str(_documents_file(Path(folder), texts))])
                if isinstance(d, Document)]
    coder = Coder(resources)  # type: ignore[arg-type]
    as_jsonl, as_csv, as_table = io.StringIO(), io.StringIO(newline=""), io.StringIO()
    write_csv = start(as_csv)
    console = Console(file=as_table, width=160, highlight=False)
    for coded in coder.code_documents(docs):
        write_jsonl(coded, as_jsonl)
        for row in event_rows(coded):
            write_csv(row)
        print_table(coded, console)
    _check_outputs(as_jsonl.getvalue().encode(), as_csv.getvalue().encode(),
                   as_table.getvalue().encode())


@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXTS, min_size=6, max_size=6))
def test_any_text_through_the_command_line(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = _documents_file(Path(folder), texts)
        outputs = []
        for fmt in ("jsonl", "csv", "table"):
            result = run_cli("code", str(source), "--format", fmt, "--no-classifier")
            assert result.returncode in (0, 1), result.stderr
            assert b"Traceback" not in result.stderr
            outputs.append(result.stdout)
        _check_outputs(*outputs)


def test_jsonl_lines_split_where_every_reader_splits(tmp_path: Path) -> None:
    """U+2028/U+2029 are line breaks to str.splitlines() and to JavaScript: written escaped,
    one record stays one line and reads back with the same text."""
    text = "Russia attacked Ukraine on Monday. \u2028北朝鮮 \u2029مصر"
    source = _story(tmp_path / "u.jsonl", {"id": "u", "text": text, "date": "2024-06-21"})
    result = run_cli("code", str(source), "--format", "jsonl", "--no-classifier")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["record"] in ("event", "commitment") for r in records)
    assert any("\u2028" in r.get("sentence", "") or "\u2029" in r.get("sentence", "")
               for r in records)
