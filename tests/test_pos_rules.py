"""The attribute ruler's part-of-speech rules, compiled (``redline.nlp.pos_rules``), give
the parts of speech (and tags) the packaged ruler gives."""

from __future__ import annotations

import json
from typing import Any

import pytest

from redline.nlp.pipeline import load_nlp
from redline.nlp.pos_rules import COMPONENT, RULER, compile_pos_rules
from redline.nlp.segment import split_sentences
from tests.conftest import EXAMPLES

# sentences for the rules on words, dependencies and whitespace
CONSTRUCTED = [
    "There is no deal that Russia would accept, but Seoul did not say so.",
    "They have done what they had promised; does he have it?",
    "Something happened to everyone who was there, and nobody knew it.",
    "The talks,  which  began\n on Monday, were held  \t in Geneva.",
    "I'd have gone if it hadn't rained; let's see whether that's true.",
    "Being a member, it has been said, does not mean anything.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    return load_nlp(stock=True), load_nlp()


def _sentences(nlp: Any, limit: int) -> list[str]:
    out = list(CONSTRUCTED)
    with (EXAMPLES / "voa_stories.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            out += [s.text for s in split_sentences(text, nlp.tokenizer)]
            if len(out) >= limit:
                break
    return out


def test_the_compiled_rules_replace_the_ruler(pipelines):
    stock, compiled = pipelines
    assert RULER in stock.pipe_names and RULER not in compiled.pipe_names
    assert compiled.pipe_names[-1] == COMPONENT


def test_the_compiled_rules_give_the_rulers_parts_of_speech(pipelines):
    stock, compiled = pipelines
    texts = _sentences(stock, 1500)
    for a, b in zip(stock.pipe(texts), compiled.pipe(texts), strict=True):
        assert [(t.text, t.tag_, t.pos_, t.dep_) for t in a] == \
            [(t.text, t.tag_, t.pos_, t.dep_) for t in b]


def test_a_rule_of_an_unknown_form_keeps_the_ruler(pipelines):
    stock, _compiled = pipelines
    patterns = list(stock.get_pipe(RULER).patterns)
    assert compile_pos_rules(patterns, stock.vocab.strings) is not None
    odd = {"patterns": [[{"LENGTH": {">": 3}}]], "attrs": {"POS": "NOUN"}, "index": 0}
    assert compile_pos_rules([*patterns, odd], stock.vocab.strings) is None
