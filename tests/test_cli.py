"""The command line: explain, user verb files, output formats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import jsonl, run_cli

SENTENCE = "If Iran attacks Israel, the United States will respond, Biden warned on Tuesday."


def test_explain_shows_parse_actors_rules_modality_and_drops():
    result = run_cli("explain", SENTENCE, "--date", "2024-04-12")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "parse" in out and "advcl" in out                     # the dependency parse
    assert "actor matches" in out and "IRN" in out and "lexicon" in out
    assert "cameo_verbs.tsv:" in out                               # the lexicon entry
    assert "conditional: 'If' opens the clause" in out             # the modality cue
    assert "dropped 'respond'" in out                              # a dropped candidate
    assert "date 2024-04-09" in out                                # Tuesday before Friday
    assert "commitment threat held by USA" in out


def test_user_verb_file_adds_a_verb(tmp_path: Path):
    text = "Hungary downgraded its relations with Israel."
    # the lexicon alone: with the pair model, two named states make an event of their own
    before = jsonl(run_cli("code", "-", "--format", "jsonl", "--no-classifier",
                           stdin=text.encode()).stdout)
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("lemma\tpos\tpattern\tcameo\tnote\ndowngrade\tverb\t* relation\t161\t"
                     "downgrading relations\n", encoding="utf-8")
    result = run_cli("code", "-", "--format", "jsonl", "--verbs", str(verbs), "--no-classifier",
                     stdin=text.encode())
    after = jsonl(result.stdout)
    assert before == []
    assert len(after) == 1 and after[0]["event"] == "SANCTION" and after[0]["mode"] == "withdraw"
    assert after[0]["actor"][0]["code"] == "HUN" and after[0]["recipient"][0]["code"] == "ISR"


def test_bad_verb_file_is_one_line(tmp_path: Path):
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("lemma\tpattern\tcameo\nblock\t* &nosuchset\t172\n", encoding="utf-8")
    result = run_cli("code", "-", "--verbs", str(verbs), stdin=b"Iran attacked Israel.")
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == [
        f"error: {verbs}:2: unknown synonym set &nosuchset"]


def test_csv_and_table_and_out_file(tmp_path: Path):
    out = tmp_path / "events.csv"
    result = run_cli("code", "-", "--format", "csv", "--out", str(out), "--date", "2024-04-12",
                     stdin=SENTENCE.encode())
    assert result.returncode == 0 and result.stdout == b""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["event"] for r in rows if r["actor"] == "IRN"] == ["ASSAULT"]
    assert "commitments are not in csv" in result.stderr.decode()  # said, not lost silently
    # to a folder: the events and commitments tables of ``redline export --format csv``
    folder = tmp_path / "tables"
    folder.mkdir()
    result = run_cli("code", "-", "--format", "csv", "--out", str(folder), "--date",
                     "2024-04-12", stdin=SENTENCE.encode())
    assert result.returncode == 0, result.stderr
    assert (folder / "events.csv").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    commitments = list(csv.DictReader(io.StringIO(
        (folder / "commitments.csv").read_text(encoding="utf-8"))))
    threat = next(r for r in commitments if r["kind"] == "threat")
    assert threat["holder"] == "USA"
    assert (threat["trigger_actor"], threat["trigger_event"]) == ("IRN", "ASSAULT")
    table = run_cli("code", "-", "--date", "2024-04-12", stdin=SENTENCE.encode())
    text = table.stdout.decode()
    assert "ASSAULT" in text and "conditional" in text and "threat by USA" in text
