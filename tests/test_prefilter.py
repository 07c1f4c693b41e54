"""The prefilter skips sentences before parsing; it must never lose an event."""

from __future__ import annotations

import csv
import json
from datetime import date

from redline.coder import Coder
from redline.records import Document
from tests.conftest import EXAMPLES, shared_path


def _documents() -> list[Document]:
    seed = json.loads((EXAMPLES / "seed_article.jsonl").read_text("utf-8"))
    docs = [Document(seed["id"], seed["text"], date.fromisoformat(seed["date"]))]
    with shared_path("data", "gold", "plv_train.tsv").open(encoding="utf-8") as handle:
        for n, row in enumerate(csv.DictReader(handle, delimiter="\t")):
            docs.append(Document(f"plv-{n}", row["sentence"], date(2020, 1, 1)))
    return docs


def _coded(resources, prefilter: bool) -> tuple[list[dict], list[dict], int, int]:
    coder = Coder(resources, prefilter=prefilter)
    events, commitments, parsed, total = [], [], 0, 0
    for coded in coder.code_documents(_documents()):
        events += [e.to_dict() for e in coded.events]
        commitments += [c.to_dict() for c in coded.commitments]
        parsed += coded.parsed_sentences
        total += len(coded.sentences)
    return events, commitments, parsed, total


def test_prefilter_gives_the_same_events_and_commitments(resources):
    fast_events, fast_commitments, fast_parsed, total = _coded(resources, prefilter=True)
    full_events, full_commitments, full_parsed, _ = _coded(resources, prefilter=False)
    assert len(fast_events) > 300
    assert fast_events == full_events
    assert fast_commitments == full_commitments
    # it is a real filter: some sentences were not parsed
    assert fast_parsed < full_parsed <= total
