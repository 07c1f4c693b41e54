"""Near-duplicate documents (wire copies): MinHash signatures with LSH banding.

A wire story reprinted by several outlets, with a changed headline or a trimmed last
paragraph, must be coded once, not once per copy. Each document gets a 64-value MinHash
signature over its word 5-shingles; signatures are split into 16 bands of 4, and two
documents that share a band are compared: an estimated Jaccard similarity of at least 0.8
makes the later one a duplicate of the earlier one. Signatures are stored with the
documents, so the index survives across runs.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
THRESHOLD = 0.8
MIN_SHINGLES = 30  # shorter texts (headlines, one-liners) are never called duplicates
# Universal hashing h(x) = (a * x + b) mod p with p = 2**31 - 1 and a, b, x < p, so that
# a * x + b < 2**62 and uint64 arithmetic is exact. Fixed seed: stable across runs.
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20240621)
_A = _rng.integers(1, (1 << 31) - 1, size=(PERMUTATIONS, 1), dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, size=(PERMUTATIONS, 1), dtype=np.uint64)
_WORD = re.compile(r"\w+")


def signature(text: str) -> list[int] | None:
    """The MinHash signature of ``text``, or ``None`` when it is too short to compare."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    values = (_A * (hashes.reshape(1, -1) % _PRIME) + _B) % _PRIME
    return [int(v) for v in values.min(axis=1)]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


class NearDuplicateIndex:
    def __init__(self) -> None:
        self._bands: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        self._signatures: dict[str, list[int]] = {}

    @classmethod
    def of(cls, items: Iterable[tuple[str, Sequence[int] | None]]) -> NearDuplicateIndex:
        index = cls()
        for key, sig in items:
            if sig is not None:
                index.add(key, sig)
        return index

    def add(self, key: str, sig: Sequence[int]) -> None:
        self._signatures[key] = list(sig)
        for band in _bands(sig):
            self._bands.setdefault(band, []).append(key)

    def find(self, sig: Sequence[int], exclude: str = "") -> str | None:
        """The earliest indexed document that ``sig`` nearly duplicates, if any."""
        seen: set[str] = set()
        for band in _bands(sig):
            for key in self._bands.get(band, ()):
                if key == exclude or key in seen:
                    continue
                seen.add(key)
                if similarity(sig, self._signatures[key]) >= THRESHOLD:
                    return key
        return None

    def __len__(self) -> int:
        return len(self._signatures)


def _bands(sig: Sequence[int]) -> Iterable[tuple[int, tuple[int, ...]]]:
    for b in range(BANDS):
        yield b, tuple(sig[b * ROWS : (b + 1) * ROWS])
