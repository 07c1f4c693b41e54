"""``redline eval argspans``: the reader, the scorer and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.evaluation.argspans import (
    argspans_report,
    fold_training,
    outcome_labels,
    sentence_outcome,
)
from redline.evaluation.datasets import (
    ArgSpansRow,
    DatasetError,
    PentaRow,
    PlvRow,
    read_argspans,
    tsv_kind,
)
from redline.records import ActorRef, Event

HEADER = "text\tlabel\tsources\ttargets\trelated\n"


def _spans(*items: tuple[int, int, str]) -> str:
    """A JSON span list quoted the way the ConfliBERT file writes it."""
    return '"' + json.dumps([list(i) for i in items]).replace('"', '""') + '"'


def _write(path: Path, *lines: str) -> Path:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# -- reader ------------------------------------------------------------------------------


def test_reader_reads_quoted_and_plain_spans(tmp_path: Path):
    text = "Russian forces shelled Kharkiv on Monday."
    path = _write(
        tmp_path / "a.tsv",
        f"{text}\t4\t{_spans((0, 14, 'Russian forces'))}\t{_spans((23, 30, 'Kharkiv'))}\t[]",
        # unquoted JSON, an empty related field, a span one character off (moved to the
        # phrase), and surrounding whitespace (the text is stripped, the spans shifted)
        '  Iran condemned Israel. \t3\t[[2, 6, "Iran"]]\t[[18, 24, "Israel"]]\t',
        'Officials met.\t0\t[]\t[]\t[[0, 9, "Officials"]]',
    )
    rows = read_argspans(path)
    assert [r.label for r in rows] == [4, 3, 0]
    assert rows[0].sources == ((0, 14),) and rows[0].targets == ((23, 30),)
    assert rows[0].phrases("targets") == ["Kharkiv"]
    assert rows[1].text == "Iran condemned Israel."
    assert rows[1].phrases("sources") == ["Iran"] and rows[1].phrases("targets") == ["Israel"]
    assert rows[1].related == ()
    assert rows[2].sources == () and rows[2].phrases("related") == ["Officials"]
    assert [(r.row, r.line) for r in rows] == [(0, 2), (1, 3), (2, 4)]
    assert tsv_kind(path) == "argspans"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('Iran condemned Israel.\t7\t[]\t[]\t[]', "bad label '7' (expected 0..4)"),
        ('Iran condemned Israel.\t3\t[[0, 4, "Iran"\t[]\t[]', "column 'sources' is not JSON"),
        ('Iran condemned Israel.\t3\t{}\t[]\t[]', "column 'sources' is not a JSON list"),
        ('Iran condemned Israel.\t3\t[]\t[[15, 21]]\t[]',
         "bad span [15, 21] in 'targets' (expected [start, end, phrase])"),
        ('Iran condemned Israel.\t3\t[]\t[[15, 21, "Egypt"]]\t[]',
         "targets span [15, 21] is 'Israel', not 'Egypt', and the phrase is not in the text"),
        ('Iran condemned Israel.\t3\t[[0, 4, " "]]\t[]\t[]', "empty phrase in 'sources'"),
        ('\t3\t[]\t[]\t[]', "empty value in column 'text'"),
    ],
)
def test_bad_rows_are_one_line_errors_naming_the_row(tmp_path: Path, line: str, problem: str):
    path = _write(tmp_path / "bad.tsv", 'Iran condemned Israel.\t3\t[[0, 4, "Iran"]]\t[]\t[]',
                  line)
    with pytest.raises(DatasetError) as caught:
        read_argspans(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: row 3: ") and problem in message
    assert "\n" not in message


def test_bad_files(tmp_path: Path):
    missing = tmp_path / "penta.tsv"
    missing.write_text("text\tlabel\nIran condemned Israel.\t3\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="header lacks column"):
        read_argspans(missing)
    assert tsv_kind(missing) == "pentaclass"
    with pytest.raises(DatasetError, match="no data rows"):
        read_argspans(_write(tmp_path / "empty.tsv"))


# -- scorer ------------------------------------------------------------------------------


def _actor(span: tuple[int, int]) -> ActorRef:
    return ActorRef(text="x", code="XXX", sector="", name="x", span=span)


def _event(kind: str, actor: list[tuple[int, int]], recipient: list[tuple[int, int]],
           asserted: bool = True) -> Event:
    return Event(doc_id="d", sentence_index=0, sentence="", date=None, date_precision="none",
                 actor=[_actor(s) for s in actor], event=kind, mode="", context=[],
                 recipient=[_actor(s) for s in recipient], cameo="", quad=0, intensity=0.0,
                 asserted=asserted, modality=[], reported_by=None, location=None,
                 event_span=(0, 1), confidence=0.5, coder="test")


def _row(label: int, sources: tuple[tuple[int, int], ...] = ((0, 14),),
         targets: tuple[tuple[int, int], ...] = ((23, 30),)) -> ArgSpansRow:
    return ArgSpansRow(row=0, line=2, text="Russian forces shelled Kharkiv on Monday.",
                       label=label, sources=sources, targets=targets, related=())


def test_sentence_outcome():
    row = _row(4)
    assault = _event("ASSAULT", [(8, 14)], [(23, 30)])  # overlapping, not equal, spans
    outcome = sentence_outcome(row, [assault])
    assert outcome.full and outcome.pair and outcome.quad_match and outcome.any_event
    # the right pair with the wrong quad: pair only; AID is material cooperation
    wrong = sentence_outcome(row, [_event("AID", [(0, 14)], [(23, 30)])])
    assert wrong.pair and not wrong.full and not wrong.quad_match
    # the right quad but the roles swapped, and an event without a recipient
    swapped = sentence_outcome(row, [_event("ASSAULT", [(23, 30)], [(0, 14)]),
                                     _event("COERCE", [(0, 14)], [])])
    assert not swapped.pair and not swapped.full and swapped.quad_match
    assert sentence_outcome(row, []).label(4) == "none"
    # a side with no gold span is implicit and matches any event
    implicit = sentence_outcome(_row(4, targets=()), [_event("COERCE", [(0, 14)], [])])
    assert implicit.full
    # YIELD types go by the PLV data's quads: CONCEDE is material cooperation there
    assert sentence_outcome(_row(2), [_event("CONCEDE", [(0, 7)], [(23, 30)])]).full


def test_false_alarms_need_an_asserted_event_with_both_sides():
    row = _row(0)
    assert sentence_outcome(row, [_event("CONSULT", [(0, 14)], [(23, 30)])]).false_alarm
    assert not sentence_outcome(row, [_event("CONSULT", [(0, 14)], [(23, 30)],
                                              asserted=False)]).false_alarm
    assert not sentence_outcome(row, [_event("CONSULT", [(0, 14)], [])]).false_alarm


def test_report():
    rows = [_row(4), _row(4), _row(1, targets=()), _row(0), _row(0)]
    events = [
        [_event("ASSAULT", [(0, 14)], [(23, 30)])],  # full
        [_event("AID", [(0, 14)], [(23, 30)])],  # pair
        [],  # nothing
        [_event("CONSULT", [(0, 14)], [(23, 30)])],  # false alarm
        [_event("CONSULT", [(0, 14)], [], asserted=False)],  # an event, no alarm
    ]
    report = argspans_report(rows, events)
    assert report["events"] == 3 and report["statements"] == 2
    assert report["full"] == round(1 / 3, 4) and report["pair"] == round(2 / 3, 4)
    assert report["any_event"] == round(2 / 3, 4) and report["quad_match"] == round(1 / 3, 4)
    assert report["false_alarm"] == 0.5 and report["statement_any_event"] == 1.0
    assert report["explicit"] == {"events": 2, "full": 0.5, "pair": 1.0}
    assert report["per_label"]["4"] == {"n": 2, "full": 0.5, "pair": 1.0, "quad_match": 0.5,
                                        "any_event": 1.0}
    assert report["per_label"]["2"]["n"] == 0 and report["per_label"]["2"]["full"] is None
    assert report["per_label"]["0"] == {"n": 2, "false_alarm": 0.5, "any_event": 1.0}
    assert outcome_labels(rows, events) == ["full", "pair", "none", "false_alarm", "event"]
    json.dumps(report)
    with pytest.raises(ValueError):
        argspans_report(rows, events[:2])


def test_fold_training_holds_out_the_test_sentences():
    from redline.evaluation.runner import TrainingData
    from redline.relations.classifier import sentence_key

    rows = [ArgSpansRow(row=i, line=i + 2, text=f"Sentence number {i}.", label=i % 5,
                        sources=(), targets=(), related=()) for i in range(4)]
    penta = [PentaRow(row=i, line=i + 2, text=f"sentence number {i}", label=i % 5)
             for i in (0, 1, 9)]
    plv = [PlvRow(uid="p", row=0, line=2, gold_root="ACCUSE", gold_quad=3,
                  sentence="Sentence number 1.", marked_sentence="", source="Sentence",
                  target="1", source_span=(0, 8), target_span=(16, 17)),
           PlvRow(uid="q", row=1, line=3, gold_root="AID", gold_quad=2,
                  sentence="Another sentence.", marked_sentence="", source="Another",
                  target="sentence", source_span=(0, 7), target_span=(8, 16))]
    training = fold_training(rows, TrainingData(plv=plv, penta=penta))
    held = {sentence_key(rows[1].text)}
    relations, sentences, pairs, note = training([0, 2, 3], held)
    assert pairs == []  # no pair builder given: the pair head is not trained
    assert [r.sentence for r in relations] == ["Another sentence."]
    texts = [s.text for s in sentences]
    # the pentaclass copy of row 0 stands for it; row 1 is held out; 2 and 3 come from
    # the argspans rows themselves
    assert texts == ["sentence number 0", "sentence number 9", "Sentence number 2.",
                     "Sentence number 3."]
    assert "4 sentences (2 of them argspans rows), 1 PLV rows" in note


# -- command line ------------------------------------------------------------------------


def test_cli_without_cv_scores_with_the_shipped_model(tmp_path: Path):
    from typer.testing import CliRunner

    import redline.cli as cli

    lines = [
        (f"Russian forces shelled Kharkiv on Monday.\t4\t{_spans((0, 14, 'Russian forces'))}"
         f"\t{_spans((23, 30, 'Kharkiv'))}\t[]"),
        (f"Iran condemned Israel on Tuesday.\t3\t{_spans((0, 4, 'Iran'))}"
         f"\t{_spans((15, 21, 'Israel'))}\t[]"),
        "The weather in Paris was mild.\t0\t[]\t[]\t[]",
    ]
    path = _write(tmp_path / "small.tsv", *lines)
    predictions = tmp_path / "predictions.tsv"
    result = CliRunner().invoke(cli.app, ["eval", "argspans", str(path), "--json",
                                          "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["dataset"] == "argspans" and report["rows"] == 3 and report["cv"] is None
    assert report["events"] == 2 and report["statements"] == 1
    for block in (report, report["without_classifier"]):
        for key in ("full", "pair", "quad_match", "any_event", "false_alarm"):
            assert 0.0 <= block[key] <= 1.0
        assert block["full"] <= block["pair"] <= block["any_event"]
    written = [line.split("\t") for line in predictions.read_text().splitlines()]
    assert [w[0] for w in written] == ["0", "1", "2"]
    assert all(w[1] in ("full", "pair", "event", "none", "false_alarm") for w in written)
    # a bad row is one line on stderr, before any model loads
    bad = _write(tmp_path / "bad.tsv", lines[0], "Iran condemned Israel.\t3\t[[0, 4]]\t[]\t[]")
    result = CliRunner().invoke(cli.app, ["eval", "argspans", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {bad}: row 3: bad span [0, 4] in 'sources' "
                                      "(expected [start, end, phrase])")


def test_rows_the_shipped_model_was_trained_on_are_warned_about(tmp_path: Path):
    from typer.testing import CliRunner

    import redline.cli as cli
    from tests.conftest import shared_path

    gold = shared_path("data", "gold", "conflibert_argspans_train.tsv")
    small = tmp_path / "argspans_small.tsv"
    small.write_text("".join(gold.read_text(encoding="utf-8").splitlines(keepends=True)[:4]),
                     encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["eval", "argspans", str(small)])
    assert result.exit_code == 0, result.output
    assert f"warning: 3 of 3 rows of {small} were in the shipped model" in \
        " ".join(result.stderr.split())
    assert "argspans" in result.stdout and "full" in result.stdout
