"""Tests for redline.evaluation: gold data readers, label mappings and scores."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from redline.evaluation import (
    IMPLICIT_SOURCE,
    IMPLICIT_TARGET,
    NONE_COLUMN,
    PENTA_LABELS,
    PLOVER_TYPES,
    ROOT_LABELS,
    DatasetError,
    PetrEvent,
    UnknownLabel,
    binary_of,
    quad_binary,
    quad_of,
    read_pentaclass,
    read_petr_xml,
    read_plv,
    root_quad,
    score,
    to_root,
)

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "gold"

PLV_HEADER = "uid\tgold_penta\tgold_root\tsentence\tmarked_sentence\tsource\ttarget"


def gold_file(name: str) -> Path:
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} is absent (needs the ../shared data beside the checkout)")
    return path


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plv_line(root: str, sentence: str, marked: str, source: str, target: str) -> str:
    return "\t".join(["", "3", root, sentence, marked, source, target])


# --------------------------------------------------------------------------- metrics


def test_score_hand_computed() -> None:
    report = score(["A", "A", "B", "C"], ["A", "B", "B", None])
    # A: 1 right of 1 predicted A -> P 1.0; 1 right of 2 gold A -> R 0.5;
    #    F1 = 2 * 1.0 * 0.5 / 1.5 = 2/3
    # B: 1 right of 2 predicted B -> P 0.5; 1 right of 1 gold B -> R 1.0; F1 = 2/3
    # C: never predicted -> P 0; 0 of 1 gold C -> R 0; F1 0
    assert report.per_class["A"].precision == 1.0
    assert report.per_class["A"].recall == 0.5
    assert report.per_class["A"].f1 == pytest.approx(2 / 3)
    assert report.per_class["B"].precision == 0.5
    assert report.per_class["B"].recall == 1.0
    assert report.per_class["B"].f1 == pytest.approx(2 / 3)
    assert report.per_class["C"].precision == 0.0
    assert report.per_class["C"].recall == 0.0
    assert report.per_class["C"].f1 == 0.0
    assert [report.per_class[k].support for k in "ABC"] == [2, 1, 1]
    # accuracy: rows 1 and 3 right -> 2/4; coverage: 3 of 4 rows predicted
    assert report.accuracy == 0.5
    assert report.coverage == 0.75
    assert report.n == 4
    # macro: (2/3 + 2/3 + 0) / 3 = 4/9; weighted: (2 * 2/3 + 1 * 2/3 + 1 * 0) / 4 = 1/2
    assert report.macro_f1 == pytest.approx(4 / 9)
    assert report.weighted_f1 == pytest.approx(0.5)
    assert report.confusion == {
        "A": {"A": 1, "B": 1, "C": 0, NONE_COLUMN: 0},
        "B": {"A": 0, "B": 1, "C": 0, NONE_COLUMN: 0},
        "C": {"A": 0, "B": 0, "C": 0, NONE_COLUMN: 1},
    }


def test_score_to_dict_is_plain_json() -> None:
    data = score(["A", "A", "B", "C"], ["A", "B", "B", None]).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["macro_f1"] == 0.4444
    assert data["per_class"]["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert data["confusion"]["C"][NONE_COLUMN] == 1


def test_score_perfect() -> None:
    gold = ["AGREE", "ACCUSE", "ASSAULT", "ACCUSE"]
    report = score(gold, list(gold))
    assert (report.accuracy, report.macro_f1, report.weighted_f1, report.coverage) == (
        1.0,
        1.0,
        1.0,
        1.0,
    )
    assert all((s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0) for s in report.per_class.values())
    assert list(report.per_class) == ["ACCUSE", "AGREE", "ASSAULT"]  # sorted gold labels


def test_score_integer_labels() -> None:
    # pentaclass labels; gold 0 0 1 2 2, predicted 0 1 1 2 None
    report = score([0, 0, 1, 2, 2], [0, 1, 1, 2, None])
    # 0: P 1/1, R 1/2, F1 2/3; 1: P 1/2, R 1/1, F1 2/3; 2: P 1/1, R 1/2, F1 2/3
    assert list(report.per_class) == ["0", "1", "2"]
    assert report.accuracy == pytest.approx(3 / 5)
    assert report.coverage == pytest.approx(4 / 5)
    assert report.macro_f1 == pytest.approx(2 / 3)
    # weighted: (2 * 2/3 + 1 * 2/3 + 2 * 2/3) / 5 = 2/3
    assert report.weighted_f1 == pytest.approx(2 / 3)
    assert report.confusion["2"] == {"0": 0, "1": 0, "2": 1, NONE_COLUMN: 1}
    assert json.loads(json.dumps(report.to_dict()))["per_class"]["1"]["support"] == 1


def test_score_explicit_labels_and_outside_predictions() -> None:
    # labels A B D: D has neither gold nor predicted rows -> left out of the macro mean;
    # X is predicted but no label: wrong, shown as a confusion column
    report = score(["A", "B", "B"], ["A", "X", "B"], labels=["A", "B", "D"])
    assert list(report.per_class) == ["A", "B", "D"]
    assert report.per_class["D"].f1 == 0.0
    # A: P 1, R 1, F1 1; B: P 1/1, R 1/2, F1 2/3 -> macro (1 + 2/3) / 2 = 5/6
    assert report.macro_f1 == pytest.approx(5 / 6)
    # weighted: (1 * 1 + 2 * 2/3 + 0 * 0) / 3 = 7/9
    assert report.weighted_f1 == pytest.approx(7 / 9)
    assert report.accuracy == pytest.approx(2 / 3)
    assert report.confusion["B"] == {"A": 0, "B": 1, "D": 0, "X": 1, NONE_COLUMN: 0}


def test_score_predicted_class_without_gold_counts_in_macro() -> None:
    # C is predicted once but has no gold rows: P 0, R 0, F1 0, included in the macro mean
    report = score(["A", "A"], ["A", "C"], labels=["A", "C"])
    # A: P 1/1, R 1/2, F1 2/3 -> macro (2/3 + 0) / 2 = 1/3; weighted = 2/3 (C has support 0)
    assert report.macro_f1 == pytest.approx(1 / 3)
    assert report.weighted_f1 == pytest.approx(2 / 3)


def test_score_gold_outside_labels_has_a_confusion_row() -> None:
    report = score(["A", "Z"], ["A", "A"], labels=["A"])
    assert report.accuracy == 0.5
    assert report.confusion["Z"] == {"A": 1, NONE_COLUMN: 0}
    assert list(report.per_class) == ["A"]


def test_score_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        score(["A", "B"], ["A"])
    with pytest.raises(ValueError, match="nothing to score"):
        score([], [])
    with pytest.raises(ValueError, match="print alike"):
        score([1, "1"], [1, "1"])


def test_quad_and_binary_helpers() -> None:
    assert quad_of(["AGREE", None, "yield", "ASSAULT"]) == [1, None, 2, 4]
    assert binary_of(["AID", None, "THREATEN"]) == ["cooperation", None, "conflict"]
    report = score(binary_of(["AGREE", "ACCUSE"]), binary_of(["AID", None]))
    assert report.accuracy == 0.5


# --------------------------------------------------------------------------- labels


def test_label_sets() -> None:
    assert len(PLOVER_TYPES) == 16 and len(set(PLOVER_TYPES)) == 16
    assert len(ROOT_LABELS) == 15 and "YIELD" in ROOT_LABELS
    assert set(ROOT_LABELS) == {to_root(t) for t in PLOVER_TYPES}
    assert PENTA_LABELS == {
        0: "statement",
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    }


def test_to_root() -> None:
    assert to_root("CONCEDE") == "YIELD"
    assert to_root("RETREAT") == "YIELD"
    assert to_root("retreat") == "YIELD"
    assert to_root("accuse") == "ACCUSE"
    assert to_root(" Yield ") == "YIELD"
    for root in ROOT_LABELS:
        assert to_root(root) == root
    with pytest.raises(UnknownLabel, match="'FOO'"):
        to_root("FOO")
    with pytest.raises(ValueError):
        to_root("")


def test_root_quad_binary_for_every_root() -> None:
    expected = {
        "AGREE": (1, "cooperation"),
        "CONSULT": (1, "cooperation"),
        "SUPPORT": (1, "cooperation"),
        "COOPERATE": (2, "cooperation"),
        "AID": (2, "cooperation"),
        "YIELD": (2, "cooperation"),
        "REQUEST": (3, "conflict"),
        "ACCUSE": (3, "conflict"),
        "REJECT": (3, "conflict"),
        "THREATEN": (3, "conflict"),
        "PROTEST": (4, "conflict"),
        "SANCTION": (4, "conflict"),
        "MOBILIZE": (4, "conflict"),
        "COERCE": (4, "conflict"),
        "ASSAULT": (4, "conflict"),
    }
    assert set(expected) == set(ROOT_LABELS)
    for root, (quad, binary) in expected.items():
        assert root_quad(root) == quad
        assert quad_binary(root_quad(root)) == binary
    assert root_quad("CONCEDE") == root_quad("RETREAT") == 2
    with pytest.raises(ValueError):
        quad_binary(0)
    with pytest.raises(UnknownLabel):
        root_quad("STATEMENT")


# --------------------------------------------------------------------------- PLV reader


def test_read_plv_small(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plv.tsv",
        PLV_HEADER + "\textra",
        # plain marks
        "\t".join(
            [
                "u1",
                "3",
                "ACCUSE",
                "Iran condemned the ruling of the court.",
                "<s>Iran</s> condemned <t>the ruling of the court</t>.",
                "Iran",
                "the ruling of the court",
                "ignored",
            ]
        ),
        # nested marks, lower-case label mapped to its root, penta 2
        "\t".join(
            [
                "",
                "2",
                "concede",
                "Iraqi fighters agreed to lay down arms.",
                "<s><t>Iraqi</t> fighters</s> agreed to lay down arms.",
                "Iraqi fighters",
                "Iraqi",
                "",
            ]
        ),
        # a mark with a trailing space, a target marked twice (the first mark wins)
        plv_line(
            "AID",
            "The WHO (WHO) gave aid to Sudan and to Sudan's people.",
            "<s>The WHO (WHO) </s>gave aid to <t>Sudan</t> and to <t>Sudan</t>'s people.",
            "The WHO (WHO)",
            "Sudan",
        ),
        # sentence and unmarked text differ only in whitespace
        plv_line(
            "REJECT",
            "Russia  rejected the  plan of Kyiv.",
            "<s>Russia</s> rejected the plan of <t>Kyiv</t>.",
            "Russia",
            "Kyiv",
        ),
        # no marks: found in the sentence, or an implicit participant
        plv_line(
            "AGREE",
            "Nepal's prime minister agreed to resign.",
            "<s>Nepal's prime minister</s> agreed to resign.",
            "Nepal's prime minister",
            IMPLICIT_TARGET,
        ),
        plv_line(
            "COERCE",
            "Two newspapers were closed by the army.",
            "Two newspapers were closed by <t>the army</t>.",
            "Two newspapers",
            "the army",
        ),
        # column and mark disagree about the extent: the column text at the mark wins
        plv_line(
            "COERCE",
            "China enforces all United Nations sanctions.",
            "<s>China</s> enforces all <t>United Nations</t> sanctions.",
            "China",
            "all United Nations sanctions",
        ),
    )
    rows = read_plv(path)
    assert len(rows) == 7
    assert [r.uid for r in rows] == ["u1", "plv-1", "plv-2", "plv-3", "plv-4", "plv-5", "plv-6"]
    assert [r.row for r in rows] == list(range(7))
    assert [r.line for r in rows] == list(range(2, 9))
    assert rows[0].gold_root == "ACCUSE" and rows[0].gold_quad == 3
    assert rows[1].gold_root == "YIELD" and rows[1].gold_quad == 2
    assert rows[0].source_span == (0, 4)
    assert rows[2].source_span == (0, 13)
    assert rows[2].target_span == (26, 31)  # the first of the two marks
    assert rows[4].target_span is None
    for row in rows:
        for value, span in ((row.source, row.source_span), (row.target, row.target_span)):
            if span is not None:
                assert row.sentence[slice(*span)] == value
    assert rows[4].target == IMPLICIT_TARGET
    assert rows[6].target_span == (15, 43)


def test_read_plv_implicit_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plv.tsv",
        PLV_HEADER,
        plv_line(
            "COERCE",
            "Two newspapers were ordered to close.",
            "<t>Two newspapers</t> were ordered to close.",
            IMPLICIT_SOURCE,
            "Two newspapers",
        ),
    )
    (row,) = read_plv(path)
    assert row.source_span is None
    assert row.target_span == (0, 14)


def test_read_plv_real_file() -> None:
    rows = read_plv(gold_file("plv_train.tsv"))
    assert len(rows) == 1050
    assert {r.gold_root for r in rows} == set(ROOT_LABELS)
    assert len({r.uid for r in rows}) == 1050
    for row in rows:
        for value, span, placeholder in (
            (row.source, row.source_span, IMPLICIT_SOURCE),
            (row.target, row.target_span, IMPLICIT_TARGET),
        ):
            if span is None:  # the participant is not named in the sentence
                assert value == placeholder and value not in row.sentence
            else:
                assert row.sentence[slice(*span)] == value, row.line
    # 4 rows have no named source, 20 no named target
    assert sum(r.source_span is None for r in rows) == 4
    assert sum(r.target_span is None for r in rows) == 20
    # the majority quad of each root is the quad that root_quad gives it
    quads: dict[str, Counter[int]] = {}
    for row in rows:
        quads.setdefault(row.gold_root, Counter())[row.gold_quad] += 1
    for root, counts in quads.items():
        assert counts.most_common(1)[0][0] == root_quad(root), root
    assert sum(r.gold_quad != root_quad(r.gold_root) for r in rows) == 8


# --------------------------------------------------------------------------- pentaclass


def test_read_pentaclass_small(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "penta.tsv",
        "text\tlabel",
        "A car bomb killed a man.\t4",
        "",
        'The court "rejected" the request. \t 3',
    )
    rows = read_pentaclass(path)
    assert [(r.row, r.line, r.label) for r in rows] == [(0, 2, 4), (1, 4, 3)]
    assert rows[1].text == 'The court "rejected" the request.'


def test_read_pentaclass_real_file() -> None:
    rows = read_pentaclass(gold_file("conflibert_pentaclass_train.tsv"))
    assert len(rows) == 994
    assert Counter(r.label for r in rows) == {0: 240, 1: 179, 2: 198, 3: 217, 4: 160}
    assert rows[-1].line == 995


# --------------------------------------------------------------------------- PETRARCH XML

PETR_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
##########################
#   comment block with <EventCoding...> in it
##########################
<Sentences>

<Sentence category="AFP" date="20080806" id="A_1" evaluate="true"/>
<EventCoding eventcode="040" sourcecode="USAGOV" targetcode="MMROPP" />
<EventCoding eventcode="060" sourcecode="USAGOV" targetcode="USA" />
<Text>
Bush met  with exiled
dissidents &amp; others.
</Text>
<Parse>
1\tBush\tBush\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
</Parse></Sentence>

<Sentence category="AFP" date="20080807" id="A_2" evaluate="true">
<!-- Discard event on "1994" -->
<EventCoding noevents="True" />
<Text>
France condemned Rwanda.
</Text>
<Parse>
</Parse>
<!---
<Parse>
</Parse>-->
</Sentence>

<Sentence category="OTHER" date="20150101" id="B_1" evaluate="true"/>
<Text>
No coding here.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_read_petr_xml_small(tmp_path: Path) -> None:
    path = write(tmp_path, "petr.xml", PETR_XML)
    records = read_petr_xml(path)
    assert [r.id for r in records] == ["A_1", "A_2"]  # B_1 has no <EventCoding>
    first, second = records
    assert first.date == "2008-08-06"
    assert first.text == "Bush met with exiled dissidents & others."
    assert first.events == (
        PetrEvent(source="USAGOV", target="MMROPP", code="040"),
        PetrEvent(source="USAGOV", target="USA", code="060"),
    )
    assert not first.noevents
    assert second.noevents and second.events == ()
    assert second.text == "France condemned Rwanda."


def test_read_petr_xml_real_file() -> None:
    records = read_petr_xml(gold_file("petr2_gsr_validation.xml"))
    assert len(records) == 14
    counts = {r.id: len(r.events) for r in records}
    assert counts["AFP0808021021_3"] == 2
    assert counts["abc12_3"] == 1
    assert sum(counts.values()) == 3
    assert sum(r.noevents for r in records) == 12
    assert all(r.noevents == (not r.events) for r in records)
    assert all("\n" not in r.text for r in records)
    assert records[0].date == "2008-08-06"
    assert PetrEvent("NGAREB", "NGAMUS", "190") in next(
        r.events for r in records if r.id == "abc12_3"
    )


# --------------------------------------------------------------------------- bad input


def expect_error(path: Path, reader: object, where: str, problem: str) -> None:
    assert callable(reader)
    with pytest.raises(DatasetError) as info:
        reader(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {where}"), message
    assert problem in message, message


S = "Iran accused Iraq."
MARKED = "<s>Iran</s> accused <t>Iraq</t>."
GOOD_PLV = plv_line("ACCUSE", S, MARKED, "Iran", "Iraq")


def bad(
    marked: str = MARKED, source: str = "Iran", target: str = "Iraq", root: str = "ACCUSE"
) -> str:
    return plv_line(root, S, marked, source, target)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (f"\t3\tACCUSE\t{S}\t{MARKED}\tIran", "missing column 'target'"),
        (bad("<s>Iran</s> accused Iraq.", target=""), "empty value in column 'target'"),
        (bad(root="FOO"), "unknown label 'FOO'"),
        (f"\tx\tACCUSE\t{S}\t{MARKED}\tIran\tIraq", "bad gold_penta 'x'"),
        (bad("<s>Iran accused <t>Iraq</t>."), "<s> without </s>"),
        (bad("<s>Iran</s> accused <t>Iraq."), "<t> without </t>"),
        (bad("<s>Iran</s> blamed <t>Iraq</t>."), "differs from sentence"),
        (bad(source="Syria"), "source 'Syria' is not at its <s> mark ('Iran')"),
        (bad("Iran accused <t>Iraq</t>.", source="Syria"), "no <s> mark and source 'Syria'"),
        (bad("<s> </s>Iran accused <t>Iraq</t>."), "empty <s> mark"),
        (GOOD_PLV + "\tx\ty", "fields but the header has 7"),
    ],
)
def test_read_plv_bad_row(tmp_path: Path, line: str, problem: str) -> None:
    path = write(tmp_path, "plv.tsv", PLV_HEADER, GOOD_PLV, line)
    expect_error(path, read_plv, "row 3: ", problem)


def test_read_plv_duplicate_uid(tmp_path: Path) -> None:
    row = "u1" + GOOD_PLV
    path = write(tmp_path, "plv.tsv", PLV_HEADER, row, row)
    expect_error(path, read_plv, "row 3: ", "uid 'u1' repeats row 2")


def test_read_plv_bad_files(tmp_path: Path) -> None:
    expect_error(tmp_path / "absent.tsv", read_plv, "", "no such file")
    expect_error(write(tmp_path, "empty.tsv", ""), read_plv, "", "empty file")
    expect_error(write(tmp_path, "header.tsv", PLV_HEADER), read_plv, "", "no data rows")
    path = write(tmp_path, "cols.tsv", "uid\tgold_penta\tgold_root\tsentence", "\t3\tAGREE\tx")
    expect_error(path, read_plv, "", "header lacks column(s) 'marked_sentence', 'source'")
    latin = tmp_path / "latin.tsv"
    latin.write_bytes((PLV_HEADER + "\n\t3\tAGREE\tS\xe3o\n").encode("latin-1"))
    expect_error(latin, read_plv, "", "not UTF-8 text")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Some text.\t5", "bad label '5' (expected 0..4)"),
        ("Some text.\tx", "bad label 'x'"),
        ("Some text.\t2.0", "bad label '2.0'"),
        ("Some text.\t-1", "bad label '-1'"),
        ("Some text.\t", "empty value in column 'label'"),
        ("Some text.", "missing column 'label'"),
        ("\t1", "empty value in column 'text'"),
    ],
)
def test_read_pentaclass_bad_row(tmp_path: Path, line: str, problem: str) -> None:
    path = write(tmp_path, "penta.tsv", "text\tlabel", "Good text.\t1", line)
    expect_error(path, read_pentaclass, "row 3: ", problem)


def test_read_pentaclass_bad_files(tmp_path: Path) -> None:
    expect_error(tmp_path / "absent.tsv", read_pentaclass, "", "no such file")
    expect_error(write(tmp_path, "blank.tsv", "", "  "), read_pentaclass, "", "empty file")
    expect_error(write(tmp_path, "h.tsv", "sentence\tlabel", "x\t1"), read_pentaclass, "", "'text'")
    expect_error(tmp_path, read_pentaclass, "", "not a file")


def _petr(*body: str) -> str:
    return "\n".join(["<Validation>", "<Sentences>", *body, "</Sentences>", "</Validation>"])


RECORD = [
    '<Sentence date="20150609" id="T_1"/>',  # line 3
    '<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGAMUS" />',
    "<Text>",
    "Boko Haram attacked.",
    "</Text>",
    "<Parse>",
    "</Parse></Sentence>",
]


@pytest.mark.parametrize(
    ("lines", "where", "problem"),
    [
        (RECORD[:4] + RECORD[5:], "row 5: ", "<Text> is not closed"),
        (RECORD[:2] + ['<EventCoding eventcode="190"', *RECORD[2:]], "row 5: ", "stray '<'"),
        (RECORD[:4] + ["<!-- never closed", *RECORD[4:]], "row 7: ", "comment is not closed"),
        (['<Sentence date="2015" id="T_1"/>', *RECORD[1:]], "row 3: ", "bad date '2015'"),
        (['<Sentence date="20150609"/>', *RECORD[1:]], "row 3: ", "no id"),
        (['<Sentence id="T_1"/>', *RECORD[1:]], "row 3: ", "no date attribute"),
        (
            [RECORD[0], '<EventCoding eventcode="190" />', *RECORD[2:]],
            "row 4: ",
            "lacks sourcecode, targetcode",
        ),
        (RECORD[:2] + RECORD[5:], "row 3: ", "has 0 <Text> elements"),
        (RECORD[:2] + ["<Text>", "</Parse>", *RECORD[4:]], "row 6: ", "where </Text> was expected"),
        (RECORD[:2] + ['<EventCoding noevents="True" />', *RECORD[2:]], "row 3: ", "noevents"),
        ([*RECORD, *RECORD], "row 10: ", "id 'T_1' repeats row 3"),
    ],
)
def test_read_petr_xml_broken(tmp_path: Path, lines: list[str], where: str, problem: str) -> None:
    path = write(tmp_path, "petr.xml", _petr(*lines))
    expect_error(path, read_petr_xml, where, problem)


def test_read_petr_xml_bad_files(tmp_path: Path) -> None:
    assert len(read_petr_xml(write(tmp_path, "good.xml", _petr(*RECORD)))) == 1
    expect_error(tmp_path / "absent.xml", read_petr_xml, "", "no such file")
    expect_error(write(tmp_path, "empty.xml", ""), read_petr_xml, "", "empty file")
    expect_error(write(tmp_path, "text.xml", "text\tlabel"), read_petr_xml, "", "not XML")
    expect_error(write(tmp_path, "other.xml", "<a><b/></a>"), read_petr_xml, "", "no <Sentence>")


# --------------------------------------------------------------------------- CAMEO quads


def test_cameo_quad_is_the_phoenix_quad_of_every_code_in_the_shared_table() -> None:
    from redline.ontology.labels import cameo_quad

    path = SHARED / "data" / "dicts" / "CAMEO_goldstein_quad.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent (needs the ../shared data beside the checkout)")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["cameo_code", "goldstein", "root_code", "quad_class"]
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    assert len(rows) > 250
    for code, _goldstein, _root, quad in rows:
        assert cameo_quad(code) == int(quad), code
    assert cameo_quad("") is None and cameo_quad("7") is None and cameo_quad("99") is None


def test_an_event_gives_its_sentence_the_quad_of_its_cameo_code() -> None:
    """An appeal (CAMEO 02) is a statement and a sanction (16) verbal conflict in the
    ConfliBERT classes, though PLOVER types them REQUEST (quad 3) and SANCTION (quad 4); an
    event without a CAMEO code falls back on its PLOVER root."""
    from redline.evaluation.runner import sentence_class
    from redline.records import Event

    def event(plover: str, cameo: str) -> Event:
        return Event(doc_id="d", sentence_index=0, sentence="s", date=None,
                     date_precision="", actor=[], event=plover, mode="", context=[],
                     recipient=[], cameo=cameo, quad=root_quad(plover), intensity=0.0,
                     asserted=True, modality=[], reported_by=None, location=None,
                     event_span=(0, 1), confidence=1.0, coder="test")

    assert sentence_class(event("REQUEST", "0231")) == 0
    assert sentence_class(event("REQUEST", "1041")) == 3
    assert sentence_class(event("SANCTION", "163")) == 3
    assert sentence_class(event("ASSAULT", "190")) == 4
    assert sentence_class(event("AID", "")) == 2
    assert sentence_class(None) == 0
