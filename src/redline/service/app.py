"""The FastAPI application: ``create_app(db, ...)``.

- Reads (events, dyads, the graph, red lines, scenarios, briefs, exports) use the store's
  locked read-only connection, a cursor per request, in FastAPI's thread pool.
- Coding (``POST /code``, ``POST /code/upload``, ``POST /documents``) runs off the event
  loop in a coding backend (``coding.py``: worker processes for ``redline serve``, threads
  with given resources otherwise), at most ``limits.coding_jobs`` at a time and
  ``limits.queued_jobs`` waiting; more are refused with 503. The models are loaded once, at
  start-up.
- Writing (``POST /documents``) needs the operator's token (``Authorization: Bearer ...``,
  compared in constant time); without a configured token the writing endpoints answer 403.
- Every error is a JSON object ``{"error": ..., "detail": ...}`` with a 4xx status; an
  unexpected failure is a 500 with no traceback in the body.
"""

import hmac
import io
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redline import __version__
from redline.coder import Resources
from redline.records import CodedDocument, Document
from redline.service.coding import CodingBackend, CodingUnavailable, ThreadCoding
from redline.service.dashboard import add_dashboard
from redline.service.events import CursorError, EventFilter, get_event, list_events
from redline.service.models import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    CodeRequest,
    CodeResponse,
    DocumentRequest,
    DocumentResponse,
    EventPage,
    ScenarioRequest,
)
from redline.service.store import ServiceStore, StoreUnavailable
from redline.store.schema import StoreError

log = logging.getLogger("redline.service")

CODE_PATTERN = r"^[A-Za-z]{3,12}$"
TYPE_PATTERN = r"^[A-Za-z_]{2,30}$"


@dataclass(frozen=True)
class ServiceLimits:
    max_body_bytes: int = 1_000_000
    max_text_chars: int = MAX_TEXT_CHARS
    max_page_size: int = 200
    default_page_size: int = 50
    coding_jobs: int = 1  # the coder's models are shared: one job at a time by default
    queued_jobs: int = 8


class BusyError(Exception):
    """Too many coding jobs running and waiting."""


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413 (by its Content-Length, or while
    it is read when it has none)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _too_large(send, "the Content-Length header is not a number", 400)
                    return
                if declared > self.limit:
                    await _too_large(send, f"the request body is over {self.limit} bytes")
                    return
        received = 0
        exceeded = started = False
        message_413 = f"the request body is over {self.limit} bytes"

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            # the app may catch _TooLarge while it reads the body and answer otherwise
            # (FastAPI: 400): its answer is replaced by the 413
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if exceeded:
                    await _too_large(send, message_413)
                    return
            if not exceeded:
                await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _too_large(send, message_413)


async def _too_large(send: Send, message: str, status: int = 413) -> None:
    response = JSONResponse({"error": message, "detail": None}, status_code=status)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def _error(status: int, message: str, detail: Any = None) -> JSONResponse:
    return JSONResponse({"error": message, "detail": jsonable_encoder(detail)},
                        status_code=status)


def create_app(
    db: Path,
    *,
    resources_loader: Callable[[], Resources] | None = None,
    coding: CodingBackend | None = None,
    token: str | None = None,
    limits: ServiceLimits | None = None,
) -> FastAPI:
    """The service on the store ``db``. Texts are coded by ``coding`` (started at start-up,
    closed at shutdown: the app owns it), else in threads with the resources
    ``resources_loader`` loads once at start-up (default: ``Resources.load()``, with the
    relation classifier); ``token`` enables the writing endpoints (then the store is created
    when missing)."""
    limits = limits or ServiceLimits()
    coder = coding or ThreadCoding(resources_loader or Resources.load)
    state: dict[str, Any] = {}
    jobs = {"running_or_waiting": 0}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        state["store"] = ServiceStore(db, create=bool(token))
        try:
            await anyio.to_thread.run_sync(coder.start)
            state["limiter"] = anyio.CapacityLimiter(limits.coding_jobs)
            yield
        finally:
            coder.close()
            state.pop("store").close()

    app = FastAPI(title="redline", version=__version__, lifespan=lifespan,
                  description="News text about international politics -> PLOVER events, "
                              "commitments and escalation. Read-only unless the operator "
                              "sets a token (REDLINE_TOKEN).")
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")}
                  for e in exc.errors()]
        return _error(422, "the request is not valid", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(BusyError)
    async def busy(request: Request, exc: BusyError) -> JSONResponse:
        response = _error(503, "too many coding jobs; try again later")
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(CodingUnavailable)
    async def coder_down(request: Request, exc: CodingUnavailable) -> JSONResponse:
        log.error("coder: %s", exc)
        response = _error(503, "the coder is not available now; try again later")
        response.headers["Retry-After"] = "10"
        return response

    @app.exception_handler(StoreError)
    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.error("store: %s", exc)
        return _error(503, "the store is not available now; try again later")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal error")

    def store() -> ServiceStore:
        return state["store"]

    async def run_coding(work: Callable[[], Any]) -> Any:
        if jobs["running_or_waiting"] >= limits.coding_jobs + limits.queued_jobs:
            raise BusyError
        jobs["running_or_waiting"] += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=state["limiter"])
        finally:
            jobs["running_or_waiting"] -= 1

    def coded(document: Document) -> CodedDocument:
        if len(document.text) > limits.max_text_chars:
            raise HTTPException(413, f"the text is over {limits.max_text_chars} characters")
        return coder.code(document)

    def code_response(coded: CodedDocument) -> CodeResponse:
        return CodeResponse(events=[e.to_dict() for e in coded.events],
                            commitments=[c.to_dict() for c in coded.commitments],
                            sentences=len(coded.sentences))

    def writer_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not token:
            raise HTTPException(403, "writing is disabled: the operator set no token "
                                     "(REDLINE_TOKEN)")
        given = authorization or ""
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                value.strip().encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' is needed",
                                headers={"WWW-Authenticate": "Bearer"})

    # -- coding --------------------------------------------------------------------------

    @app.post("/code", response_model=CodeResponse, tags=["coding"])
    async def code(body: CodeRequest) -> CodeResponse:
        """Events and commitments of a text, without storing it."""
        done = await run_coding(lambda: coded(Document("text", body.text, body.date, body.title)))
        return code_response(done)

    @app.post("/code/upload", response_model=CodeResponse, tags=["coding"])
    async def code_upload(
        file: Annotated[UploadFile, File(description="A UTF-8 text file.")],
        date_: Annotated[date | None, Form(alias="date")] = None,
        title: Annotated[str, Form(max_length=MAX_TITLE_CHARS)] = "",
    ) -> CodeResponse:
        """Events and commitments of an uploaded text file, without storing it."""
        data = await file.read(limits.max_body_bytes + 1)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(422, "the file is not UTF-8 text") from None
        if not text.strip():
            raise HTTPException(422, "the file is empty")
        document = Document("text", text, date_, title or file.filename or "")
        return code_response(await run_coding(lambda: coded(document)))

    @app.post("/documents", response_model=DocumentResponse, tags=["coding"],
              dependencies=[Depends(writer_token)])
    async def add_document(body: DocumentRequest) -> DocumentResponse:
        """Code a document and store it (needs the token)."""
        from redline.runs.local import ingest_items

        document = Document(body.id, body.text, body.date, body.title, body.url, body.source,
                            origin="POST /documents")

        def work() -> DocumentResponse:
            done = _Precoded(coded(document))  # before the store is taken
            result = store().write(lambda writer: ingest_items(
                [document], store().db, done, writer, arguments=["serve", "POST /documents"],
                engine="serve"))
            counts = result.counts
            status = ("new" if counts.documents_new else "duplicate"
                      if counts.documents_duplicate else "present")
            from redline.store.rows import doc_key

            return DocumentResponse(doc_key=doc_key(document), status=status,
                                    run_id=result.run_id, events=counts.events,
                                    commitments=counts.commitments)

        return await run_coding(work)

    # -- events --------------------------------------------------------------------------

    @app.get("/events", response_model=EventPage, tags=["events"])
    def events(
        actor: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
        recipient: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
        type_: Annotated[str | None, Query(alias="type", pattern=TYPE_PATTERN)] = None,
        quad: Annotated[int | None, Query(ge=0, le=4)] = None,
        asserted: bool | None = None,
        since: date | None = None,
        until: date | None = None,
        q: Annotated[str | None, Query(min_length=1, max_length=200,
                                       description="Text the sentence contains.")] = None,
        limit: Annotated[int, Query(ge=1, le=limits.max_page_size)] = limits.default_page_size,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
    ) -> Response:
        """Stored events, filtered, by date and id, a page at a time (``next_cursor``)."""
        if type_ is not None and type_.upper() not in _event_types():
            raise HTTPException(422, f"unknown event type {type_!r}")
        flt = EventFilter(actor.upper() if actor else None,
                          recipient.upper() if recipient else None,
                          type_.upper() if type_ else None, quad, asserted, since, until, q)
        with store().reading() as con:
            try:
                items, following = list_events(con, flt, limit, cursor)
            except CursorError as exc:
                raise HTTPException(422, str(exc)) from None
        # the events come as JSON text already (see list_events): no model to validate
        body = f'{{"items":[{",".join(items)}],"next_cursor":{json.dumps(following)}}}'
        return Response(body, media_type="application/json")

    @app.get("/events/{event_id}", tags=["events"])
    def event(event_id: Annotated[str, _path_text()]) -> dict[str, Any]:
        """One event with its sentence, spans and document."""
        with store().reading() as con:
            found = get_event(con, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    # -- analysis ------------------------------------------------------------------------

    @app.get("/dyads/{source}/{target}", tags=["analysis"])
    def dyad(
        source: Annotated[str, _code_path()],
        target: Annotated[str, _code_path()],
        by: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
        since: date | None = None,
        until: date | None = None,
        both: bool = False,
    ) -> dict[str, Any]:
        """A dyad's series, change points and how unusual its latest period is."""
        from redline.analysis.dyads import DyadQueryError, NoEvents, load_dyad

        with store().reading() as con:
            try:
                series = load_dyad(con, source, target, by, since, until, both)
            except NoEvents as exc:
                raise HTTPException(404, str(exc)) from None
            except DyadQueryError as exc:
                raise HTTPException(422, str(exc)) from None
        return jsonable_encoder(series.to_dict())

    @app.get("/graph", tags=["analysis"])
    def graph(since: date | None = None, until: date | None = None) -> dict[str, Any]:
        """The actor network (node-link JSON, with communities)."""
        from redline.analysis.network import (
            as_json,
            named_graph,
            read_alliances,
            read_interactions,
        )

        _check_range(since, until)
        with store().reading() as con:
            interactions = read_interactions(con, since, until)
            alliances = read_alliances(con, since, until)
        network = named_graph(interactions, alliances)
        return jsonable_encoder(as_json(network))

    @app.get("/redlines", tags=["analysis"])
    def redlines(
        since: date | None = None,
        until: date | None = None,
        actor: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
    ) -> list[dict[str, Any]]:
        """Stated threats, promises, alliances and conditions, with their crossings."""
        from redline.actors.codebook import load_codebook
        from redline.analysis.redlines import stored_red_lines

        _check_range(since, until)
        code = actor.upper() if actor else None
        if code is not None and load_codebook().actor_code(code) is None:
            raise HTTPException(422, f"unknown actor code {actor!r}")
        with store().reading() as con:
            found = stored_red_lines(con, since=since, until=until, actor=code)
        return [jsonable_encoder(line.to_dict()) for line in found]

    @app.post("/scenario", tags=["analysis"])
    def scenario(body: ScenarioRequest) -> dict[str, Any]:
        """What if? The chain of stated responses to a hypothetical event."""
        from redline.analysis.scenario import (
            ScenarioError,
            known_codes,
            parse_scenario,
            read_commitments,
            run_scenario,
        )

        with store().reading() as con:
            try:
                start = parse_scenario(body.text, known_codes(con))
            except ScenarioError as exc:
                raise HTTPException(422, str(exc)) from None
            commitments = read_commitments(con)
        return jsonable_encoder(
            run_scenario(start, commitments, body.depth).to_dict())

    @app.get("/brief", tags=["analysis"])
    def brief(date_: Annotated[date | None, Query(alias="date")] = None) -> dict[str, Any]:
        """The day's brief (default: the latest day with asserted events)."""
        from redline.analysis.brief import build_brief, latest_day, outside_events

        with store().reading() as con:
            day = date_ or latest_day(con)
            if day is None:
                raise HTTPException(404, "the store holds no events yet")
            span = outside_events(con, date_) if date_ is not None else None
            if span is not None:
                raise HTTPException(404, f"{date_} is outside the store's events, which run "
                                         f"from {span[0]} to {span[1]}")
            report = build_brief(con, day)
        return jsonable_encoder(report)  # built without plot series

    @app.get("/export/{format_}", tags=["export"])
    def export(
        format_: Annotated[str, _path_text()],
        since: date | None = None,
        until: date | None = None,
        actor: Annotated[str | None, Query(pattern=CODE_PATTERN)] = None,
        type_: Annotated[str | None, Query(alias="type", pattern=TYPE_PATTERN)] = None,
        asserted_only: bool | None = None,
    ) -> Response:
        """The store's events as a download in an export format (plover-jsonl, gdelt,
        polecat, csv)."""
        from redline.export import EVENT_FORMATS, ExportFilter, event_format
        from redline.export import export as run_export

        if format_ not in EVENT_FORMATS:
            raise HTTPException(404, f"unknown export format {format_!r} (one of "
                                     f"{', '.join(EVENT_FORMATS)})")
        _check_range(since, until)
        flt = ExportFilter(since=since, until=until, actor=actor.upper() if actor else None,
                           event_type=type_.upper() if type_ else None,
                           asserted_only=asserted_only)
        buffer = io.StringIO()
        with store().reading() as con:
            try:
                run_export(con, format_, None, flt, stream=buffer)
            except ValueError as exc:
                raise HTTPException(422, str(exc)) from None
        name = event_format(format_).file_name
        media = "application/x-ndjson" if name.endswith(".jsonl") else (
            "text/csv" if name.endswith(".csv") else "text/tab-separated-values")
        return Response(buffer.getvalue().encode("utf-8"), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "writable": bool(token)}

    add_dashboard(app)
    return app


@dataclass(frozen=True)
class _Precoded:
    """What ingest codes with: the document coded before the store was taken."""

    done: CodedDocument

    def code_documents(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        for document in documents:
            if document != self.done.document:
                raise ValueError("ingest asked for a document POST /documents did not code")
            yield self.done


@cache
def _event_types() -> frozenset[str]:
    """The ontology's event types (read once: /events?type= asks on every request)."""
    from redline.ontology import load_ontology

    return frozenset(load_ontology().types)


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise HTTPException(422, f"since {since} is after until {until}")


def _code_path() -> Any:
    from fastapi import Path as PathParam

    return PathParam(pattern=CODE_PATTERN, description="An actor code (RUS, KOR, IGOUNO).")


def _path_text() -> Any:
    from fastapi import Path as PathParam

    return PathParam(min_length=1, max_length=200)

