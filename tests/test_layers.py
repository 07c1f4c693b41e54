"""The layers of the house (``[tool.importlinter]`` in pyproject.toml) hold, and the check
would catch a stage that reached up into the store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package under ``tree/src`` with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config",
                           str(tree / "pyproject.toml")], cwd=tree, env=env,
                          capture_output=True, text=True, check=False)


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src" / "redline", tree / "src" / "redline",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_hold(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_stage_importing_the_store_breaks_the_contract(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    stage = tree / "src" / "redline" / "actors" / "normalize.py"
    stage.write_text(stage.read_text(encoding="utf-8")
                     + "\nfrom redline.store.schema import connect  # noqa: E402\n",
                     encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "redline.actors.normalize -> redline.store.schema" in result.stdout


def test_a_cycle_inside_a_package_breaks_the_contract(tmp_path: Path) -> None:
    """The layers say nothing of the modules of one package; the acyclic contract does."""
    tree = _copy(tmp_path)
    rows = tree / "src" / "redline" / "store" / "rows.py"  # writer.py imports rows
    rows.write_text(rows.read_text(encoding="utf-8")
                    + "\nfrom redline.store import writer  # noqa: E402\n", encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "1 kept, 1 broken" in result.stdout
    assert "No cycle between the packages (or between the modules of one package) BROKEN" \
        in result.stdout
