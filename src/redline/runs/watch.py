"""``redline watch``: poll RSS/Atom feeds and folders, ingest what is new, raise alerts.

Each poll takes the sources that are due: a feed (an ``http(s)`` URL) is fetched with
urllib (``timeout`` seconds; ``If-None-Match``/``If-Modified-Since`` from the last answer,
so an unchanged feed is a ``304``) and read as a ``.xml`` feed file is
(``ingest.readers.read_feed_data``); a folder (or file) is read with the readers of
``redline ingest``, only its files whose size or modification time changed. The
documents not already seen unchanged are ingested (one run per source, each batch in one
transaction; documents already stored are skipped by the planner), then every alert source
(``runs/alerts.py``) looks at the events stored since the last check.

A source that fails (connection refused, an HTTP error, a timeout, a feed that is not a
feed, a missing folder) is reported in one line and retried after ``backoff_delay``
(``BACKOFF_BASE_S`` doubled per failure in a row, at most ``BACKOFF_CAP_S``); the others go
on. A source that works is polled again ``every`` seconds later.

State (``<db>.watch.json`` beside the store, replaced atomically after each source): per
source the validators (ETag, Last-Modified), the documents of its last answer (key -> text
hash) or the files read (size, mtime), the failures in a row, the next try and the
problems already reported; the time up to which stored documents have been checked for
alerts; the ids of the alerts raised. The source's state is saved only after its documents
are stored, so a watch stopped mid-poll fetches that source again and the planner skips what
was stored: nothing is lost or repeated. An alert is appended to the alerts file (JSONL)
before its id is saved, and the ids in that file count as raised, so a restart never raises
an alert twice (a webhook POST cut off by a kill in between is not sent again).

Time is ``clock()`` (seconds since the epoch) and waiting is ``sleep(seconds)``, both given,
so the loop is tested without waiting.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from http.client import HTTPException
from pathlib import Path

import duckdb

from redline import __version__
from redline.coder import Coder, Resources
from redline.ingest.readers import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    InputError,
    input_files,
    read_feed_data,
    read_inputs,
)
from redline.output.terminal import one_line
from redline.records import Document
from redline.runs.alerts import ALERT_SOURCES, Alert, AlertSource
from redline.runs.local import ingest_items
from redline.store.rows import doc_key, text_hash
from redline.store.schema import StoreError, close, connect
from redline.store.writer import StoreWriter

DEFAULT_EVERY_S = 15 * 60
DEFAULT_TIMEOUT_S = 30.0
WEBHOOK_TIMEOUT_S = 10.0
BACKOFF_BASE_S = 30.0
BACKOFF_CAP_S = 3600.0
MAX_REPORTED = 200  # problems remembered per source (so each is said once)
FETCH_THREADS = 8
_MARKUP_FACTOR = 10  # a feed may be ten times the document limit, as a feed file
_EVERY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600}
MAX_EVERY_S = 7 * 24 * 3600
EMPTY_FEED = "feed has no entries"  # the feed reader's message

Say = Callable[[str], None]


class WatchError(ValueError):
    """A bad option (``--every``, a source, ``--webhook``); the message is one line."""


# --- pure pieces: the interval, the backoff, sources ---------------------------------------


def parse_every(text: str) -> float:
    """``30s``, ``15m``, ``1h`` (or plain seconds) in seconds, from 1 s to 7 days."""
    match = _EVERY.fullmatch(text)
    if not match:
        raise WatchError(f"--every must be a duration such as 30s, 15m or 1h (got {text!r})")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if not 1 <= seconds <= MAX_EVERY_S:
        raise WatchError(f"--every must be between 1s and 168h (got {text!r})")
    return seconds


def backoff_delay(failures: int, base: float = BACKOFF_BASE_S, cap: float = BACKOFF_CAP_S
                  ) -> float:
    """Seconds to wait after ``failures`` failures in a row (at least 1): ``base``,
    doubled per further failure, at most ``cap``."""
    if failures < 1:
        return 0.0
    return float(min(cap, base * 2.0 ** min(failures - 1, 62)))


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def check_source(source: str) -> None:
    """A feed URL or a local path; any other scheme is refused."""
    if not source.strip():
        raise WatchError("a source is empty")
    if "://" in source and not is_url(source):
        raise WatchError(f"{source}: only http:// and https:// feeds can be watched")


def check_webhook(url: str) -> None:
    if not is_url(url):
        raise WatchError(f"--webhook must be an http:// or https:// URL (got {url!r})")


# --- state ------------------------------------------------------------------------------------


@dataclass
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    seen: dict[str, str] = field(default_factory=dict)  # feed: doc key -> text hash
    files: dict[str, list[int]] = field(default_factory=dict)  # folder: path -> size, mtime
    failures: int = 0
    next_try: float = 0.0
    last_error: str | None = None
    reported: list[str] = field(default_factory=list)

    def say_once(self, message: str) -> bool:
        """Whether ``message`` is new for this source (then it is remembered)."""
        if message in self.reported:
            return False
        self.reported = [*self.reported, message][-MAX_REPORTED:]
        return True


@dataclass
class WatchState:
    sources: dict[str, SourceState] = field(default_factory=dict)
    checked_through: str | None = None  # ISO time: stored documents up to it are checked
    alerts: list[str] = field(default_factory=list)  # ids of the alerts raised

    @classmethod
    def load(cls, path: Path) -> WatchState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise StoreError(one_line(f"{path}: cannot read the watch state ({exc})")) from None
        known = SourceState.__dataclass_fields__
        return cls(
            sources={k: SourceState(**{f: v for f, v in s.items() if f in known})
                     for k, s in data.get("sources", {}).items()},
            checked_through=data.get("checked_through"),
            alerts=list(data.get("alerts", [])))

    def save(self, path: Path) -> None:
        """Write beside ``path`` and move into place: the old state or the new, never half."""
        scratch = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        payload = {"sources": {k: asdict(s) for k, s in self.sources.items()},
                   "checked_through": self.checked_through, "alerts": self.alerts}
        with open(scratch, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, path)


def state_path(db: Path) -> Path:
    return db.with_name(db.name + ".watch.json")


def default_alerts_path(db: Path) -> Path:
    return db.with_name(db.stem + "-alerts.jsonl")


# --- fetching ---------------------------------------------------------------------------------


@dataclass
class Fetched:
    """One source's answer: its documents and problems, or why it failed."""

    source: str
    items: list[Document | InputError] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    files: dict[str, list[int]] | None = None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}".strip()
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
        if isinstance(exc, str):
            return exc
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return one_line(str(exc)) or type(exc).__name__


def fetch_feed(url: str, state: SourceState, timeout: float, max_document_bytes: int,
               today: datetime) -> Fetched:
    """GET the feed (conditional on the last answer's validators) and read its entries."""
    headers = {"User-Agent": f"redline/{__version__} (redline watch)",
               "Accept": "application/rss+xml, application/atom+xml, application/xml, "
                         "text/xml;q=0.9, */*;q=0.5"}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    cap = _MARKUP_FACTOR * max_document_bytes
    try:
        request = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(cap + 1)
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, not_modified=True, etag=state.etag,
                           last_modified=state.last_modified)
        return Fetched(url, error=_reason(exc))
    except (urllib.error.URLError, OSError, HTTPException, ValueError) as exc:
        # a timeout while reading is a TimeoutError (an OSError); HTTPException: a broken
        # answer; ValueError: a URL urllib cannot use
        return Fetched(url, error=_reason(exc))
    items = list(read_feed_data(data, url, today.date(),
                                max_document_bytes=max_document_bytes))
    if len(items) == 1 and isinstance(items[0], InputError) and items[0].origin == url:
        if items[0].message == EMPTY_FEED:  # a feed with nothing in it now is no failure
            return Fetched(url, etag=etag, last_modified=modified)
        return Fetched(url, error=items[0].message)  # the whole feed is unusable
    return Fetched(url, items=items, etag=etag, last_modified=modified)


def _folder_files(root: str) -> dict[str, list[int]]:
    """The input files of a folder as ``redline ingest`` finds them (hidden ones skipped),
    each with its size and modification time."""
    found: dict[str, list[int]] = {}
    paths = list(input_files(root)) if os.path.isdir(root) else [root]
    for path in paths:
        with suppress(OSError):
            info = os.stat(path)
            found[path] = [info.st_size, info.st_mtime_ns]
    return found


def scan_folder(root: str, state: SourceState, max_document_bytes: int, today: datetime
                ) -> Fetched:
    """The documents of the files of ``root`` that are new or changed since the last poll."""
    if not os.path.exists(root):
        return Fetched(root, error="no such file or folder")
    files = _folder_files(root)
    changed = [p for p, sig in sorted(files.items()) if state.files.get(p) != sig]
    items = list(read_inputs(changed, today.date(), max_document_bytes=max_document_bytes)
                 ) if changed else []
    return Fetched(root, items=items, files=files)


# --- alerts -----------------------------------------------------------------------------------


class AlertSink:
    """Where alerts go: a line through ``say``, a JSON line appended to ``path`` (flushed
    to disk), and a POST of the JSON to ``webhook`` when given (failures are said, never
    raised)."""

    def __init__(self, path: Path, say: Say, warn: Say, webhook: str | None = None,
                 webhook_timeout: float = WEBHOOK_TIMEOUT_S) -> None:
        self.path = path
        self.say = say
        self.warn = warn
        self.webhook = webhook
        self.webhook_timeout = webhook_timeout

    def raised_before(self) -> set[str]:
        """The ids of the alerts already in the alerts file."""
        ids: set[str] = set()
        with suppress(OSError), open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                with suppress(ValueError, AttributeError):
                    ids.add(json.loads(line).get("id"))
        return ids

    def raise_alert(self, alert: Alert) -> None:
        record = alert.to_dict()
        line = json.dumps(record, ensure_ascii=False, default=str)
        try:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            self.warn(f"{self.path}: cannot write the alert ({_reason(exc)})")
        self.say(f"ALERT {alert.summary}")
        if self.webhook:
            self.post(line.encode("utf-8"))

    def post(self, body: bytes) -> None:
        assert self.webhook is not None
        request = urllib.request.Request(self.webhook, data=body, method="POST", headers={
            "Content-Type": "application/json", "User-Agent": f"redline/{__version__}"})
        try:
            with urllib.request.urlopen(request, timeout=self.webhook_timeout):  # noqa: S310
                pass
        except (urllib.error.URLError, OSError, HTTPException, ValueError) as exc:
            self.warn(f"webhook {self.webhook}: {_reason(exc)}")


# --- the watcher ------------------------------------------------------------------------------


@dataclass
class PollResult:
    polled: int = 0
    failed: list[str] = field(default_factory=list)
    documents_new: int = 0
    events: int = 0
    alerts: list[Alert] = field(default_factory=list)


class Watcher:
    """Polls ``sources`` into the store ``db``. ``resources`` are loaded once by the caller
    (None: coding is not needed, as when every source fails). ``say`` tells what was
    ingested, ``warn`` what failed, ``shout`` (default ``say``) the alerts."""

    def __init__(
        self,
        sources: Sequence[str],
        db: Path,
        resources: Resources | None,
        *,
        every: float = DEFAULT_EVERY_S,
        timeout: float = DEFAULT_TIMEOUT_S,
        alerts_path: Path | None = None,
        webhook: str | None = None,
        webhook_timeout: float = WEBHOOK_TIMEOUT_S,
        say: Say = print,
        warn: Say = print,
        shout: Say | None = None,
        alert_sources: Sequence[AlertSource] = ALERT_SOURCES,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        backoff_base: float = BACKOFF_BASE_S,
        backoff_cap: float = BACKOFF_CAP_S,
        max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
        prefilter: bool = True,
    ) -> None:
        for source in sources:
            check_source(source)
        self.sources = list(dict.fromkeys(sources))
        self.db = db
        self.resources = resources
        self.every = every
        self.timeout = timeout
        self.say, self.warn = say, warn
        self.alert_sources = list(alert_sources)
        self.clock, self.sleep = clock, sleep
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self.max_document_bytes = max_document_bytes
        self.prefilter = prefilter
        self.state_path = state_path(db)
        self.state = WatchState.load(self.state_path)
        self.sink = AlertSink(alerts_path or default_alerts_path(db), shout or say, warn,
                              webhook, webhook_timeout)
        self.raised = set(self.state.alerts) | self.sink.raised_before()
        self._coder: Coder | None = None

    def source_state(self, source: str) -> SourceState:
        return self.state.sources.setdefault(source, SourceState())

    @property
    def coder(self) -> Coder:
        if self._coder is None:
            if self.resources is None:
                raise RuntimeError("the watcher was given no resources to code with")
            self._coder = Coder(self.resources, prefilter=self.prefilter)
        return self._coder

    # the loop

    def run(self, once: bool = False, polls: int | None = None) -> PollResult:
        """Poll until stopped (``once``: every source once, due or not; ``polls``: stop
        after that many polls, for tests). Returns the last poll's result."""
        if once:
            return self.poll(everything=True)
        done = 0
        while True:
            result = self.poll()
            done += 1
            if polls is not None and done >= polls:
                return result
            self.sleep(self.seconds_to_next())

    def seconds_to_next(self) -> float:
        now = self.clock()
        due = min((self.source_state(s).next_try for s in self.sources), default=now)
        return max(0.0, due - now)

    def poll(self, everything: bool = False) -> PollResult:
        """Fetch the sources that are due (``everything``: all), ingest what is new, check
        for alerts; save the state after each source."""
        now = self.clock()
        due = [s for s in self.sources
               if everything or self.source_state(s).next_try <= now]
        result = PollResult(polled=len(due))
        fetched = self._fetch(due, datetime.fromtimestamp(now, UTC))
        try:
            con = connect(self.db)
        except StoreError as exc:  # locked by another process: nothing is marked done
            self.warn(one_line(f"{exc} (retrying at the next poll)"))
            for source in due:
                self.source_state(source).next_try = now + backoff_delay(
                    1, self.backoff_base, self.backoff_cap)
            result.failed = list(due)
            return result
        try:
            if self.state.checked_through is None:
                # the first poll of this store: what it held before is history, not news
                first = _latest_ingest(con) or datetime(1970, 1, 1)
                self.state.checked_through = first.isoformat()
            for answer in fetched:
                self._take(con, answer, now, result)
                self.state.save(self.state_path)
            self._check_alerts(con, result)
        finally:
            close(con)
        return result

    def _fetch(self, sources: Sequence[str], today: datetime) -> list[Fetched]:
        feeds = [s for s in sources if is_url(s)]
        answers: dict[str, Fetched] = {}
        if feeds:
            with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, len(feeds))) as pool:
                for answer in pool.map(lambda url: fetch_feed(
                        url, self.source_state(url), self.timeout, self.max_document_bytes,
                        today), feeds):
                    answers[answer.source] = answer
        for source in sources:
            if source not in answers:
                answers[source] = scan_folder(source, self.source_state(source),
                                              self.max_document_bytes, today)
        return [answers[s] for s in sources]

    def _take(self, con: duckdb.DuckDBPyConnection, answer: Fetched, now: float,
              result: PollResult) -> None:
        source = answer.source
        state = self.source_state(source)
        if answer.error is not None:
            self._failed(source, state, answer.error, now, result)
            return
        fresh: list[Document | InputError] = []
        seen: dict[str, str] = {}
        for item in answer.items:
            if isinstance(item, InputError):
                if state.say_once(str(item)):
                    self.warn(f"error: {item}")
                continue
            key, digest = doc_key(item), text_hash(item.text)
            seen[key] = digest
            if state.seen.get(key) != digest:
                fresh.append(item)
        if fresh:
            try:
                counts = ingest_items(fresh, self.db, self.coder, StoreWriter(con),
                                      arguments=["watch", source], engine="watch").counts
            except StoreError as exc:  # a full disk: tried again, nothing marked done
                self._failed(source, state, one_line(str(exc)), now, result)
                return
            result.documents_new += counts.documents_new
            result.events += counts.events
            if counts.documents_new or counts.documents_duplicate:
                self.say(one_line(
                    f"{source}: {counts.documents_new} documents new, "
                    f"{counts.documents_duplicate} near duplicates, {counts.events} events, "
                    f"{counts.commitments} commitments"))
        if state.failures:
            self.say(one_line(f"{source}: back after {state.failures} failures"))
        if answer.files is not None:
            state.files = answer.files
        else:
            state.seen = seen if not answer.not_modified else state.seen
            state.etag, state.last_modified = answer.etag, answer.last_modified
        state.failures, state.last_error = 0, None
        state.next_try = now + self.every

    def _failed(self, source: str, state: SourceState, reason: str, now: float,
                result: PollResult) -> None:
        state.failures += 1
        delay = backoff_delay(state.failures, self.backoff_base, self.backoff_cap)
        state.next_try = now + delay
        state.last_error = reason
        result.failed.append(source)
        self.warn(one_line(f"{source}: {reason} (failure {state.failures} in a row; "
                           f"retrying in {_duration(delay)})"))

    def _check_alerts(self, con: duckdb.DuckDBPyConnection, result: PollResult) -> None:
        """Run the alert sources on the events of the documents stored since the last
        check; raise the alerts not raised before."""
        since = datetime.fromisoformat(self.state.checked_through or "1970-01-01")
        ids = [i for (i,) in con.execute(
            "SELECT e.id FROM events e JOIN documents d ON e.doc_key = d.doc_key "
            "WHERE d.ingested_at > ? ORDER BY e.id", [since]).fetchall()]
        if ids:
            for source in self.alert_sources:
                try:
                    alerts = source(con, ids)
                except duckdb.Error as exc:
                    self.warn(one_line(f"alerts: {getattr(source, '__name__', source)} "
                                       f"failed ({exc})"))
                    continue
                for alert in alerts:
                    if alert.id in self.raised:
                        continue
                    self.sink.raise_alert(alert)
                    self.raised.add(alert.id)
                    self.state.alerts.append(alert.id)
                    result.alerts.append(alert)
        top = _latest_ingest(con)
        if top is not None:
            self.state.checked_through = max(since, top).isoformat()
        self.state.save(self.state_path)


def _latest_ingest(con: duckdb.DuckDBPyConnection) -> datetime | None:
    row = con.execute("SELECT max(ingested_at) FROM documents").fetchone()
    return row[0] if row else None


def _duration(seconds: float) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{int(seconds // 3600)}h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)}m"
    return f"{seconds:g}s"
