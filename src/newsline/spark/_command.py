"""The ``newsline spark-run`` command: its arguments, shared by the CLI and ``spark-submit .../newsline/spark``.

It lives beside the Spark job, not in the CLI, so that the job run as a script
never imports the command line (no import cycle).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import cast

from newsline.errors import NewslineError

HELP = "annotate JSON Lines or Parquet with Spark into Parquet tables (needs newsline[spark])"
DESCRIPTION = (
    "Annotate the documents of INPUT (JSON Lines of {\"id\", \"text\", \"dct\"}, or Parquet with "
    "those columns) with Apache Spark and write the Parquet tables OUTPUT_DIR/documents, timexes, events, "
    "links and timeline. A document that cannot be annotated gets its message in documents.error; the "
    "job goes on. See docs/spark.md."
)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return number


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``spark-run``; the parsed namespace runs with ``args.command(args)``."""
    p.add_argument("input", metavar="INPUT", help="a .jsonl file, or a Parquet file or folder (any Spark path)")
    p.add_argument("output", metavar="OUTPUT_DIR", help="folder for the Parquet tables (any Spark path)")
    p.add_argument("--master", metavar="URL", default=None,
                   help="Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*])")
    p.add_argument("--input-format", choices=("jsonl", "parquet"), default=None,
                   help="when the name does not tell (default: .jsonl/.ndjson/.json is JSON Lines, else Parquet)")
    p.add_argument("--overwrite", action="store_true", help="replace the tables of an existing OUTPUT_DIR")
    p.add_argument("--timexes-only", action="store_true",
                   help="time expressions only (no spaCy needed, many times faster); the event tables stay empty")
    p.add_argument("--partitions", type=_positive_int, default=None, metavar="N",
                   help="spread the documents over N tasks (default: 4 per core)")
    p.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from newsline.spark._job import run_command

    return run_command(cast(str, args.input), cast(str, args.output), master=cast(str | None, args.master),
                       fmt=cast(str | None, args.input_format), overwrite=bool(args.overwrite),
                       events=not args.timexes_only, partitions=cast(int | None, args.partitions))


def main(argv: Sequence[str] | None = None) -> int:
    """``newsline spark-run`` without the rest of the command line: errors as one line, exit status 2."""
    p = argparse.ArgumentParser(prog="newsline spark-run", description=DESCRIPTION)
    add_arguments(p)
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except NewslineError as exc:
        print(f"newsline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
