"""Write ``src/redline/actors/data/iso3166.tsv``: every ISO-3166-1 alpha-3 code and its name.

Build-time tool only (``pip install pycountry``); the package reads the TSV, never pycountry.
The name is the ISO English short name as pycountry gives it (e.g. "Korea, Republic of").

    python scripts/build_iso3166.py [--out src/redline/actors/data/iso3166.tsv]
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/redline/actors/data/iso3166.tsv"


def iso_rows() -> list[tuple[str, str]]:
    """Return (alpha-3 code, English short name) for every ISO-3166-1 country, sorted by code."""
    import pycountry  # build-time dependency only

    return sorted((c.alpha_3, c.name) for c in pycountry.countries)


def write_tsv(rows: list[tuple[str, str]], out: Path) -> None:
    """Write the rows with a ``code<TAB>name`` header, UTF-8, LF line endings."""
    lines = ["code\tname"] + [f"{code}\t{name}" for code, name in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = iso_rows()
    write_tsv(rows, args.out)
    print(f"wrote {len(rows)} codes to {args.out}")


if __name__ == "__main__":
    main()
