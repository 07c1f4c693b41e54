"""Where the service codes texts.

- ``ProcessCoding`` (what ``redline serve`` uses): worker processes, each loading the coder's
  models once, at start-up. Coding holds Python's interpreter lock for most of its time; in
  worker processes it does not hold the service's, so reads stay fast while texts are coded
  (in threads, reads waited for it: 154 of 200 requests/s answered; docs/PERFORMANCE.md).
  The workers run at a lower priority, so that where reads and coding want the same core,
  the reads go first.
- ``ThreadCoding``: threads of the service's own process, with resources it is handed
  (tests, and a library user's own app).

Both are called from a worker thread of the service (never on its event loop) and block
until the document is coded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from redline.coder import Coder, ResourceOptions, Resources
from redline.records import CodedDocument, Document

CODING_NICENESS = 10  # added to a coding worker's niceness (lower priority than the reads)


class CodingUnavailable(RuntimeError):
    """The coder cannot code now (a worker process died; it is being restarted); one line."""


class CodingBackend(Protocol):
    def start(self) -> None:
        """Load the models (blocks until they are loaded; nothing when started already);
        raises ``CodingUnavailable`` with a one-line reason when they cannot be."""

    def code(self, document: Document) -> CodedDocument: ...

    def close(self) -> None: ...


class ThreadCoding:
    """Coding in the calling thread, with resources loaded once by ``loader`` (a coder of
    its own for each text: a ``Coder`` keeps state between calls and jobs may run side by
    side)."""

    def __init__(self, loader: Callable[[], Resources]) -> None:
        self._loader = loader
        self._resources: Resources | None = None

    def start(self) -> None:
        if self._resources is None:
            self._resources = self._loader()

    def code(self, document: Document) -> CodedDocument:
        if self._resources is None:
            raise CodingUnavailable("the coder is not loaded")
        return Coder(self._resources).code_document(document)

    def close(self) -> None:
        self._resources = None


class ProcessCoding:
    """Coding in ``workers`` processes (started with ``spawn``: a forked copy of a process
    with threads and loaded native libraries is not safe)."""

    def __init__(self, options: ResourceOptions, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("at least one worker process")
        self.options = options
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._pool is not None:  # started already (the command line starts it first)
                return
            self._pool = self._new_pool()
        # every worker loads the models as it starts (its initializer); the pool starts a
        # process per task while fewer are idle, so these tasks start them all and wait for
        # the first to be ready (a later worker's own error is told by its first job)
        loading = [self._pool.submit(_loaded_or_error) for _ in range(self.workers)]
        try:
            errors = {future.result() for future in loading} - {""}
        except BrokenProcessPool:
            errors = {"a coding worker process died while loading the models"}
        if errors:
            self.close()
            raise CodingUnavailable(sorted(errors)[0])

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_load_worker, initargs=(self.options,))

    def code(self, document: Document) -> CodedDocument:
        pool = self._pool
        if pool is None:
            raise CodingUnavailable("the coder is not running")
        try:
            return pool.submit(_code_in_worker, document).result()
        except BrokenProcessPool:
            with self._lock:  # one caller restarts it; the others find it restarted
                if self._pool is pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                    self._pool.submit(_loaded_or_error)  # its workers start loading now
            raise CodingUnavailable("a coding worker process died; it is being restarted"
                                    ) from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# -- in the worker process ---------------------------------------------------------------

_worker: dict[str, object] = {}


def _load_worker(options: ResourceOptions) -> None:
    """The worker's initializer: load the models once. Never raises (an initializer that
    raises breaks the whole pool with a traceback on stderr): an error is kept and told."""
    # Ctrl+C reaches the whole process group: the service shuts the pool down itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_the_service()
    # reads are answered in milliseconds, a text is coded in tenths of a second: where the
    # two want the same core, the reads go first (alone, coding gets every core it uses)
    with contextlib.suppress(OSError):
        os.nice(CODING_NICENESS)
    from redline.actors.lexicon import ActorDataError
    from redline.events.lexicon import LexiconDataError
    from redline.nlp.pipeline import ModelNotInstalledError

    try:
        _worker["coder"] = Coder(Resources.load(**options.as_kwargs()))
    except (ActorDataError, LexiconDataError, ModelNotInstalledError, OSError) as exc:
        _worker["error"] = " ".join(str(exc).split())


def _exit_with_the_service() -> None:
    """End this worker when the service's process ends, however it ends: killed (the
    out-of-memory killer, SIGKILL), it cannot shut its pool down, and a worker would wait
    for work forever, holding its models' memory."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-the-service", daemon=True).start()


def _loaded_or_error() -> str:
    return str(_worker.get("error", ""))


def _code_in_worker(document: Document) -> CodedDocument:
    coder = _worker.get("coder")
    if not isinstance(coder, Coder):
        raise CodingUnavailable(str(_worker.get("error", "the coder is not loaded")))
    return coder.code_document(document)
