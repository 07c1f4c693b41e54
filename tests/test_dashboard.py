"""The dashboard at ``/`` (issue 18): a static page, its script and style, and plotly.js,
all served by the app from the installed packages (no CDN)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from redline.service import create_app  # noqa: E402
from tests.conftest import EXAMPLES  # noqa: E402
from tests.helpers import ingested  # noqa: E402

STATIC = Path(__file__).resolve().parents[1] / "src" / "redline" / "service" / "static"
SECTION_IDS = ["code-section", "code-form", "code-text", "code-result",
               "events-section", "events-form", "events-table", "events-more",
               "f-actor", "f-recipient", "f-type", "f-asserted", "f-since", "f-until", "f-q",
               "dyad-section", "dyad-form", "dyad-chart", "dyad-events",
               "network-section", "network-chart",
               "redlines-section", "redlines-list",
               "scenario-section", "scenario-form", "scenario-text", "scenario-steps",
               "sentence-panel"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("dashboard") / "seed.duckdb"
    ingested(db, EXAMPLES / "seed_article.jsonl")
    app = create_app(db, resources_loader=lambda: resources)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_page_is_html_with_local_assets_only(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", html)
    assert "/static/app.js" in references and "/static/plotly.min.js" in references
    assert "/static/style.css" in references
    for ref in references:
        assert not re.match(r"(?i)^\s*(https?:)?//", ref), ref
    assert not re.search(r"(?i)https?://", html)


def test_page_has_every_section(client: TestClient) -> None:
    html = client.get("/").text
    for element_id in SECTION_IDS:
        assert f'id="{element_id}"' in html, element_id


@pytest.mark.parametrize(("name", "media"), [("app.js", "text/javascript"),
                                              ("plotly.min.js", "text/javascript"),
                                              ("style.css", "text/css"),
                                              ("index.html", "text/html")])
def test_assets_are_served(client: TestClient, name: str, media: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert len(response.content) > 100


def test_plotly_comes_from_the_installed_package(client: TestClient) -> None:
    from importlib import resources

    shipped = resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()
    assert client.get("/static/plotly.min.js").content == shipped


def test_unknown_assets_are_404(client: TestClient) -> None:
    for path in ("/static/nope.js", "/static/..%2Fapp.py", "/static/"):
        response = client.get(path)
        assert response.status_code == 404, path


def test_script_refers_to_ids_the_page_has(client: TestClient) -> None:
    html = client.get("/").text
    script = client.get("/static/app.js").text
    for element_id in set(re.findall(r"""\$\("([\w-]+)"\)""", script)):
        assert f'id="{element_id}"' in html, element_id


def test_script_never_parses_api_data_as_html() -> None:
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function"):
        assert sink not in script, sink
    assert "textContent" in script
    # nothing fetched from elsewhere: only the app's own paths
    assert not re.search(r"(?i)https?://", script)


def test_static_files_are_package_data() -> None:
    import tomllib

    config = tomllib.loads((STATIC.parents[3] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "static/*" in config["tool"]["setuptools"]["package-data"]["redline.service"]
    assert {p.name for p in STATIC.iterdir()} >= {"index.html", "app.js", "style.css"}


def test_dashboard_is_not_in_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)
