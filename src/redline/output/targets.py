"""Where a command may write: never onto what it reads, never over a file unasked.

Every command that writes files (``code --out``, ``export --out``, ``eval --predictions``)
checks each target with a :class:`TargetGuard` before writing it:

- a target that resolves to one of the command's inputs (the files it reads, the store it
  exports, the gold file it scores) is refused, ``--force`` or not; so is a target inside
  an input folder that the folder's reader would take as input;
- an existing file is overwritten only with ``--force``; a folder is never a file target.

Files are then written beside the target and moved into place when complete, so a failed
or interrupted run leaves the old file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from redline.output.terminal import one_line


class TargetError(ValueError):
    """A target that must not be written; the message is one line naming it."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class TargetGuard:
    """The checks for one command's targets.

    ``inputs`` are the files and folders the command reads; ``read_as_input`` says whether
    a file in an input folder would be read (by its name); ``companions`` are suffixes of
    files that belong to an input (DuckDB's ``.wal``, which DuckDB would replay into the
    store whether it exists now or not)."""

    inputs: tuple[Path, ...] = ()
    force: bool = False
    read_as_input: Callable[[str], bool] = field(default=lambda name: False)
    companions: tuple[str, ...] = ()

    def check(self, target: Path) -> None:
        """Raise :class:`TargetError` when ``target`` must not be written."""
        shown = one_line(str(target))
        for source in self.inputs:
            protected = [source, *(source.with_name(source.name + s) for s in self.companions)]
            if any(target.resolve() == p.resolve() or (p.exists() and _same_file(target, p))
                   for p in protected):
                raise TargetError(f"{shown}: is an input of this command; refusing to "
                                  "write over it (choose another output)")
            if (source.is_dir() and _inside(target, source)
                    and self.read_as_input(target.name)):
                raise TargetError(f"{shown}: is inside the input folder "
                                  f"{one_line(str(source))} and would be read as input; "
                                  "choose an output outside it")
        if target.is_dir():
            raise TargetError(f"{shown}: is a directory; give a file name")
        if target.exists() and not self.force:
            raise TargetError(f"{shown}: exists; use --force to overwrite it")

    def check_all(self, targets: Iterable[Path]) -> None:
        for target in targets:
            self.check(target)


def _prepare_folder(target: Path) -> None:
    shown = one_line(str(target.parent))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise TargetError(f"{shown}: exists and is not a directory") from None
    except OSError as exc:
        raise TargetError(f"{shown}: cannot create the folder "
                          f"({one_line(exc.strerror or type(exc).__name__).lower()})") from None


@contextmanager
def replacing(target: Path, guard: TargetGuard) -> Iterator[IO[str]]:
    """A text file to write ``target`` through: checked by ``guard``, written beside it and
    moved into place only when the block ends without an error."""
    with _replacing(target, guard, binary=False) as handle:
        yield handle


def write_replacing(target: Path, data: str | bytes, guard: TargetGuard | None = None) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``target`` as :func:`replacing` does;
    without a ``guard`` an existing file is replaced (the caller has checked it)."""
    with _replacing(target, guard or TargetGuard(force=True),
                    binary=isinstance(data, bytes)) as handle:
        handle.write(data)


@contextmanager
def _replacing(target: Path, guard: TargetGuard, *, binary: bool) -> Iterator[IO[Any]]:
    guard.check(target)
    _prepare_folder(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        handle = open(tmp, "wb" if binary else "w", **text)  # noqa: SIM115
    except OSError as exc:
        raise TargetError(f"{one_line(str(target))}: cannot write "
                          f"({one_line(exc.strerror or type(exc).__name__).lower()})") from None
    try:
        with handle:
            yield handle
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
