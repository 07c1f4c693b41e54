"""PLOVER ontology (types, modes, contexts) and the CAMEO crosswalk."""

from redline.ontology.plover import CameoEntry, Mode, Ontology, PloverType, load_ontology

__all__ = ["CameoEntry", "Mode", "Ontology", "PloverType", "load_ontology"]
