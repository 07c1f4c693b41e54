"""A cache of the lexicons as built, so that a command starts without re-parsing their TSVs.

Building the actor and verb lexicons from their data files takes about a second; reading
them back from a pickle of the built objects takes a tenth of that. An entry is keyed by a
hash of everything it is built from: the bytes of the data files, the source of the modules
whose code builds or defines the objects, the Python version and this module's format
number, so an edited TSV or an edited loader makes a new entry (and the old one is removed).
Nothing is ever fetched: an entry is built here, on first use.

Where: ``$REDLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/redline``, else ``~/.cache/redline``.
``REDLINE_CACHE_DIR=off`` (or empty) turns the cache off. A folder that cannot be created
or written only costs the build time: a command never fails for the cache.

A pickle runs code when it is read, so an entry is read only from a folder and a file that
belong to the user and that no one else may write (POSIX); anything else is rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

FORMAT = 1  # raise when the way entries are written or keyed changes
ENV = "REDLINE_CACHE_DIR"
OFF = ("", "0", "off", "no", "false", "none")
SUFFIX = ".pickle"
STALE_SECONDS = 3600  # a temporary file this old is no one's any more

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return None if configured.strip().lower() in OFF else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return Path(base) / "redline"


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: building or unpickling hundreds of thousands of
    objects otherwise triggers collections that walk every object already loaded (spaCy,
    torch), which made reading a pickled lexicon three to four times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fingerprint(data: Iterable[bytes], modules: Iterable[ModuleType]) -> str:
    """A hash of the data and of the modules' source files (their bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    for module in modules:
        source = getattr(module, "__file__", None)
        digest.update(module.__name__.encode())
        if source:
            with suppress(OSError):
                digest.update(Path(source).read_bytes())
    for chunk in data:
        digest.update(len(chunk).to_bytes(8, "little"))
        digest.update(chunk)
    return digest.hexdigest()


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The object cached under ``name`` and ``key``, or ``build()`` (saved for next time).
    Each call returns an object of its own (callers may extend it)."""
    folder = cache_dir()
    path = folder / f"{name}-{key}{SUFFIX}" if folder is not None else None
    if path is not None:
        found = _read(path)
        if found is not None:
            return found
    with gc_paused():
        value = build()
    if path is not None:
        _write(path, value)
    return value


def _read(path: Path) -> Any | None:
    try:
        with path.open("rb") as handle:
            if not _private(handle.fileno()) or not _private_dir(path.parent):
                return None
            raw = handle.read()
    except OSError:
        return None
    try:
        with gc_paused():
            return pickle.loads(raw)
    except Exception:  # a truncated or foreign file: rebuilt and replaced
        return None


def _private(fd_or_path: int | Path) -> bool:
    """Owned by this user and writable by no one else (always true where there are no
    POSIX owners)."""
    if not hasattr(os, "getuid"):
        return True
    info = os.stat(fd_or_path)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _private_dir(folder: Path) -> bool:
    try:
        return _private(folder)
    except OSError:
        return False


def _write(path: Path, value: Any) -> None:
    """Write beside and move into place (readers never see half a file); then remove the
    entries of the same name with other keys. Failures are ignored."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_dir(path.parent):
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    name = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{name}-*{SUFFIX}"):
        if other != path and other.name.rsplit("-", 1)[0] == name:
            with suppress(OSError):
                other.unlink()
    # what a process killed while writing left behind
    for leftover in path.parent.glob(f".{name}-*{SUFFIX}.*"):
        with suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
