"""The PLOVER ontology loader on the shipped data files, and the CAMEO table converter."""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from redline.ontology import CameoEntry, Ontology, load_ontology

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "redline" / "ontology" / "data"
SHARED = Path(os.environ.get("REDLINE_SHARED_DATA", "/work/shared/data"))
GOLDSTEIN = SHARED / "dicts" / "CAMEO_goldstein_quad.tsv"
CROSSWALK = SHARED / "dicts" / "CAMEO2PLOVER-2021.txt"

QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

needs_shared = pytest.mark.skipif(
    not GOLDSTEIN.exists() or not CROSSWALK.exists(),
    reason=f"shared source data not found under {SHARED} (set REDLINE_SHARED_DATA)",
)


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


def _converter() -> ModuleType:
    path = REPO / "scripts" / "convert_cameo_tables.py"
    spec = importlib.util.spec_from_file_location("convert_cameo_tables", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look the module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def _cameo_rows() -> list[dict[str, str]]:
    with (DATA / "cameo.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# -- types ------------------------------------------------------------------------------


def test_all_sixteen_types_with_quads(onto: Ontology) -> None:
    assert {t: p.quad for t, p in onto.types.items()} == QUADS
    for t, q in QUADS.items():
        assert onto.quad(t) == q
    assert onto.quad("assault") == 4


def test_default_intensities_on_scale_and_signed_by_quad(onto: Ontology) -> None:
    for t in onto.types.values():
        assert -10.0 <= t.default_intensity <= 10.0
        assert (t.default_intensity > 0) == (t.quad in (1, 2)), t.name


def test_unknown_type_quad_raises(onto: Ontology) -> None:
    with pytest.raises(KeyError):
        onto.quad("YIELD")


# -- CAMEO lookups -----------------------------------------------------------------------


def test_cameo_exact(onto: Ontology) -> None:
    e = onto.cameo("0312")
    assert isinstance(e, CameoEntry)
    assert (e.code, e.plover, e.mode, e.context) == ("0312", "AGREE", "", ("military",))
    assert e.description == "Express intent to cooperate militarily"


def test_cameo_prefix_fallback(onto: Ontology) -> None:
    e = onto.cameo("0315")  # not a CAMEO code anywhere
    assert e is not None and e.code == "031" and e.plover == "AGREE"
    e = onto.cameo("1839")
    assert e is not None and e.code == "183" and e.plover == "ASSAULT"
    assert onto.cameo("99") is None
    assert onto.cameo("") is None
    assert onto.cameo("abc") is None


def test_cameo_known_codes(onto: Ontology) -> None:
    threat = onto.cameo("130")
    visit = onto.cameo("042")
    assert threat is not None and threat.plover == "THREATEN"
    assert visit is not None and visit.mode == "visit"
    multi = onto.cameo("1124")
    assert multi is not None and multi.context == ("military", "legal")


def test_yield_split(onto: Ontology) -> None:
    for code, typ in [("080", "CONCEDE"), ("0831", "CONCEDE"), ("084", "RETREAT"),
                      ("0871", "RETREAT"), ("0813", "RETREAT")]:  # fmt: skip
        e = onto.cameo(code)
        assert e is not None and e.plover == typ, code


def test_statements_have_no_plover_type(onto: Ontology) -> None:
    for code in ("010", "016", "0110"):
        e = onto.cameo(code)
        assert e is not None and e.plover == "", code


def test_appeals_are_requests_under_the_redline_extension(onto: Ontology) -> None:
    for code, mode in (("020", ""), ("023", "assist"), ("0256", "yield"), ("026", "meet")):
        e = onto.cameo(code)
        assert e is not None and (e.plover, e.mode) == ("REQUEST", mode), code
        assert "redline" in e.description


@needs_shared
def test_intensity_is_goldstein_of_code(onto: Ontology) -> None:
    with GOLDSTEIN.open(encoding="utf-8") as fh:
        gold = {r["cameo_code"]: float(r["goldstein"]) for r in csv.DictReader(fh, delimiter="\t")}
    assert onto.intensity("190", "ASSAULT") == gold["190"]
    assert onto.intensity("1831", "ASSAULT") == gold["1831"]
    # 0313 is not in the Goldstein table: its prefix 031 supplies the score.
    assert "0313" not in gold
    assert onto.intensity("0313", "AGREE") == gold["031"]


def test_intensity_falls_back_to_type_default(onto: Ontology) -> None:
    assert onto.intensity("", "AID") == onto.types["AID"].default_intensity
    assert onto.intensity("99", "PROTEST") == onto.types["PROTEST"].default_intensity
    # A code of another type does not lend its score.
    assert onto.intensity("0312", "ASSAULT") == onto.types["ASSAULT"].default_intensity


# -- inverse crosswalk -------------------------------------------------------------------


def test_cameo_for_general(onto: Ontology) -> None:
    assert onto.cameo_for("ASSAULT")[:2] in {"18", "19", "20"}
    assert onto.cameo_for("AGREE") == "030"
    assert onto.cameo_for("ACCUSE") == "110"
    assert onto.cameo_for("RETREAT").startswith("08")
    assert onto.cameo_for("NOT_A_TYPE") == ""
    for t in QUADS:
        code = onto.cameo_for(t)
        e = onto.cameo(code)
        assert len(code) >= 3 and e is not None and e.plover == t, t


def test_cameo_for_mode_and_context(onto: Ontology) -> None:
    assert onto.cameo_for("CONSULT", mode="phone") == "041"
    assert onto.cameo_for("ASSAULT", mode="firearms") == "193"
    assert onto.cameo_for("ASSAULT", mode="aerial") == "195"
    assert onto.cameo_for("ASSAULT", context="military") == "190"
    assert onto.cameo_for("AGREE", context="military") == "0312"
    # unknown mode falls back to the type's general code
    assert onto.cameo_for("ASSAULT", mode="no-such-mode") == onto.cameo_for("ASSAULT")


# -- cues --------------------------------------------------------------------------------


def test_mode_from_cues(onto: Ontology) -> None:
    assert onto.mode_from_cues("AID", ["supply", "weapon"]) == "weapons"
    assert onto.mode_from_cues("ASSAULT", ["launch", "airstrike"]) == "aerial"
    assert onto.mode_from_cues("ASSAULT", ["an", "air", "strike"]) == "aerial"
    assert onto.mode_from_cues("ASSAULT", ["air", "-", "strike"]) == "aerial"
    assert onto.mode_from_cues("ASSAULT", ["air", "base", "strike"]) != "aerial"
    assert onto.mode_from_cues("CONSULT", ["speak", "by", "telephone"]) == "phone"
    assert onto.mode_from_cues("PROTEST", ["hunger", "strike"]) == "hunger"
    assert onto.mode_from_cues("PROTEST", ["worker", "strike"]) == "strike"
    assert onto.mode_from_cues("AGREE", ["weapon"]) == ""
    assert onto.mode_from_cues("UNKNOWN", ["weapon"]) == ""
    assert onto.mode_from_cues("AID", []) == ""


def test_contexts_from_cues(onto: Ontology) -> None:
    found = onto.contexts_from_cues(["human", "right", "group", "condemn", "military", "coup"])
    assert found == ["military", "human_rights", "political_institutions"]
    assert onto.contexts_from_cues([]) == []


def test_required_modes_and_extensions_marked(onto: Ontology) -> None:
    aid = {m.name: m for m in onto.types["AID"].modes}
    assert "weapons" in aid and "(redline extension)" in aid["weapons"].description
    assert {"weapon", "arms", "missile", "ammunition"} <= aid["weapons"].cues
    consult = {m.name for m in onto.types["CONSULT"].modes}
    assert consult == {"visit", "third-party", "multilateral", "phone"}
    protest = {m.name for m in onto.types["PROTEST"].modes}
    assert {"demo", "riot", "strike", "hunger", "boycott", "obstruct"} <= protest


# -- the shipped cameo.tsv ------------------------------------------------------------------


def test_cameo_tsv_values_are_declared(onto: Ontology) -> None:
    rows = _cameo_rows()
    assert rows and list(rows[0]) == [
        "cameo",
        "plover",
        "mode",
        "context",
        "goldstein",
        "description",
    ]
    empty = []
    for r in rows:
        if not r["plover"]:
            empty.append(r["cameo"])
            continue
        assert r["plover"] in QUADS, r
        if r["mode"]:
            modes = {m.name for m in onto.types[r["plover"]].modes}
            assert r["mode"] in modes, r
        for ctx in filter(None, r["context"].split("|")):
            assert ctx in onto.contexts, r
    # Only CAMEO 01 (statements) and 02 (appeals) lack a PLOVER type: PLOVER drops them.
    assert empty and all(code[:2] in {"01", "02"} for code in empty)


@needs_shared
def test_cameo_tsv_covers_both_sources() -> None:
    conv = _converter()
    cross = conv.parse_crosswalk(CROSSWALK.read_text(encoding="utf-8").splitlines())
    gold = conv.parse_goldstein(GOLDSTEIN.read_text(encoding="utf-8").splitlines())
    assert {r["cameo"] for r in _cameo_rows()} == set(cross) | set(gold)


@needs_shared
def test_shipped_cameo_tsv_is_up_to_date() -> None:
    conv = _converter()
    out = conv.convert(CROSSWALK.read_text(encoding="utf-8"), GOLDSTEIN.read_text(encoding="utf-8"))
    assert (DATA / "cameo.tsv").read_text(encoding="utf-8") == out


# -- converter round trip ------------------------------------------------------------------

SNIPPET_CROSSWALK = """\
# header comment
03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
0312: AGREE,  ,   military # Express intent to cooperate militarily

08: CONCEDE
080: CONCEDE,   ,  # Yield
08: RETREAT
0813: RETREAT, ,   legal # Ease curfew  21.09.17: "ease" is no longer a mode
09: ACCUSE
094: ACCUSE, investigate, military; legal # Investigate war crimes
~~~~~
"""

SNIPPET_GOLDSTEIN = """\
cameo_code\tgoldstein\troot_code\tquad_class
01\t0.0\t01\t0
03\t4.0\t03\t1
030\t4.0\t03\t1
0357\t7.0\t03\t1
08\t5.0\t08\t2
080\t5.0\t08\t2
09\t-2.0\t09\t3
"""


def test_converter_round_trip(tmp_path: Path) -> None:
    conv = _converter()
    notes: list[str] = []
    tsv = conv.convert(SNIPPET_CROSSWALK, SNIPPET_GOLDSTEIN, notes)
    # deterministic
    assert tsv == conv.convert(SNIPPET_CROSSWALK, SNIPPET_GOLDSTEIN)
    lines = tsv.splitlines()
    assert lines[0] == "cameo\tplover\tmode\tcontext\tgoldstein\tdescription"
    by_code = {ln.split("\t")[0]: ln.split("\t") for ln in lines[1:]}
    assert list(by_code) == sorted(by_code)
    assert by_code["0312"] == [
        "0312",
        "AGREE",
        "",
        "military",
        "",
        "Express intent to cooperate militarily",
    ]
    assert by_code["094"][3] == "military|legal"
    assert by_code["0813"][5] == "Ease curfew"
    assert by_code["08"][1] == "CONCEDE"  # first entry of a duplicated code wins
    assert by_code["01"][1] == ""  # only in the Goldstein table, no crosswalk prefix
    assert by_code["0357"][1] == "AGREE"  # only in the Goldstein table, inherits 03
    assert any("08: listed again" in n for n in notes)

    for name in ("plover_types.tsv", "plover_modes.tsv", "plover_contexts.tsv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "cameo.tsv").write_text(tsv, encoding="utf-8")
    onto = load_ontology(tmp_path)
    e = onto.cameo("0312")
    assert e is not None and e.plover == "AGREE" and e.context == ("military",)
    assert e.goldstein == 4.0  # 0312 and 031 lack scores; 03 supplies it
    fallback = onto.cameo("0941")
    assert fallback is not None and fallback.code == "094"
    assert onto.intensity("080", "CONCEDE") == 5.0
    assert onto.cameo_for("AGREE") == "030"


def test_converter_rejects_unknown_type() -> None:
    conv = _converter()
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        conv.convert("010: STATEMENT, , # Make statement\n", "cameo_code\tgoldstein\n")


def test_loader_rejects_bad_header(tmp_path: Path) -> None:
    for name in ("plover_types.tsv", "plover_modes.tsv", "plover_contexts.tsv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "cameo.tsv").write_text("code\tplover\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected header"):
        load_ontology(tmp_path)
