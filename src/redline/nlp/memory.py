"""Keep the resident size from creeping up over a long run.

Parsing and the classifier allocate and free many buffers of varying size; glibc keeps the
freed pages in its arenas, so a long ingest's resident size creeps up with every new largest
batch although nothing is live. Every few chunks of documents ``malloc_trim`` gives the
free pages back (measured in ``bench/ingest.py``; elsewhere than glibc it does nothing).

glibc also raises its mmap threshold each time a large block is freed: after the classifier's
first batch its 25 MB activation buffers came from the heap, where they stayed, fragmented,
until the next trim, and the peak rose with the largest batches a corpus happened to hold.
``fix_mmap_threshold`` pins the threshold so that buffers of 4 MiB and more are mapped and
returned as soon as they are freed (no slower, and the local engine's peak 17 MB lower on
the wire corpus; the local engine sets it, see ``runs/local.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any

M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
MMAP_THRESHOLD_BYTES = 4 * 2**20


@lru_cache(maxsize=1)
def _libc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> bool:
    """Return free heap pages to the system; True where that is supported."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


@lru_cache(maxsize=1)
def fix_mmap_threshold() -> bool:
    """Map blocks of ``MMAP_THRESHOLD_BYTES`` and more, for the rest of the process (once);
    True where that is supported."""
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
