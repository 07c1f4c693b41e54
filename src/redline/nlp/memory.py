"""Keep the resident size from creeping up over a long run.

Parsing and the classifier allocate and free many buffers of varying size; glibc keeps the
freed pages in its arenas, so a long ingest's resident size creeps up with every new largest
batch although nothing is live. Every few chunks of documents ``malloc_trim`` gives the
free pages back (measured in ``bench/ingest.py``; elsewhere than glibc it does nothing).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any


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
