"""The ``redline`` command line."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Annotated

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Code news text about international politics into PLOVER events.")
err = Console(stderr=True, highlight=False)

FORMATS = ("table", "jsonl", "csv")


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


ClassifierOption = Annotated[
    bool,
    typer.Option("--classifier/--no-classifier", help="Let the relation classifier retype "
                 "frames that the lexicon typed only by a default code (slower, better)."),
]


def _resources(actors: list[Path] | None, verbs: list[Path] | None,  # type: ignore[no-untyped-def]
               classifier: bool = True):
    from redline.actors.lexicon import ActorDataError
    from redline.coder import Resources
    from redline.events.lexicon import LexiconDataError
    from redline.nlp.pipeline import ModelNotInstalledError

    try:
        return Resources.load(actor_files=actors or [], verb_files=verbs or [],
                              classifier=classifier)
    except (ActorDataError, LexiconDataError, ModelNotInstalledError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from None


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .jsonl); "
                                               "- for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date of .txt input "
                                              "(YYYY-MM-DD).")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write records to this file.")] = None,
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
) -> None:
    """Code documents into events and commitments."""
    from redline.coder import Coder
    from redline.ingest import InputError, read_inputs
    from redline.output.formats import CorpusSummary, CsvWriter, print_table, write_jsonl
    from redline.records import Document

    if format_ not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    published = _parse_day(date_)
    resources = _resources(actors, verbs, classifier)
    coder = Coder(resources, prefilter=not no_prefilter)
    counts = {"documents": 0, "errors": 0, "events": 0, "commitments": 0}

    def documents():  # type: ignore[no-untyped-def]
        for item in read_inputs(paths, published, stdin=sys.stdin.buffer,
                                max_document_bytes=int(max_mb * 1_000_000)):
            if isinstance(item, InputError):
                counts["errors"] += 1
                err.print(f"error: {item}")
                continue
            assert isinstance(item, Document)
            counts["documents"] += 1
            yield item

    totals = CorpusSummary()
    with ExitStack() as stack:
        stream: IO[str] = (stack.enter_context(out.open("w", encoding="utf-8")) if out
                           else sys.stdout)
        console = Console(file=stream, highlight=False,
                          width=160 if out or not stream.isatty() else None)
        csv_writer = CsvWriter(stream) if format_ == "csv" else None
        try:
            for coded in coder.code_documents(documents()):
                totals.add(coded)
                counts["events"] += len(coded.events)
                counts["commitments"] += len(coded.commitments)
                if format_ == "jsonl":
                    write_jsonl(coded, stream)
                elif csv_writer is not None:
                    csv_writer.write(coded)
                else:
                    print_table(coded, console)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
    line = (f"{counts['documents']} documents coded, {counts['events']} events, "
               f"{counts['commitments']} commitments, {counts['errors']} inputs with errors")
    if summary:
        totals.print(Console(stderr=True, highlight=False, width=max(err.width, 120)))
    err.print(line)
    if counts["documents"] == 0:
        raise typer.Exit(1)


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
    from redline.explain import explain as run_explain

    published = _parse_day(date_)
    if not sentence.strip():
        err.print("error: the sentence is empty")
        raise typer.Exit(2)
    resources = _resources(actors, verbs, classifier)
    run_explain(sentence, resources, Console(highlight=False), published)


DATASETS = ("plv", "pentaclass", "petr-xml")


@app.command(name="eval")
def eval_(
    dataset: Annotated[str, typer.Argument(help="plv, pentaclass or petr-xml.")],
    path: Annotated[Path, typer.Argument(help="The gold file.")],
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    cv: Annotated[int | None, typer.Option("--cv", help="Retrain the classifier on K-1 "
                                           "folds and score the held-out fold, K times.")] = None,
    predictions: Annotated[Path | None, typer.Option("--predictions", help="Write one line "
                                                     "per row: uid or row, TAB, label.")] = None,
    extra: Annotated[Path | None, typer.Option("--extra", help="With --cv, also train on this "
                                               "gold file of the other kind (pentaclass for "
                                               "plv, plv for pentaclass).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the folds and training.")] = 13,
    epochs: Annotated[int | None, typer.Option("--epochs", help="Training epochs with --cv "
                                               "(default: the shipped model's).")] = None,
) -> None:
    """Score redline on a gold set: PLV relations, ConfliBERT pentaclass, PETRARCH records."""
    from redline.evaluation.report import run_eval

    if dataset not in DATASETS:
        raise typer.BadParameter(f"DATASET must be one of {', '.join(DATASETS)}")
    if cv is not None and dataset == "petr-xml":
        raise typer.BadParameter("--cv applies to plv and pentaclass only")
    code = run_eval(dataset, path, as_json=json_, cv=cv, predictions=predictions, extra=extra,
                    seed=seed, epochs=epochs, out=Console(highlight=False), err=err)
    if code:
        raise typer.Exit(code)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
