"""What the commands share: exit statuses, the one-line error, standard input's name, the --db option
and argument types."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 2
STDIN = "-"


def fail(message: str) -> int:
    print(f"newsline: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def warn(source: str, message: str) -> None:
    """One line on stderr about a document that goes on, e.g. without a DCT: ``newsline: warning: <source>: ...``."""
    print(f"newsline: warning: {source}: {message}", file=sys.stderr)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return number


DEFAULT_DB = "newsline.duckdb"
# The formats newsrooms' tools read (corpus/_exports.py: EXPORT_FORMATS), for document and entity timelines and
# summaries; named here so that the parsers need not import the corpus code.
EXPORT_FORMATS = ("timelinejs", "csv", "ics")


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", type=Path, default=Path(DEFAULT_DB),
                   help=f"the DuckDB database file (default: {DEFAULT_DB} in the current folder)")
