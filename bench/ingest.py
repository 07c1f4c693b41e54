"""Ingestion throughput and memory: the local engine and Dask with 1 and 2 workers.

Ingests ``../shared/data/corpora/afp_xinhua_newswire.jsonl`` (its first 500 documents, and
all 2,452) into fresh DuckDB files, each configuration in its own process, and prints
documents/s, events/s, the peak RSS of the driver and of each Dask worker, and the size of
the database file. Memory must not grow with the corpus: compare the 500 and 2,452 rows.
``--larger`` adds a local run on a corpus three times the size: the wire corpus followed by
two re-mixed copies of it (every other sentence of each story taken from another story,
under new ids, so that they are neither present nor near copies, yet as long as the
originals). ``--slices`` adds local runs on each 500-document slice of the corpus (documents
0-499, 500-999, ...): a run's peak is set by the largest batches it meets, so the slices show
how far the peak moves with *which* documents are ingested, against which the whole corpus's
peak is to be read (it does not grow with size if it stays within the slices' range).

    python bench/ingest.py [--json] [--no-classifier] [--larger] [--slices]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "afp_xinhua_newswire.jsonl"
CONFIGS = [("local", 0, 500), ("local", 0, None), ("dask", 1, None), ("dask", 2, None)]
LARGER = ("local", 0, -3)  # a negative limit: that many rounds of the re-mixed corpus
SLICE_DOCUMENTS = 500
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    """Resident set size now (Linux); 0 where /proc is absent."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _milestones(samples: list[tuple[int, float]], total: int) -> list[list[float]]:
    """The highest RSS seen up to each quarter of the corpus, to show whether it grows."""
    marks = []
    for quarter in (1, 2, 3, 4):
        upto = [rss for done, rss in samples if done <= total * quarter // 4]
        if upto:
            marks.append([total * quarter // 4, round(max(upto), 1)])
    return marks


def _copy_lines(corpus: Path, target: Path, limit: int | None, skip: int = 0) -> int:
    """``limit`` documents after the first ``skip`` (all when None; -k: k rounds of the
    re-mixed corpus)."""
    if limit is not None and limit < 0:
        return _remixed(corpus, target, -limit)
    count = 0
    with corpus.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in itertools.islice(lines, skip, None):
            if limit and count >= limit:
                break
            out.write(line)
            count += 1
    return count


def _corpus_documents(corpus: Path) -> int:
    with corpus.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def _remixed(corpus: Path, target: Path, rounds: int) -> int:
    """The corpus, then ``rounds - 1`` copies in which every other sentence of story i is
    replaced by the sentence at the same place in story i + 7r, so that the stories keep
    their lengths (streamed: two readers of the file, the second one ahead)."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for r in range(rounds):
            with corpus.open(encoding="utf-8") as lines, corpus.open(encoding="utf-8") as ahead, \
                    corpus.open(encoding="utf-8") as wrapped:
                partners = itertools.islice(itertools.chain(ahead, wrapped), 7 * r, None)
                for line, partner in zip(lines, partners, strict=False):
                    if r:
                        story, other = json.loads(line), json.loads(partner)
                        mine = _SENTENCE_END.split(story.get("text") or "")
                        theirs = _SENTENCE_END.split(other.get("text") or "")
                        # odd sentences from the partner: the same length as the original
                        mixed = [theirs[k] if k % 2 and k < len(theirs) else sentence
                                 for k, sentence in enumerate(mine)]
                        story["text"] = " ".join(mixed)
                        story["id"] = f"{story.get('id')}~{r}"
                        line = json.dumps(story) + "\n"
                    out.write(line)
                    count += 1
    return count


def run_one(engine: str, workers: int, limit: int | None, classifier: bool,
            skip: int = 0) -> dict[str, Any]:
    """One configuration, in this process (called by the parent in a fresh process)."""
    from redline.coder import ResourceOptions, Resources

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        # streamed: the bench holds no corpus
        documents = _copy_lines(CORPUS, source, limit, skip)
        db = Path(tmp) / "bench.duckdb"
        options = ResourceOptions(classifier=classifier)
        worker_peaks: list[float] = []
        samples: list[tuple[int, float]] = []  # (documents done, current RSS) per batch
        start = time.perf_counter()
        if engine == "local":
            from redline.runs.local import ingest

            result = ingest([str(source)], db, Resources.load(**options.as_kwargs()),
                            progress=lambda counts: samples.append(
                                (counts.documents_new + counts.documents_duplicate,
                                 _current_mb())))
        else:
            from distributed import Client, LocalCluster

            from redline.runs.dask_engine import ingest_dask

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                result = ingest_dask([str(source)], db, options,
                                     scheduler=cluster.scheduler_address)
                worker_peaks = sorted(client.run(_peak_mb).values())
        seconds = time.perf_counter() - start
        counts = result.counts
        return {
            "engine": engine, "workers": workers, "documents": documents, "skip": skip,
            "seconds": round(seconds, 1),
            "documents_per_s": round(documents / seconds, 2),
            "events_per_s": round(counts.events / seconds, 1),
            "events": counts.events, "commitments": counts.commitments,
            "near_duplicates": counts.documents_duplicate,
            "driver_peak_rss_mb": round(_peak_mb(), 1),
            "worker_peak_rss_mb": [round(w, 1) for w in worker_peaks],
            "db_mb": round(db.stat().st_size / 1e6, 2),
            # the last sample is taken after the event clusters are rebuilt (a DuckDB query)
            "rss_mb_by_documents": _milestones(samples[:-1], documents),
            "rss_mb_after_clustering": round(samples[-1][1], 1) if samples else None,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--classifier", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--larger", action="store_true",
                        help="also a local run on a corpus three times the size")
    parser.add_argument("--slices", action="store_true",
                        help=f"also local runs on each {SLICE_DOCUMENTS}-document slice")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: the benchmark needs ../shared beside the checkout",
              file=sys.stderr)
        return 2
    if args.one:
        engine, workers, limit, *skip = args.one.split(",")
        print(json.dumps(run_one(engine, int(workers), int(limit) or None, args.classifier,
                                 int(skip[0]) if skip else 0)))
        return 0
    configs: list[tuple[str, int, int | None, int]] = [
        (engine, workers, limit, 0) for engine, workers, limit in
        CONFIGS + ([LARGER] if args.larger else [])]
    if args.slices:
        configs += [("local", 0, SLICE_DOCUMENTS, skip) for skip in
                    range(SLICE_DOCUMENTS, _corpus_documents(CORPUS), SLICE_DOCUMENTS)]
    results = []
    for engine, workers, limit, skip in configs:
        flag = "--classifier" if args.classifier else "--no-classifier"
        out = subprocess.run([sys.executable, __file__, "--one",
                              f"{engine},{workers},{limit or 0},{skip}", flag],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(result)
        workers_rss = ", ".join(f"{w:.0f}" for w in result["worker_peak_rss_mb"]) or "-"
        which = (f"docs={skip}-{skip + result['documents'] - 1}" if skip
                 else f"docs={result['documents']:5}")
        print(f"{engine:5} workers={workers} {which}: "
              f"{result['documents_per_s']:6.2f} docs/s, {result['events_per_s']:7.1f} events/s, "
              f"driver peak {result['driver_peak_rss_mb']:.0f} MB, workers peak "
              f"[{workers_rss}] MB, database {result['db_mb']:.1f} MB, "
              f"{result['near_duplicates']} near duplicates", flush=True)
        if result["rss_mb_by_documents"]:
            marks = ", ".join(f"{int(n)}: {mb:.0f} MB" for n, mb in result["rss_mb_by_documents"])
            print(f"      highest RSS after documents {marks}; after clustering "
                  f"{result['rss_mb_after_clustering']:.0f} MB", flush=True)
    slices = [r["driver_peak_rss_mb"] for r in results
              if r["engine"] == "local" and r["documents"] <= SLICE_DOCUMENTS]
    whole = [r["driver_peak_rss_mb"] for r in results
             if r["engine"] == "local" and r["documents"] > SLICE_DOCUMENTS]
    if args.slices and whole:
        print(f"local peak over {SLICE_DOCUMENTS}-document slices: {min(slices):.0f} to "
              f"{max(slices):.0f} MB; whole corpora: "
              + ", ".join(f"{mb:.0f} MB" for mb in whole), flush=True)
    if args.json:
        print(json.dumps({"classifier": args.classifier, "runs": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
