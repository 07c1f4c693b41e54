"""``redline eval``: read a gold file, predict, score, print (text or JSON)."""

from __future__ import annotations

import json
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from redline.evaluation.argspans import argspans_report, coded_events, outcome_labels
from redline.evaluation.datasets import (
    DatasetError,
    read_argspans,
    read_pentaclass,
    read_petr_xml,
    read_plv,
    tsv_kind,
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
from redline.evaluation.training import PairExamples
from redline.ontology.labels import PENTA_LABELS
from redline.relations.train import TrainConfig

# Classifier probabilities below which a specific lexicon pattern overrides it (reported).
ENSEMBLE_LEVELS = (0.5, 0.7, 0.9)


def run_eval(dataset: str, path: Path, *, as_json: bool, cv: int | None,
             predictions: Path | None, extra: Path | Sequence[Path] | None, seed: int,
             epochs: int | None, out: Console, err: Console) -> int:
    """Returns the exit code. ``extra`` (with ``cv``): gold files of the other kind(s) to
    train on besides the folds (for argspans, pentaclass and PLV files, told by header)."""
    from redline.coder import Resources
    from redline.relations.classifier import RelationClassifier

    command = "redline eval " + " ".join(shlex.quote(a) for a in sys.argv[2:]) \
        if len(sys.argv) > 2 else f"redline eval {dataset} {path}"
    try:
        rows: Any = {"plv": read_plv, "pentaclass": read_pentaclass, "argspans": read_argspans,
                     "petr-xml": read_petr_xml}[dataset](path)
        companions = [extra] if isinstance(extra, Path) else list(extra or ())
        aux = TrainingData()
        if cv is not None and companions:
            aux = _training_data(dataset, companions)
    except DatasetError as exc:
        err.print(f"error: {exc}")
        return 2

    started = time.perf_counter()

    def progress(message: str) -> None:
        err.print(f"{time.perf_counter() - started:7.1f} s  {message}", style="dim")

    resources = Resources.load(classifier=False)  # extraction mode: the lexicon alone
    if cv is not None:
        aux.pairs = PairExamples(resources)  # the fold models learn the pair head too
    classifier: RelationClassifier | None = None
    config = TrainConfig(seed=seed)
    if dataset != "petr-xml":
        try:
            classifier = RelationClassifier.load()  # once, passed to what scores it
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
    elif dataset == "argspans":
        with_model = replace(resources, relations=classifier) if cv is None else resources
        events, seconds = timed(lambda: coded_events(rows, with_model, cv, aux, config,
                                                     progress))
        lexicon, x_seconds = timed(lambda: coded_events(rows, resources))
        result.update(argspans_report(rows, events))
        result["without_classifier"] = argspans_report(rows, lexicon)
        result["seconds"] = {"with_classifier": seconds, "without_classifier": x_seconds}
        if predictions is not None:
            _write(predictions, [(str(r.row), word) for r, word in
                                 zip(rows, outcome_labels(rows, events), strict=True)])
    elif dataset == "pentaclass":
        gold_penta = [r.label for r in rows]
        penta_models: FoldModels = []
        penta, seconds = timed(lambda: penta_predictions(rows, classifier, cv, aux, config,
                                                         progress, penta_models))
        extraction_penta, x_seconds = timed(lambda: penta_extraction_predictions(rows, resources))
        helped_penta, h_seconds = timed(lambda: penta_extraction_predictions(
            rows, resources, penta_models if cv is not None else
            [(list(range(len(rows))), classifier)]))
        result.update(penta_report(gold_penta, penta))
        result["extraction"] = penta_report(gold_penta, extraction_penta)
        result["extraction_with_classifier"] = penta_report(gold_penta, helped_penta)
        result["seconds"] = {"classifier": seconds, "extraction": x_seconds,
                             "extraction_with_classifier": h_seconds}
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


def _training_data(dataset: str, paths: Sequence[Path]) -> TrainingData:
    """The ``--extra`` files: pentaclass files for plv, PLV files for pentaclass, either
    (told by the header) for argspans."""
    plv: list[Any] = []
    penta: list[Any] = []
    argspans: list[Any] = []
    for path in paths:
        kind = tsv_kind(path)
        if kind == "plv":
            plv.extend(read_plv(path))
        elif kind == "argspans":
            argspans.extend(read_argspans(path))
        else:
            penta.extend(read_pentaclass(path))
    return TrainingData(plv=plv, penta=penta, argspans=argspans)


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
    if result["dataset"] == "argspans":
        _print_argspans(result, out)
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


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_argspans(result: dict[str, Any], out: Console) -> None:
    out.print(f"  {result['events']} event sentences ({result['explicit']['events']} with "
              f"source and target spans), {result['statements']} statements")
    for title, block in (("coder + classifier", result),
                         ("lexicon alone", result["without_classifier"])):
        line = ", ".join(f"{k} {_figure(block[k])}" for k in ("full", "pair", "any_event",
                                                              "false_alarm"))
        out.print(f"  {title}: {line}")
    table = Table(title="per label (coder + classifier)", show_edge=False,
                  caption=", ".join(f"{k} {v}" for k, v in PENTA_LABELS.items()))
    columns = ("full", "pair", "quad_match", "any_event", "false_alarm")
    for col in ("label", "sentences", *columns):
        table.add_column(col)
    for label, block in result["per_label"].items():
        table.add_row(label, str(block["n"]), *(_figure(block.get(k)) for k in columns))
    out.print(table)
