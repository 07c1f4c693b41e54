"""``redline eval``: read a gold file, predict, score, print (text or JSON)."""

from __future__ import annotations

import json
import shlex
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from redline.evaluation.datasets import (
    DatasetError,
    read_pentaclass,
    read_petr_xml,
    read_plv,
)
from redline.evaluation.runner import (
    FoldModels,
    TrainingData,
    combine,
    penta_extraction_predictions,
    penta_predictions,
    penta_report,
    petr_report,
    plv_extraction_predictions,
    plv_relation_predictions,
    plv_report,
    timed,
)
from redline.relations.train import TrainConfig

# Classifier probabilities below which a specific lexicon pattern overrides it (reported).
ENSEMBLE_LEVELS = (0.5, 0.7, 0.9)


def run_eval(dataset: str, path: Path, *, as_json: bool, cv: int | None,
             predictions: Path | None, extra: Path | None, seed: int, epochs: int | None,
             out: Console, err: Console) -> int:
    """Returns the exit code."""
    from redline.coder import Resources
    from redline.relations.classifier import RelationClassifier, load_default

    command = "redline eval " + " ".join(shlex.quote(a) for a in sys.argv[2:]) \
        if len(sys.argv) > 2 else f"redline eval {dataset} {path}"
    try:
        rows: Any = {"plv": read_plv, "pentaclass": read_pentaclass,
                     "petr-xml": read_petr_xml}[dataset](path)
        companion = extra
        aux = TrainingData()
        if cv is not None and companion is not None:
            aux = TrainingData(plv=read_plv(companion)) if dataset == "pentaclass" else \
                TrainingData(penta=read_pentaclass(companion))
    except DatasetError as exc:
        err.print(f"error: {exc}")
        return 2

    started = time.perf_counter()

    def progress(message: str) -> None:
        err.print(f"{time.perf_counter() - started:7.1f} s  {message}", style="dim")

    resources = Resources.load(classifier=False)  # extraction mode: the lexicon alone
    classifier: RelationClassifier | None = None
    config = TrainConfig(seed=seed)
    if dataset != "petr-xml":
        try:
            classifier = load_default()
        except (FileNotFoundError, OSError):
            if cv is None:
                err.print("error: no trained relation model is installed; run "
                          "'python scripts/train_relation.py' or use --cv K")
                return 2
        if classifier is not None:
            known = {k: v for k, v in classifier.config.items() if k in TrainConfig.__annotations__}
            config = replace(TrainConfig(**known), seed=seed)
        if epochs is not None:
            config = replace(config, epochs=epochs)
        if cv is None and classifier is not None:
            texts = [r.sentence for r in rows] if dataset == "plv" else [r.text for r in rows]
            seen = sum(1 for t in texts if classifier.seen(t))
            if seen:
                err.print(f"warning: {seen} of {len(texts)} rows of {path} were in the shipped "
                          "model's training data, so these figures overstate accuracy on new "
                          "text; use --cv K for cross-validated figures")

    result: dict[str, Any] = {"dataset": dataset, "path": str(path), "rows": len(rows),
                              "cv": cv, "command": command}
    if dataset == "plv":
        gold = [r.gold_root for r in rows]
        models: FoldModels = []
        relation, seconds = timed(lambda: plv_relation_predictions(
            rows, classifier, cv, aux, config, progress, models))
        extraction, x_seconds = timed(lambda: plv_extraction_predictions(rows, resources))
        helped, h_seconds = timed(lambda: plv_extraction_predictions(
            rows, resources, models if cv is not None else
            [(list(range(len(rows))), classifier)]))
        result.update(plv_report(gold, [label for label, _p in relation]))
        result["extraction"] = plv_report(gold, [root for root, _s in extraction])
        result["extraction_with_classifier"] = plv_report(gold, [root for root, _s in helped])
        result["ensemble_with_lexicon"] = {
            str(t): plv_report(gold, combine(relation, extraction, t)) for t in ENSEMBLE_LEVELS}
        result["seconds"] = {"relation": seconds, "extraction": x_seconds,
                             "extraction_with_classifier": h_seconds}
        if predictions is not None:
            _write(predictions, [(r.uid, label) for r, (label, _p) in
                                 zip(rows, relation, strict=True)])
    elif dataset == "pentaclass":
        gold_penta = [r.label for r in rows]
        penta, seconds = timed(lambda: penta_predictions(rows, classifier, cv, aux, config,
                                                         progress))
        extraction_penta, x_seconds = timed(lambda: penta_extraction_predictions(rows, resources))
        result.update(penta_report(gold_penta, penta))
        result["extraction"] = penta_report(gold_penta, extraction_penta)
        result["seconds"] = {"classifier": seconds, "extraction": x_seconds}
        if predictions is not None:
            _write(predictions, [(str(r.row), str(label)) for r, label in
                                 zip(rows, penta, strict=True)])
    else:
        report, seconds = timed(lambda: petr_report(rows, resources))
        result.update(report)
        result["seconds"] = seconds
    if as_json:
        out.file.write(json.dumps(result) + "\n")
    else:
        _print(result, out)
    return 0


def _write(path: Path, lines: list[tuple[str, str]]) -> None:
    path.write_text("".join(f"{a}\t{b}\n" for a, b in lines), encoding="utf-8")


def _print(result: dict[str, Any], out: Console) -> None:
    out.print(f"[bold]{result['dataset']}[/bold] {result['path']}: {result['rows']} rows"
              + (f", {result['cv']}-fold cross-validation" if result["cv"] else ""))
    if result["dataset"] == "petr-xml":
        for key in ("records_correct", "cameo_root_agreement", "country_agreement",
                    "root_and_country_agreement"):
            out.print(f"  {key}: {result[key]}")
        return
    blocks = [("classifier", result), ("extraction (coder)", result["extraction"])]
    if "extraction_with_classifier" in result:
        blocks.append(("extraction (coder + classifier)", result["extraction_with_classifier"]))
    for title, block in blocks:
        line = ", ".join(f"{k} {block[k]:.3f}" for k in ("macro_f1", "accuracy", "weighted_f1",
                                                        "quad_macro_f1", "binary_macro_f1",
                                                        "coverage") if k in block)
        out.print(f"  {title}: {line}")
    table = Table(title="per class (classifier)", show_edge=False)
    for col in ("label", "precision", "recall", "f1", "support"):
        table.add_column(col)
    for label, s in result["per_class"].items():
        table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["support"]))
    out.print(table)
