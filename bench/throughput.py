"""Throughput of the coder against bare spaCy parsing of the same sentences.

Reads the wire and VOA corpora of ../shared/data/corpora, takes whole documents (in a
fixed random order) until the sample holds --sentences sentences, and in the same run:

1. parses every sentence of the sample with the bare spaCy pipeline (the same model and
   settings redline uses: tokenizer, tagger, parser, attribute ruler; numpy ops);
2. codes the same documents end to end with redline (segmentation, actors, prefilter,
   parsing, frames, modality, commitments).

Prints sentences per second for both, their ratio, the share of sentences redline parsed,
events per 1,000 sentences and the peak resident memory of the process. With --json the
last line is one JSON object.

    python bench/throughput.py [--sentences 20000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path

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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=20000,
                        help="sample size in sentences (whole documents are taken)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    if not CORPORA.exists():
        print(f"{CORPORA} is absent: the benchmark needs ../shared beside the checkout",
              file=sys.stderr)
        return 2

    from redline.coder import Coder, Resources
    from redline.nlp.segment import split_sentences
    from redline.records import Document

    resources = Resources.load()
    nlp = resources.nlp
    documents: list[Document] = []
    sentences: list[str] = []
    for record in load_documents(args.sentences, args.seed):
        doc_sentences = [s.text for s in split_sentences(record["text"], nlp.tokenizer)]
        documents.append(Document(str(record["id"]), record["text"],
                                  record["_date"] or date(2000, 1, 1)))
        sentences += doc_sentences
        if len(sentences) >= args.sentences:
            break
    warm = sentences[:64]
    list(nlp.pipe(warm))

    start = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=256):
        pass
    spacy_seconds = time.perf_counter() - start

    coder = Coder(resources)
    events = commitments = parsed = total = 0
    start = time.perf_counter()
    for coded in coder.code_documents(documents):
        events += len(coded.events)
        commitments += len(coded.commitments)
        parsed += coded.parsed_sentences
        total += len(coded.sentences)
    redline_seconds = time.perf_counter() - start

    result = {
        "documents": len(documents),
        "sentences": len(sentences),
        "redline_sents_per_s": round(total / redline_seconds, 1),
        "spacy_sents_per_s": round(len(sentences) / spacy_seconds, 1),
        "ratio": round((total / redline_seconds) / (len(sentences) / spacy_seconds), 3),
        "parsed_share": round(parsed / total, 3),
        "events_per_1000_sentences": round(1000 * events / total, 1),
        "commitments": commitments,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(f"sample: {len(documents)} documents, {len(sentences)} sentences "
          f"(redline segmented {total})")
    print(f"bare spaCy parse : {result['spacy_sents_per_s']:8.1f} sentences/s")
    print(f"redline end to end: {result['redline_sents_per_s']:8.1f} sentences/s")
    print(f"ratio redline/spaCy: {result['ratio']:.2f}x")
    print(f"sentences parsed by redline: {100 * result['parsed_share']:.1f}%")
    print(f"events per 1,000 sentences: {result['events_per_1000_sentences']}")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
