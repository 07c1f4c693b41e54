"""Commitments: threats, promises, conditions and alliance clauses."""
