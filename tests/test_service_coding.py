"""The service's coding in worker processes (``service/coding.py``), as ``redline serve``
runs it: the same events as the library's coder, a worker that dies is replaced, and a
model that cannot load is told in one line."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from redline.coder import Coder, ResourceOptions  # noqa: E402
from redline.records import Document  # noqa: E402
from redline.service import create_app  # noqa: E402
from redline.service.coding import CodingUnavailable, ProcessCoding  # noqa: E402
from tests.conftest import EXAMPLES  # noqa: E402
from tests.helpers import ingested  # noqa: E402

TEXT = ("Russian President Vladimir Putin has issued a stern warning to South Korea against "
        "supplying lethal weapons to Ukraine. South Korea summoned the Russian ambassador.")
TOKEN = "another-s3cret"


@pytest.fixture(scope="module")
def coding() -> Iterator[ProcessCoding]:
    pool = ProcessCoding(ResourceOptions(classifier=False), workers=1)
    pool.start()
    try:
        yield pool
    finally:
        pool.close()


def _worker_pid(coding: ProcessCoding) -> int:
    assert coding._pool is not None
    return int(coding._pool.submit(os.getpid).result())


def test_a_worker_codes_as_the_library_does(coding: ProcessCoding, resources: Any) -> None:
    document = Document("d1", TEXT, date(2024, 6, 21), "Seed")
    in_worker = coding.code(document)
    here = Coder(resources).code_document(document)
    assert [e.to_dict() for e in in_worker.events] == [e.to_dict() for e in here.events]
    assert any(e.event == "THREATEN" and e.actor[0].code.startswith("RUS")
               for e in in_worker.events)
    assert _worker_pid(coding) != os.getpid()


def test_the_service_codes_and_stores_through_the_workers(
        coding: ProcessCoding, tmp_path: Path) -> None:
    db = tmp_path / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    app = create_app(db, coding=coding, token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as client:
        coded = client.post("/code", json={"text": TEXT, "date": "2024-06-21"})
        assert coded.status_code == 200, coded.text
        assert any(e["event"] == "THREATEN" for e in coded.json()["events"])
        stored = client.post("/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                             json={"text": "North Korea threatened Japan with missile "
                                           "strikes on Monday.", "date": "2024-07-01",
                                   "id": "api-2"})
        assert stored.status_code == 200, stored.text
        assert stored.json()["status"] == "new" and stored.json()["events"] >= 1
        listed = client.get("/events", params={"since": "2024-07-01"}).json()["items"]
        assert listed and all(item["doc_id"] == "api-2" for item in listed)
    # the app's shutdown closed the pool it was handed; start it again for the next test
    coding.start()


def test_a_dead_worker_is_replaced(coding: ProcessCoding) -> None:
    os.kill(_worker_pid(coding), signal.SIGKILL)
    document = Document("d2", TEXT, date(2024, 6, 21))
    with pytest.raises(CodingUnavailable, match="died"):
        coding.code(document)
    assert coding.code(document).events  # a new worker, with the models loaded again


def test_a_model_that_cannot_load_is_told_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-actors.txt"
    pool = ProcessCoding(ResourceOptions(actor_files=(str(missing),), classifier=False))
    with pytest.raises(CodingUnavailable) as caught:
        pool.start()
    message = str(caught.value)
    assert "no-such-actors.txt" in message and "\n" not in message
    pool.close()



def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_a_killed_service_leaves_no_worker_behind(tmp_path: Path) -> None:
    """SIGKILL (the out-of-memory killer's) gives the service no time to stop its workers:
    they notice and end themselves rather than hold the models' memory for ever."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = subprocess.Popen(
        [sys.executable, "-m", "redline.cli", "serve", "--db", str(db), "--port", str(port),
         "--fast"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    try:
        for _ in range(600):  # until it answers (the workers load the models first)
            assert service.poll() is None, "redline serve exited"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        workers = [pid for pid in _children(service.pid) if _alive(pid)]
        assert workers
    finally:
        service.kill()
        service.wait()
    for _ in range(600):  # the workers end on their own; a polling limit, not a timing
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
