"""The store: ingestion through the CLI, idempotence, re-coding, duplicates, clusters,
read-only queries, locked and foreign database files, crashes, and the Dask engine."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from redline import CODER_VERSION
from redline.store.schema import SCHEMA_VERSION
from tests.conftest import EXAMPLES, ROOT, rows, run_cli

VOA = EXAMPLES / "voa_stories.jsonl"


def stories(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [json.loads(line) for line in VOA.read_text("utf-8").splitlines()[start:start + n]]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest(db: Path, *paths: Path | str, extra: tuple[str, ...] = ()
           ) -> subprocess.CompletedProcess[bytes]:
    return run_cli("ingest", *map(str, paths), "--db", str(db), "--quiet", "--no-classifier",
                   *extra)


def test_ingesting_twice_adds_nothing_and_changed_text_is_recoded(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    source = write_jsonl(tmp_path / "in.jsonl", stories(4))
    first = ingest(db, source)
    assert first.returncode == 0, first.stderr.decode()
    assert "4 documents new, 0 already present" in first.stderr.decode()
    before = rows(db, "SELECT id FROM events ORDER BY id")
    assert len(before) > 10
    second = ingest(db, source)
    assert "0 documents new, 4 already present" in second.stderr.decode()
    assert rows(db, "SELECT id FROM events ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM documents") == [(4,)]
    # the same id with changed text: re-coded, its old events replaced
    changed = stories(4)
    changed[0]["text"] = ("Russian forces attacked Ukrainian positions near Kharkiv on Monday, "
                          "Ukraine's military said.")
    write_jsonl(source, changed)
    third = ingest(db, source)
    assert "1 documents new, 3 already present" in third.stderr.decode()
    doc = changed[0]["id"]
    new = rows(db, f"SELECT event, actor[1].code FROM events WHERE doc_id = '{doc}'")
    assert new == [("ASSAULT", "RUS")]
    runs = rows(db, "SELECT status, documents_new, documents_present FROM runs ORDER BY "
                    "started_at")
    assert runs == [("done", 4, 0), ("done", 0, 4), ("done", 1, 3)]


def test_a_document_stored_by_another_coder_version_is_coded_again(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    source = write_jsonl(tmp_path / "in.jsonl", stories(3))
    assert ingest(db, source).returncode == 0
    before = rows(db, "SELECT doc_key, id FROM events ORDER BY id")
    old = before[0][0]
    con = duckdb.connect(str(db))  # as an earlier redline left it
    con.execute("UPDATE documents SET coder = 'redline 0.0.1' WHERE doc_key = ?", [old])
    con.execute("UPDATE events SET location = NULL, confidence = 0 WHERE doc_key = ?", [old])
    con.close()
    again = ingest(db, source)
    assert "1 documents new, 2 already present" in again.stderr.decode()
    assert rows(db, "SELECT doc_key, id FROM events ORDER BY id") == before
    assert rows(db, "SELECT DISTINCT coder FROM documents") == [(CODER_VERSION,)]
    assert rows(db, f"SELECT count(*) FROM events WHERE doc_key = '{old}' AND confidence = 0"
                ) == [(0,)]


def test_a_store_of_schema_version_2_gets_the_place_fields(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    source = write_jsonl(tmp_path / "in.jsonl", stories(2))
    assert ingest(db, source).returncode == 0
    con = duckdb.connect(str(db))  # what version 2 had: a place was a country and its words
    con.execute("ALTER TABLE events ALTER location TYPE STRUCT(country VARCHAR, place "
                "VARCHAR) USING CASE WHEN location IS NULL THEN NULL ELSE struct_pack(country "
                ":= 'KOR', place := 'Seoul') END")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    places = rows(db, "SELECT count(*) FROM events WHERE location IS NOT NULL")[0][0]
    assert places > 0
    assert ingest(db, source).returncode == 0  # opened for writing: upgraded
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (SCHEMA_VERSION,)]
    widened = rows(db, "SELECT location FROM events WHERE location IS NOT NULL")
    assert len(widened) == places
    for (place,) in widened:
        assert (place["country"], place["place"], place["feature"], place["lat"]) == (
            "KOR", "Seoul", "", None)
        assert "before places were geocoded" in place["unresolved"]


def test_near_duplicate_documents_are_flagged_not_coded(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    original = stories(1)[0]
    copy = dict(original, id="wire-copy", source="Another Outlet",
                text=original["text"].replace("said", "stated", 1) + " Reporting by staff.")
    result = ingest(db, write_jsonl(tmp_path / "in.jsonl", [original, copy]))
    assert "1 near duplicates (not coded)" in result.stderr.decode()
    assert rows(db, "SELECT duplicate_of, n_events FROM documents WHERE id = 'wire-copy'") == [
        (f"id:{original['id']}", 0)]
    assert rows(db, "SELECT count(*) FROM events WHERE doc_id = 'wire-copy'") == [(0,)]
    # clusters count the copy as an article and its outlet as a source
    counts = rows(db, "SELECT max(num_documents), max(num_sources) FROM event_clusters")
    assert counts == [(2, 2)]


def test_events_reported_by_several_articles_form_one_cluster(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    text = "Japan summoned the Chinese ambassador on Tuesday over the incident."
    docs = [{"id": f"d{i}", "text": text + extra, "date": "2024-05-03", "source": source}
            for i, (source, extra) in enumerate([("Kyodo", ""), ("NHK", " Tokyo protested."),
                                                 ("Kyodo", " The talks stalled.")])]
    ingest(db, write_jsonl(tmp_path / "in.jsonl", docs))
    cluster = rows(db, "SELECT event, actor_codes, recipient_codes, date, num_mentions, "
                       "num_documents, num_sources, len(event_ids) FROM event_clusters "
                       "WHERE 'JPN' IN actor_codes AND 'CHN' IN recipient_codes "
                       "AND event = 'ACCUSE'")
    assert len(cluster) == 1
    event, actors, recipients, day, mentions, documents, sources, members = cluster[0]
    assert (actors, recipients, str(day)) == (["JPN"], ["CHN"], "2024-04-30")
    assert (mentions, documents, sources, members) >= (3, 3, 2, 3)


def test_clusters_of_the_touched_days_equal_a_full_rebuild(tmp_path: Path):
    """Each ingest rebuilds the clusters of the days it wrote, re-coded or copied; the result
    must be what rebuilding everything gives."""
    from redline.analysis.clusters import rebuild_clusters

    db = tmp_path / "r.duckdb"
    summoned = "Japan summoned the Chinese ambassador on Tuesday over the incident."
    first = [{"id": "kyodo", "text": summoned, "date": "2024-05-03", "source": "Kyodo"},
             *stories(3)]
    assert ingest(db, write_jsonl(tmp_path / "one.jsonl", first)).returncode == 0
    copied, changed = stories(3)[1], dict(stories(3)[2])
    changed["text"] = "Russian forces attacked Ukrainian positions near Kharkiv on Monday."
    second = [{"id": "nhk", "text": summoned + " Tokyo protested.", "date": "2024-05-03",
               "source": "NHK"},
              dict(copied, id="wire-copy", source="Another Outlet",
                   text=copied["text"] + " Reporting by staff."),
              changed]
    assert ingest(db, write_jsonl(tmp_path / "two.jsonl", second)).returncode == 0
    query = "SELECT * EXCLUDE (event_ids), list_sort(event_ids) FROM event_clusters ORDER BY ALL"
    incremental = rows(db, query)
    con = duckdb.connect(str(db))
    try:
        rebuild_clusters(con)
    finally:
        con.close()
    assert rows(db, query) == incremental
    assert rows(db, "SELECT num_documents, num_sources FROM event_clusters WHERE "
                    "'JPN' IN actor_codes AND event = 'ACCUSE'") == [(2, 2)]
    assert rows(db, "SELECT max(num_documents) FROM event_clusters WHERE list_has_any("
                    "event_ids, (SELECT list(id) FROM events WHERE doc_id = "
                    f"'{copied['id']}'))") == [(2,)]


def test_after_a_killed_run_every_cluster_is_rebuilt(tmp_path: Path):
    """A killed run stored documents but not their clusters; the next run rebuilds them all,
    not only its own days."""
    db = tmp_path / "r.duckdb"
    monday = {"id": "a", "text": "Japan summoned the Chinese ambassador on Monday.",
              "date": "2024-05-03"}
    assert ingest(db, write_jsonl(tmp_path / "a.jsonl", [monday])).returncode == 0
    con = duckdb.connect(str(db))
    try:  # what kill -9 between a document's commit and the cluster rebuild leaves behind
        con.execute("DELETE FROM event_clusters")
        con.execute("UPDATE runs SET status = 'running', ended_at = NULL")
    finally:
        con.close()
    later = {"id": "b", "text": "Iran attacked Iraq on Friday.", "date": "2024-09-14"}
    assert ingest(db, write_jsonl(tmp_path / "b.jsonl", [later])).returncode == 0
    days = [str(d) for (d,) in rows(db, "SELECT DISTINCT date FROM event_clusters ORDER BY 1")]
    assert days == ["2024-04-29", "2024-09-13"]
    assert rows(db, "SELECT status FROM runs ORDER BY started_at") == [("interrupted",), ("done",)]


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    good = write_jsonl(tmp_path / "good.jsonl", stories(2))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "latin1.txt").write_bytes("Le président a déclaré la guerre".encode("latin-1"))
    (bad / "lines.jsonl").write_text('{"id": "x", "text": "Iran attacked Iraq."}\n{oops\n',
                                     encoding="utf-8")
    (bad / "table.csv").write_text("headline,body\nA,B\n", encoding="utf-8")
    (bad / "page.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                   encoding="utf-8")
    (bad / "feed.xml").write_text("<rss><channel><item><title>x</title></channel></rss>",
                                  encoding="utf-8")
    whole = gzip.compress(json.dumps(stories(1)[0]).encode() * 3)
    (bad / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "nothing").mkdir()
    result = ingest(db, good, bad, tmp_path / "nothing", tmp_path / "missing.jsonl")
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr
    assert "3 documents new" in stderr  # the two good stories and the good JSONL line
    errors = rows(db, "SELECT errors FROM runs")[0][0]
    expected = ["cut.jsonl.gz", "empty.txt", "binary.txt", "latin1.txt", "lines.jsonl:2",
                "table.csv", "page.html", "feed.xml", "nothing", "missing.jsonl"]
    for name in expected:
        assert sum(1 for e in errors if f"{name}: " in e) == 1, (name, errors)
    assert all("\n" not in e for e in errors)
    assert f"{len(errors)} failed" in stderr


def test_query_is_read_only(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    ingest(db, write_jsonl(tmp_path / "in.jsonl", stories(1)))
    ok = run_cli("query", "--db", str(db), "--format", "jsonl",
                 "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC")
    assert ok.returncode == 0 and json.loads(ok.stdout.decode().splitlines()[0])["n"] >= 1
    for sql in ("INSERT INTO meta VALUES ('a', 'b')", "DELETE FROM events",
                f"COPY events TO '{tmp_path / 'out.csv'}'", "SELECT 1; DROP TABLE events",
                f"ATTACH '{tmp_path / 'other.duckdb'}' AS other"):
        refused = run_cli("query", "--db", str(db), sql)
        assert refused.returncode == 2, sql
        assert refused.stderr.decode().startswith("error: refused: "), sql
    assert not (tmp_path / "out.csv").exists()
    assert rows(db, "SELECT count(*) FROM meta") == [(1,)]


def test_locked_or_foreign_database_files_are_refused(tmp_path: Path):
    foreign = tmp_path / "notes.duckdb"
    foreign.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = foreign.read_bytes()
    result = ingest(foreign, write_jsonl(tmp_path / "in.jsonl", stories(1)))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"error: {foreign}: not a DuckDB database file; refusing to touch it")
    assert foreign.read_bytes() == before
    db = tmp_path / "r.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"
        locked = ingest(db, tmp_path / "in.jsonl")
        assert locked.returncode == 2
        assert "in use by another process" in locked.stderr.decode()
        assert len(locked.stderr.decode().strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()


# `redline ingest` that leaves marks in a folder: the file "run" once its run is recorded,
# a line in "batches" after each batch of documents is written (committed); with a positive
# HOLD it stops after that many batches and waits to be killed.
MARKED_INGEST = """
import sys, time
from pathlib import Path

from redline.store.writer import StoreWriter

marks, hold = Path(sys.argv.pop(1)), int(sys.argv.pop(1))
start_run, write_tables = StoreWriter.start_run, StoreWriter.write_tables
written = []


def started(self, *args, **kwargs):
    run_id = start_run(self, *args, **kwargs)
    (marks / "run").write_text(run_id)
    return run_id


def wrote(self, *args, **kwargs):
    write_tables(self, *args, **kwargs)
    written.append(1)
    with (marks / "batches").open("a") as handle:
        handle.write("1\\n")
    if hold and len(written) >= hold:
        time.sleep(3600)


StoreWriter.start_run, StoreWriter.write_tables = started, wrote
from redline.cli import main

sys.argv[0] = "redline"
main()
"""
MARK_DEADLINE = 300.0  # seconds; only a safety net: the waits end on the marks


def _wait_for_marks(process: subprocess.Popen[bytes], marks: Path, batches: int,
                    log: Path) -> bool:
    """Wait until the ingest has recorded its run and written ``batches`` batches; False when
    it ended first (it had nothing more to do)."""
    deadline = time.monotonic() + MARK_DEADLINE
    while True:
        written = marks / "batches"
        count = len(written.read_text().splitlines()) if written.exists() else 0
        if (marks / "run").exists() and count >= batches:
            return True
        if process.poll() is not None:
            return False
        if time.monotonic() > deadline:
            pytest.fail(f"the ingest recorded no run or wrote fewer than {batches} batches in "
                        f"{MARK_DEADLINE:.0f} s; its stderr: {log.read_text()[-2000:]}")
        time.sleep(0.05)


def test_killed_ingest_resumes_without_duplicates(tmp_path: Path):
    """Kill the ingest once after it has written a batch, then at random points after it has
    recorded its run, re-run until done, and compare with a clean run."""
    from redline.runs.local import BATCH_DOCUMENTS

    source = write_jsonl(tmp_path / "in.jsonl", stories(BATCH_DOCUMENTS + 8))  # two batches
    clean = tmp_path / "clean.duckdb"
    assert ingest(clean, source).returncode == 0
    expected = rows(clean, "SELECT doc_key, n_events FROM documents ORDER BY doc_key")
    expected_events = rows(clean, "SELECT id FROM events ORDER BY id")

    db = tmp_path / "crashy.duckdb"
    rng = random.Random(4)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    # (batches written before the kill: the process then waits to be killed; extra seconds)
    rounds = [(1, None), (0, rng.uniform(0.0, 1.5)), (0, rng.uniform(1.5, 4.0))]
    for index, (hold, extra) in enumerate(rounds):
        marks = tmp_path / f"marks-{index}"
        marks.mkdir()
        log = tmp_path / f"ingest-{index}.log"
        command = [sys.executable, "-c", MARKED_INGEST, str(marks), str(hold), "ingest",
                   str(source), "--db", str(db), "--quiet", "--fast"]
        with log.open("wb") as stderr:
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=stderr)
        try:
            reached = _wait_for_marks(process, marks, hold, log)
            if hold:
                # it waits after its first batch: killed there, a run with stored documents
                assert reached and process.poll() is None, log.read_text()[-2000:]
            elif reached and extra:
                time.sleep(extra)  # anywhere: loading, coding, writing, or done
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
        # whatever was stored is whole: every stored document has all its events
        partial = rows(db, "SELECT d.doc_key, d.n_events, count(e.id) FROM documents d "
                           "LEFT JOIN events e USING (doc_key) GROUP BY ALL")
        assert all(n == m for _key, n, m in partial)
        if hold:
            assert len(partial) == BATCH_DOCUMENTS
    final = ingest(db, source)
    assert final.returncode == 0, final.stderr.decode()
    assert rows(db, "SELECT doc_key, n_events FROM documents ORDER BY doc_key") == expected
    assert rows(db, "SELECT id FROM events ORDER BY id") == expected_events
    # the killed runs' documents got their clusters too
    clusters = ("SELECT cluster_id, num_mentions, num_documents, num_sources, "
                "list_sort(event_ids) FROM event_clusters ORDER BY ALL")
    assert rows(db, clusters) == rows(clean, clusters)
    statuses = [s for (s,) in rows(db, "SELECT status FROM runs ORDER BY started_at")]
    assert len(statuses) == len(rounds) + 1
    # the first was killed after a batch, the last finished; the others either
    assert statuses[0] == "interrupted" and statuses[-1] == "done"
    assert set(statuses[1:-1]) <= {"interrupted", "done"}


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_full_disk_leaves_whole_documents_and_a_rerun_finishes(tmp_path: Path):
    """A file size limit (RLIMIT_FSIZE) makes DuckDB's writes fail as on a full disk."""
    import resource

    source = write_jsonl(tmp_path / "in.jsonl", stories(40))
    clean = tmp_path / "clean.duckdb"
    assert ingest(clean, source).returncode == 0
    expected = rows(clean, "SELECT doc_key, n_events FROM documents ORDER BY doc_key")
    size = source.stat().st_size  # the write-ahead log of a whole run is about 3 times this
    command = [sys.executable, "-m", "redline.cli", "ingest", str(source), "--quiet",
               "--no-classifier", "--db"]
    failures = 0
    stored_some = False
    # limits from a tenth of the input up, in quarters, until one run stored part of it
    for limit in (size // 10, *(size * quarters // 4 for quarters in range(6, 24))):
        if stored_some:
            break
        db = tmp_path / f"full-{limit}.duckdb"

        def small_disk(limit: int = limit) -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        full = subprocess.run([*command, str(db)], cwd=ROOT, capture_output=True,
                              preexec_fn=small_disk, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        stderr = full.stderr.decode()
        if full.returncode:
            failures += 1
            assert full.returncode == 2 and "Traceback" not in stderr
            assert stderr.startswith(f"error: {db}: writing failed (") and stderr.count("\n") == 1
            partial = rows(db, "SELECT d.doc_key, d.n_events, count(e.id) FROM documents d "
                               "LEFT JOIN events e USING (doc_key) GROUP BY ALL")
            assert all(n == m for _key, n, m in partial)
            stored_some = stored_some or 0 < len(partial) < len(expected)
        assert ingest(db, source).returncode == 0
        assert rows(db, "SELECT doc_key, n_events FROM documents ORDER BY doc_key") == expected
    assert failures >= 2 and stored_some


@pytest.mark.filterwarnings("ignore")
def test_dask_engine_stores_what_the_local_engine_stores(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", stories(10, start=20))
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    assert ingest(local, source).returncode == 0
    result = ingest(dask, source, extra=("--engine", "dask", "--workers", "2"))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    query = "SELECT id, doc_key, event, mode, actor, recipient, asserted FROM events ORDER BY id"
    assert rows(dask, query) == rows(local, query)
    assert rows(dask, "SELECT count(*) FROM event_clusters") == rows(
        local, "SELECT count(*) FROM event_clusters")
    assert rows(dask, "SELECT engine, status FROM runs") == [("dask", "done")]
    parts = tmp_path / "dask.duckdb.parts"  # parts loaded and removed, and the empty folder
    assert not parts.exists()


def test_export_and_brief_through_the_command_line(tmp_path: Path):
    db = tmp_path / "r.duckdb"
    ingest(db, EXAMPLES / "seed_article.jsonl")
    gdelt = run_cli("export", "--db", str(db), "--format", "gdelt", "--type", "threaten")
    assert gdelt.returncode == 0, gdelt.stderr.decode()
    lines = gdelt.stdout.decode().splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert all(line.split("\t")[28] == "13" for line in lines)  # EventRootCode: THREATEN
    plover = run_cli("export", "--db", str(db), "--format", "plover-jsonl", "--actor", "PRK")
    records = [json.loads(line) for line in plover.stdout.decode().splitlines()]
    assert records and all("PRK" in json.dumps(r) for r in records)
    out = tmp_path / "tables"
    parquet = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert parquet.returncode == 0 and (out / "events.parquet").exists()
    brief = run_cli("brief", "--db", str(db))
    text = brief.stdout.decode()
    assert brief.returncode == 0 and "Brief for 2024-06-21" in text
    assert "threat by RUS" in text and "alliance by" in text
