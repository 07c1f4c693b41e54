"""Label sets of the gold data and the mappings between them.

PLOVER has 16 event types. The PLV gold data (Zero-Shot-PLOVER) merges CONCEDE and
RETREAT into one root label, YIELD, so it has 15 root labels. Each root belongs to one
quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict) as the PLV data's ``gold_penta`` column uses it; note that the PLV data puts
YIELD (so also CONCEDE) in material cooperation, whereas the PLOVER codebook has CONCEDE
as verbal cooperation. The ConfliBERT pentaclass data adds class 0, "statement".

The ConfliBERT data comes from its ``cameo_class`` folder, and its classes agree with the
CAMEO quad classes as the Phoenix data counts them (``quad_conversion`` of
openeventdata/phoenix_pipeline, kept in the shared ``CAMEO_goldstein_quad.tsv``): CAMEO 01
and 02 (statements, appeals) are class 0, and 16 (reduce relations: sanctions, expulsions,
cuts in aid) is verbal conflict. (Their source does not say so; the labels show it: "X urged
Y to ..." sentences are class 0, sanctions and expulsions mostly class 3.) A coded event with
a CAMEO code is read in that convention by :func:`cameo_quad`; PLOVER's own quads differ
(REQUEST covers both CAMEO 02 appeals and 10 demands; SANCTION is material conflict).
"""

from __future__ import annotations

from typing import Final

PLOVER_TYPES: Final[tuple[str, ...]] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# Root label -> quad class, as in the PLV gold data (checked against plv_train.tsv).
_ROOT_QUAD: Final[dict[str, int]] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "COOPERATE": 2,
    "AID": 2,
    "YIELD": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

ROOT_LABELS: Final[tuple[str, ...]] = tuple(_ROOT_QUAD)

_TO_ROOT: Final[dict[str, str]] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

PENTA_LABELS: Final[dict[int, str]] = {
    0: "statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# CAMEO root code (two digits) -> Phoenix quad class (0 statement .. 4 material conflict)
_CAMEO_ROOT_QUAD: Final[dict[str, int]] = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3,
    "10": 3, "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4,
    "19": 4, "20": 4,
}

BINARY_LABELS: Final[tuple[str, ...]] = ("cooperation", "conflict")


class UnknownLabel(ValueError):
    """A label that is neither a PLOVER type nor a PLV root label."""


def to_root(label: str) -> str:
    """The PLV root label of a PLOVER type or root label (case-insensitive).

    CONCEDE and RETREAT become YIELD; the 15 root labels map to themselves.
    Raises :class:`UnknownLabel` for anything else.
    """
    key = label.strip().upper()
    key = _TO_ROOT.get(key, key)
    if key not in _ROOT_QUAD:
        raise UnknownLabel(f"unknown label {label!r}")
    return key


def root_quad(root: str) -> int:
    """The quad class (1..4) of a root label (PLOVER types are mapped with :func:`to_root`)."""
    return _ROOT_QUAD[to_root(root)]


def cameo_quad(code: str) -> int | None:
    """The Phoenix quad class (0..4) of a CAMEO code, None when it is not one."""
    root = code.strip()[:2]
    return _CAMEO_ROOT_QUAD.get(root) if len(root) == 2 else None


def event_class(cameo: str, plover: str) -> int:
    """The ConfliBERT class (0..4) a coded event stands for: the Phoenix quad of its CAMEO
    code, else the quad of its PLOVER type."""
    found = cameo_quad(cameo)
    return found if found is not None else root_quad(to_root(plover))


def quad_binary(quad: int) -> str:
    """``"cooperation"`` for quads 1 and 2, ``"conflict"`` for 3 and 4."""
    if quad in (1, 2):
        return "cooperation"
    if quad in (3, 4):
        return "conflict"
    raise ValueError(f"not a quad class: {quad!r} (expected 1..4)")
