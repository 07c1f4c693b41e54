"""Bad input through the command line: one line per problem, the rest still coded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import jsonl, run_cli
from tests.helpers import GOOD


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    files = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "latin1.txt": "Le président a déclaré".encode("latin-1"),
        "french.txt": ("Le président de la République a annoncé mardi que le gouvernement "
                       "allait présenter un nouveau projet de loi sur les retraites, malgré "
                       "l'opposition des syndicats et d'une partie de la majorité.").encode(),
    }
    paths = {name: tmp_path / name for name in files}
    for name, data in files.items():
        paths[name].write_bytes(data)
    lines = [json.dumps({"id": "a", "text": GOOD, "date": "2024-06-21"}), "{not json",
             json.dumps({"id": "b", "title": "no text"}),
             json.dumps({"id": "c", "text": "North Korea fired a missile at Japan.",
                         "date": "2024-06-22"})]
    paths["mixed.jsonl"] = tmp_path / "mixed.jsonl"
    paths["mixed.jsonl"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    paths["huge.txt"] = big
    return paths


def test_each_bad_input_is_one_line_and_the_rest_is_coded(batch):
    order = ["good.txt", "empty.txt", "binary.txt", "latin1.txt", "french.txt", "mixed.jsonl",
             "huge.txt"]
    result = run_cli("code", *[str(batch[n]) for n in order], "--format", "jsonl",
                     "--date", "2024-06-21")
    stderr = result.stderr.decode()
    assert result.returncode == 0
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    expected = {
        str(batch["empty.txt"]): "empty",
        str(batch["binary.txt"]): "binary",
        str(batch["latin1.txt"]): "UTF-8",
        str(batch["french.txt"]): "English",
        f"{batch['mixed.jsonl']}:2": "JSON",
        f"{batch['mixed.jsonl']}:3": "text",
        str(batch["huge.txt"]): "too large",
    }
    assert len(errors) == len(expected)
    for origin, word in expected.items():
        line = next((e for e in errors if e.startswith(f"error: {origin}: ")), None)
        assert line is not None, (origin, errors)
        assert word in line
    docs = {r["doc_id"] for r in jsonl(result.stdout)}
    assert docs == {"good", "a", "c"}


def test_exit_code_is_non_zero_only_when_nothing_could_be_coded(batch, tmp_path):
    bad_only = run_cli("code", str(batch["empty.txt"]), str(batch["binary.txt"]),
                       str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert bad_only.returncode != 0
    assert "Traceback" not in bad_only.stderr.decode()
    assert f"error: {tmp_path / 'missing.txt'}: " in bad_only.stderr.decode()
    mixed = run_cli("code", str(batch["good.txt"]), str(batch["empty.txt"]), "--format", "csv")
    assert mixed.returncode == 0
    assert mixed.stdout.decode().splitlines()[0].startswith("id,doc_key,doc_id")


def test_stdin_and_bad_options(tmp_path):
    result = run_cli("code", "-", "--format", "jsonl", "--date", "2024-06-21",
                     stdin=GOOD.encode())
    assert result.returncode == 0
    assert any(r["event"] == "THREATEN" for r in jsonl(result.stdout))
    bad_date = run_cli("code", "-", "--date", "21/06/2024", stdin=GOOD.encode())
    assert bad_date.returncode != 0
    assert "Traceback" not in bad_date.stderr.decode()
    bad_actors = tmp_path / "actors.tsv"
    bad_actors.write_text("pattern\tcode\nzorgland\tZZZ\n", encoding="utf-8")
    result = run_cli("code", "-", "--actors", str(bad_actors), stdin=GOOD.encode())
    assert result.returncode != 0
    lines = result.stderr.decode().strip().splitlines()
    assert lines == [f"error: {bad_actors}: unknown actor code 'ZZZ'"]
