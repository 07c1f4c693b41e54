"""One home for each cue list: the modality cue table (``modality/data/cues.tsv``) is read by
modality, the commitment stage and the date resolver alike, and the alliance pre-check is the
vocabulary alliance recognition needs.

The sentences are made up for these tests; a cue table with a row added (or taken away) must
change what the coder finds.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from importlib import resources as package_files
from pathlib import Path
from typing import Any

import pytest

from redline.coder import Coder, code_text
from redline.commitments.commitments import may_state_alliance
from redline.modality.modality import ModalityCues, load_cues
from redline.records import Document
from redline.whenwhere.dates import DateCues, date_for, default_date_cues

PUBLISHED = date(2024, 3, 15)  # a Friday
SHIPPED = (package_files.files("redline.modality") / "data" / "cues.tsv").read_text("utf-8")


def table(tmp_path: Path, add: str = "", drop: str = "") -> ModalityCues:
    """The shipped cue table with rows added (``cue\\trole\\tflag`` lines) or dropped (lines
    starting with ``drop``)."""
    lines = [ln for ln in SHIPPED.splitlines() if not (drop and ln.startswith(drop))]
    path = tmp_path / "cues.tsv"
    path.write_text("\n".join(lines) + "\n" + add, encoding="utf-8")
    return load_cues(path)


def test_a_condition_phrase_added_to_the_table_makes_a_condition_commitment(resources, tmp_path):
    sentence = ("Germany will deliver tanks to Ukraine on condition of approval by the United "
                "States.")
    before = code_text(sentence, resources, PUBLISHED)
    assert before.commitments == []
    assert all("conditional" not in e.modality for e in before.events)

    cues = table(tmp_path, add="on condition of\tphrase\tconditional\n")
    coded = code_text(sentence, dataclasses.replace(resources, cues=cues), PUBLISHED)
    aid = next(e for e in coded.events if e.event == "AID")
    assert "conditional" in aid.modality  # the same row is a modality cue
    assert [c.kind for c in coded.commitments] == ["condition"]
    condition = coded.commitments[0]
    assert [h.code for h in condition.holder] == ["DEU"]
    assert [a.code for a in condition.trigger.actor] == ["USA"]


def test_every_conditional_phrase_of_the_table_makes_a_condition(resources):
    """A modality phrase such as "in the event of" was no condition phrase of commitments."""
    coded = code_text("Russia will supply weapons to North Korea in the event of an attack by "
                      "South Korea.", resources, PUBLISHED)
    assert [c.kind for c in coded.commitments] == ["condition"]
    condition = coded.commitments[0]
    assert [h.code for h in condition.holder] == ["RUS"]
    assert (condition.trigger.event, [a.code for a in condition.trigger.actor]) == (
        "ASSAULT", ["KOR"])


def test_a_phrase_with_another_flag_is_no_condition(tmp_path):
    cues = table(tmp_path, add="in the hope of\tphrase\thypothetical\n")
    assert (("in", "the", "hope", "of"), "hypothetical") in cues.phrases
    assert ("in", "the", "hope", "of") not in cues.conditions
    assert ("in", "the", "event", "of") in cues.conditions


def test_timing_words_for_dates_come_from_the_table(resources, tmp_path):
    sentence = "Russia and China are poised to meet on Monday."
    assert date_for(sentence, PUBLISHED).date == "2024-03-11"  # the Monday before

    cues = table(tmp_path, add="poised to\ttiming\tfuture\n")
    resolved = date_for(sentence, PUBLISHED, cues=DateCues.of(cues))
    assert resolved is not None and (resolved.date, resolved.future) == ("2024-03-18", True)
    # the coder resolves dates with the cues it was given
    coded = code_text(sentence, dataclasses.replace(resources, cues=cues), PUBLISHED)
    meet = next(e for e in coded.events if e.event == "CONSULT")
    assert meet.date == "2024-03-18" and "future" in meet.modality


def test_a_reporting_form_added_to_the_table_ends_a_future_marker(tmp_path):
    sentence = "Russia will respond Putin insisted on Thursday."
    assert date_for(sentence, PUBLISHED).date == "2024-03-21"  # "will ... Thursday"
    cues = table(tmp_path, add="insisted\treport_form\t\n")
    resolved = date_for(sentence, PUBLISHED, cues=DateCues.of(cues))
    assert resolved is not None and (resolved.date, resolved.future) == ("2024-03-14", False)


def test_the_future_auxiliary_of_the_table_is_the_dates_will(tmp_path):
    sentence = "The council will vote on Friday."
    assert date_for(sentence, PUBLISHED).future
    cues = table(tmp_path, drop="will\taux")
    resolved = date_for(sentence, PUBLISHED, cues=DateCues.of(cues))
    assert resolved is not None and not resolved.future
    assert default_date_cues().future.pattern == DateCues.of(load_cues()).future.pattern


@pytest.mark.parametrize("word", ["treaty", "pact", "alliance"])
def test_a_pact_noun_passes_the_alliance_precheck_without_mutual(resources: Any, word: str):
    """Without an event word, a sentence is parsed only if it may state an alliance clause."""
    def parsed(text: str) -> tuple[bool, str]:
        coder = Coder(resources, keep_traces=True)
        coder.code_document(Document("t", text, PUBLISHED))
        return coder.traces[0].parsed, coder.traces[0].skip_reason

    assert may_state_alliance(f"the {word} between them".split())
    assert parsed(f"The {word} between Poland and Lithuania dates from 1994.") == (True, "")
    assert parsed("The border between Poland and Lithuania dates from 1994.") == (
        False, "no event word")
