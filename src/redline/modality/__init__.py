"""Modality: did the reported event happen, and who says so."""
