"""Evaluation against gold data: dataset readers, label mappings and scores.

The pure parts of ``redline eval``: :mod:`~redline.evaluation.datasets` reads the PLV,
ConfliBERT pentaclass, ConfliBERT argument-span and PETRARCH validation files,
:mod:`~redline.ontology.labels` maps PLOVER types to the PLV root labels, quad classes
and cooperation/conflict, :mod:`~redline.evaluation.metrics` scores predictions against
gold labels, and :mod:`~redline.evaluation.argspans` scores the coder's events against
argument spans.
"""

from redline.evaluation.datasets import (
    IMPLICIT_SOURCE,
    IMPLICIT_TARGET,
    ArgSpansRow,
    DatasetError,
    PentaRow,
    PetrEvent,
    PetrRecord,
    PlvRow,
    read_argspans,
    read_pentaclass,
    read_petr_xml,
    read_plv,
)
from redline.evaluation.metrics import (
    NONE_COLUMN,
    ClassScores,
    Report,
    binary_of,
    quad_of,
    score,
)
from redline.ontology.labels import (
    BINARY_LABELS,
    PENTA_LABELS,
    PLOVER_TYPES,
    ROOT_LABELS,
    UnknownLabel,
    quad_binary,
    root_quad,
    to_root,
)

__all__ = [
    "BINARY_LABELS",
    "IMPLICIT_SOURCE",
    "IMPLICIT_TARGET",
    "NONE_COLUMN",
    "PENTA_LABELS",
    "PLOVER_TYPES",
    "ROOT_LABELS",
    "ArgSpansRow",
    "ClassScores",
    "DatasetError",
    "PentaRow",
    "PetrEvent",
    "PetrRecord",
    "PlvRow",
    "Report",
    "UnknownLabel",
    "binary_of",
    "quad_binary",
    "quad_of",
    "read_argspans",
    "read_pentaclass",
    "read_petr_xml",
    "read_plv",
    "root_quad",
    "score",
    "to_root",
]
