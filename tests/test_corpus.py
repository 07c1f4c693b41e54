"""The coder on the bundled VOA corpus: coverage, valid actor codes, spans that point at text."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from importlib import resources as package_files
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import coded_records

VOA = EXAMPLES / "voa_stories.jsonl"


def _actor_codes() -> tuple[set[str], set[str]]:
    """ISO alpha-3 codes and the IGO codes of our actor data."""
    data = package_files.files("redline.actors") / "data"
    iso = {row["code"] for row in csv.DictReader(
        io.StringIO((data / "iso3166.tsv").read_text("utf-8")), delimiter="\t")}
    igo: set[str] = set()
    for name in ("phoenix_actors.tsv.gz", "countries.tsv", "igos.tsv", "officials.tsv"):
        raw = (data / name).read_bytes()
        text = gzip.decompress(raw).decode("utf-8") if name.endswith(".gz") else raw.decode()
        for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
            if row["code"].startswith("IGO"):
                igo.add(row["code"])
    return iso, igo


@pytest.fixture(scope="module")
def coded() -> list[dict[str, Any]]:
    return coded_records(VOA)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {str(d["id"]): d["text"] for d in map(json.loads, VOA.read_text("utf-8").splitlines())}


def test_most_stories_yield_events(coded, texts):
    with_events = {r["doc_id"] for r in coded if r["record"] == "event"}
    assert len(texts) == 89
    assert len(with_events) >= 0.8 * len(texts)


def test_sampled_actor_codes_are_valid(coded):
    iso, igo = _actor_codes()
    assert "IGOUNO" in igo and "IGOWSTNAT" in igo
    events = [r for r in coded if r["record"] == "event"]
    sample = random.Random(7).sample(events, min(300, len(events)))
    for event in sample:
        for actor in event["actor"] + event["recipient"]:
            code = actor["code"]
            if not code:  # an actor with no country (a company, "protesters") keeps its text
                assert actor["text"].strip() and actor["text"] in event["sentence"]
                continue
            assert code in iso or code == "WST" or code in igo, (code, event["sentence"])


def test_sampled_spans_point_at_the_text_they_name(coded, texts):
    events = [r for r in coded if r["record"] == "event"]
    for event in random.Random(11).sample(events, min(300, len(events))):
        text = texts[event["doc_id"]]
        assert text[slice(*event["spans"]["event"][0])] in event["sentence"]
        for role in ("actor", "recipient"):
            for actor, span in zip(event[role], event["spans"][role], strict=True):
                assert text[slice(*span)] == actor["text"]
        start = text.find(event["sentence"])
        assert start >= 0


def test_commitments_refer_to_sentences_of_their_document(coded, texts):
    for record in coded:
        if record["record"] == "commitment":
            assert record["sentence"] in texts[record["doc_id"]]
            assert record["kind"] in ("threat", "promise", "alliance", "condition")
