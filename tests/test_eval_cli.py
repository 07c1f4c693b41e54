"""``redline eval`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli, shared_path

HEADER = "uid\tgold_penta\tgold_root\tsentence\tmarked_sentence\tsource\ttarget\n"


def test_bad_rows_are_one_line_errors_naming_the_row(tmp_path: Path):
    plv = tmp_path / "plv.tsv"
    plv.write_text(HEADER + "\t3\tACCUSE\tIran condemned Israel.\t<s>Iran</s> condemned "
                   "<t>Israel</t>.\tIran\tIsrael\n\t3\tSCOLD\tA b.\t<s>A</s> <t>b</t>.\tA\tb\n",
                   encoding="utf-8")
    result = run_cli("eval", "plv", str(plv), "--json")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"error: {plv}: row 3: unknown label 'SCOLD'"
    penta = tmp_path / "penta.tsv"
    penta.write_text("text\nno label column\n", encoding="utf-8")
    result = run_cli("eval", "pentaclass", str(penta))
    assert result.returncode == 2 and "label" in result.stderr.decode()
    assert result.stderr.decode().startswith(f"error: {penta}: ")
    assert run_cli("eval", "nonsense", str(penta)).returncode != 0


def test_petr_records_through_the_coder():
    path = shared_path("data", "gold", "petr2_gsr_validation.xml")
    result = run_cli("eval", "petr-xml", str(path), "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["records"] == 14 and report["gold_events"] == 3
    assert 0.0 <= report["records_correct"] <= 1.0
    assert len(report["details"]) == 14


def test_plv_with_the_shipped_model_warns_and_writes_predictions(tmp_path: Path):
    path = shared_path("data", "gold", "plv_train.tsv")
    rows = path.read_text(encoding="utf-8").splitlines()
    small = tmp_path / "plv_small.tsv"
    small.write_text("\n".join(rows[:41]) + "\n", encoding="utf-8")
    predictions = tmp_path / "predictions.tsv"
    result = run_cli("eval", "plv", str(small), "--json", "--predictions", str(predictions))
    assert result.returncode == 0, result.stderr.decode()
    assert "warning: 40 of 40 rows" in result.stderr.decode()
    report = json.loads(result.stdout)
    for key in ("macro_f1", "accuracy", "quad_macro_f1", "binary_macro_f1", "coverage"):
        assert 0.0 <= report[key] <= 1.0 and 0.0 <= report["extraction"][key] <= 1.0
    lines = predictions.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 40 and all(len(line.split("\t")) == 2 for line in lines)
    assert lines[0].split("\t")[0] == "plv-0"
