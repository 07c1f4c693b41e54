"""``redline query`` locked down: no writes, no files, no network, no extensions, no settings
changed back; time and memory bounded; values shown as text and written as strict JSON."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import run_cli
from tests.test_store import ingest, stories, write_jsonl

SECRET = "s3cr3t-token-7f1c"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with a store (``r.duckdb``), files holding ``SECRET``, and ``out/``."""
    root = tmp_path_factory.mktemp("lockdown")
    done = ingest(root / "r.duckdb", write_jsonl(root / "in.jsonl", stories(1)))
    assert done.returncode == 0, done.stderr.decode()
    (root / "in.jsonl").unlink()
    (root / "secret.csv").write_text(f"name,value\nkey,{SECRET}\n", encoding="utf-8")
    (root / "secret.json").write_text(json.dumps({"key": SECRET}), encoding="utf-8")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "out").mkdir()
    yield root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(root.rglob("*"))}


def duckdb_home() -> list[str]:
    home = Path.home() / ".duckdb"
    return sorted(str(p) for p in home.rglob("*")) if home.exists() else []


def query(root: Path, sql: str, *options: str) -> tuple[int, str, str]:
    done = run_cli("query", "--db", str(root / "r.duckdb"), *options, sql)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def assert_refused(code: int, stderr: str, sql: str) -> None:
    assert code == 2, (sql, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (sql, stderr)
    assert SECRET not in stderr


# {root} is the sandbox folder, {db} the store.
WRITES = [
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{db}'",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{root}/out/a.csv'",
    "explain analyse copy (select 1) to '{root}/out/a.csv'",
    "/* x */ EXPLAIN /* y */ ANALYZE -- z\n COPY (SELECT 1) TO '{root}/out/a.csv'",
    "EXPLAIN (ANALYZE, FORMAT json) COPY (SELECT 1) TO '{root}/out/a.csv'",
    "EXPLAIN COPY (SELECT 1) TO '{root}/out/a.csv'",
    "SELECT 1; EXPLAIN ANALYZE COPY (SELECT 1) TO '{root}/out/a.csv'",
    "COPY (SELECT 1) TO '{root}/out/a.csv'",
    "COPY events TO '{root}/out/e.parquet' (FORMAT parquet)",
    "COPY (SELECT 1) TO '{db}'",
    "EXPORT DATABASE '{root}/out/dump'",
    "ATTACH '{root}/out/other.duckdb' AS other",
    "ATTACH '{db}' AS again (READ_ONLY)",
    "INSTALL httpfs",
    "FORCE INSTALL httpfs",
    "LOAD httpfs",
    "LOAD '{root}/out/evil.duckdb_extension'",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET lock_configuration",
    "SET memory_limit = '100GB'",
    "SET threads = 64",
    "SET temp_directory = '{root}/out/tmp'",
    "SET profiling_output = '{root}/out/profile.json'",
    "SET log_query_path = '{root}/out/queries.log'",
    "SET allowed_directories = ['/']",
    "PRAGMA enable_profiling",
    "PRAGMA threads = 64",
    "PRAGMA memory_limit = '100GB'",
    "CALL enable_logging()",
    "CALL checkpoint()",
    "CHECKPOINT",
    "VACUUM",
    "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
    "CREATE TEMP TABLE t AS SELECT 1",
    "INSERT INTO meta VALUES ('a', 'b')",
    "SELECT 1; DROP TABLE events",
    # no network, and nothing is installed to try
    "SELECT * FROM 'http://127.0.0.1:9/x.csv'",
    "SELECT * FROM read_csv('https://127.0.0.1:9/x.csv')",
    "SELECT * FROM read_parquet('s3://bucket/x.parquet')",
]

READS = [
    "SELECT * FROM read_text('/etc/shadow')",
    "SELECT * FROM read_text('/proc/self/environ')",
    "SELECT * FROM read_text('{root}/secret.txt')",
    "SELECT * FROM read_blob('{root}/secret.txt')",
    "SELECT * FROM read_csv('{root}/secret.csv')",
    "SELECT * FROM read_csv_auto('{root}/secret.csv')",
    "SELECT * FROM sniff_csv('{root}/secret.csv')",
    "SELECT * FROM read_json('{root}/secret.json')",
    "SELECT * FROM '{root}/secret.csv'",
    "FROM '{root}/secret.json'",
    "SELECT * FROM glob('/root/*')",
    "SELECT * FROM glob('{root}/*')",
    "SELECT * FROM read_parquet('{db}')",
    "SELECT * FROM read_text('{db}')",
]


def fill(sql: str, root: Path) -> str:
    return sql.format(root=root, db=root / "r.duckdb")


@pytest.mark.parametrize("allow_files", [False, True], ids=["default", "allow-files"])
@pytest.mark.parametrize("sql", WRITES)
def test_writes_settings_network_and_extensions_are_refused(sandbox: Path, sql: str,
                                                            allow_files: bool):
    before, home = snapshot(sandbox), duckdb_home()
    code, stdout, stderr = query(sandbox, fill(sql, sandbox),
                                 *(["--allow-files"] if allow_files else []))
    assert_refused(code, stderr, sql)
    assert snapshot(sandbox) == before  # the store's bytes unchanged, no file written
    assert duckdb_home() == home  # nothing installed


@pytest.mark.parametrize("sql", READS)
def test_files_cannot_be_read_or_listed(sandbox: Path, sql: str):
    before = snapshot(sandbox)
    code, stdout, stderr = query(sandbox, fill(sql, sandbox))
    assert_refused(code, stderr, sql)
    assert SECRET not in stdout
    assert snapshot(sandbox) == before


# What DuckDB's settings let through and only the statement guard refuses: harmless on a
# read-only store (a no-op checkpoint, an in-memory table, the store itself again).
GUARD_ONLY = ("CHECKPOINT", "VACUUM", "CALL checkpoint()", "CREATE TEMP TABLE t AS SELECT 1",
              "ATTACH '{db}' AS again (READ_ONLY)")


@pytest.mark.parametrize("sql", [s for s in WRITES + READS if s not in GUARD_ONLY])
def test_duckdb_settings_refuse_them_without_the_statement_guard(sandbox: Path, sql: str):
    """The settings alone (no statement check) refuse every write, read, install and SET."""
    from redline.store.query import open_locked

    before = snapshot(sandbox)
    con = open_locked(sandbox / "r.duckdb")
    try:
        with pytest.raises(duckdb.Error):
            con.execute(fill(sql, sandbox)).fetchall()
    finally:
        con.close()
    assert snapshot(sandbox) == before


def test_allow_files_reads_local_files_but_nothing_else(sandbox: Path):
    before = snapshot(sandbox)
    for sql in ("SELECT value FROM read_csv('{root}/secret.csv')",
                "SELECT value FROM '{root}/secret.csv'",
                "SELECT content FROM read_text('{root}/secret.txt')",
                "SELECT content::VARCHAR AS content FROM read_blob('{root}/secret.txt')",
                "SELECT key FROM read_json('{root}/secret.json')",
                "SELECT file FROM glob('{root}/secret.*') WHERE file LIKE '%txt'"):
        code, stdout, stderr = query(sandbox, fill(sql, sandbox), "--allow-files", "--format",
                                     "jsonl")
        assert code == 0, (sql, stderr)
        assert SECRET in stdout or "secret.txt" in stdout, (sql, stdout)
    code, stdout, _ = query(sandbox, "SELECT current_setting('enable_external_access') AS e, "
                            "current_setting('lock_configuration') AS l", "--allow-files",
                            "--format", "jsonl")
    assert code == 0 and json.loads(stdout) == {"e": False, "l": True}
    assert snapshot(sandbox) == before


def test_the_connection_is_capped_and_locked(sandbox: Path):
    code, stdout, stderr = query(
        sandbox, "SELECT current_setting('memory_limit') AS memory, "
        "current_setting('threads') AS threads, "
        "current_setting('enable_external_access') AS external, "
        "current_setting('autoinstall_known_extensions') AS autoinstall, "
        "current_setting('autoload_known_extensions') AS autoload, "
        "current_setting('temp_directory') AS temp, "
        "current_setting('lock_configuration') AS locked, "
        "current_setting('access_mode') AS mode", "--format", "jsonl")
    assert code == 0, stderr
    settings = json.loads(stdout)
    assert settings["memory"] == "1.0 GiB" and 1 <= settings["threads"] <= 4
    assert settings["external"] is False and settings["autoinstall"] is False
    assert settings["autoload"] is False and settings["locked"] is True
    assert settings["temp"] == "" and settings["mode"] == "read_only"


@pytest.mark.parametrize("sql", [
    "SELECT sum(range) FROM range(10000000000000)",
    "SELECT count(*) FROM range(1000000) a, range(1000000) b",
    "SELECT range FROM range(10000000000000) WHERE range < 0",
])
def test_a_long_query_is_stopped_by_the_timeout(sandbox: Path, sql: str):
    code, stdout, stderr = query(sandbox, sql, "--timeout", "1", "--format", "jsonl")
    assert_refused(code, stderr, sql)
    assert "stopped after 1 seconds (--timeout)" in stderr


def test_a_query_over_the_memory_limit_fails_with_one_line(sandbox: Path):
    code, _, stderr = query(sandbox, "SELECT list(range) FROM range(400000000)")
    assert_refused(code, stderr, "list")
    assert "Out of Memory" in stderr


def test_bad_timeout_is_refused(sandbox: Path):
    for value in ("0", "-1", "nan"):
        code, _, stderr = query(sandbox, "SELECT 1", "--timeout", value)
        assert_refused(code, stderr, value)
        assert "--timeout" in stderr


@pytest.mark.parametrize("sql", [
    "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC",
    "WITH e AS (SELECT event FROM events) SELECT count(*) AS n FROM e",
    "EXPLAIN SELECT * FROM events",
    "EXPLAIN ANALYZE SELECT count(*) FROM events",
    "/* plan */ EXPLAIN (FORMAT json) SELECT 1",
    "DESCRIBE events",
    "SUMMARIZE documents",
    "SHOW TABLES",
    "SELECT 1 AS a; SELECT 2 AS b",
    "FROM duckdb_settings() WHERE name = 'threads'",
])
def test_reading_the_store_still_works(sandbox: Path, sql: str):
    for fmt in ("table", "jsonl", "csv"):
        code, stdout, stderr = query(sandbox, sql, "--format", fmt)
        assert code == 0, (sql, fmt, stderr)
        assert stdout.strip(), (sql, fmt)


TYPES = ("SELECT 'ab'::BLOB AS blob, '\\xFF\\x00'::BLOB AS bytes, uuid() AS id, "
         "INTERVAL 3 DAY AS days, INTERVAL '-1 day 2 hours 30 minutes' AS neg, "
         "INTERVAL 1500 MILLISECONDS AS ms, TIME '12:00' AS t, DATE '2024-06-21' AS d, "
         "TIMESTAMP '2024-06-21 10:00:00' AS ts, TIMESTAMPTZ '2024-06-21 10:00:00+00' AS tstz, "
         "'nan'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, '-inf'::FLOAT AS ninf, "
         "170141183460469231731687303715884105727::HUGEINT AS huge, "
         "'0101'::BITSTRING AS bits, 1.25::DECIMAL(38,10) AS dec, "
         "MAP {1: 'a', 2: 'b'} AS m, MAP {[1]: 'x'} AS mlist, MAP {uuid(): 1} AS muuid, "
         "{'b': 'ab'::BLOB, 'i': INTERVAL 1 HOUR, 'f': ['nan'::DOUBLE, 1.5]} AS nested, "
         "[1, 2]::INTEGER[2] AS arr, 'a'::ENUM('a', 'b') AS e, "
         "'12345678901234567890123456789012345678901234567890'::VARINT AS big, "
         "'POINT(1 2)'::GEOMETRY AS geo, 1::VARIANT AS v, NULL AS nothing, "
         "1 AS dup, 2 AS dup "
         "FROM range(3)")


def strict_json(line: str) -> Any:
    def refuse(token: str) -> Any:
        raise ValueError(f"not JSON: {token}")
    return json.loads(line, parse_constant=refuse)


def test_jsonl_writes_every_type_as_strict_json(sandbox: Path):
    code, stdout, stderr = query(sandbox, TYPES, "--format", "jsonl")
    assert code == 0, stderr
    records = [strict_json(line) for line in stdout.splitlines()]
    assert len(records) == 3
    r = records[0]
    assert r["blob"] == base64.b64encode(b"ab").decode() and r["bytes"] == "/wA="
    assert len(r["id"]) == 36 and r["days"] == "P3D" and r["neg"] == "-PT21H30M"
    assert r["ms"] == "PT1.5S" and r["t"] == "12:00:00" and r["d"] == "2024-06-21"
    assert r["ts"] == "2024-06-21T10:00:00" and r["tstz"].startswith("2024-06-21T10:00:00")
    assert r["nan"] is None and r["inf"] is None and r["ninf"] is None
    assert r["huge"] == 2 ** 127 - 1 and r["bits"] == "0101" and r["dec"] == 1.25
    assert r["m"] == {"1": "a", "2": "b"} and r["e"] == "a" and r["arr"] == [1, 2]
    assert r["nested"] == {"b": "YWI=", "i": "PT1H", "f": [None, 1.5]}
    assert r["big"] == "12345678901234567890123456789012345678901234567890"
    assert r["nothing"] is None and r["dup"] == 1 and r["dup_1"] == 2
    assert isinstance(r["geo"], str) and r["v"] == 1


def test_csv_writes_every_type(sandbox: Path):
    code, stdout, stderr = query(sandbox, TYPES, "--format", "csv")
    assert code == 0, stderr
    table = list(csv.DictReader(io.StringIO(stdout)))
    assert len(table) == 3
    r = table[0]
    assert r["blob"] == "YWI=" and r["days"] == "P3D" and r["t"] == "12:00:00"
    assert r["nan"] == "nan" and r["inf"] == "inf" and r["dec"] == "1.2500000000"
    assert strict_json(r["nested"]) == {"b": "YWI=", "i": "PT1H", "f": [None, 1.5]}
    assert r["nothing"] == ""


def test_table_shows_every_type(sandbox: Path):
    code, stdout, stderr = query(sandbox, TYPES)
    assert code == 0, stderr
    assert "P3D" in stdout and "3 rows" in stdout


MARKUP = ("SELECT '[/]' AS \"[bold]col[/]\", '[link=https://evil.example]click[/link]' AS l, "
          "'[bold red]loud' AS b, chr(27) || ']8;;https://evil.example' || chr(7) || 'osc' "
          "|| chr(27) || ']8;;' || chr(7) AS o, chr(27) || '[2J' || chr(27) || '[31mcsi' AS c, "
          "'bell' || chr(7) || chr(155) || '31mx' AS e")


def test_table_shows_values_and_names_as_text(sandbox: Path):
    code, stdout, stderr = query(sandbox, MARKUP)
    assert code == 0, stderr
    for text in ("[/]", "[bold]col[/]", "[link=https://evil.example]click[/link]",
                 "[bold red]loud", "osc", "csi", "bell"):
        assert text in stdout, text
    assert not any(ch in stdout for ch in "\x1b\x07\x9b"), repr(stdout)


def test_errors_are_one_printable_line(sandbox: Path):
    for sql in ('SELECT * FROM "no[/]such\nta\x1b[31mble"', "SELECT [/] FROM\n\nevents WHERE",
                "SELECT error('line one' || chr(10) || 'line [/] two' || chr(27) || '[2J')"):
        code, _, stderr = query(sandbox, sql)
        assert_refused(code, stderr, sql)
        assert "\x1b" not in stderr
    code, _, stderr = query(sandbox, 'SELECT * FROM "[/]"')
    assert_refused(code, stderr, "[/]")
    assert "[/]" in stderr


def test_a_missing_store_is_one_line(tmp_path: Path):
    done = run_cli("query", "--db", str(tmp_path / "no[/]ne.duckdb"), "SELECT 1")
    assert_refused(done.returncode, done.stderr.decode(), "missing")
    assert not os.listdir(tmp_path)
