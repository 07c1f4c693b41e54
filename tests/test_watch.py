"""``redline watch``: feeds served from 127.0.0.1, failures and backoff, restarts, alerts."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from redline.runs.alerts import Alert
from redline.runs.watch import (
    SourceState,
    Watcher,
    WatchError,
    WatchState,
    backoff_delay,
    default_alerts_path,
    parse_every,
    state_path,
)
from tests.conftest import rows, run_cli

THREAT = ("If South Korea sends weapons to Ukraine, Russia will respond, the Kremlin warned "
          "on Monday.")
CROSSING = "South Korea sent weapons to Ukraine on Tuesday, officials in Seoul said."
OTHER = ("The foreign ministers of France and Germany met in Paris on Tuesday to discuss the "
         "war in Ukraine.")


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS 2.0 feed of (guid, date, text) items."""
    body = "".join(
        f"<item><title>t {guid}</title><guid>{guid}</guid><link>https://news.test/{guid}</link>"
        f"<pubDate>{day}</pubDate><description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        for guid, day, text in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
            f"{body}</channel></rss>").encode()


def atom(*entries: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<entry><id>{eid}</id><title>t</title><updated>{day}</updated>"
        f'<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry>'
        for eid, day, text in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom wire</title><id>urn:wire</id><updated>2024-06-04T00:00:00Z</updated>"
            f"{body}</feed>").encode()


@dataclass
class Site:
    """What the test server answers: path -> (status, body, etag); '/slow' sleeps."""

    pages: dict[str, tuple[int, bytes, str | None]] = field(default_factory=dict)
    posted: list[dict[str, Any]] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            state.gets.append(self.path)
            if self.path == "/slow":
                state.release.wait(30)  # beyond the client's timeout, until the test ends
                return
            status, body, etag = state.pages.get(self.path, (404, b"not found", None))
            if etag is not None and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            if etag is not None:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            state.posted.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


# --- pure pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600),
                                           ("45", 45), ("1.5h", 5400), ("2M", 120)])
def test_every_accepts_seconds_minutes_hours(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "15x", "m", "-5m", "0s", "200h", "1h30m"])
def test_every_refuses_anything_else(text: str) -> None:
    with pytest.raises(WatchError, match="--every"):
        parse_every(text)


def test_backoff_doubles_up_to_the_cap() -> None:
    assert [backoff_delay(n, 30, 600) for n in range(0, 8)] == [
        0, 30, 60, 120, 240, 480, 600, 600]
    assert backoff_delay(10_000, 30, 3600) == 3600  # no overflow


def test_failing_source_is_retried_with_backoff_on_an_injected_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    lines: list[str] = []
    url = closed_port_url()
    watcher = Watcher([url], tmp_path / "s.duckdb", None, every=900, timeout=2,
                      say=lines.append, warn=lines.append, clock=clock, sleep=clock.sleep,
                      backoff_base=30, backoff_cap=100)
    watcher.run(polls=4)
    state = watcher.source_state(url)
    # polled at t, t+30, t+90, t+190: waits of 30, 60, then 100 (the cap)
    assert clock.slept == [30, 60, 100]
    assert state.failures == 4 and state.next_try == clock.now + 100
    assert len(lines) == 4 and all(line.startswith(url) for line in lines)
    assert "failure 4 in a row; retrying in 100s" in lines[-1]
    # not yet due: a poll now fetches nothing
    clock.now += 50
    assert watcher.poll().polled == 0
    # the state survives a restart: the next try is kept
    again = Watcher([url], tmp_path / "s.duckdb", None, clock=clock, sleep=clock.sleep)
    assert again.source_state(url).failures == 4
    assert again.seconds_to_next() == 50


def test_state_file_round_trip_and_default_paths(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    state = WatchState(sources={"x": SourceState(etag='"a"', failures=2, next_try=5.0)},
                       checked_through="2024-06-04T00:00:00", alerts=["abc"])
    state.save(state_path(db))
    assert state_path(db).name == "news.duckdb.watch.json"
    assert default_alerts_path(db) == tmp_path / "news-alerts.jsonl"
    loaded = WatchState.load(state_path(db))
    assert loaded == state
    assert [p.name for p in tmp_path.iterdir()] == ["news.duckdb.watch.json"]  # no scratch


def test_alert_record() -> None:
    alert = Alert("red_line_crossed", "id1", "2024-06-04", "red line crossed: x", {"k": 1})
    assert alert.to_dict() == {"record": "alert", "kind": "red_line_crossed", "id": "id1",
                               "date": "2024-06-04", "summary": "red line crossed: x", "k": 1}


# --- with the coder (lexicon only) ------------------------------------------------------------


def test_good_feeds_ingested_bad_ones_reported(site: Site, tmp_path: Path,
                                               resources: Any) -> None:
    site.pages["/good.xml"] = (200, rss(("a1", "Mon, 03 Jun 2024 10:00:00 GMT", OTHER)), '"v1"')
    site.pages["/atom.xml"] = (200, atom(("urn:b1", "2024-06-04T08:00:00Z", CROSSING)), None)
    site.pages["/error.xml"] = (500, b"oops", None)
    site.pages["/broken.xml"] = (200, b"<?xml version='1.0'?><rss><channel><item>", None)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text(OTHER.replace("Paris", "Berlin"), encoding="utf-8")
    refused = closed_port_url()
    sources = [site.url("/good.xml"), site.url("/error.xml"), refused, site.url("/slow"),
               site.url("/broken.xml"), site.url("/atom.xml"), str(folder)]
    lines: list[str] = []
    db = tmp_path / "store.duckdb"

    def watcher() -> Watcher:
        return Watcher(sources, db, resources, timeout=0.5, say=lines.append,
                       warn=lines.append)

    result = watcher().run(once=True)
    assert sorted(result.failed) == sorted([site.url("/error.xml"), refused, site.url("/slow"),
                                            site.url("/broken.xml")])
    said = "\n".join(lines)
    assert f"{site.url('/error.xml')}: HTTP 500" in said
    assert f"{refused}: connection refused" in said
    assert f"{site.url('/slow')}: timed out" in said
    assert f"{site.url('/broken.xml')}: not a valid RSS/Atom feed" in said
    stored = rows(db, "SELECT id, source FROM documents ORDER BY id")
    assert [r[0] for r in stored] == ["a1", "one", "urn:b1"]
    assert result.documents_new == 3

    # a restart: nothing new, nothing stored twice; the good feed answers 304
    lines.clear()
    again = watcher().run(once=True)
    assert again.documents_new == 0 and not again.alerts
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]
    assert not any("documents new" in line for line in lines)
    runs = rows(db, "SELECT count(*) FROM runs WHERE engine = 'watch'")
    assert runs == [(3,)]  # one run per source that had something new, the first time


def test_crossing_raises_one_alert_to_file_and_webhook(site: Site, tmp_path: Path,
                                                       resources: Any) -> None:
    feed = site.url("/feed.xml")
    site.pages["/feed.xml"] = (200, rss(("t1", "Mon, 03 Jun 2024 09:00:00 GMT", THREAT)), None)
    db = tmp_path / "store.duckdb"
    alerts_file = tmp_path / "alerts.jsonl"
    shouted: list[str] = []

    def watch() -> Any:
        return Watcher([feed], db, resources, timeout=5, alerts_path=alerts_file,
                       webhook=site.url("/hook"), say=lambda _: None, warn=shouted.append,
                       shout=shouted.append).run(once=True)

    assert watch().alerts == []
    assert rows(db, "SELECT kind FROM commitments") == [("threat",)]
    site.pages["/feed.xml"] = (200, rss(("t2", "Tue, 04 Jun 2024 09:00:00 GMT", CROSSING),
                                        ("t1", "Mon, 03 Jun 2024 09:00:00 GMT", THREAT)), None)
    result = watch()
    assert [a.kind for a in result.alerts] == ["red_line_crossed"]
    records = [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert len(records) == 1
    record = records[0]
    assert record["kind"] == "red_line_crossed" and record["date"] == "2024-06-04"
    assert record["commitment_holder"] == ["RUS"] and record["commitment_kind"] == "threat"
    assert "KOR AID/weapons -> UKR" in record["summary"]
    assert site.posted == [record]
    assert shouted == [f"ALERT {record['summary']}"]
    # restarts: the same feed again, and a reprint of the crossing in a new item
    assert watch().alerts == []
    state = json.loads(state_path(db).read_text())
    state["alerts"] = []  # even with the state's memory lost, the alerts file remembers
    state["checked_through"] = "1970-01-01T00:00:00"
    state_path(db).write_text(json.dumps(state))
    assert watch().alerts == []
    assert len(alerts_file.read_text().splitlines()) == 1 and len(site.posted) == 1


def test_webhook_down_is_reported_not_fatal(site: Site, tmp_path: Path,
                                            resources: Any) -> None:
    site.pages["/feed.xml"] = (200, rss(
        ("t1", "Mon, 03 Jun 2024 09:00:00 GMT", THREAT),
        ("t2", "Tue, 04 Jun 2024 09:00:00 GMT", CROSSING)), None)
    lines: list[str] = []
    hook = closed_port_url()
    result = Watcher([site.url("/feed.xml")], tmp_path / "s.duckdb", resources, timeout=5,
                     webhook=hook, say=lines.append, warn=lines.append).run(once=True)
    assert len(result.alerts) == 1 and not result.failed
    assert any(line.startswith(f"webhook {hook}: connection refused") for line in lines)
    assert (tmp_path / "s-alerts.jsonl").read_text().count("\n") == 1


def test_folder_changes_are_read_and_old_files_not_reread(tmp_path: Path,
                                                          resources: Any) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    lines: list[str] = []

    def watch() -> Any:
        return Watcher([str(folder)], db, resources, say=lines.append,
                       warn=lines.append).run(once=True)

    assert watch().documents_new == 1
    (folder / "b.jsonl").write_text(json.dumps({"id": "b", "text": CROSSING,
                                                "date": "2024-06-04"}) + "\n", encoding="utf-8")
    assert watch().documents_new == 1
    state = json.loads(state_path(db).read_text())["sources"][str(folder)]
    assert sorted(Path(p).name for p in state["files"]) == ["a.txt", "b.jsonl"]
    assert watch().documents_new == 0
    assert rows(db, "SELECT count(*) FROM runs") == [(2,)]
    missing = Watcher([str(tmp_path / "nope")], db, resources, say=lines.append,
                      warn=lines.append).run(once=True)
    assert missing.failed == [str(tmp_path / "nope")]


def test_escalation_breakout(tmp_path: Path, resources: Any) -> None:
    from redline.runs.alerts import escalation_breakouts

    folder = tmp_path / "inbox"
    folder.mkdir()
    history = [{"id": f"h{i}", "date": date(2024, 5, 10 + 3 * i).isoformat(),
                "text": "Russia criticized Ukraine over the talks."} for i in range(5)]
    with (folder / "history.jsonl").open("w", encoding="utf-8") as handle:
        for doc in history:
            handle.write(json.dumps(doc) + "\n")
    db = tmp_path / "s.duckdb"
    quiet: list[str] = []
    Watcher([str(folder)], db, resources, say=quiet.append, warn=quiet.append).run(once=True)
    hostility = rows(db, "SELECT date, intensity FROM events WHERE asserted ORDER BY date")
    assert len(hostility) == 5 and all(i < 0 for _, i in hostility)
    burst = [{"id": f"b{i}", "date": "2024-06-01", "text": text} for i, text in enumerate([
        "Russian forces shelled Ukraine on Saturday.",
        "Russia attacked Ukraine with missiles.",
        "Russian troops bombed Ukrainian positions."])]
    with (folder / "burst.jsonl").open("w", encoding="utf-8") as handle:
        for doc in burst:
            handle.write(json.dumps(doc) + "\n")
    result = Watcher([str(folder)], db, resources, say=quiet.append,
                     warn=quiet.append).run(once=True)
    breakouts = [a for a in result.alerts if a.kind == "escalation_breakout"]
    assert [(a.details["actor"], a.details["recipient"], a.date) for a in breakouts] == [
        ("RUS", "UKR", "2024-06-01")]
    assert breakouts[0].details["z"] > 2
    # the history alone breaks nothing out (too few active days before its last day)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = [i for (i,) in con.execute(
            "SELECT id FROM events WHERE doc_key LIKE 'id:h%'").fetchall()]
        assert escalation_breakouts(con, ids) == []
    finally:
        con.close()


# --- the command line -------------------------------------------------------------------------


def test_cli_once_twice(site: Site, tmp_path: Path) -> None:
    site.pages["/feed.xml"] = (200, rss(
        ("t1", "Mon, 03 Jun 2024 09:00:00 GMT", THREAT),
        ("t2", "Tue, 04 Jun 2024 09:00:00 GMT", CROSSING)), None)
    site.pages["/down.xml"] = (503, b"", None)
    db = tmp_path / "cli.duckdb"
    args = ("watch", site.url("/feed.xml"), site.url("/down.xml"), "--db", str(db), "--once",
            "--no-classifier", "--timeout", "5", "--webhook", site.url("/hook"))
    first = run_cli(*args)
    err = first.stderr.decode()
    assert first.returncode == 1, err  # a source failed
    assert f"error: {site.url('/down.xml')}: HTTP 503" in err
    assert "2 documents new" in err
    assert first.stdout.decode().count("ALERT red line crossed") == 1
    alerts = tmp_path / "cli-alerts.jsonl"
    assert alerts.read_text().count("\n") == 1 and len(site.posted) == 1
    second = run_cli(*args)
    assert second.stdout == b"" and "0 documents new" in second.stderr.decode()
    assert alerts.read_text().count("\n") == 1 and len(site.posted) == 1
    assert rows(db, "SELECT count(*) FROM documents") == [(2,)]


@pytest.mark.parametrize("args, message", [
    (("--every", "soon"), "error: --every must be a duration such as 30s, 15m or 1h"),
    (("--webhook", "ftp://x"), "error: --webhook must be an http:// or https:// URL"),
    (("--timeout", "0"), "error: --timeout must be a positive number of seconds"),
])
def test_cli_bad_options_are_one_line(tmp_path: Path, args: tuple[str, ...],
                                      message: str) -> None:
    result = run_cli("watch", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), *args)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
    assert not (tmp_path / "s.duckdb").exists()


def test_stopped_mid_poll_loses_and_repeats_nothing(site: Site, tmp_path: Path,
                                                     resources: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.runs import watch as watch_module

    site.pages["/feed.xml"] = (200, rss(
        ("t1", "Mon, 03 Jun 2024 09:00:00 GMT", THREAT),
        ("t2", "Tue, 04 Jun 2024 09:00:00 GMT", CROSSING)), '"v1"')
    db = tmp_path / "s.duckdb"
    quiet: list[str] = []
    real = watch_module.ingest_items

    def killed_after_the_first(items: Any, *args: Any, **kwargs: Any) -> Any:
        real(list(items)[:1], *args, **kwargs)  # the first document's batch is written
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_module, "ingest_items", killed_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        Watcher([site.url("/feed.xml")], db, resources, say=quiet.append,
                warn=quiet.append).run(once=True)
    assert rows(db, "SELECT id FROM documents") == [("t1",)]
    monkeypatch.setattr(watch_module, "ingest_items", real)

    def killed_before_alerting(con: Any, ids: Any) -> list[Alert]:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # the rest stored, then stopped before the alerts
        Watcher([site.url("/feed.xml")], db, resources, say=quiet.append, warn=quiet.append,
                alert_sources=[killed_before_alerting]).run(once=True)
    assert rows(db, "SELECT id FROM documents ORDER BY id") == [("t1",), ("t2",)]
    result = Watcher([site.url("/feed.xml")], db, resources, say=quiet.append,
                     warn=quiet.append).run(once=True)
    assert result.documents_new == 0  # answered 304: the state was saved after storing
    assert [a.kind for a in result.alerts] == ["red_line_crossed"]
    assert rows(db, "SELECT count(*) FROM documents") == [(2,)]
    assert Watcher([site.url("/feed.xml")], db, resources, say=quiet.append,
                   warn=quiet.append).run(once=True).alerts == []


def test_empty_feed_is_no_failure(site: Site, tmp_path: Path) -> None:
    site.pages["/empty.xml"] = (200, b'<?xml version="1.0"?><rss version="2.0"><channel>'
                                     b"<title>quiet</title></channel></rss>", None)
    result = Watcher([site.url("/empty.xml")], tmp_path / "s.duckdb", None,
                     say=print, warn=print).run(once=True)
    assert result.failed == [] and result.polled == 1


def test_read_feed_data_checks_like_a_feed_file() -> None:
    from redline.ingest import InputError
    from redline.ingest.readers import read_feed_data

    url = "http://feeds.test/wire.xml"
    docs = list(read_feed_data(rss(("a", "Mon, 03 Jun 2024 09:00:00 GMT", OTHER)), url))
    assert [(d.id, d.date, d.origin, d.source) for d in docs] == [
        ("a", date(2024, 6, 3), f"{url}#1", "Test wire")]
    # decoded by its byte-order mark, as a feed file is
    utf16 = rss(("a", "Mon, 03 Jun 2024 09:00:00 GMT", OTHER)).decode().encode("utf-16")
    assert [d.id for d in read_feed_data(utf16, url)] == ["a"]
    for data, message in ((b"", "empty feed"), (b"\x00\x01binary", "binary"),
                          (b"x" * 2_000, "feed too large")):
        (item,) = read_feed_data(data, url, max_document_bytes=100)
        assert isinstance(item, InputError) and item.origin == url and message in item.message
