"""What keeps an ingest's memory from growing with the corpus: near copies looked up in the
store (with the upgrade of older stores), the cluster rebuild in slices under DuckDB's cap,
spaCy batches bounded by tokens, the heap returned across small calls, and the classifier's
kernels not cached per batch shape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import torch

from redline.analysis import clusters
from redline.nlp import pipeline
from redline.records import Document
from redline.runs import local as ingest_run
from redline.runs import plan
from redline.store.schema import (
    SCHEMA_VERSION,
    WRITER_MEMORY_MB,
    connect,
    release_cached_pages,
    set_memory_limit,
)
from tests.conftest import EXAMPLES, rows

VOA = EXAMPLES / "voa_stories.jsonl"


def stories(n: int, start: int = 0) -> list[Document]:
    lines = VOA.read_text("utf-8").splitlines()[start:start + n]
    return [Document(r["id"], r["text"], None, source=r.get("source", "VOA"))
            for r in map(json.loads, lines)]


def copy_of(document: Document, new_id: str) -> Document:
    """A wire copy: the same story with a changed word and a credit line."""
    return Document(new_id, document.text.replace(" said", " stated", 1) + " Reporting by staff.",
                    document.date, source="Another Outlet")


def ingest_documents(db: Path, documents: list[Document], resources: Any,
                     monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(ingest_run, "read_inputs", lambda paths, default_date: iter(documents))
    return ingest_run.ingest(["(test)"], db, resources)


def test_near_copies_are_found_in_the_store_and_among_unwritten_documents(
        tmp_path: Path, resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups of 3 looked up, batches of 2 written: the first copy's original is written in
    the middle of the copy's own group (found among the unwritten), the second copy's is in
    the store (found there), and a copy in a later run is found in the store too."""
    monkeypatch.setattr(plan, "LOOKUP_GROUP", 3)
    monkeypatch.setattr(ingest_run, "BATCH_DOCUMENTS", 2)
    first, original, other = stories(3)
    db = tmp_path / "r.duckdb"
    documents = [first, original, copy_of(original, "copy-1"), other,
                 copy_of(original, "copy-2")]
    result = ingest_documents(db, documents, resources, monkeypatch)
    assert (result.counts.documents_new, result.counts.documents_duplicate) == (3, 2)
    expected = [("copy-1", f"id:{original.id}"), ("copy-2", f"id:{original.id}")]
    query = "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL ORDER BY id"
    assert rows(db, query) == expected
    again = ingest_documents(db, [copy_of(original, "copy-3"), other], resources, monkeypatch)
    assert (again.counts.documents_duplicate, again.counts.documents_present) == (1, 1)
    assert rows(db, query) == [*expected, ("copy-3", f"id:{original.id}")]
    # the band index holds the coded documents only, 16 keys each
    assert rows(db, "SELECT doc_key, count(*) FROM document_bands GROUP BY ALL ORDER BY 1") \
        == sorted((f"id:{d.id}", 16) for d in (first, original, other))


def test_the_planner_holds_only_documents_not_yet_written(tmp_path: Path) -> None:
    from redline.runs.local import build_batch
    from redline.store.writer import RunCounts, StoreWriter

    con = connect(tmp_path / "r.duckdb")
    try:
        writer = StoreWriter(con)
        counts = RunCounts()
        planner = plan.Planner(writer, writer.start_run([], "test"), counts)
        held = []
        pending: list[plan.Planned] = []
        for planned in planner.plan(iter(stories(40))):
            pending.append(planned)
            held.append(len(planner.unwritten))
            if len(pending) == 4:
                writer.write(build_batch(pending, {}, planner.run_id, counts))
                planner.written(p.key for p in pending)
                pending = []
        assert max(held) <= plan.LOOKUP_GROUP + 4
        assert held[-1] < 40
    finally:
        con.close()


def test_a_store_from_schema_version_1_gets_its_band_index(
        tmp_path: Path, resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "r.duckdb"
    original, other = stories(2)
    ingest_documents(db, [original, other], resources, monkeypatch)
    con = duckdb.connect(str(db))  # what version 1 left: no band index
    con.execute("DROP TABLE document_bands")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    result = ingest_documents(db, [copy_of(original, "copy")], resources, monkeypatch)
    assert result.counts.documents_duplicate == 1
    assert rows(db, "SELECT count(*) FROM document_bands") == [(32,)]
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]


def test_a_writing_connection_caps_duckdb_memory(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    for read_only, capped in ((False, True), (True, False)):
        con = connect(db, read_only=read_only)
        try:
            limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        finally:
            con.close()
        assert (limit == f"{WRITER_MEMORY_MB}.0 MiB") is capped, limit


def test_a_batch_of_new_documents_does_not_search_the_store_for_old_rows(
        tmp_path: Path, resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deleting a stored version's rows scans whole tables; only a replaced document (or the
    original of a near copy, whose clusters change) needs it."""
    from redline.store import writer as writer_module

    statements: list[tuple[str, list[str]]] = []
    with_keys = writer_module.StoreWriter._with_keys

    def recording(self: Any, sql: str, keys: Any) -> list[Any]:
        statements.append((sql.split()[0], sorted(keys)))
        return with_keys(self, sql, keys)

    monkeypatch.setattr(writer_module.StoreWriter, "_with_keys", recording)
    db = tmp_path / "r.duckdb"
    first, second, third = stories(3)
    ingest_documents(db, [first, second], resources, monkeypatch)
    assert [verb for verb, _ in statements] == ["SELECT"]  # the planner's stored_versions
    statements.clear()
    changed = Document(first.id, "Russian forces attacked Ukrainian positions near Kharkiv.",
                       None, source=first.source)
    ingest_documents(db, [changed, third, copy_of(second, "copy")], resources, monkeypatch)
    writes = [(verb, keys) for verb, keys in statements[1:]]
    old, original = f"id:{first.id}", f"id:{second.id}"
    assert writes == [("SELECT", sorted([old, original]))] + [("DELETE", [old])] * 4
    assert rows(db, f"SELECT DISTINCT event FROM events WHERE doc_key = '{old}'") \
        == [("ASSAULT",)]
    assert rows(db, "SELECT count(*) FROM documents") == [(4,)]


def test_duckdb_drops_its_cached_pages_and_keeps_its_limit(tmp_path: Path) -> None:
    con = connect(tmp_path / "r.duckdb")
    try:
        con.execute("CREATE TABLE filler AS SELECT i, md5(i::VARCHAR) AS h "
                    "FROM range(400000) r(i)")

        def cached_mb() -> float:
            return float(con.execute("SELECT sum(memory_usage_bytes) / 2**20 "
                                     "FROM duckdb_memory()").fetchall()[0][0])

        assert cached_mb() > 5
        release_cached_pages(con)
        assert cached_mb() < 2
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() \
            == [(f"{WRITER_MEMORY_MB}.0 MiB",)]
        assert con.execute("SELECT count(*) FROM filler").fetchall() == [(400000,)]
    finally:
        con.close()


def test_the_writer_releases_duckdb_pages_every_so_many_documents(
        tmp_path: Path, resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.store import writer as writer_module

    releases: list[int] = []
    monkeypatch.setattr(writer_module, "RELEASE_PAGES_EVERY_DOCUMENTS", 3)
    monkeypatch.setattr(writer_module, "release_cached_pages", lambda con: releases.append(1))
    monkeypatch.setattr(ingest_run, "BATCH_DOCUMENTS", 2)
    ingest_documents(tmp_path / "r.duckdb", stories(7), resources, monkeypatch)
    assert len(releases) == 2  # after documents 4 and 7 (batches of 2, 2, 2, 1)


def cluster_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute("SELECT * EXCLUDE (event_ids), list_sort(event_ids) FROM event_clusters "
                       "ORDER BY ALL").fetchall()


@pytest.fixture
def store_with_days(tmp_path: Path, resources: Any,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    db = tmp_path / "r.duckdb"
    from datetime import date

    documents = [Document(d.id, d.text, date(2024, 3, 1 + i), source=d.source)
                 for i, d in enumerate(stories(6))]
    ingest_documents(db, documents, resources, monkeypatch)
    con = connect(db)
    try:
        yield con
    finally:
        con.close()


def test_rebuilding_clusters_a_slice_of_days_at_a_time_changes_nothing(
        store_with_days: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    con = store_with_days
    assert con.execute("SELECT count(DISTINCT date) FROM events").fetchall()[0][0] >= 4
    whole = cluster_rows(con)
    statements = []
    monkeypatch.setattr(clusters, "SLICE_EVENTS", 1)  # every day alone
    monkeypatch.setattr(clusters, "REBUILD", clusters.REBUILD + " -- slice")
    original_execute = con.execute

    class Counting:
        def __getattr__(self, name: str) -> Any:
            return getattr(con, name)

        def execute(self, sql: str, *args: Any) -> Any:
            if sql.endswith("-- slice"):
                statements.append(sql)
            return original_execute(sql, *args)

    clusters.rebuild_clusters(Counting(), None)  # type: ignore[arg-type]
    assert cluster_rows(con) == whole
    assert len(statements) >= 4


def test_a_day_too_big_for_the_memory_cap_is_rebuilt_with_the_cap_raised(
        store_with_days: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    con = store_with_days
    whole = cluster_rows(con)
    monkeypatch.setattr(clusters, "WRITER_MEMORY_MB", 1)
    set_memory_limit(con, 1)
    tries = []
    rebuild = clusters._rebuild

    def counted(*args: Any) -> None:
        tries.append(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
        rebuild(*args)

    monkeypatch.setattr(clusters, "_rebuild", counted)
    clusters.rebuild_clusters(con, None)
    assert cluster_rows(con) == whole
    assert tries[0] == "1.0 MiB" and len(tries) > 1  # it ran out at 1 MiB and retried
    assert len(set(tries)) == len(tries)  # each time with more


class RecordingPipeline:
    """Stands in for spaCy: records the batches it is given."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []

    def pipe(self, docs: list[Any], batch_size: int) -> Iterator[Any]:
        assert batch_size == len(docs)
        self.batches.append([len(d) for d in docs])
        yield from docs


def test_spacy_batches_are_bounded_by_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARSE_TOKENS", 100)
    docs = [[0] * n for n in (30, 40, 20, 150, 5, 99, 1, 60, 60)]
    nlp = RecordingPipeline()
    pipeline.run_pipe(nlp, docs)  # type: ignore[arg-type]
    assert nlp.batches == [[30, 40, 20], [150], [5], [99, 1], [60], [60]]
    assert sum(map(len, nlp.batches)) == len(docs)


def test_token_bounded_batches_parse_as_one_batch_does(resources: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = resources.nlp
    text = " ".join(d.text for d in stories(2))
    sentences = [s.strip() + "." for s in text.split(".") if len(s.split()) > 3][:40]

    def parses() -> list[list[tuple[str, int, str]]]:
        with nlp.memory_zone():
            docs = [nlp.tokenizer(s) for s in sentences]
            pipeline.run_pipe(nlp, docs)
            return [[(t.tag_, t.head.i, t.dep_) for t in d] for d in docs]

    one_batch = parses()
    monkeypatch.setattr(pipeline, "PARSE_TOKENS", 64)
    assert parses() == one_batch


def test_the_heap_is_returned_every_32_documents_however_they_come(
        resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.coder as coder_module

    trims = []
    monkeypatch.setattr(coder_module, "release_free_memory", lambda: trims.append(1) or True)
    coder = coder_module.Coder(resources)
    for i in range(70):
        coder.code_document(Document(f"d{i}", "Iran attacked Iraq on Friday."))
    assert len(trims) == 70 // coder_module.TRIM_EVERY_DOCUMENTS


def test_the_classifier_predicts_without_onednn_and_restores_the_setting(
        monkeypatch: pytest.MonkeyPatch, classifier: Any) -> None:
    seen = []
    logits = classifier.net.penta_logits

    def recording(batch: Any) -> torch.Tensor:
        seen.append(torch.backends.mkldnn.enabled)
        return logits(batch)

    monkeypatch.setattr(classifier.net, "penta_logits", recording)
    before = torch.backends.mkldnn.enabled
    first = classifier.predict_penta(["Russia attacked Ukraine.", "Talks resumed in Geneva."])
    assert seen == [False] and torch.backends.mkldnn.enabled == before
    monkeypatch.undo()
    assert classifier.predict_penta(["Russia attacked Ukraine.",
                                     "Talks resumed in Geneva."]) == first


def test_the_pattern_index_is_built_at_load_and_coding_adds_nothing(resources: Any) -> None:
    import redline.coder as coder_module

    verbs = resources.verbs
    block_lists = {tuple(s.block for s in senses) for senses in verbs.verbs.values()}
    assert set(verbs._pattern_index) == set(verbs.verbs)
    # one index per block list, shared: far fewer than verbs
    shared = {id(index) for index in verbs._pattern_index.values()}
    assert len(shared) == len(block_lists) < len(verbs.verbs) / 2
    coder = coder_module.Coder(resources)
    coded = list(coder.code_documents(stories(6)))
    assert sum(len(c.events) for c in coded) > 0
    assert set(verbs._pattern_index) == set(verbs.verbs)
    assert {id(index) for index in verbs._pattern_index.values()} == shared


def test_the_shared_pattern_index_codes_as_a_scan_of_every_pattern_does(
        resources: Any) -> None:
    from redline.events import lexicon as lexicon_module

    verbs = resources.verbs

    def scanned(lemma: str, left: list[str], right: list[str]) -> str | None:
        order, best = 0, None
        for sense in verbs.verbs[lemma]:
            for pattern in verbs.blocks[sense.block].patterns:
                order += 1
                if lexicon_module._matches(pattern, left, right, False):
                    key = (pattern.weight, -order)
                    if best is None or key > best[0]:
                        best = (key, pattern)
        return None if best is None else best[1].cameo

    checked = 0
    for lemma, senses in verbs.verbs.items():
        patterns = [p for s in senses for p in verbs.blocks[s.block].patterns]
        words = sorted({alt[0] for p in patterns[:4] for el in p.right[:1] for alt in el
                        if not alt[0].startswith("@")})[:3]
        expected = scanned(lemma, [], words)
        if expected is None:
            continue
        found = verbs.code(lemma, [], words)
        assert found is not None and found.specific, lemma
        assert found.cameo == expected.removeprefix(":") and found.reverse == (
            expected != found.cameo), lemma
        checked += 1
    assert checked > 300


MAPPED_PROBE = """
import ctypes, sys
from redline.nlp.memory import MMAP_THRESHOLD_BYTES, fix_mmap_threshold

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost").split()]

libc = ctypes.CDLL(None)
if not hasattr(libc, "mallinfo2"):
    sys.exit(3)
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "fixed" and not fix_mmap_threshold():
    sys.exit(3)
large = bytearray(24 * 2**20)  # freed: glibc alone raises its threshold to 24 MB
del large
before = libc.mallinfo2().hblkhd
buffer = bytearray(MMAP_THRESHOLD_BYTES + 2**20)
grew = libc.mallinfo2().hblkhd - before
del buffer
print(grew >= MMAP_THRESHOLD_BYTES, libc.mallinfo2().hblkhd == before)
"""


def test_large_buffers_are_mapped_even_after_a_larger_one_was_freed() -> None:
    """In a fresh interpreter, whose heap has no free block that large to reuse."""
    import subprocess
    import sys

    def probe(mode: str) -> str:
        done = subprocess.run([sys.executable, "-c", MAPPED_PROBE, mode], capture_output=True,
                              text=True)
        if done.returncode == 3:
            pytest.skip("needs glibc 2.33 or later (mallopt and mallinfo2)")
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert probe("default") == "False True"  # glibc's own threshold: taken from the heap
    assert probe("fixed") == "True True"  # mapped, and unmapped when freed


def test_classifier_batches_are_bounded_by_padded_word_pieces() -> None:
    from redline.relations.classifier import budget_batches

    lengths = [10, 10, 60, 100, 3000, 20]
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = budget_batches(order, lengths, max_tokens=200, max_rows=2)
    assert batches == [[0, 1], [5, 2], [3], [4]]
    assert all(len(b) * max(lengths[i] for i in b) <= 200 for b in batches if len(b) > 1)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert budget_batches([], [], 200, 2) == []


def test_the_classifier_predicts_the_same_in_small_and_in_one_batch(
        monkeypatch: pytest.MonkeyPatch, classifier: Any) -> None:
    from redline.relations import classifier as classifier_module
    from redline.relations.model import make_batch

    text = " ".join(d.text for d in stories(3))
    sentences = [s.strip() + "." for s in text.split(".") if len(s.split()) > 3][:40]
    assert len({len(s) for s in sentences}) > 10  # lengths vary, so batches do too
    # our padding is the one transformers' tokenizer of the same encoder makes
    from transformers import AutoTokenizer

    from redline.nlp.minilm import model_dir

    reference = AutoTokenizer.from_pretrained(str(model_dir()))
    ours = make_batch(classifier.tokenizer, sentences, classifier.max_length)
    theirs = reference(sentences, padding=True, truncation=True,
                       max_length=classifier.max_length, return_tensors="pt")
    assert torch.equal(ours.ids, theirs["input_ids"])
    assert torch.equal(ours.mask, theirs["attention_mask"])

    shapes: list[tuple[int, int]] = []
    logits = classifier.net.penta_logits

    def recording(batch: Any) -> torch.Tensor:
        shapes.append(tuple(batch.ids.shape))
        return logits(batch)

    monkeypatch.setattr(classifier.net, "penta_logits", recording)
    monkeypatch.setattr(classifier_module, "PREDICT_TOKENS", 10**6)
    whole = classifier.predict_penta(sentences)
    assert len(shapes) == 2  # 40 sentences, 32 at most in a batch
    shapes.clear()
    monkeypatch.setattr(classifier_module, "PREDICT_TOKENS", 160)
    small = classifier.predict_penta(sentences)
    assert len(shapes) > 4 and all(rows * width <= 160 for rows, width in shapes)
    assert [label for label, _ in small] == [label for label, _ in whole]
    assert all(abs(p - q) < 1e-4 for (_, p), (_, q) in zip(small, whole, strict=True))


def test_coding_chunks_are_bounded_by_characters(resources: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.coder as coder_module

    documents = stories(6)
    sizes: list[int] = []
    code_chunk = coder_module.Coder._code_chunk

    def recording(self: Any, chunk: list[Document]) -> Any:
        sizes.append(sum(len(d.text) for d in chunk))
        return code_chunk(self, chunk)

    monkeypatch.setattr(coder_module.Coder, "_code_chunk", recording)
    whole = list(coder_module.Coder(resources).code_documents(documents))
    assert len(sizes) == 1
    sizes.clear()
    budget = max(len(d.text) for d in documents) + 1
    monkeypatch.setattr(coder_module, "CHUNK_CHARACTERS", budget)
    split = list(coder_module.Coder(resources).code_documents(documents))
    assert len(sizes) > 1 and all(size <= budget for size in sizes)
    assert [(c.events, c.commitments) for c in split] == [(c.events, c.commitments)
                                                          for c in whole]
    assert sum(len(c.events) for c in whole) > 0
