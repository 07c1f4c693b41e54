"""Shared fixtures: the loaded resources and the relation classifier (once per session)
and paths to shared data.

Plain helper functions and sample inputs shared by the test modules are in helpers.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"

# helpers.py holds asserting helpers: have pytest explain their failures as in a test module
pytest.register_assert_rewrite("tests.helpers")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (needs the ../shared data beside the checkout)")
    return path


@pytest.fixture(scope="session")
def resources() -> Any:
    """The lexicon-only coder's resources (``--fast``): tests that want the pair model
    add ``classifier`` (``replace(resources, relations=classifier)``)."""
    from redline.coder import Resources

    return Resources.load(classifier=False)


@pytest.fixture(scope="session")
def classifier() -> Any:
    """The shipped relation classifier, loaded once for the tests that use it."""
    from redline.relations.classifier import RelationClassifier

    return RelationClassifier.load()


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed ``redline`` command line in a subprocess."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "redline.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """The result of ``sql`` on the store ``db``, read-only."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def jsonl(output: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[bytes]]:
    return run_cli


@pytest.fixture
def good_txt(tmp_path: Path) -> Path:
    """An English .txt file in ``tmp_path``, read after a bad input to see the run go on."""
    from tests.helpers import ENGLISH, write

    return write(tmp_path / "good.txt", ENGLISH)


@pytest.fixture
def tmp_inputs(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
