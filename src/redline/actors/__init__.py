"""Actors: the lexicon (who is who, on which date) and mention finding."""
