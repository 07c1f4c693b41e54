"""Near-duplicate documents (wire copies): MinHash signatures with LSH banding.

A wire story reprinted by several outlets, with a changed headline or a trimmed last
paragraph, must be coded once, not once per copy. Each document gets a 64-value MinHash
signature over its word 5-shingles; signatures are split into 16 bands of 4, and two
documents that share a band are compared: an estimated Jaccard similarity of at least 0.8
makes the later one a duplicate of the earlier one. Signatures and their band keys are
stored with the documents (``document_bands``), so the index survives across runs and lives
in the store, not in memory: an ingest holds only the few documents it has planned but not
yet written (:class:`NearDuplicateIndex`), whatever the size of the store.
"""

from __future__ import annotations

import hashlib
import re
import struct
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


def band_keys(sig: Sequence[int]) -> list[int]:
    """One 64-bit key per band (the band's number and values hashed): two signatures that
    share a key share a band, up to a hash collision, which the similarity check removes.
    A fixed hash, so keys stored by one run are found by the next."""
    keys = []
    for b in range(BANDS):
        packed = struct.pack(f"<I{ROWS}Q", b, *sig[b * ROWS : (b + 1) * ROWS])
        keys.append(int.from_bytes(hashlib.blake2b(packed, digest_size=8).digest(), "little"))
    return keys


def first_near_copy(sig: Sequence[int], candidates: Iterable[tuple[str, Sequence[int]]],
                    exclude: str = "") -> str | None:
    """The first candidate (key, signature) that shares a band with ``sig`` and is similar
    enough to call ``sig`` its copy."""
    bands = set(band_keys(sig))
    for key, other in candidates:
        if key != exclude and similarity(sig, other) >= THRESHOLD \
                and not bands.isdisjoint(band_keys(other)):
            return key
    return None


class NearDuplicateIndex:
    """Signatures held in memory, in the order they were added, with their band keys."""

    def __init__(self) -> None:
        self._bands: dict[int, list[str]] = {}
        self._signatures: dict[str, list[int]] = {}

    def add(self, key: str, sig: Sequence[int]) -> None:
        self.remove(key)
        self._signatures[key] = list(sig)
        for band in band_keys(sig):
            self._bands.setdefault(band, []).append(key)

    def remove(self, key: str) -> None:
        sig = self._signatures.pop(key, None)
        if sig is None:
            return
        for band in band_keys(sig):
            keys = self._bands[band]
            keys.remove(key)
            if not keys:
                del self._bands[band]

    def find(self, sig: Sequence[int], exclude: str = "") -> str | None:
        """The earliest added document that ``sig`` nearly duplicates, if any."""
        keys = {k for band in band_keys(sig) for k in self._bands.get(band, ())}
        return first_near_copy(sig, ((k, s) for k, s in self._signatures.items() if k in keys),
                               exclude)

    def __len__(self) -> int:
        return len(self._signatures)
