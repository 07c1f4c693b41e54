"""Hardening of the store and of ``redline ingest``: databases of other programs and of newer
versions are refused untouched, a store that cannot be written is one line and exit 2, a
locked store is found before the models load, killed runs get their counts, no empty
spill or parts folder is left behind, and bad Dask options fail fast."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from redline.store.schema import SCHEMA_VERSION
from tests.conftest import ROOT, rows, run_cli
from tests.test_store import ingest, stories, write_jsonl

CHECK = "--quiet", "--no-classifier"


def digest(*paths: Path) -> list[str | None]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None for p in paths]


def one_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """The single line a refused command prints; asserts exit 2 and nothing else."""
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr and stderr.count("\n") == 1 and stderr.startswith(
        "error: "), stderr
    return stderr.strip()


def leftovers(db: Path) -> list[str]:
    """The folders a run may leave beside the store."""
    return sorted(p.name for p in (db.with_name(db.name + ".tmp"),
                                   db.with_name(db.name + ".parts")) if p.exists())


def test_a_database_of_another_program_or_a_newer_redline_is_refused_untouched(
        tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", stories(1))
    # another program's database, with a table named like ours and changes still in its
    # write-ahead log (a read-write open would fold them into the file), under an odd name
    foreign = tmp_path / "their [bold]data\nbase.duckdb"
    subprocess.run([sys.executable, "-c", "import duckdb, os, sys\n"
                    "c = duckdb.connect(sys.argv[1])\n"
                    "c.execute(\"SET checkpoint_threshold = '1GB'\")\n"
                    "c.execute('CREATE TABLE runs (id INTEGER, note VARCHAR)')\n"
                    "c.execute(\"INSERT INTO runs VALUES (1, 'mine')\")\n"
                    "os._exit(0)", str(foreign)], check=True)
    wal = foreign.with_name(foreign.name + ".wal")
    assert wal.exists()
    before = digest(foreign, wal)
    shown = str(foreign).replace("\n", "\\n")
    for command in (("ingest", str(source), "--db", str(foreign), *CHECK),
                    ("brief", "--db", str(foreign)),
                    ("export", "--db", str(foreign), "--format", "csv"),
                    ("query", "--db", str(foreign), "SELECT * FROM runs")):
        line = one_error(run_cli(*command))
        assert line == (f"error: {shown}: a DuckDB database of another program (it has tables "
                        "but no redline meta table); refusing to touch it; use another --db"), (
            command, line)
        assert digest(foreign, wal) == before, command
    assert leftovers(foreign) == []

    # a store written by a newer redline
    from redline.store.schema import connect

    newer = tmp_path / "newer.duckdb"
    connect(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(int(SCHEMA_VERSION) + 1)])
    con.close()
    before = digest(newer)
    for command in (("ingest", str(source), "--db", str(newer), *CHECK),
                    ("brief", "--db", str(newer))):
        line = one_error(run_cli(*command))
        assert "written by a newer version of redline" in line, line
        assert digest(newer) == before

    # an empty DuckDB database has nothing to read (a writer makes it a store: see below)
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    before = digest(empty)
    assert "holds no redline data yet" in one_error(run_cli("brief", "--db", str(empty)))
    assert digest(empty) == before


def test_an_empty_duckdb_file_becomes_a_store_and_no_empty_folder_is_left(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", stories(2))
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    spill = db.with_name(db.name + ".tmp")
    spill.mkdir()  # what a killed run leaves: DuckDB empties it, nobody removed it
    first = ingest(db, source)
    assert first.returncode == 0, first.stderr.decode()
    assert "2 documents new" in first.stderr.decode()
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]
    assert leftovers(db) == []
    # a folder by that name that holds something else is kept
    spill.mkdir()
    (spill / "notes.txt").write_text("mine\n", encoding="utf-8")
    second = ingest(db, source)
    assert second.returncode == 0 and "2 already present" in second.stderr.decode()
    assert (spill / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    brief = run_cli("brief", "--db", str(db))
    assert brief.returncode == 0, brief.stderr.decode()


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_store_that_cannot_be_created_is_one_line_and_exit_2(tmp_path: Path):
    import resource

    source = write_jsonl(tmp_path / "in.jsonl", stories(1))
    # a folder that is a file
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    under_file = tmp_path / "a-file" / "r.duckdb"
    line = one_error(ingest(under_file, source))
    assert line.startswith(f"error: {under_file}: cannot create the database (")
    # a disk already full when the run starts: the file cannot even be created
    db = tmp_path / "full.duckdb"

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    full = subprocess.run([sys.executable, "-m", "redline.cli", "ingest", str(source), "--db",
                           str(db), *CHECK], cwd=ROOT, capture_output=True,
                          preexec_fn=full_disk, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    line = one_error(full)
    assert line.startswith(f"error: {db}: cannot create the database (") and "free space" in line
    # nothing half-written is left to refuse the re-run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "in.jsonl"]
    again = ingest(db, source)
    assert again.returncode == 0, again.stderr.decode()
    assert rows(db, "SELECT count(*) FROM documents") == [(1,)]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into a read-only folder anyway (see the test above for "
                           "a store that cannot be created)")
def test_ingest_into_a_read_only_folder_is_one_line_and_exit_2(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", stories(1))
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = one_error(ingest(folder / "r.duckdb", source))
        assert line.startswith(f"error: {folder / 'r.duckdb'}: cannot create the database (")
        assert not any(folder.iterdir())
    finally:
        folder.chmod(0o755)


def test_a_locked_store_is_refused_before_the_models_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    import redline.cli as cli

    db = tmp_path / "r.duckdb"
    source = write_jsonl(tmp_path / "in.jsonl", stories(1))
    from redline.store.schema import connect

    connect(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"

        def no_models(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the models were loaded before the store was opened")

        monkeypatch.setattr(cli, "_resources", no_models)
        result = CliRunner().invoke(cli.app, ["ingest", str(source), "--db", str(db),
                                              "--quiet"])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "in use by another process" in result.output
        # readers are told why, and what to do
        for command in (("brief", "--db", str(db)), ("export", "--db", str(db)),
                        ("query", "--db", str(db), "SELECT 1")):
            line = one_error(run_cli(*command))
            assert line == (f"error: {db}: the database is being written by another process "
                            "(an ingest?); wait for it to finish and try again"), line
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_run_gets_the_counts_of_what_it_stored(tmp_path: Path):
    all_stories = stories(89)
    source = write_jsonl(tmp_path / "in.jsonl", all_stories)
    db = tmp_path / "r.duckdb"
    wal = db.with_name(db.name + ".wal")
    process = subprocess.Popen(
        [sys.executable, "-m", "redline.cli", "ingest", str(source), "--db", str(db), *CHECK],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    try:
        deadline = time.monotonic() + 300
        # a batch of documents is in the write-ahead log (the run's start alone is ~6 kB)
        while process.poll() is None and time.monotonic() < deadline and not (
                wal.exists() and wal.stat().st_size > 60_000):
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    final = ingest(db, source)
    assert final.returncode == 0, final.stderr.decode()
    runs = rows(db, "SELECT run_id, status, documents_new, documents_duplicate, events, "
                    "commitments, documents_present FROM runs ORDER BY started_at")
    assert [r[1] for r in runs] == ["interrupted", "done"]
    killed, done = runs
    stored = rows(db, "SELECT count(*) FILTER (WHERE duplicate_of IS NULL), "
                      "count(*) FILTER (WHERE duplicate_of IS NOT NULL), "
                      "(SELECT count(*) FROM events e JOIN documents d USING (doc_key) "
                      " WHERE d.run_id = ?), "
                      "(SELECT count(*) FROM commitments c JOIN documents d USING (doc_key) "
                      " WHERE d.run_id = ?) FROM documents WHERE run_id = ?".replace(
                          "?", f"'{killed[0]}'"))[0]
    assert killed[2:6] == stored and stored[0] > 0
    assert killed[6] is None  # what it skipped is not known
    # the re-run found the killed run's documents stored and coded the rest
    assert done[6] == stored[0] + stored[1]
    assert stored[0] + stored[1] + done[2] + done[3] == len(all_stories)
    assert rows(db, "SELECT sum(events) FROM runs") == rows(db, "SELECT count(*) FROM events")
    assert leftovers(db) == []


@pytest.mark.filterwarnings("ignore")
def test_bad_dask_options_fail_fast_and_a_dask_run_leaves_no_parts_folder(tmp_path: Path):
    source = write_jsonl(tmp_path / "in.jsonl", stories(2))
    db = tmp_path / "r.duckdb"
    for workers in ("-1", "0"):
        line = one_error(ingest(db, source, extra=("--engine", "dask", "--workers", workers)))
        assert line == f"error: --workers must be at least 1 (got {workers})"
    assert not db.exists()
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    line = one_error(ingest(db, source, extra=("--engine", "dask", "--scheduler", address)))
    assert line.startswith(f"error: cannot reach the Dask scheduler at {address}: ")
    assert rows(db, "SELECT status, errors FROM runs") == [("failed", [line[len("error: "):]])]
    # a scratch folder of a worker killed while writing a part is stale after a run
    scratch = db.with_name(db.name + ".parts") / "part-0123.tmp-99999"
    scratch.mkdir(parents=True)
    (scratch / "documents.parquet").write_bytes(b"cut short")
    result = ingest(db, source, extra=("--engine", "dask", "--workers", "1"))
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert rows(db, "SELECT count(*) FROM documents d JOIN runs r USING (run_id) WHERE "
                    "r.engine = 'dask' AND r.status = 'done'") == [(2,)]  # the run wrote them
    assert leftovers(db) == []


@pytest.mark.filterwarnings("ignore")
def test_a_dask_worker_keeps_one_coder_per_options(monkeypatch: pytest.MonkeyPatch):
    """The worker's ``CoderPlugin`` loads a coder once for each ``ResourceOptions`` and hands
    the same one to every later task (no module-level state: a worker in this process)."""
    from distributed import Client, LocalCluster

    from redline.coder import ResourceOptions, Resources
    from redline.runs import dask_engine

    loads: list[bool] = []
    monkeypatch.setattr(Resources, "load",
                        lambda **kw: loads.append(kw["classifier"]) or object())

    def coder_id(options: ResourceOptions) -> int:
        return id(dask_engine.worker_coder(options))

    fast, full = ResourceOptions(classifier=False), ResourceOptions()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        with pytest.raises(RuntimeError, match="no redline-coders plugin"):
            client.submit(coder_id, fast, pure=False).result()
        ids = []
        for options in (fast, fast, full, fast):
            # registered by each run: idempotent, so the coders loaded stay
            client.register_plugin(dask_engine.CoderPlugin())
            ids.append(client.submit(coder_id, options, pure=False).result())
    assert ids[0] == ids[1] == ids[3] != ids[2]
    assert loads == [False, True]
