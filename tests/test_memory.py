"""Memory stays bounded over a corpus: a chunk's strings are freed, free heap is returned."""

from __future__ import annotations

import ctypes.util
import json
import platform
from typing import Any

from redline.coder import Coder
from redline.nlp.memory import release_free_memory
from redline.records import Document
from tests.conftest import EXAMPLES


def test_coding_a_corpus_leaves_the_string_store_as_it_was(resources: Any) -> None:
    lines = (EXAMPLES / "voa_stories.jsonl").read_text("utf-8").splitlines()[:12]
    documents = [Document(r["id"], r["text"], None) for r in map(json.loads, lines)]
    strings = resources.nlp.vocab.strings
    before = len(strings)
    coded = list(Coder(resources).code_documents(documents))
    assert sum(len(c.events) for c in coded) > 20
    assert len(strings) == before  # new words of the chunk were freed with its memory zone
    # records hold plain values, readable after the zone closed
    text = {d.id: d.text for d in documents}
    for event in (e for c in coded for e in c.events):
        start, end = event.event_span
        assert text[event.doc_id][start:end].strip() and start >= 0
        assert text[event.doc_id][start:end] in event.sentence


def test_free_heap_is_returned_where_glibc_is_used() -> None:
    glibc = platform.libc_ver()[0] == "glibc" and ctypes.util.find_library("c") is not None
    assert release_free_memory() is glibc
