#!/usr/bin/env python3
"""Build ``src/redline/ontology/data/cameo.tsv`` from the CAMEO -> PLOVER crosswalk.

Inputs (read-only, see /work/shared/data/SOURCES.md):

* ``CAMEO2PLOVER-2021.txt``: openeventdata/PLOVER @ 5e0c24fb, edited by Philip Schrodt,
  licensed CC BY-SA 4.0. Lines look like ``0312: AGREE,  ,   military # description``.
* ``CAMEO_goldstein_quad.tsv``: Goldstein scores from openeventdata/phoenix_pipeline
  ``postprocess.py`` @ d1639c59 (MIT); columns ``cameo_code goldstein root_code quad_class``.

Output: one row per CAMEO code present in either source, sorted by code, with header
``cameo plover mode context goldstein description``. ``context`` may hold several values
joined by ``|``. ``goldstein`` is left empty when the Goldstein table lacks the code (the
loader then takes the value of the longest listed prefix). Because the crosswalk is CC BY-SA
4.0, the generated ``cameo.tsv`` is a derived work under the same licence.

Decisions, all reported on stderr when the script runs:

* Codes only in the Goldstein table inherit plover/mode/context from their longest prefix in
  the crosswalk. CAMEO 01 (statements) and 02 (appeals) have no crosswalk entry (PLOVER drops
  them), so their ``plover`` stays empty.
* A code listed twice in the crosswalk keeps its first entry (``08`` is given as CONCEDE and as
  RETREAT; ``175`` appears twice).
* A few crosswalk modes that are not modes of that type in the PLOVER 0.8 manual, or that a
  more specific mode fits clearly better (112 Accuse -> allege, 195 aerial weapons -> the
  redline extension mode ``aerial``), are remapped in ``MODE_FIXES``; each fix checks the value
  it replaces, so a changed source makes the script fail instead of silently mis-mapping.
* Editorial notes after the description (``21.09.17: ...``) are dropped.

The script is deterministic: same inputs, byte-identical output. ``--check`` exits non-zero
when the file on disk differs from what would be written.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "src" / "redline" / "ontology" / "data"
SHARED = Path(os.environ.get("REDLINE_SHARED_DATA", "/work/shared/data"))
DEFAULT_CROSSWALK = SHARED / "dicts" / "CAMEO2PLOVER-2021.txt"
DEFAULT_GOLDSTEIN = SHARED / "dicts" / "CAMEO_goldstein_quad.tsv"
DEFAULT_OUT = DATA_DIR / "cameo.tsv"

HEADER = ("cameo", "plover", "mode", "context", "goldstein", "description")

PLOVER_TYPES = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)  # fmt: skip

# code -> (mode found in the crosswalk, replacement mode, extra context or "", reason)
MODE_FIXES: dict[str, tuple[str, str, str, str]] = {
    "085": ("ease", "", "", "crosswalk itself notes 'ease' is no longer a mode"),
    "112": ("disapprove", "allege", "", "manual: allege = accuse; 112's children are allege"),
    "1321": ("political", "restrict", "", "THREATEN has no 'political' mode; speech limits"),
    "171": ("seize", "confiscate", "", "manual COERCE mode is 'confiscate'"),
    "1711": ("seize", "confiscate", "", "manual COERCE mode is 'confiscate'"),
    "1712": ("seize", "destroy", "", "destroying property is ASSAULT/destroy in the manual"),
    "192": ("seize", "", "", "no COERCE mode covers occupying territory"),
    "175": ("pro_autocracy", "", "pro_autocracy", "a context written in the mode slot"),
    "195": ("heavy-weapons", "aerial", "", "aerial weapons: redline extension mode ASSAULT/aerial"),
}

# CAMEO cue-category names, used for the bare two-digit header lines of the crosswalk.
CUE_CATEGORIES: dict[str, str] = {
    "01": "MAKE PUBLIC STATEMENT", "02": "APPEAL", "03": "EXPRESS INTENT TO COOPERATE",
    "04": "CONSULT", "05": "ENGAGE IN DIPLOMATIC COOPERATION",
    "06": "ENGAGE IN MATERIAL COOPERATION", "07": "PROVIDE AID", "08": "YIELD",
    "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "EXHIBIT FORCE POSTURE", "16": "REDUCE RELATIONS", "17": "COERCE",
    "18": "ASSAULT", "19": "FIGHT", "20": "USE UNCONVENTIONAL MASS VIOLENCE",
}  # fmt: skip

# CAMEO codebook names for codes the crosswalk omits (01x statements, 02x appeals).
CAMEO_NAMES: dict[str, str] = {
    "010": "Make statement", "011": "Decline comment", "012": "Make pessimistic comment",
    "013": "Make optimistic comment", "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility",
    "017": "Engage in symbolic act", "018": "Make empathetic comment", "019": "Express accord",
    "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid", "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid", "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform", "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change", "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime", "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of political dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle dispute",
    "028": "Appeal to engage in or accept mediation",
}  # fmt: skip
NOT_IN_CODEBOOK = "(not in the CAMEO codebook; listed only in the Goldstein table)"

_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*(.*)$")
_EDITORIAL = re.compile(r"\s{2,}\d{2}\.\d{2}\.\d{2}:.*$")


@dataclass(frozen=True)
class CrosswalkRow:
    code: str
    plover: str
    mode: str
    context: tuple[str, ...]
    description: str


def parse_crosswalk(
    lines: Iterable[str], notes: list[str] | None = None
) -> dict[str, CrosswalkRow]:
    """Parse crosswalk lines; first entry wins for a duplicated code."""
    rows: dict[str, CrosswalkRow] = {}
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#") or line.strip().startswith("~"):
            continue
        m = _LINE.match(line)
        if m is None:
            raise ValueError(f"crosswalk line {lineno}: cannot parse {line!r}")
        code, rest = m.group(1), m.group(2)
        body, _, comment = rest.partition("#")
        parts = [p.strip() for p in body.split(",")]
        plover = parts[0].upper()
        if plover not in PLOVER_TYPES:
            raise ValueError(f"crosswalk line {lineno}: unknown PLOVER type {parts[0]!r}")
        mode = parts[1] if len(parts) > 1 else ""
        ctx_field = ",".join(parts[2:]) if len(parts) > 2 else ""
        context = tuple(c.strip() for c in re.split(r"[;,|]", ctx_field) if c.strip())
        desc = _EDITORIAL.sub("", comment.strip()).strip()
        if desc != comment.strip() and notes is not None:
            notes.append(f"{code}: dropped editorial note from description {comment.strip()!r}")
        if not desc and len(code) == 2:
            desc = CUE_CATEGORIES.get(code, "")
        if len(parts) > 3 and notes is not None:
            notes.append(f"{code}: extra comma-separated fields {parts[3:]!r} read as context")
        row = CrosswalkRow(code, plover, mode, context, desc)
        if code in rows:
            if notes is not None:
                kept = rows[code]
                notes.append(
                    f"{code}: listed again as {plover}/{mode or '-'} ({desc!r}); "
                    f"kept the first entry {kept.plover}/{kept.mode or '-'} ({kept.description!r})"
                )
            continue
        rows[code] = row
    return rows


def parse_goldstein(lines: Iterable[str]) -> dict[str, str]:
    """CAMEO code -> Goldstein score (as written in the source)."""
    reader = csv.DictReader(lines, delimiter="\t")
    if reader.fieldnames is None or "cameo_code" not in reader.fieldnames:
        raise ValueError("Goldstein table lacks a cameo_code column")
    out: dict[str, str] = {}
    for rec in reader:
        code = (rec.get("cameo_code") or "").strip()
        score = (rec.get("goldstein") or "").strip()
        if not code:
            continue
        float(score)  # validate
        out[code] = score
    return out


def apply_mode_fixes(
    rows: dict[str, CrosswalkRow], notes: list[str] | None = None
) -> dict[str, CrosswalkRow]:
    fixed = dict(rows)
    for code, (old, new, extra_ctx, reason) in sorted(MODE_FIXES.items()):
        row = fixed.get(code)
        if row is None:
            continue
        if row.mode != old:
            raise ValueError(f"MODE_FIXES[{code}] expects mode {old!r}, crosswalk has {row.mode!r}")
        context = row.context
        if extra_ctx and extra_ctx not in context:
            context = (*context, extra_ctx)
        fixed[code] = replace(row, mode=new, context=context)
        if notes is not None:
            plus = f" +context {extra_ctx}" if extra_ctx else ""
            notes.append(f"{code}: mode {old!r} -> {new!r}{plus} ({reason})")
    return fixed


# Redline extension: PLOVER's REQUEST covers asking as well as demanding, but the 2021
# crosswalk leaves CAMEO 02 (APPEAL) without a type, so "X asked Y to ..." would be lost.
# code prefix -> REQUEST mode (longest prefix wins).
APPEAL_MODES: dict[str, str] = {
    "020": "", "021": "assist", "022": "assist", "023": "assist", "024": "change",
    "025": "yield", "026": "meet", "027": "meet", "028": "meet",
}


def appeal_as_request(code: str) -> tuple[str, str] | None:
    """(plover, mode) for an APPEAL code under the redline extension, else None."""
    if not code.startswith("02") or len(code) < 3:
        return None
    for n in range(len(code), 2, -1):
        if code[:n] in APPEAL_MODES:
            return "REQUEST", APPEAL_MODES[code[:n]]
    return "REQUEST", ""


def _longest_prefix(code: str, table: dict[str, CrosswalkRow]) -> CrosswalkRow | None:
    for n in range(len(code) - 1, 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            return hit
    return None


def build_rows(
    crosswalk: dict[str, CrosswalkRow],
    goldstein: dict[str, str],
    notes: list[str] | None = None,
) -> list[tuple[str, str, str, str, str, str]]:
    """Merge both sources into sorted output rows (one per code)."""
    out: list[tuple[str, str, str, str, str, str]] = []
    for code in sorted(set(crosswalk) | set(goldstein)):
        row = crosswalk.get(code)
        if row is not None:
            plover, mode, context, desc = row.plover, row.mode, row.context, row.description
        else:
            parent = _longest_prefix(code, crosswalk)
            if parent is not None:
                plover, mode, context = parent.plover, parent.mode, parent.context
            else:
                plover, mode, context = "", "", ()
            desc = CAMEO_NAMES.get(code) or CUE_CATEGORIES.get(code) or NOT_IN_CODEBOOK
            if notes is not None:
                via = f"inherits {parent.code}" if parent is not None else "no crosswalk prefix"
                notes.append(
                    f"{code}: only in Goldstein table; {via} -> plover {plover or '(empty)'}"
                )
        appeal = appeal_as_request(code)
        if appeal is not None and not plover:
            plover, mode = appeal
            desc = f"{desc} (redline: an appeal is a REQUEST)"
        if row is not None and code not in goldstein and notes is not None:
            notes.append(f"{code}: only in crosswalk; goldstein left empty (prefix fallback)")
        out.append((code, plover, mode, "|".join(context), goldstein.get(code, ""), desc))
    return out


def render_tsv(rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["\t".join(HEADER)]
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise ValueError(f"cell with tab/newline in {row!r}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def convert(crosswalk_text: str, goldstein_text: str, notes: list[str] | None = None) -> str:
    """Whole pipeline on in-memory texts; returns the cameo.tsv content."""
    cross = parse_crosswalk(crosswalk_text.splitlines(), notes)
    cross = apply_mode_fixes(cross, notes)
    gold = parse_goldstein(goldstein_text.splitlines())
    return render_tsv(build_rows(cross, gold, notes))


def _check_against_vocab(tsv: str, data_dir: Path) -> list[str]:
    """Warn about modes/contexts in the output that the curated TSVs do not declare."""
    warnings: list[str] = []
    modes_path, ctx_path = data_dir / "plover_modes.tsv", data_dir / "plover_contexts.tsv"
    if not modes_path.exists() or not ctx_path.exists():
        return warnings
    with modes_path.open(encoding="utf-8") as fh:
        modes = {(r["type"], r["mode"]) for r in csv.DictReader(fh, delimiter="\t")}
    with ctx_path.open(encoding="utf-8") as fh:
        contexts = {r["context"] for r in csv.DictReader(fh, delimiter="\t")}
    for rec in csv.DictReader(tsv.splitlines(), delimiter="\t"):
        if rec["mode"] and (rec["plover"], rec["mode"]) not in modes:
            warnings.append(f"{rec['cameo']}: mode {rec['plover']}/{rec['mode']} not declared")
        for ctx in filter(None, rec["context"].split("|")):
            if ctx not in contexts:
                warnings.append(f"{rec['cameo']}: context {ctx!r} not declared")
    return warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crosswalk", type=Path, default=DEFAULT_CROSSWALK)
    ap.add_argument("--goldstein", type=Path, default=DEFAULT_GOLDSTEIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    ap.add_argument("--quiet", action="store_true", help="do not print the notes")
    args = ap.parse_args(argv)

    notes: list[str] = []
    tsv = convert(
        args.crosswalk.read_text(encoding="utf-8"),
        args.goldstein.read_text(encoding="utf-8"),
        notes,
    )
    notes.extend(_check_against_vocab(tsv, args.out.parent))
    if not args.quiet:
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        n = tsv.count("\n") - 1
        print(f"{n} codes -> {args.out}", file=sys.stderr)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != tsv:
            print(f"{args.out} is out of date; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(tsv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
