"""Analysis over coded events: duplicate clustering, near-duplicate documents, briefs."""
