"""A small lemmatizer for the words the verb lexicon cares about.

spaCy's lemmatizer costs about a fifth of the parse time, and the lexicon only needs lemmas
for its own words. This one maps a lower-case form to a lemma with the irregular-form table
and suffix rules, choosing among candidate stems the first one the lexicon knows. It depends only
on the form, never on the parse, so the prefilter (before parsing) and the frame builder
(after parsing) agree on which tokens are triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

CACHE_SIZE = 50_000  # word forms; bounds memory on corpora of any size


class Lemmatizer:
    def __init__(self, irregular: Mapping[str, str], known: Iterable[str]) -> None:
        self.irregular = dict(irregular)
        self.known = set(known) | set(self.irregular.values())
        self._cache: dict[str, str] = {}

    def __call__(self, form: str) -> str:
        cached = self._cache.get(form)
        if cached is None:
            cached = self._lemma(form)
            if len(self._cache) < CACHE_SIZE:
                self._cache[form] = cached
        return cached

    def _lemma(self, form: str) -> str:
        if form in self.irregular:
            return self.irregular[form]
        # A known base wins over a known inflected form ("weapons" is a pattern word too).
        for candidate in _candidates(form):
            if candidate in self.known:
                return candidate
        return form


def _candidates(form: str) -> list[str]:
    """Possible lemmas of an inflected form, most likely first."""
    out: list[str] = []
    n = len(form)
    if n > 4 and form.endswith("ies"):
        out.append(form[:-3] + "y")
    if n > 4 and form.endswith("ied"):
        out.append(form[:-3] + "y")
    if n > 4 and form.endswith("ing"):
        stem = form[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    if n > 3 and form.endswith("ed"):
        stem = form[:-2]
        out += [stem, form[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    if n > 3 and form.endswith("es"):
        out += [form[:-2], form[:-1]]
    if n > 2 and form.endswith("s") and not form.endswith("ss"):
        out.append(form[:-1])
    return out
