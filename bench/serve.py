"""Load on the HTTP service: `GET /events` while `POST /code` runs, and `POST /code` against
`redline code` on the same texts.

Starts `redline serve` on 127.0.0.1 (a free port) on a store (default: redline.duckdb; make
it with `make run`), then for `--seconds` sends `GET /events` (random filters and page
sizes; half the requests ask for the next page of the one before) from `--connections`
client threads (kept-alive connections of the standard library's client) on a fixed
schedule at a bounded total rate (`--rate` requests/s) while one more thread posts a short
article to `POST /code` again and again. Prints requests/s, p50 and p99 latency of each,
then the baseline: the same article coded in-process by the same coder (`code_text`), as
texts/s, and the ratio. Figures go in docs/PERFORMANCE.md.

    python bench/serve.py --db redline.duckdb --seconds 30 --connections 8 --rate 200
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import date
from pathlib import Path

# as the command line and the Makefile do: OpenBLAS's own threads fight torch's on a small
# machine and make in-process coding several times slower (11 texts/s against 52 here)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import httpx  # noqa: E402

ARTICLE = ("Russian President Vladimir Putin warned South Korea against supplying lethal "
           "weapons to Ukraine on Thursday. South Korea summoned the Russian ambassador in "
           "Seoul to protest the pact, and said it would consider sending arms to Kyiv.")
FILTERS = [{}, {"actor": "RUS"}, {"actor": "USA"}, {"asserted": "true"}, {"quad": "4"},
           {"recipient": "UKR"}, {"type": "THREATEN"}, {"q": "weapons"}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of a process and its descendants (the coding workers),
    summed, from /proc (Linux); None elsewhere."""
    total, pending = 0, [pid]
    try:
        while pending:
            current = pending.pop()
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmHWM:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
    except (OSError, StopIteration, ValueError):
        return None
    return round(total / 1024, 1)


def wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise SystemExit(f"redline serve exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("redline serve did not start")


def reader(port: int, stop: threading.Event, pace: float, out: list[float],
           errors: list[int]) -> None:
    """One connection (kept alive) sending a request every ``pace`` seconds, on a fixed
    schedule: after a late answer it sends at once until it is back on schedule, so the
    requests/s achieved says whether the server kept up with the rate offered. The standard
    library's client: httpx costs several times more CPU per request, paid out of the same
    two cores as the server's."""
    rng = random.Random(threading.get_ident())
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    next_at = time.monotonic() + rng.random() * pace  # the connections spread over a beat
    params: dict[str, str] = {}
    following: str | None = None
    try:
        while not stop.is_set():
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if following and rng.random() < 0.5:  # half the time, the next page
                params["cursor"] = following
            else:
                params = dict(rng.choice(FILTERS), limit=str(rng.choice([10, 20, 50])))
            start = time.monotonic()
            client.request("GET", "/events?" + urllib.parse.urlencode(params))
            response = client.getresponse()
            body = response.read()
            out.append(time.monotonic() - start)
            if response.status != 200:
                errors.append(response.status)
                following = None
            else:
                following = json.loads(body)["next_cursor"]
            next_at += pace
    finally:
        client.close()


def coder_loop(port: int, stop: threading.Event, out: list[float], errors: list[int]
               ) -> None:
    """``POST /code`` of the article again and again, on one kept-alive connection."""
    body = json.dumps({"text": ARTICLE, "date": "2024-06-21"}).encode("utf-8")
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        while not stop.is_set():
            start = time.monotonic()
            client.request("POST", "/code", body, {"Content-Type": "application/json"})
            response = client.getresponse()
            response.read()
            out.append(time.monotonic() - start)
            if response.status != 200:
                errors.append(response.status)
    finally:
        client.close()


def summary(name: str, latencies: list[float], seconds: float, errors: list[int]) -> dict:
    if not latencies:
        print(f"{name:<14}: no requests")
        return {"requests": 0, "per_s": 0.0, "p50_ms": None, "p99_ms": None,
                "errors": len(errors)}
    result = {"requests": len(latencies), "per_s": round(len(latencies) / seconds, 1),
              "p50_ms": round(1000 * percentile(latencies, 0.5), 1),
              "p99_ms": round(1000 * percentile(latencies, 0.99), 1), "errors": len(errors)}
    print(f"{name:<14}: {result['per_s']:7.1f} requests/s, p50 {result['p50_ms']:6.1f} ms, "
          f"p99 {result['p99_ms']:6.1f} ms, {len(errors)} errors")
    return result


def baseline(classifier: bool, seconds: float) -> float:
    """Texts/s of the same article coded in-process (no HTTP)."""
    from redline.coder import Resources, code_text

    resources = Resources.load(classifier=classifier)
    code_text(ARTICLE, resources, date(2024, 6, 21))  # warm
    count, start = 0, time.monotonic()
    while time.monotonic() - start < seconds:
        code_text(ARTICLE, resources, date(2024, 6, 21))
        count += 1
    return count / (time.monotonic() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("redline.duckdb"))
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=8,
                        help="GET /events client threads (0: POST /code alone)")
    parser.add_argument("--rate", type=float, default=200.0, help="GET /events per second")
    parser.add_argument("--fast", action="store_true", help="the lexicon-only coder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such store (make run builds redline.duckdb)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "redline.cli", "serve", "--db", str(args.db), "--port",
               str(port)] + (["--fast"] if args.fast else [])
    env = dict(os.environ)
    env.pop("REDLINE_TOKEN", None)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    try:
        wait_ready(base, process)
        events = httpx.get(f"{base}/events", params={"limit": "1"}).json()
        stop = threading.Event()
        reads: list[float] = []
        codes: list[float] = []
        read_errors: list[int] = []
        code_errors: list[int] = []
        pace = args.connections / args.rate
        threads = [threading.Thread(target=reader, args=(port, stop, pace, reads, read_errors))
                   for _ in range(args.connections)]
        threads.append(threading.Thread(target=coder_loop,
                                        args=(port, stop, codes, code_errors)))
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        peak = peak_rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    print(f"store: {args.db} ({'events listed' if events.get('items') else 'empty'}), "
          f"{args.seconds:.0f} s, {args.connections} readers at {args.rate:.0f}/s, "
          f"one POST /code loop")
    result = {"get_events": summary("GET /events", reads, args.seconds, read_errors),
              "post_code": summary("POST /code", codes, args.seconds, code_errors),
              "server_peak_rss_mb": peak}
    print(f"server peak RSS (with its coding workers): {peak} MB")
    direct = baseline(not args.fast, min(args.seconds, 15.0))
    served = result["post_code"]["per_s"]
    result["code_in_process_per_s"] = round(direct, 2)
    result["code_ratio"] = round(served / direct, 3) if direct else None
    print(f"in-process    : {direct:7.2f} texts/s; POST /code / in-process = "
          f"{result['code_ratio']}")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
