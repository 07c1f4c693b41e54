"""Throughput of the coder against bare spaCy parsing of the same sentences.

Reads the wire and VOA corpora of ../shared/data/corpora, takes whole documents (in a
fixed random order) until the sample holds --sentences sentences, and in the same run:

1. parses every sentence of the sample with the bare spaCy pipeline as it comes (the model
   redline uses, its own copy: tokenizer, tagger, parser, attribute ruler; numpy ops);
2. codes the same documents end to end with redline (segmentation, actors, prefilter,
   parsing with the attribute ruler's rules compiled, frames, the pair model, modality,
   commitments), and again without the pair model (lexicon only, ``--fast``).

Each is timed after one untimed pass over the sample (which fills the vocabularies and
caches, as a long ingest has them), the fastest of --repeat interleaved passes kept.

Prints sentences per second for both, their ratio, the share of sentences redline parsed,
events per 1,000 sentences and the peak resident memory of the process. With --json the
last line is one JSON object; its keys ``ratio`` (the default coder, with the classifier,
against bare spaCy), ``fast_ratio`` (lexicon only, as ``redline code --fast``) and
``peak_rss_mb`` are the figures to compare between runs (a ratio is null when its mode was
left out with --fast or --classifier).

    python bench/throughput.py [--sentences 20000] [--repeat 3] [--json]
                               [--classifier | --fast]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "data" / "corpora"


def load_documents(limit_sentences: int, seed: int) -> list[dict]:
    from redline.ingest.readers import parse_date

    docs = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                record["_date"] = parse_date(record.get("date") or record.get("published"))
                docs.append(record)
    random.Random(seed).shuffle(docs)
    return docs


def code_all(coder: Any, documents: list[Any]) -> dict[str, float]:
    events = commitments = parsed = total = 0
    start = time.perf_counter()
    for coded in coder.code_documents(documents):
        events += len(coded.events)
        commitments += len(coded.commitments)
        parsed += coded.parsed_sentences
        total += len(coded.sentences)
    seconds = time.perf_counter() - start
    return {"rate": total / seconds, "parsed_share": round(parsed / total, 3),
            "events_per_1000": round(1000 * events / total, 1), "commitments": commitments}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=20000,
                        help="sample size in sentences (whole documents are taken)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed passes of each side; the fastest is kept")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--classifier", action=argparse.BooleanOptionalAction, default=None,
                        help="only the coder with (--classifier) or without (--no-classifier, "
                             "--fast) the relation classifier (default: both)")
    parser.add_argument("--fast", dest="classifier", action="store_false",
                        help="only the lexicon-only coder, as redline code --fast")
    args = parser.parse_args()
    if not CORPORA.exists():
        print(f"{CORPORA} is absent: the benchmark needs ../shared beside the checkout",
              file=sys.stderr)
        return 2

    from redline.coder import Coder, Resources
    from redline.nlp.pipeline import load_nlp
    from redline.nlp.segment import split_sentences
    from redline.records import Document

    resources = Resources.load(classifier=False)
    nlp = load_nlp(stock=True)  # bare spaCy: the packaged pipeline as it comes
    documents: list[Document] = []
    sentences: list[str] = []
    for record in load_documents(args.sentences, args.seed):
        doc_sentences = [s.text for s in split_sentences(record["text"], nlp.tokenizer)]
        documents.append(Document(str(record["id"]), record["text"],
                                  record["_date"] or date(2000, 1, 1)))
        sentences += doc_sentences
        if len(sentences) >= args.sentences:
            break
    # Each side is timed in the steady state of a long ingest: one untimed pass first, so
    # that the vocabularies, tokenizer and lemma caches hold the sample's words on both;
    # then --repeat timed passes of each, interleaved, the fastest kept (this machine's
    # load moves single runs by 10-20%).
    list(nlp.pipe(sentences, batch_size=256))
    modes = [True, False] if args.classifier is None else [args.classifier]
    coders = {}
    for with_classifier in modes:
        if with_classifier and resources.relations is None:
            from redline.relations.classifier import RelationClassifier

            resources = replace(resources, relations=RelationClassifier.load())
        coders[with_classifier] = Coder(replace(resources, relations=resources.relations
                                                if with_classifier else None))
        list(coders[with_classifier].code_documents(documents))  # untimed
    spacy_rate = 0.0
    runs: dict[bool, dict[str, float]] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(sentences, batch_size=256):
            pass
        spacy_rate = max(spacy_rate, len(sentences) / (time.perf_counter() - start))
        for with_classifier, coder in coders.items():
            run = code_all(coder, documents)
            if with_classifier not in runs or run["rate"] > runs[with_classifier]["rate"]:
                runs[with_classifier] = run
    main_run = runs[modes[0]]
    default, fast = runs.get(True), runs.get(False)
    result = {
        "documents": len(documents),
        "sentences": len(sentences),
        "redline_sents_per_s": round(main_run["rate"], 1),
        "spacy_sents_per_s": round(spacy_rate, 1),
        # the default coder (with the classifier) and --fast against bare spaCy, this run
        "ratio": round(default["rate"] / spacy_rate, 3) if default else None,
        "fast_ratio": round(fast["rate"] / spacy_rate, 3) if fast else None,
        "fast_sents_per_s": round(fast["rate"], 1) if fast else None,
        "parsed_share": main_run["parsed_share"],
        "events_per_1000_sentences": main_run["events_per_1000"],
        "commitments": main_run["commitments"],
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "classifier": modes[0],
    }
    if fast and default:  # the names of earlier runs' JSON
        result["lexicon_only_sents_per_s"] = result["fast_sents_per_s"]
        result["lexicon_only_ratio"] = result["fast_ratio"]
    print(f"sample: {len(documents)} documents, {len(sentences)} sentences")
    print(f"bare spaCy parse            : {spacy_rate:8.1f} sentences/s")
    for with_classifier, run in runs.items():
        label = "redline (with classifier)" if with_classifier else "redline --fast (lexicons)"
        print(f"{label}  : {run['rate']:8.1f} sentences/s, ratio {run['rate'] / spacy_rate:.2f}x")
    print(f"sentences parsed by redline: {100 * main_run['parsed_share']:.1f}%")
    print(f"events per 1,000 sentences: {main_run['events_per_1000']}")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
