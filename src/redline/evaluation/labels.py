"""The gold sets' label sets and mappings live with the ontology (``redline.ontology.labels``);
re-exported here for the evaluation code."""

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

__all__ = ["BINARY_LABELS", "PENTA_LABELS", "PLOVER_TYPES", "ROOT_LABELS", "UnknownLabel",
           "quad_binary", "root_quad", "to_root"]
