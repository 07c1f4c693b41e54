"""Train the shipped relation model on the development gold sets (deterministic, CPU).

    python scripts/train_relation.py [--gold ../shared/data/gold] [--out PATH] [--epochs N]

Trains the three heads of the network (PLV relation roots, pentaclass sentence labels, and
the pair head that links actor candidates into events) on all of ``plv_train.tsv``,
``conflibert_pentaclass_train.tsv`` and ``conflibert_argspans_train.tsv`` with the settings of
``redline.relations.train.TrainConfig`` (chosen by cross-validation, see
docs/EVALUATION.md) and writes ``src/redline/relations/data/relation_model.pt``. The same
seed gives the same weights. About 5 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from redline.coder import Resources
    from redline.evaluation.datasets import read_argspans, read_pentaclass, read_plv
    from redline.evaluation.training import PairExamples, relation_examples, sentence_examples
    from redline.ontology.labels import ROOT_LABELS
    from redline.relations.classifier import MODEL_FILE
    from redline.relations.train import TrainConfig, train

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "data" / "gold")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "src" / "redline" / "relations" / "data" / MODEL_FILE)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    plv_path = args.gold / "plv_train.tsv"
    penta_path = args.gold / "conflibert_pentaclass_train.tsv"
    argspans_path = args.gold / "conflibert_argspans_train.tsv"
    for path in (plv_path, penta_path, argspans_path):
        if not path.exists():
            print(f"error: {path} is missing (the gold sets live in ../shared/data/gold)",
                  file=sys.stderr)
            return 2
    config = TrainConfig()
    if args.epochs is not None:
        config = replace(config, epochs=args.epochs)
    if args.seed is not None:
        config = replace(config, seed=args.seed)
    start = time.perf_counter()
    plv = read_plv(plv_path)
    lexicon_only = Resources.load(classifier=False)  # the candidates need no classifier
    pairs = PairExamples(lexicon_only).build(plv, read_argspans(argspans_path))
    print(f"{len(pairs)} sentences with actor candidates for the pair head", flush=True)
    model = train(relation_examples(plv), sentence_examples(read_pentaclass(penta_path)),
                  ROOT_LABELS, config, progress=lambda m: print(m, flush=True), pairs=pairs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - start:.0f} s with "
          f"{config.to_dict()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
