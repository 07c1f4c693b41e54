"""The dashboard at ``/``: a static page (``static/``) and plotly.js, served from the
installed packages (nothing from a CDN: it works offline)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, Response

# the files the dashboard serves, by name: (package, path in it, media type)
ASSETS: dict[str, tuple[str, str, str]] = {
    "index.html": ("redline.service", "static/index.html", "text/html; charset=utf-8"),
    "app.js": ("redline.service", "static/app.js", "text/javascript; charset=utf-8"),
    "style.css": ("redline.service", "static/style.css", "text/css; charset=utf-8"),
    "plotly.min.js": ("plotly", "package_data/plotly.min.js",
                      "text/javascript; charset=utf-8"),
}


@cache
def asset(name: str) -> bytes:
    """The bytes of a dashboard file (KeyError for a name not served)."""
    package, path, _media = ASSETS[name]
    return resources.files(package).joinpath(path).read_bytes()


def add_dashboard(app: FastAPI) -> None:
    """``GET /`` (the page) and ``GET /static/{name}`` (its scripts and style)."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> Response:
        return Response(asset("index.html"), media_type=ASSETS["index.html"][2])

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in ASSETS:
            raise HTTPException(404, f"no file {name!r}")
        return Response(asset(name), media_type=ASSETS[name][2],
                        headers={"Cache-Control": "public, max-age=3600"})
