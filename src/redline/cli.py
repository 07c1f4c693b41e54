"""The ``redline`` command line."""

from __future__ import annotations

import math
import os
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from redline.output.terminal import as_text, one_line  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news text about international politics into PLOVER events.")
# messages name files and quote documents: never read as markup (see output/terminal.py)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

CODE_FORMATS = ("table", "jsonl")  # redline code's own; the export formats follow them


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor file (TSV, see redline/actors/data/README.md)."),
]
VerbsOption = Annotated[
    list[Path] | None,
    typer.Option("--verbs", help="Extra verb file (TSV: lemma, pattern, cameo)."),
]


ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite an existing output file (never an input).")]
ClassifierOption = Annotated[
    bool,
    typer.Option("--classifier/--fast", " /--no-classifier", help="Link actors into "
                 "events with the relation model's pair head (slower, much better), or code "
                 "with the lexicons alone (--fast, also spelt --no-classifier)."),
]


def _before_spacy(classifier: bool) -> None:
    """Before anything imports spaCy: without the classifier, nothing here needs torch, which
    thinc would import with spaCy (see ``nlp/pipeline.py``)."""
    if not classifier:
        from redline.nlp.pipeline import import_spacy_without_torch

        import_spacy_without_torch()


def _resources(actors: list[Path] | None, verbs: list[Path] | None,  # type: ignore[no-untyped-def]
               classifier: bool = True):
    from redline.actors.lexicon import ActorDataError
    from redline.coder import Resources
    from redline.events.lexicon import LexiconDataError
    from redline.nlp.pipeline import ModelNotInstalledError

    try:
        resources = Resources.load(actor_files=actors or [], verb_files=verbs or [],
                                   classifier=classifier)
    except (ActorDataError, LexiconDataError, ModelNotInstalledError) as exc:
        raise _error_exit(exc) from None
    _loaded()
    return resources


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .jsonl, .csv, "
                                               ".html, RSS/Atom .xml, .gz of them); - for "
                                               "stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date of .txt input "
                                              "(YYYY-MM-DD).")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, jsonl (events and "
                                         "commitments), or an export format: csv, gdelt, "
                                         "polecat, plover-jsonl (events).")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write records to this file (csv: "
                                             "an existing folder gets events.csv and "
                                             "commitments.csv).")] = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    no_prefilter: Annotated[bool, typer.Option("--no-prefilter", help="Parse every sentence, "
                                               "even those without an actor and an event word."
                                               )] = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Largest document to accept, "
                                          "in MB.")] = 2.0,
    summary: Annotated[bool, typer.Option("--summary", help="End with counts by event type, "
                                          "dyads and commitments (on stderr).")] = False,
    classifier: ClassifierOption = True,
    force: ForceOption = False,
    all_events: Annotated[bool, typer.Option("--all", help="gdelt, polecat: every event, "
                                             "with a final Asserted column (by default only "
                                             "the asserted events).")] = False,
) -> None:
    """Code documents into events and commitments."""
    _before_spacy(classifier)
    from redline.coder import Coder
    from redline.export.files import is_directory
    from redline.export.registry import EVENT_FORMATS, event_format
    from redline.export.rows import commitment_rows, event_rows
    from redline.export.tables import start_table
    from redline.ingest import InputError, read_inputs
    from redline.ingest.readers import input_format
    from redline.output.formats import CorpusSummary, print_table, write_jsonl
    from redline.output.targets import TargetError, TargetGuard, replacing
    from redline.records import Document

    formats = (*CODE_FORMATS, *EVENT_FORMATS)
    if format_ not in formats:
        raise typer.BadParameter(f"--format must be one of {', '.join(formats)}")
    max_bytes = _max_bytes(max_mb)
    published = _parse_day(date_)
    read: list[str | Path] = [*paths, *(actors or []), *(verbs or [])]
    guard = TargetGuard(inputs=tuple(Path(p) for p in read if p != "-"), force=force,
                        read_as_input=lambda name: input_format(name) is not None)
    folder = out if out is not None and is_directory(out) and format_ in EVENT_FORMATS else None
    target = folder / event_format(format_).file_name if folder is not None else out
    commitments_target = folder / "commitments.csv" if folder and format_ == "csv" else None
    for path in (target, commitments_target):
        if path is not None:
            _check_target(guard, path)  # before the models load
    resources = _resources(actors, verbs, classifier)
    coder = Coder(resources, prefilter=not no_prefilter)
    counts = {"documents": 0, "errors": 0, "events": 0, "commitments": 0}

    def documents():  # type: ignore[no-untyped-def]
        for item in read_inputs(paths, published, stdin=sys.stdin.buffer,
                                max_document_bytes=max_bytes):
            if isinstance(item, InputError):
                counts["errors"] += 1
                err.print(as_text(f"error: {item}"))
                continue
            assert isinstance(item, Document)
            counts["documents"] += 1
            yield item

    totals = CorpusSummary()
    try:
        with ExitStack() as stack:
            # a file is written beside --out and moved into place when the run succeeded, so
            # an input named as --out is read whole before anything replaces it
            stream: IO[str] = (stack.enter_context(replacing(target, guard)) if target
                               else sys.stdout)
            console = Console(file=stream, highlight=False,
                              width=160 if out or not stream.isatty() else None)
            chosen = event_format(format_) if format_ in EVENT_FORMATS else None
            asserted_only = chosen is not None and chosen.selects_asserted(
                False if all_events else None)
            write_event = (chosen.start(stream, chosen.marks(asserted_only)) if chosen
                           else None)
            write_commitment = (start_table(stack.enter_context(replacing(
                commitments_target, guard)), "commitments") if commitments_target else None)
            try:
                for coded in coder.code_documents(documents()):
                    totals.add(coded)
                    counts["events"] += len(coded.events)
                    counts["commitments"] += len(coded.commitments)
                    if format_ == "jsonl":
                        write_jsonl(coded, stream)
                    elif write_event is not None:
                        for row in event_rows(coded, asserted_only):
                            write_event(row)
                        if write_commitment is not None:
                            for row in commitment_rows(coded):
                                write_commitment(row)
                    else:
                        print_table(coded, console)
            except BrokenPipeError:
                sys.stderr.close()
                raise typer.Exit(0) from None
            line = (f"{counts['documents']} documents coded, {counts['events']} events, "
                    f"{counts['commitments']} commitments, {counts['errors']} inputs with "
                    "errors")
            if summary:
                totals.print(Console(stderr=True, highlight=False, width=max(err.width, 120)))
            err.print(line)
            if write_event is not None and counts["commitments"] and write_commitment is None:
                err.print(f"{counts['commitments']} commitments are not in {format_} (events "
                          "only): use --format jsonl"
                          + (", or --out FOLDER for commitments.csv" if format_ == "csv"
                             else ""))
            if counts["documents"] == 0:
                raise typer.Exit(1)  # inside: an existing --out is left as it was
    except (TargetError, OSError) as exc:
        err.print(as_text(f"error: {_one_line_error(exc, out)}"))
        raise typer.Exit(2) from None


def _max_bytes(max_mb: float) -> int:
    """``--max-mb`` in bytes; one line and exit 2 unless it is a positive, finite size."""
    if not math.isfinite(max_mb) or max_mb * 1_000_000 < 1:
        err.print(f"error: --max-mb must be a positive number of megabytes (got {max_mb})")
        raise typer.Exit(2)
    return int(max_mb * 1_000_000)


def _check_target(guard: Any, target: Path) -> None:
    from redline.output.targets import TargetError

    try:
        guard.check(target)
    except TargetError as exc:
        err.print(as_text(f"error: {exc}"))
        raise typer.Exit(2) from None


def _one_line_error(exc: Exception, path: Path | None) -> str:
    """A failed write (a full disk) as ``PATH: cannot write (reason)``."""
    if isinstance(exc, OSError):
        reason = (exc.strerror or type(exc).__name__).lower()
        return one_line(f"{path or '<stdout>'}: cannot write ({reason})")
    return one_line(str(exc))


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="The sentence (or short text) to explain.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date "
                                              "(YYYY-MM-DD).")] = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    classifier: ClassifierOption = True,
) -> None:
    """Show the parse, actor matches, the rules that typed each event, modality, and every
    candidate dropped with its reason."""
    _before_spacy(classifier)
    from redline.explain import explain as run_explain

    published = _parse_day(date_)
    if not sentence.strip():
        err.print("error: the sentence is empty")
        raise typer.Exit(2)
    resources = _resources(actors, verbs, classifier)
    run_explain(sentence, resources, Console(highlight=False), published)


@app.command()
def codes(
    query: Annotated[str, typer.Argument(help="A code (KOR, RUSGOV, IGOWSTNAT, GOV, "
                                         "THREATEN, 172) or a text (\"the Russian "
                                         "ambassador\"); - reads the text from stdin.")],
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    date_: Annotated[str | None, typer.Option("--date", help="Read the dictionaries' dated "
                                              "rows (office holders) for this day "
                                              "(YYYY-MM-DD).")] = None,
    text: Annotated[bool, typer.Option("--text", help="Read a one-word query as text, not "
                                       "as a code.")] = False,
) -> None:
    """Say what a code means, or which actor code a text gets and why."""
    import json

    from redline.explain_codes import CodesInputError, lines, look_up

    _before_spacy(False)
    on = _parse_day(date_)
    try:
        result = look_up(_read_query(query), on=on, as_text=text)
    except CodesInputError as exc:
        raise _error_exit(exc) from None
    if json_:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo("\n".join(lines(result)))


def _read_query(query: str) -> str:
    """The query, or standard input for ``-`` (UTF-8, at most 1 MB read)."""
    if query != "-":
        return query
    from redline.explain_codes import CodesInputError

    data = sys.stdin.buffer.read(1_000_001)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CodesInputError("standard input is not UTF-8 text") from None


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store.")]


def _error_exit(problem: Exception | str) -> typer.Exit:
    """An error that ends the command: one line on stderr, exit code 2 (no usage box)."""
    err.print(as_text(f"error: {one_line(str(problem))}"))
    return typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .jsonl, .csv, "
                                               ".html, RSS/Atom .xml, and .gz of them).")],
    db: DbOption = Path("redline.duckdb"),
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address "
                                                  "(default: a LocalCluster).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Workers of the local Dask "
                                                "cluster.")] = None,
    date_: Annotated[str | None, typer.Option("--date", help="Publication date of .txt input "
                                              "(YYYY-MM-DD).")] = None,
    classifier: ClassifierOption = True,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
) -> None:
    """Code documents into the store; already stored documents are skipped."""
    _before_spacy(classifier)
    from contextlib import suppress

    import duckdb

    from redline.store.schema import StoreError, close, connect, write_failed
    from redline.store.writer import StoreWriter

    if engine not in ("local", "dask"):
        raise typer.BadParameter("--engine must be local or dask")
    if workers is not None and workers < 1:
        err.print(f"error: --workers must be at least 1 (got {workers})")
        raise typer.Exit(2)
    published = _parse_day(date_)
    # first, before the models load: a locked, foreign or unwritable store is refused at
    # once, and a run killed while they load is recorded (it becomes 'interrupted')
    try:
        con = connect(db)
    except StoreError as exc:
        raise _error_exit(exc) from None
    writer = StoreWriter(con)
    try:
        try:
            writer.start_run(sys.argv[1:], engine)
        except duckdb.Error as exc:  # a full disk, an I/O error
            raise write_failed(db, exc) from None
        result = _ingest_into(writer, paths, db, engine, scheduler, workers, published,
                              classifier, quiet)
    except BaseException as exc:  # a run that could not start is recorded as failed
        reason = "stopped before it started"
        if isinstance(exc, StoreError):
            reason = one_line(str(exc))
        elif isinstance(exc, typer.Exit):
            reason += " (the models could not be loaded)"
        with suppress(duckdb.Error):
            writer.abandon_run(reason)
        if isinstance(exc, StoreError):
            raise _error_exit(exc) from None
        raise
    finally:
        close(con)
    counts = result.counts
    for line in counts.errors:
        err.print(as_text(f"error: {one_line(line)}"))
    err.print(as_text(one_line(
        f"{db}: {counts.documents_new} documents new, {counts.documents_present} already "
        f"present, {counts.documents_duplicate} near duplicates (not coded), "
        f"{counts.documents_failed} failed; {counts.events} events, "
        f"{counts.commitments} commitments; {result.clusters} event clusters in the store")))
    if counts.documents_failed:
        raise typer.Exit(1)


def _ingest_into(writer: Any, paths: list[str], db: Path, engine: str, scheduler: str | None,
                 workers: int | None, published: date | None, classifier: bool,
                 quiet: bool) -> Any:
    """Run ``redline ingest`` with ``writer`` (on the open store, its run started), with a
    progress bar."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from redline.coder import ResourceOptions
    from redline.runs.local import IngestError
    from redline.runs.local import ingest as run_ingest

    options = ResourceOptions(classifier=classifier)
    resources = _resources(None, None, classifier) if engine == "local" else None
    arguments = sys.argv[1:]
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("starting", total=None)
        started = time.perf_counter()

        def progress(counts: Any) -> None:
            done = counts.documents_new + counts.documents_duplicate
            rate = done / max(1e-9, time.perf_counter() - started)
            bar.update(task, description=f"{done} documents coded ({rate:.1f}/s), "
                                         f"{counts.documents_present} already stored, "
                                         f"{counts.events} events so far")

        if engine == "dask":
            from redline.runs.dask_engine import ingest_dask

            try:
                return ingest_dask(paths, db, options, scheduler=scheduler, workers=workers,
                                   default_date=published, arguments=arguments,
                                   progress=progress, writer=writer)
            except IngestError as exc:  # the scheduler cannot be reached
                writer.abandon_run(one_line(str(exc)))
                raise _error_exit(exc) from None
        assert resources is not None
        return run_ingest(paths, db, resources, default_date=published, arguments=arguments,
                          progress=progress, writer=writer)


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs (http, https) and "
                                                 "folders or files to read as ingest does.")],
    db: DbOption = Path("redline.duckdb"),
    every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then exit "
                                       "(1 when a source failed).")] = False,
    alerts: Annotated[Path | None, typer.Option("--alerts", help="Append alerts here as JSON "
                                                "lines (default: <db stem>-alerts.jsonl "
                                                "beside the store).")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST each alert's JSON "
                                                "to this URL.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a feed "
                                           "(and for the webhook).")] = 30.0,
    classifier: ClassifierOption = True,
) -> None:
    """Poll feeds and folders, ingest what is new, and raise an alert when a stored red line
    is crossed or a dyad's hostility breaks out."""
    _before_spacy(classifier)
    from redline.runs.watch import Watcher, WatchError, check_source, check_webhook, parse_every
    from redline.store.schema import StoreError, close, connect

    try:
        seconds = parse_every(every)
        for source in sources:
            check_source(source)
        if webhook is not None:
            check_webhook(webhook)
        if not math.isfinite(timeout) or timeout <= 0:
            raise WatchError(f"--timeout must be a positive number of seconds (got {timeout})")
    except WatchError as exc:
        raise _error_exit(exc) from None
    try:  # before the models load: a locked, foreign or unwritable store is refused at once
        close(connect(db))
    except StoreError as exc:
        raise _error_exit(exc) from None
    resources = _resources(None, None, classifier)
    out = Console(highlight=False, soft_wrap=True, markup=False)
    try:
        watcher = Watcher(sources, db, resources, every=seconds, timeout=timeout,
                          alerts_path=alerts, webhook=webhook, webhook_timeout=timeout,
                          say=lambda line: err.print(as_text(line)),
                          warn=lambda line: err.print(as_text(f"error: {line}")),
                          shout=lambda line: out.print(as_text(line)))
        if not once:
            _stop_on_sigterm()
            err.print(as_text(f"watching {len(watcher.sources)} sources every {every}; alerts "
                              f"to {watcher.sink.path} (Ctrl-C stops)"))
        result = watcher.run(once=once)
    except StoreError as exc:
        raise _error_exit(exc) from None
    except KeyboardInterrupt:
        err.print("stopped")
        raise typer.Exit(130) from None
    err.print(as_text(f"{result.polled} sources polled, {len(result.failed)} failed; "
                      f"{result.documents_new} documents new, {result.events} events, "
                      f"{len(result.alerts)} alerts"))
    if result.failed:
        raise typer.Exit(1)


def _stop_on_sigterm() -> None:
    """SIGTERM (a service stopped) stops the watch as Ctrl-C does: the run under way is
    recorded as failed and the process ends with a line."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL statement (SELECT ...).")],
    db: DbOption = Path("redline.duckdb"),
    format_: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
    timeout: Annotated[float, typer.Option("--timeout", help="Stop the query after this many "
                                           "seconds.")] = 60.0,
    allow_files: Annotated[bool, typer.Option("--allow-files", help="Let the query read local "
                                              "files (read_csv, read_text, glob ...); writing "
                                              "stays refused.")] = False,
) -> None:
    """Run a read-only SQL query on the store (no file access, time and memory capped)."""
    from redline.store.query import QueryError, run_query
    from redline.store.schema import StoreError

    try:
        run_query(db, sql, format_, sys.stdout, Console(highlight=False), timeout=timeout,
                  allow_files=allow_files)
    except (StoreError, QueryError) as exc:
        raise _error_exit(exc) from None


@app.command()
def export(
    db: DbOption = Path("redline.duckdb"),
    format_: Annotated[str, typer.Option("--format", help="plover-jsonl, gdelt, polecat, csv "
                                         "or parquet.")] = "plover-jsonl",
    out: Annotated[str | None, typer.Option("--out", help="File, or folder (an existing one "
                                            "or ending in /) for parquet and the csv tables; "
                                            "default stdout.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First event date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last event date.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code (actor or "
                                              "recipient).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    asserted_only: Annotated[bool, typer.Option("--asserted-only", help="Only events the text "
                                                "reports as having happened (the default "
                                                "for gdelt and polecat).")] = False,
    all_events: Annotated[bool, typer.Option("--all", help="gdelt, polecat: every event, "
                                             "with a final Asserted column (1/0).")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", help="Only events at least this confident (0 to 1).")] = None,
    force: ForceOption = False,
) -> None:
    """Export the store for users of GDELT, POLECAT and PLOVER tools."""
    from redline.export import FORMATS, ExportFilter
    from redline.export import export as run_export
    from redline.output.targets import TargetGuard
    from redline.store.schema import StoreError, connect

    if format_ not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if asserted_only and all_events:
        raise typer.BadParameter("--asserted-only and --all exclude each other")
    flt = ExportFilter(since=_parse_day(since), until=_parse_day(until),
                       actor=actor.upper() if actor else None,
                       event_type=type_.upper() if type_ else None,
                       asserted_only=True if asserted_only else False if all_events else None,
                       min_confidence=min_confidence)
    try:
        con = connect(db, read_only=True)
    except StoreError as exc:
        raise _error_exit(exc) from None
    guard = TargetGuard(inputs=(Path(db),), force=force, companions=(".wal",))
    try:
        rows = run_export(con, format_, out, flt, stream=sys.stdout, guard=guard.check)
    except (ValueError, OSError) as exc:
        raise _error_exit(exc) from None
    finally:
        con.close()
    err.print(as_text(f"{rows} events exported" + (f" to {out}" if out else "")))


@app.command()
def brief(
    db: DbOption = Path("redline.duckdb"),
    day: Annotated[str | None, typer.Option("--date", help="The day (default: the latest day "
                                            "with events).")] = None,
    format_: Annotated[str, typer.Option("--format", help="text, markdown or html (a report "
                                         "with the escalating pairs' plots).")] = "text",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file (markdown: its "
                                             "plots in <name>_files/ beside it).")] = None,
    force: ForceOption = False,
) -> None:
    """The day's brief: what happened, between whom, how hostile, which commitments and red
    lines, which pairs are escalating."""
    from redline.analysis.brief import build_brief, latest_day, outside_events
    from redline.analysis.brief_render import (
        FORMATS,
        markdown,
        markdown_with_plots,
        page,
        plain_text,
        print_text,
    )
    from redline.output.targets import TargetGuard, replacing
    from redline.store.schema import StoreError, connect

    if format_ not in FORMATS:
        raise _error_exit(f"--format must be one of {', '.join(FORMATS)}")
    published = _query_day("--date", day)
    guard = TargetGuard(inputs=(Path(db),), force=force, companions=(".wal",))
    try:
        if out is not None:
            guard.check(out)
        con = connect(db, read_only=True)
    except (StoreError, ValueError) as exc:
        raise _error_exit(exc) from None
    try:
        when = published or latest_day(con)
        if when is None:
            err.print("The store holds no events yet: run 'redline ingest' first.")
            return
        span = outside_events(con, published) if published is not None else None
        if span is not None:
            raise ValueError(f"--date {published} is outside the store's events, which run "
                             f"from {span[0]} to {span[1]}")
        report = build_brief(con, when, series=format_ != "text")
        if format_ == "text" and out is None:
            print_text(report, Console(highlight=False))
        elif format_ == "markdown" and out is not None:
            text, plots = markdown_with_plots(report, out)
            with replacing(out, guard) as handle:
                handle.write(text)
            err.print(as_text(f"brief written to {out}" + (
                f" with {len(plots)} plot{'s' if len(plots) != 1 else ''} in "
                f"{plots[0].parent}" if plots else "")))
        else:
            text = (plain_text(report) if format_ == "text" else markdown(report)
                    if format_ == "markdown" else page(report))
            if out is None:
                sys.stdout.write(text)
            else:
                with replacing(out, guard) as handle:
                    handle.write(text)
                err.print(as_text(f"brief written to {out}"))
    except (ValueError, OSError) as exc:
        raise _error_exit(exc) from None
    finally:
        con.close()


def _open_store_with_data(db: Path) -> Any:
    """The store, read-only; one line and exit code 2 when it cannot be opened or holds no
    documents."""
    from redline.store.schema import StoreError, connect

    try:
        con = connect(db, read_only=True)
    except StoreError as exc:
        raise _error_exit(exc) from None
    found = con.execute("SELECT count(*) FROM documents").fetchone()
    if not found or not found[0]:
        con.close()
        raise _error_exit(f"{db}: the store holds no documents (run 'redline ingest' first)")
    return con


def _write_bytes(data: bytes, out: Path | None, guard: Any) -> None:
    """``data`` to ``out`` (written beside it, then moved into place) or standard output."""
    from redline.output.targets import TargetError, write_replacing

    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_replacing(out, data, guard)
    except (TargetError, OSError) as exc:
        raise _error_exit(_one_line_error(exc, out)) from None


@app.command()
def graph(
    db: DbOption = Path("redline.duckdb"),
    since: Annotated[str | None, typer.Option("--since", help="First event date "
                                              "(YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last event date "
                                              "(YYYY-MM-DD).")] = None,
    format_: Annotated[str, typer.Option("--format", help="graphml, json, png or html "
                                         "(self-contained).")] = "graphml",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file (png: "
                                             "required unless stdout is redirected).")] = None,
    force: ForceOption = False,
) -> None:
    """The actor network: cooperation and conflict between actors, alliances, centrality and
    the communities of aligned actors."""
    from redline.analysis.network import (
        FORMATS,
        named_graph,
        read_alliances,
        read_interactions,
        render,
        summary_line,
    )
    from redline.output.targets import TargetGuard

    if format_ not in FORMATS:
        raise _error_exit(f"--format must be one of {', '.join(FORMATS)} (got {format_!r})")
    first, last = _query_range(since, until)
    if out is None and format_ == "png" and sys.stdout.isatty():
        raise _error_exit("a PNG is not shown on a terminal: give --out FILE")
    con = _open_store_with_data(db)
    try:
        interactions = read_interactions(con, first, last)
        alliances = read_alliances(con, first, last)
        if not interactions and not alliances:
            span = con.execute("SELECT min(date), max(date) FROM events WHERE asserted"
                               ).fetchone()
            held = (f"the store's asserted events run from {span[0]} to {span[1]}"
                    if span and span[0] else "the store holds no asserted events")
            raise _error_exit(f"no asserted events between two actors "
                              f"{'from ' + str(first) if first else ''}"
                              f"{' to ' + str(last) if last else ''}".rstrip()
                              + f" ({held})")
    finally:
        con.close()
    network = named_graph(interactions, alliances)
    title = "redline actor network" + (f", {first or '...'} to {last or '...'}"
                                       if first or last else "")
    _write_bytes(render(network, format_, title), out,
                 TargetGuard(inputs=(Path(db),), force=force, companions=(".wal",)))
    err.print(as_text(summary_line(network) + (f"; written to {out}" if out else "")))


@app.command()
def scenario(
    text: Annotated[str, typer.Argument(help="The hypothetical event: 'ACTOR TYPE RECIPIENT "
                                        "[MODE]' (\"KOR AID UKR weapons\") or a JSON object "
                                        "with actor, event, recipient and mode.")],
    db: DbOption = Path("redline.duckdb"),
    depth: Annotated[int, typer.Option("--depth", help="Follow responses this many steps "
                                       "deep (1 to 20).")] = 4,
    format_: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """What if? Follow the stored commitments from a hypothetical event and print the chain
    of responses, each with the sentence that stated it."""
    import json

    from redline.analysis.scenario import (
        MAX_DEPTH,
        ScenarioError,
        known_codes,
        parse_scenario,
        read_commitments,
        run_scenario,
        scenario_lines,
    )

    if format_ not in ("text", "json"):
        raise _error_exit(f"--format must be text or json (got {format_!r})")
    if not 1 <= depth <= MAX_DEPTH:
        raise _error_exit(f"--depth must be from 1 to {MAX_DEPTH} (got {depth})")
    con = _open_store_with_data(db)
    try:
        start = parse_scenario(text, known_codes(con))
        commitments = read_commitments(con)
    except ScenarioError as exc:
        raise _error_exit(exc) from None
    finally:
        con.close()
    result = run_scenario(start, commitments, depth)
    if format_ == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        from redline.output.terminal import printable

        typer.echo("\n".join(printable(line) for line in scenario_lines(result)))


DYAD_FORMATS = ("table", "csv", "json", "png", "html")


@app.command()
def dyad(
    source: Annotated[str, typer.Argument(help="Actor code A (compared by country: RUSGOV "
                                          "is RUS; IGO codes whole).")],
    target: Annotated[str, typer.Argument(help="Recipient code B.")],
    db: DbOption = Path("redline.duckdb"),
    by: Annotated[str, typer.Option("--by", help="day, week or month.")] = "week",
    since: Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).")
                     ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")
                     ] = None,
    both: Annotated[bool, typer.Option("--both", help="Count B toward A too (default: A "
                                       "toward B only).")] = False,
    format_: Annotated[str, typer.Option("--format", help="table, csv, json, png or html "
                                         "(png and html need --out).")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file (default: "
                                             "standard output).")] = None,
    force: ForceOption = False,
) -> None:
    """A dyad's trend: events per quad class, intensity, balance and escalation index per
    period, with change points and the events that drive them."""
    from redline.analysis.dyads import DyadQueryError, NoEvents
    from redline.store.schema import StoreError

    try:
        first, last = _query_day("--since", since), _query_day("--until", until)
        if format_ not in DYAD_FORMATS:
            raise DyadQueryError(f"--format must be one of {', '.join(DYAD_FORMATS)}")
        if format_ in ("png", "html") and out is None:
            raise DyadQueryError(f"--format {format_} needs --out FILE")
        _write_dyad(db, source, target, by, first, last, both, format_, out, force)
    except NoEvents as exc:
        err.print(as_text(one_line(str(exc))))
        raise typer.Exit(1) from None
    except (DyadQueryError, StoreError, ValueError, OSError) as exc:
        raise _error_exit(exc) from None


def _write_dyad(db: Path, source: str, target: str, by: str, first: date | None,
                last: date | None, both: bool, format_: str, out: Path | None,
                force: bool) -> None:
    import csv
    import json

    from redline.analysis.dyads import csv_rows, load_dyad, table_lines
    from redline.output.targets import TargetGuard, replacing
    from redline.output.terminal import printable
    from redline.store.schema import connect

    guard = TargetGuard(inputs=(Path(db),), force=force, companions=(".wal",))
    if out is not None:
        guard.check(out)
    con = connect(db, read_only=True)
    try:
        series = load_dyad(con, source, target, by, first, last, both)
    finally:
        con.close()
    if format_ in ("png", "html"):
        from redline.analysis.plots import write_html, write_png

        assert out is not None
        (write_png if format_ == "png" else write_html)(series, out)
        err.print(as_text(f"{series.name}: {len(series.periods)} {by}s, "
                          f"{len(series.change_points)} change points; written to {out}"))
        return
    with ExitStack() as stack:
        handle: IO[str] = (stack.enter_context(replacing(out, guard)) if out is not None
                           else sys.stdout)
        if format_ == "csv":
            csv.writer(handle, lineterminator="\n").writerows(csv_rows(series))
        elif format_ == "json":
            handle.write(json.dumps(series.to_dict(), ensure_ascii=False, indent=1) + "\n")
        else:
            width = Console().width if out is None else 120
            handle.write(printable("\n".join(table_lines(series, width))) + "\n")


REDLINE_FORMATS = ("table", "json")


def _query_day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _error_exit(f"{option} '{value}' is not a date in YYYY-MM-DD form") from None


def _query_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """``--since`` and ``--until`` as days, the first not after the last."""
    first, last = _query_day("--since", since), _query_day("--until", until)
    if first and last and first > last:
        raise _error_exit(f"--since {first} is after --until {last}")
    return first, last


@app.command()
def redlines(
    db: DbOption = Path("redline.duckdb"),
    since: Annotated[str | None, typer.Option("--since", help="Commitments stated on or after "
                                              "this day.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Commitments stated on or "
                                              "before this day.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only commitments naming this "
                                              "actor's country (holder, trigger or "
                                              "response).")] = None,
    format_: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Stored threats, promises, alliances and conditions, with the later events that
    crossed them and whether the stated response followed."""
    from redline.analysis.redlines import (
        known_country,
        print_red_lines,
        red_lines_json,
        store_span,
        stored_red_lines,
    )
    from redline.store.schema import StoreError, connect

    if format_ not in REDLINE_FORMATS:
        raise _error_exit(f"--format must be one of {', '.join(REDLINE_FORMATS)}, not "
                           f"'{format_}'")
    first, last = _query_range(since, until)
    code = actor.strip().upper() if actor is not None else None
    if code is not None:
        from redline.actors.codebook import load_codebook

        if load_codebook().actor_code(code) is None:
            raise _error_exit(f"unknown actor code '{actor}' (see 'redline codes CODE')")
    try:
        con = connect(db, read_only=True)
    except StoreError as exc:
        raise _error_exit(exc) from None
    try:
        count, earliest, latest = store_span(con)
        if count == 0:
            raise _error_exit(f"{db}: the store holds no commitments (threats, promises, "
                               "alliances or conditions) yet")
        if earliest is not None and latest is not None and (
                (first is not None and first > latest) or (last is not None and last < earliest)):
            raise _error_exit(f"no commitment was stated in the range asked for: the store's "
                               f"commitments were stated from {earliest} to {latest}")
        if code is not None and not known_country(con, code):
            raise _error_exit(f"unknown actor code '{code}' for this store: no event or "
                               "commitment names an actor of its country")
        found = stored_red_lines(con, since=first, until=last, actor=code)
    finally:
        con.close()
    if format_ == "json":
        sys.stdout.write(red_lines_json(found) + "\n")
    else:
        print_red_lines(found, Console(highlight=False, soft_wrap=True))


@app.command()
def serve(
    db: DbOption = Path("redline.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this "
                                      "machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    jobs: Annotated[int, typer.Option("--jobs", help="Coding worker processes: texts coded "
                                      "at once (more wait, up to a queue of 8; then 503). "
                                      "Each loads the models.")] = 1,
    classifier: ClassifierOption = True,
) -> None:
    """Serve the store and the coder over HTTP (FastAPI; the OpenAPI schema at /docs).
    Read-only unless the environment sets REDLINE_TOKEN: then POST /documents stores
    documents for requests bearing it (Authorization: Bearer TOKEN)."""
    _before_spacy(classifier)
    from redline.store.query import QueryError, open_locked
    from redline.store.schema import StoreError, close, connect

    token = os.environ.get("REDLINE_TOKEN") or None
    if not 1 <= port <= 65535:
        raise _error_exit(f"--port must be from 1 to 65535 (got {port})")
    if not 1 <= jobs <= 64:
        raise _error_exit(f"--jobs must be from 1 to 64 (got {jobs})")
    try:  # before the models load: a missing, locked or foreign store is refused at once
        if token:
            close(connect(db))
        open_locked(db).close()
    except (StoreError, QueryError) as exc:
        raise _error_exit(exc) from None
    import uvicorn

    from redline.coder import ResourceOptions
    from redline.service import ServiceLimits, create_app
    from redline.service.coding import CodingUnavailable, ProcessCoding

    # the models load in the coding worker processes, before the first request is served
    coding = ProcessCoding(ResourceOptions(classifier=classifier), workers=jobs)
    try:
        coding.start()
    except CodingUnavailable as exc:
        raise _error_exit(exc) from None
    service = create_app(db, coding=coding, token=token,
                         limits=ServiceLimits(coding_jobs=jobs))
    err.print(as_text(f"serving {db} on http://{host}:{port} ("
                      + ("writable with the token" if token else "read-only")
                      + f"; {jobs} coding worker process{'es' if jobs > 1 else ''})"))
    uvicorn.run(service, host=host, port=port, log_level="warning", access_log=False)


DATASETS = ("plv", "pentaclass", "argspans", "petr-xml")


@app.command(name="eval")
def eval_(
    dataset: Annotated[str, typer.Argument(help="plv, pentaclass, argspans or petr-xml.")],
    path: Annotated[Path, typer.Argument(help="The gold file.")],
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    cv: Annotated[int | None, typer.Option("--cv", help="Retrain the classifier on K-1 "
                                           "folds and score the held-out fold, K times.")] = None,
    predictions: Annotated[Path | None, typer.Option("--predictions", help="Write one line "
                                                     "per row: uid or row, TAB, label "
                                                     "(argspans: full, pair, event, none or "
                                                     "false_alarm).")] = None,
    extra: Annotated[list[Path] | None, typer.Option("--extra", help="With --cv, also train "
                                                     "on these gold files (PLV, pentaclass or "
                                                     "argspans TSV, told by their header). "
                                                     "Give the two other sets: the pair head "
                                                     "learns from PLV and argspans rows, and "
                                                     "evals with the same files share their "
                                                     "fold models (cached).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the folds and training.")] = 13,
    epochs: Annotated[int | None, typer.Option("--epochs", help="Training epochs with --cv "
                                               "(default: the shipped model's).")] = None,
    force: ForceOption = False,
) -> None:
    """Score redline on a gold set: PLV relations, ConfliBERT pentaclass, ConfliBERT argument
    spans, PETRARCH records."""
    from redline.evaluation.report import run_eval

    if dataset not in DATASETS:
        raise typer.BadParameter(f"DATASET must be one of {', '.join(DATASETS)}")
    if cv is not None and dataset == "petr-xml":
        raise typer.BadParameter("--cv applies to plv, pentaclass and argspans only")
    if predictions is not None:
        from redline.output.targets import TargetGuard

        gold = (path, *(extra or ()))
        _check_target(TargetGuard(inputs=gold, force=force), predictions)
    code = run_eval(dataset, path, as_json=json_, cv=cv, predictions=predictions, extra=extra,
                    seed=seed, epochs=epochs, out=Console(highlight=False), err=err)
    if code:
        raise typer.Exit(code)


# Start-up loads modules and models that make millions of objects living as long as the
# process; the cyclic garbage collector's default thresholds made it walk them over and over
# while they loaded (about a tenth of `redline explain`'s start-up). Until the models are
# loaded it runs far less often (still often enough for a command that loads nothing); then
# everything loaded is frozen out of its sight (gc.freeze) and the defaults come back.
STARTUP_GC_THRESHOLDS = (100_000, 50, 100)
_default_gc_thresholds: tuple[int, int, int] | None = None


def _loaded() -> None:
    """The models are loaded: keep the collector off them, and back to its defaults. At
    exit they are handed back to it, so that the interpreter's last collections free them
    (else DuckDB's bindings report their objects as leaked). Only in the ``redline``
    program (``main``), whose process ends with the command."""
    import atexit
    import gc

    global _default_gc_thresholds
    if _default_gc_thresholds is None:
        return
    gc.freeze()
    atexit.register(gc.unfreeze)
    gc.set_threshold(*_default_gc_thresholds)
    _default_gc_thresholds = None


def main() -> None:
    import gc

    global _default_gc_thresholds
    _default_gc_thresholds = gc.get_threshold()
    gc.set_threshold(*STARTUP_GC_THRESHOLDS)
    app()


if __name__ == "__main__":
    main()
