"""Writing export files atomically: each to a temporary file beside its target, moved into
place with ``os.replace`` only when the whole export succeeded, so a failed export never
leaves a half file (and, for the formats that write several files, never a mix of old and
new files)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

Guard = Callable[[Path], None]


def is_directory(out: str | os.PathLike[str]) -> bool:
    text = os.fspath(out)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def directory(out: str | os.PathLike[str]) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder}: exists and is not a directory")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Stage:
    """Temporary files beside their targets; :meth:`commit` moves them all into place."""

    def __init__(self, guard: Guard | None = None) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._guard = guard

    def path(self, target: Path) -> Path:
        if self._guard is not None:
            self._guard(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
        self._pending.append((tmp, target))
        return tmp

    @contextmanager
    def open_text(self, target: Path) -> Iterator[IO[str]]:
        tmp = self.path(target)
        with open(tmp, "x", encoding="utf-8", newline="") as handle:
            yield handle

    def commit(self) -> None:
        for tmp, target in self._pending:
            os.replace(tmp, target)
        self._pending.clear()

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()


@contextmanager
def staging(guard: Guard | None = None) -> Iterator[Stage]:
    stage = Stage(guard)
    try:
        yield stage
    except BaseException:
        stage.discard()
        raise
    try:
        stage.commit()
    except BaseException:
        stage.discard()
        raise
