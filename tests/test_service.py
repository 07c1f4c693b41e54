"""The HTTP service (``redline serve``): FastAPI's TestClient on a small store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from redline.service import ServiceLimits, create_app  # noqa: E402
from tests.conftest import EXAMPLES, run_cli  # noqa: E402
from tests.helpers import ingested  # noqa: E402

KEY_SENTENCE = ("Russian President Vladimir Putin has issued a stern warning to South Korea "
                "against supplying lethal weapons to Ukraine.")
TOKEN = "s3cret-token"
LIMITS = ServiceLimits(max_body_bytes=50_000, max_text_chars=20_000, max_page_size=5,
                       default_page_size=3)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("service") / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    return db


@pytest.fixture(scope="module")
def client(store: Path, resources: Any) -> Iterator[TestClient]:
    app = create_app(store, resources_loader=lambda: resources, limits=LIMITS)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = client.get("/events", params={**params, **({"cursor": cursor} if cursor
                                                            else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= LIMITS.max_page_size
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never end")


def _is_error(response: Any, status: int | tuple[int, ...]) -> None:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    assert "error" in response.json()


def test_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/code", "/documents", "/events", "/events/{event_id}", "/graph", "/redlines",
            "/scenario", "/brief"} <= set(paths)


def test_events_pages_cover_everything_without_overlap(client: TestClient,
                                                       store: Path) -> None:
    from tests.conftest import rows

    items = _all_events(client, limit=2)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    stored = {r[0] for r in rows(store, "SELECT id FROM events")}
    assert set(ids) == stored
    assert len(stored) > 2  # more than one page
    default = client.get("/events").json()
    assert len(default["items"]) == LIMITS.default_page_size


def test_events_filters(client: TestClient) -> None:
    threats = _all_events(client, actor="RUS", recipient="KOR", type="THREATEN")
    assert threats
    for item in threats:
        assert item["event"] == "THREATEN"
        assert any(a["code"].startswith("RUS") for a in item["actor"])
        assert any(a["code"].startswith("KOR") for a in item["recipient"])
    assert any(item["sentence"] == KEY_SENTENCE for item in threats)
    asserted = _all_events(client, asserted="true")
    assert all(item["asserted"] for item in asserted)
    quad = _all_events(client, quad=3)
    assert all(item["quad"] == 3 for item in quad)
    found = _all_events(client, q="LETHAL weapons")
    assert found and all("lethal weapons" in item["sentence"].lower() for item in found)
    # the text is matched as it is, never as a pattern
    assert _all_events(client, q="Ukraine.") and not _all_events(client, q="Ukraine?")
    for odd in ("(", "[", "\\", ".*", "%", "_"):
        assert _all_events(client, q=odd) == [], odd
    assert _all_events(client, since="2030-01-01") == []
    assert _all_events(client, until="2024-06-21")
    assert _all_events(client, actor="ZZZ") == []


def test_events_bad_parameters(client: TestClient) -> None:
    _is_error(client.get("/events", params={"limit": LIMITS.max_page_size + 1}), 422)
    _is_error(client.get("/events", params={"limit": 0}), 422)
    _is_error(client.get("/events", params={"quad": "many"}), 422)
    _is_error(client.get("/events", params={"type": "NOT_A_TYPE"}), 422)
    _is_error(client.get("/events", params={"actor": "R; DROP TABLE events"}), 422)
    _is_error(client.get("/events", params={"cursor": "garbage!!"}), 422)
    _is_error(client.get("/events", params={"since": "yesterday"}), 422)


def test_event_by_id(client: TestClient) -> None:
    first = client.get("/events", params={"q": "stern warning"}).json()["items"][0]
    event = client.get(f"/events/{first['id']}")
    assert event.status_code == 200
    body = event.json()
    assert body["sentence"] == first["sentence"]
    assert "spans" in body and body["spans"]
    assert body["document"]["title"].startswith("Putin warns South Korea")
    _is_error(client.get("/events/no-such-event"), 404)


def test_code_returns_the_threat(client: TestClient) -> None:
    response = client.post("/code", json={"text": KEY_SENTENCE, "date": "2024-06-21"})
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert any(e["event"] == "THREATEN" and [a["code"] for a in e["actor"]][:1] == ["RUS"]
               and "KOR" in [a["code"] for a in e["recipient"]] for e in events), events


def test_code_upload(client: TestClient) -> None:
    response = client.post("/code/upload", files={"file": ("a.txt", KEY_SENTENCE.encode())},
                           data={"date": "2024-06-21"})
    assert response.status_code == 200, response.text
    assert any(e["event"] == "THREATEN" for e in response.json()["events"])
    _is_error(client.post("/code/upload", files={"file": ("a.bin", b"\xff\xfe\x00")}), 422)


def test_code_bad_requests(client: TestClient) -> None:
    _is_error(client.post("/code", content=b'{"text": "unterminated',
                          headers={"content-type": "application/json"}), 422)
    _is_error(client.post("/code", json={"text": 42}), 422)
    _is_error(client.post("/code", json={"text": "x", "date": "not a date"}), 422)
    _is_error(client.post("/code", json={"txt": "x"}), 422)
    blank = client.post("/code", json={"text": " \n\t "})
    _is_error(blank, 422)
    assert "white space" in blank.text
    _is_error(client.post("/code", json=["a list"]), 422)
    _is_error(client.post("/code", json={"text": "a" * (LIMITS.max_text_chars + 1)}),
              (413, 422))
    _is_error(client.post("/code", content=b"x" * (LIMITS.max_body_bytes + 1),
                          headers={"content-type": "application/json"}), 413)


def test_oversized_body_without_length(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(LIMITS.max_body_bytes // 1000 + 2):
            yield b"x" * 1000

    _is_error(client.post("/code", content=chunks(),
                          headers={"content-type": "application/json"}), 413)


def test_dyad(client: TestClient) -> None:
    response = client.get("/dyads/RUS/KOR", params={"by": "week"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body and isinstance(body, dict)
    _is_error(client.get("/dyads/RUS/ZZZ"), (404, 422))
    _is_error(client.get("/dyads/RUS/KOR", params={"by": "year"}), 422)
    _is_error(client.get("/dyads/R1S/KOR"), 422)


def test_graph_redlines_brief_export(client: TestClient) -> None:
    graph = client.get("/graph")
    assert graph.status_code == 200, graph.text
    assert {"nodes", "links", "communities"} <= set(graph.json())
    lines = client.get("/redlines")
    assert lines.status_code == 200, lines.text
    assert isinstance(lines.json(), list) and lines.json()
    _is_error(client.get("/redlines", params={"actor": "QQQQQ"}), 422)
    brief = client.get("/brief", params={"date": "2024-06-21"})
    assert brief.status_code == 200, brief.text
    assert brief.json()["day"] == "2024-06-21"
    _is_error(client.get("/brief", params={"date": "1999-01-01"}), 404)
    _is_error(client.get("/brief", params={"date": "June"}), 422)
    export = client.get("/export/plover-jsonl")
    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    assert export.text.strip()
    _is_error(client.get("/export/parquet"), 404)
    _is_error(client.get("/graph", params={"since": "2024-07-01", "until": "2024-06-01"}), 422)


def test_scenario(client: TestClient) -> None:
    response = client.post("/scenario", json={"text": "KOR AID UKR weapons"})
    assert response.status_code == 200, response.text
    assert "RUS" in response.text
    body = response.json()
    assert body["steps"]
    _is_error(client.post("/scenario", json={"text": "XXQ AID UKR"}), 422)
    _is_error(client.post("/scenario", json={"text": "KOR AID UKR", "depth": 99}), 422)


def test_writing_needs_the_token(client: TestClient) -> None:
    _is_error(client.post("/documents", json={"text": KEY_SENTENCE}), 403)


def test_documents_with_the_token(store: Path, resources: Any, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(store, db)
    app = create_app(db, resources_loader=lambda: resources, token=TOKEN, limits=LIMITS)
    text = ("North Korea threatened Japan with missile strikes on Monday. "
            "Japan condemned North Korea.")
    with TestClient(app, raise_server_exceptions=False) as client:
        _is_error(client.post("/documents", json={"text": text}), 401)
        _is_error(client.post("/documents", json={"text": text},
                              headers={"Authorization": "Bearer wrong"}), 401)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post("/documents", headers=auth,
                               json={"text": text, "date": "2024-07-01", "id": "api-1",
                                     "title": "From the API"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["status"] == "new" and body["doc_key"] == "id:api-1"
        assert body["events"] >= 1
        stored = _all_events(client, since="2024-07-01")
        assert stored and all(e["doc_id"] == "api-1" for e in stored)
        again = client.post("/documents", headers=auth,
                            json={"text": text, "date": "2024-07-01", "id": "api-1"})
        assert again.json()["status"] == "present"
        _is_error(client.post("/documents", headers=auth, json={"text": 7}), 422)


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    done = run_cli("serve", "--db", str(tmp_path / "none.duckdb"), "--fast")
    assert done.returncode == 2
    assert b"no such database" in done.stderr
    bad_port = run_cli("serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0")
    assert bad_port.returncode == 2


def test_reads_go_on_while_a_text_is_coded(store: Path, resources: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A coding job holds its worker thread; reads are answered meanwhile, and a job over
    the limit (one running, none waiting) gets a 503. Events, not timing, order the steps."""
    import threading

    from redline.coder import Coder

    started, release = threading.Event(), threading.Event()
    real = Coder.code_document

    def blocking(self: Coder, document: Any) -> Any:
        started.set()
        assert release.wait(60)
        return real(self, document)

    monkeypatch.setattr(Coder, "code_document", blocking)
    limits = ServiceLimits(coding_jobs=1, queued_jobs=0)
    db = tmp_path / "copy.duckdb"  # one process opens a store with one configuration
    shutil.copy(store, db)
    app = create_app(db, resources_loader=lambda: resources, limits=limits)
    answers: list[Any] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        worker = threading.Thread(target=lambda: answers.append(
            client.post("/code", json={"text": KEY_SENTENCE})))
        worker.start()
        try:
            assert started.wait(60)
            assert client.get("/events", params={"limit": 1}).status_code == 200
            busy = client.post("/code", json={"text": KEY_SENTENCE})
            _is_error(busy, 503)
            assert busy.headers["retry-after"]
        finally:
            release.set()
            worker.join(60)
    assert answers and answers[0].status_code == 200
