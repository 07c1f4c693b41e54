"""The dashboard in a real browser: Playwright drives Debian's Chromium against the service
running on 127.0.0.1 (uvicorn in a thread). Paste the reference article, see the RUS -> KOR
threat with its spans highlighted, open the KOR-RUS dyad chart, take a screenshot; then the
network, the red lines and a scenario.

Needs Chromium at /usr/bin/chromium (Debian's package `chromium`; `.ci/run` installs it
where apt is available) and the `playwright` package; skipped with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import ingested

CHROMIUM = Path(os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is "
                               "not installed (pip install -e '.[dev]')")

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run"]
WAIT_MS = 60_000  # the longest any step may take (a slow machine), not a timing assertion


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Iterator[str]:
    import httpx
    import uvicorn

    from redline.service import create_app

    db = tmp_path_factory.mktemp("browser") / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, resources_loader=lambda: resources),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:  # started when /health answers
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        pytest.fail("the service did not start")
    yield url
    server.should_exit = True
    thread.join(timeout=30)


def test_paste_the_seed_see_the_threat_open_the_dyad(base_url: str, tmp_path: Path) -> None:
    seed = json.loads((EXAMPLES / "seed_article.jsonl").read_text("utf-8").splitlines()[0])
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            page.set_default_timeout(WAIT_MS)
            page.goto(base_url + "/")
            page.fill("#code-text", seed["text"])
            page.fill("#code-date", "2024-06-21")
            page.click("#code-form button[type=submit]")
            threat = page.locator("#code-result strong", has_text="RUS THREATEN KOR").first
            threat.wait_for()
            # the threat's sentence is shown with its actor and recipient highlighted
            assert page.locator("#code-result .span-actor").count() > 0
            assert page.locator("#code-result .span-recipient").count() > 0
            assert page.locator("#code-result .span-event").count() > 0
            page.fill("#dyad-a", "KOR")
            page.fill("#dyad-b", "RUS")
            page.check("#dyad-both")
            page.click("#dyad-form button[type=submit]")
            page.locator("#dyad-chart .main-svg").first.wait_for()
            shot = tmp_path / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            if os.environ.get("REDLINE_SCREENSHOT"):  # keep one for docs/
                Path(os.environ["REDLINE_SCREENSHOT"]).write_bytes(shot.read_bytes())
            # the other panels answer their forms, each with its status line
            page.click("#network-form button[type=submit]")
            page.locator("#network-chart .main-svg").first.wait_for()
            page.locator("#network-status", has_text="actors").wait_for()
            page.click("#redlines-form button[type=submit]")
            page.locator("#redlines-list .redline").first.wait_for()
            page.locator("#redlines-status", has_text="red lines").wait_for()
            page.fill("#scenario-text", "KOR AID UKR weapons")
            page.click("#scenario-form button[type=submit]")
            page.locator("#scenario-steps li", has_text="RUS").first.wait_for()
            page.locator("#scenario-status", has_text="steps").wait_for()
        finally:
            browser.close()
