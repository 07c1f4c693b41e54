"""Tests for scripts/convert_cameo_verbs.py and the event lexicon files it ships.

Converter unit tests run on small in-test snippets of the PETRARCH-2 verb format. Checks of
the shipped TSV files need only the repository; the checks against the source dictionaries
(code validity, byte-identical regeneration) need the shared data directory and skip
without it.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "convert_cameo_verbs.py"
DATA = ROOT / "src" / "redline" / "events" / "data"
DICTS = Path(os.environ.get("REDLINE_SHARED_DICTS", ROOT.parent / "shared" / "data" / "dicts"))

needs_shared = pytest.mark.skipif(
    not (DICTS / "CAMEO.2.0.txt").exists(),
    reason=f"shared source dictionaries not found at {DICTS} "
    "(set REDLINE_SHARED_DICTS to the folder holding CAMEO.2.0.txt)",
)


conv = load_script(SCRIPT)


def _read_tsv(name: str) -> tuple[list[str], list[list[str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


# --------------------------------------------------------------------------------------
# converter on snippets
# --------------------------------------------------------------------------------------

SNIPPET = """\
# header comment
####### SYNONYM SETS #######

&WEAPON
+GUN
+MISSILE_
+&WMD

&WMD
# comment inside a set
+NUCLEAR_WEAPON
+SARIN_

&FIGHT_OF_WORDS
+ARGUMENT

####### VERB PATTERNS #######

---  WARN   [130]  ---
WARN
CAUTION [---]
ALERT  [0312:0312]   # comment
- * {ARMS SHIPMENT}                     [042:043]     # WARN
- * (BEFORE COURT)                      [:173]        # WARN
- * &WEAPON                             [---]         # WARN
- $ * +                                 [111]         # WARN
- * {&WEAPON ATTACK} (IN BOMBING/EXPLOSION)  [183]
- * &UNDEFINED                          [100]         # WARN
- * &FIGHT_OF_WORDS                     [110]
- * {ARMS SHIPMENT}                     [042]         # duplicate after translation
- * VENTURE (WITH VISIT)                VISIT)[042:043]
-  &WEAPON ^ *                          [190]

---  MOBILIZE   [150]  ---
+CALL_UP {+CALLS_UP +CALLED_UP +CALLING_UP}
SUMMON [040]
STRIKE {STRIKES STRUCK STRIKING }
BURN
BURNT
ANGER
+ANGERED_BY {}
+KILLED_AND {}
RECONVENE[---]
SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93
- * +                                   [040]

---  OFFEND   [:110]  ---
OFFEND

---  DISGRACE   [110]---  ---
DISGRACE

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture(scope="module")
def parsed() -> Any:
    res = conv.parse_petrarch(SNIPPET.splitlines())
    conv.normalise_verbs(res)
    return res


def _rows(res: Any, block: str, kind: str) -> list[tuple[str, str]]:
    return [(r.text, r.cameo) for r in res.rows if r.block == block and r.kind == kind]


def test_block_defaults(parsed: Any) -> None:
    defaults = {r.block: r.cameo for r in parsed.rows if r.kind == "default"}
    assert defaults == {"WARN": "130", "MOBILIZE": "150", "OFFEND": ":110", "DISGRACE": "110"}
    # the default row opens its block
    assert parsed.rows[0] == conv.VerbRow("WARN", "default", "", "130")


def test_per_verb_override(parsed: Any) -> None:
    verbs = dict(_rows(parsed, "WARN", "verb"))
    assert verbs == {"warn": "", "caution": "---", "alert": "0312"}
    assert dict(_rows(parsed, "MOBILIZE", "verb"))["summon"] == "040"
    assert dict(_rows(parsed, "MOBILIZE", "verb"))["reconvene"] == "---"


def test_compound_and_two_direction_code(parsed: Any) -> None:
    patterns = _rows(parsed, "WARN", "pattern")
    assert ("* arms_shipment", "042") in patterns
    # "[042]" after translation is a different row (same text, same code => duplicate)
    assert patterns.count(("* arms_shipment", "042")) == 1


def test_reverse_only_and_null_codes(parsed: Any) -> None:
    patterns = _rows(parsed, "WARN", "pattern")
    assert ("* before court", ":173") in patterns  # [:173]: the other party's act
    assert ("* &weapon", "---") in patterns  # [---]


def test_markers_dropped_bare_star_kept(parsed: Any) -> None:
    patterns = _rows(parsed, "WARN", "pattern")
    assert ("*", "111") in patterns  # "$ * +"
    assert ("&weapon *", "190") in patterns  # "&WEAPON ^ *"
    assert ("*", "040") in _rows(parsed, "MOBILIZE", "pattern")


def test_set_reference_in_compound_and_slash_alternatives(parsed: Any) -> None:
    patterns = _rows(parsed, "WARN", "pattern")
    assert ("* &weapon_attack in bombing|explosion", "183") in patterns


def test_set_names_normalised(parsed: Any) -> None:
    assert ("* &fight-of-words", "110") in _rows(parsed, "WARN", "pattern")
    assert "fight-of-words" in parsed.synsets


def test_stray_tail_repaired(parsed: Any) -> None:
    assert ("* venture with visit", "042") in _rows(parsed, "WARN", "pattern")


def test_synsets_resolved(parsed: Any) -> None:
    assert parsed.synsets["wmd"] == ["nuclear_weapon", "sarin"]
    assert parsed.synsets["weapon"] == ["gun", "missile", "nuclear_weapon", "sarin"]


def test_dropped_lines_have_reasons(parsed: Any) -> None:
    reasons = [d.reason for d in parsed.dropped]
    assert any(r.startswith("undefined synset &undefined") for r in reasons)
    assert "duplicate row in block" in reasons
    assert "transformation rule (not a pattern)" in reasons
    assert any(r.startswith("coordination phrase") for r in reasons)
    texts = {r.text for r in parsed.rows}
    assert "* &undefined" not in texts and "killed and" not in texts


def test_multi_word_verbs(parsed: Any) -> None:
    verbs = dict(_rows(parsed, "MOBILIZE", "verb"))
    assert "call up" in verbs
    assert "anger by" in verbs  # +ANGERED_BY: inflected head lemmatised to a known lemma
    assert ("called up", "call up") in {(f, lem) for f, lem, _ in parsed.brace_forms}


def test_inflected_form_listed_as_verb_moves_to_forms(parsed: Any) -> None:
    verbs = dict(_rows(parsed, "MOBILIZE", "verb"))
    assert "burn" in verbs and "burnt" not in verbs
    assert any(f == "burnt" and lem == "burn" for f, lem, _ in parsed.brace_forms)


def test_irregular_forms_reach_verb_forms(parsed: Any) -> None:
    report = conv.build_verb_forms(parsed)
    table = dict(report.rows)
    assert table["struck"] == "strike"
    assert table["called"] == "call"  # every {...} form is listed, regular or not
    assert "summoned" not in table  # regular and not in {...}: left to the simple rules
    assert table["scrapped"] == "scrap"
    assert table["burnt"] == "burn"
    assert not report.unresolved


def test_pattern_translation_errors() -> None:
    with pytest.raises(ValueError):
        conv.translate_pattern("* (TO")
    with pytest.raises(ValueError):
        conv.translate_pattern("FOO BAR")
    text, refs, _ = conv.translate_pattern("*_LAWS")
    assert text == "* laws" and not refs


def test_parse_code() -> None:
    assert conv.parse_code("042:043")[0] == "042"
    assert conv.parse_code(":195")[0] == ":195"
    assert conv.parse_code(":---")[0] == "---"
    assert conv.parse_code("---")[0] == "---"
    assert conv.parse_code("080!")[0] == "080"
    with pytest.raises(ValueError):
        conv.parse_code("s")


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("stop", "stopped"),
        ("pit", "pitted"),
        ("plan", "planning"),
        ("commit", "committed"),
        ("control", "controlled"),
        ("travel", "travelled"),
        ("travel", "traveled"),
        ("visit", "visited"),
        ("withdraw", "withdrew"),
        ("overthrow", "overthrown"),
        ("set", "setting"),
        ("call up", "called up"),
        ("re-admit", "re-admitted"),
        ("panic", "panicked"),
        ("be", "is"),
        ("be", "are"),
        ("fight", "fought"),
        # curated fixes of lemminflect's forms
        ("mimic", "mimicked"),
        ("overfly", "overflew"),
        ("lie", "lain"),
        ("prove", "proven"),
    ],
)
def test_inflections(lemma: str, form: str) -> None:
    assert form in conv.inflections(lemma)[0]


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("mimic", "mimiced"), ("stay", "staves"), ("bide", "boded"), ("forgo", "foregone"),
     ("overcome", "over-came"), ("undergo", "under went"), ("visit", "visit")],
)  # fmt: skip
def test_inflections_exclude(lemma: str, form: str) -> None:
    """Wrong lemminflect forms are dropped, forms are single words, the base only where
    it is a past (cut)."""
    assert form not in conv.inflections(lemma)[0]


def test_identity_only_for_past_equal_to_base() -> None:
    assert "cut" in conv.true_forms("cut")[0]
    assert conv.true_forms("cut")[1] == "irregular"
    assert conv.true_forms("stop")[1] == "doubling"
    assert conv.true_forms("visit")[1] == "regular"


def test_stale_fixes_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    scope = set(conv.cur.INFLECTION_FIXES) | {"fight"}
    assert conv.stale_fixes(scope) == []
    monkeypatch.setitem(conv.cur.INFLECTION_FIXES, "fight", ("+fought -fighted", "test"))
    assert conv.stale_fixes(scope) == [
        "fight: lemminflect already gives +fought",
        "fight: lemminflect does not give -fighted",
    ]
    assert conv.stale_fixes(scope - {"fight"})[0].startswith("fight: not a lexicon verb")


def test_simple_rules() -> None:
    assert conv.simple_forms("try") == {"tries", "tried", "trying"}
    assert conv.simple_forms("tie") == {"ties", "tied", "tying"}
    assert conv.simple_forms("agree") == {"agrees", "agreed", "agreeing"}
    assert conv.simple_forms("veto") == {"vetoes", "vetoed", "vetoing"}
    assert conv.simple_forms("reach") == {"reaches", "reached", "reaching"}


def test_nominal_validation_rejects_unknown_verb_and_code() -> None:
    rows = [conv.VerbRow("WARN", "default", "", "130"), conv.VerbRow("WARN", "verb", "warn", "")]
    ok = conv.build_nominals(rows, {"130"}, [("warning", "warn", "", "")])
    assert ok == [("warning", "warn", "", "")]
    with pytest.raises(conv.ConversionError):
        conv.build_nominals(rows, {"130"}, [("threat", "threaten", "", "")])
    with pytest.raises(conv.ConversionError):
        conv.build_nominals(rows, {"130"}, [("raid", "", "999", "")])
    with pytest.raises(conv.ConversionError):
        conv.build_nominals(rows, {"130"}, [("deal", "", "", "")])


# --------------------------------------------------------------------------------------
# shipped files
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def verbs() -> list[list[str]]:
    header, rows = _read_tsv("cameo_verbs.tsv")
    assert header == ["block", "kind", "text", "cameo"]
    return rows


@pytest.fixture(scope="module")
def synsets() -> dict[str, list[str]]:
    header, rows = _read_tsv("synsets.tsv")
    assert header == ["name", "members"]
    return {name: members.split("|") for name, members in rows}


@pytest.fixture(scope="module")
def nominals() -> list[list[str]]:
    header, rows = _read_tsv("nominals.tsv")
    assert header == ["noun", "verb", "cameo", "note"]
    return rows


def test_headers_and_shape(verbs: list[list[str]]) -> None:
    header, forms = _read_tsv("verb_forms.tsv")
    assert header == ["form", "lemma"]
    assert all(len(r) == 2 and r[0] and r[1] for r in forms)
    assert all(len(r) == 4 for r in verbs)
    assert {r[1] for r in verbs} == {"default", "verb", "pattern"}
    code = re.compile(r"^(---|:?\d{2,4})$")
    for block, kind, text, cameo in verbs:
        assert block
        if kind == "default":
            assert text == "" and code.match(cameo)
        elif kind == "verb":
            assert text and text == text.lower() and (cameo == "" or code.match(cameo))
        else:
            assert text and code.match(cameo)


def test_blocks_open_with_one_default(verbs: list[list[str]]) -> None:
    seen: set[str] = set()
    current = None
    for block, kind, _text, _cameo in verbs:
        if kind == "default":
            assert block not in seen
            seen.add(block)
            current = block
        else:
            assert block == current
    assert len(seen) > 300


def test_every_pattern_has_one_star(verbs: list[list[str]]) -> None:
    for _block, kind, text, _cameo in verbs:
        if kind == "pattern":
            elements = text.split(" ")
            assert elements.count("*") == 1, text
            assert "" not in elements, text


def test_every_set_reference_resolves(
    verbs: list[list[str]], synsets: dict[str, list[str]]
) -> None:
    refs = {ref for r in verbs if r[1] == "pattern" for ref in re.findall(r"&([a-z0-9-]+)", r[2])}
    assert refs, "expected &set references in patterns"
    assert refs <= set(synsets), refs - set(synsets)
    for name, members in synsets.items():
        assert members and all(m and not m.startswith("&") for m in members), name
        assert "_" not in name


def test_nominals_reference_existing_verbs(
    verbs: list[list[str]], nominals: list[list[str]]
) -> None:
    lemmas = {r[2] for r in verbs if r[1] == "verb"}
    assert 200 <= len(nominals) <= 400
    nouns = [r[0] for r in nominals]
    assert len(nouns) == len(set(nouns))
    for noun, verb, cameo, note in nominals:
        assert noun == noun.lower()
        assert not (verb and cameo), noun
        if verb:
            assert verb in lemmas, f"{noun} -> {verb}"
        if not verb and not cameo:
            assert note in {"object-only", "vague"}, noun
    table = {r[0]: r for r in nominals}
    assert table["warning"][1] == "warn"
    assert table["talks"][2] == "046"
    for noun in ("agreement", "deal", "pact", "treaty"):
        assert table[noun][1:] == ["", "", "object-only"]
    assert table["response"][3] == "vague"


@needs_shared
def test_nominal_codes_are_cameo_codes(nominals: list[list[str]]) -> None:
    valid = conv.read_valid_codes(DICTS)
    bad = [(r[0], r[2]) for r in nominals if r[2] and r[2] not in valid]
    assert not bad


def _blocks_of(verbs: list[list[str]], lemma: str) -> list[str]:
    return [r[0] for r in verbs if r[1] == "verb" and r[2] == lemma]


def _defaults(verbs: list[list[str]]) -> dict[str, str]:
    return {r[0]: r[3] for r in verbs if r[1] == "default"}


def _code_of(verbs: list[list[str]], lemma: str) -> set[str]:
    """Effective bare-verb codes: override or block default, per block."""
    defaults = _defaults(verbs)
    return {r[3] or defaults[r[0]] for r in verbs if r[1] == "verb" and r[2] == lemma}


def test_spot_warn(verbs: list[list[str]]) -> None:
    assert any(_defaults(verbs)[b] == "130" for b in _blocks_of(verbs, "warn"))


def test_spot_sign(verbs: list[list[str]]) -> None:
    blocks = set(_blocks_of(verbs, "sign"))
    assert any(
        r[0] in blocks and r[1] == "pattern" and "&treaty" in r[2] and r[3] == "057" for r in verbs
    )


def test_spot_summon_condemn_demand(verbs: list[list[str]]) -> None:
    assert "040" in {r[3] for r in verbs if r[1] == "verb" and r[2] == "summon"}
    assert "111" in _code_of(verbs, "condemn")
    assert any(_defaults(verbs)[b] == "100" for b in _blocks_of(verbs, "demand"))


def test_spot_supply(verbs: list[list[str]]) -> None:
    blocks = set(_blocks_of(verbs, "supply"))
    weapon_pattern = any(
        r[0] in blocks and r[1] == "pattern" and r[2].startswith("* ") and "&weapon" in r[2]
        for r in verbs
    )
    assert weapon_pattern or any(_defaults(verbs)[b] == "060" for b in blocks)


def test_spot_verb_forms() -> None:
    _header, rows = _read_tsv("verb_forms.tsv")
    table = dict(rows)
    assert len(table) == len(rows), "a form maps to one lemma"
    expected = {
        "struck": "strike", "fought": "fight", "met": "meet", "held": "hold",
        "sought": "seek", "sent": "send", "shot": "shoot", "took": "take", "made": "make",
        "gave": "give", "said": "say", "led": "lead", "left": "leave", "began": "begin",
        "spoke": "speak", "broke": "break", "drew": "draw", "withdrew": "withdraw",
        "froze": "freeze", "hid": "hide", "bore": "bear", "stole": "steal", "shut": "shut",
        "set": "set", "put": "put", "cut": "cut", "hit": "hit", "let": "let", "bid": "bid",
        "quit": "quit", "spread": "spread", "pitted": "pit", "stopped": "stop",
        "planned": "plan", "committed": "commit", "controlled": "control",
    }  # fmt: skip
    assert {f: table.get(f) for f in expected} == expected
    # homographs are left to the tagger
    assert "found" not in table and "wound" not in table


@needs_shared
def test_shipped_files_match_a_fresh_conversion(tmp_path: Path) -> None:
    conv.convert(DICTS, tmp_path)
    for name in ("cameo_verbs.tsv", "synsets.tsv", "verb_forms.tsv", "nominals.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"{name} is out of date: rerun scripts/convert_cameo_verbs.py"
        )
