"""The ``newsline`` command line: tag files, score against gold, run the benchmark.

Every error newsline raises on purpose (and a file that cannot be read) becomes
one line ``newsline: error: <message>`` on stderr and exit status 2.

The commands live by job: ``_tag`` (tag, timeline of files), ``_corpus`` (ingest,
entities, search, export, timeline --entity), ``_eval`` (eval, bench), ``_serve``
(serve); spark-run's arguments are ``newsline.spark._command``'s.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence

from newsline._version import __version__
from newsline.cli._common import EXIT_ERROR, EXIT_OK, fail
from newsline.cli._corpus import _add_entities, _add_export, _add_ingest, _add_remove, _add_search
from newsline.cli._eval import _add_bench, _add_eval
from newsline.cli._serve import _add_serve
from newsline.cli._summary import _add_summarize
from newsline.cli._tag import _add_tag, _add_timeline
from newsline.errors import NewslineError, file_error

__all__ = ["build_parser", "fail", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 fine, 2 user error)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        _unrecognized(parser, list(sys.argv[1:] if argv is None else argv), extra)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except NewslineError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # `newsline tag ... | head`: the reader left, nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        return fail(str(file_error(exc.filename or "newsline", exc)))
    except KeyboardInterrupt:
        return 130


def _unrecognized(parser: argparse.ArgumentParser, argv: list[str], extra: list[str]) -> None:
    """Exit with the usage of the command the unknown arguments were given to, and the option meant where one is
    close ("--dtc": "did you mean --dct?"), not the top-level usage (trial AP)."""
    commands = next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})
    name = next((a for a in argv if a in commands), None)
    target = commands[name] if name is not None else parser
    options = [o for action in target._actions for o in action.option_strings]
    message = f"unrecognized arguments: {' '.join(extra)}"
    flag = next((a.split("=", 1)[0] for a in extra if a.startswith("-")), None)
    close = difflib.get_close_matches(flag, options, n=1, cutoff=0.6) if flag else []
    if close:
        message += f" (did you mean {close[0]}?)"
    target.error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsline",
        description="Turn dated news into timelines: find time expressions (TIMEX3) and resolve them "
        "against the document creation time (DCT), find events and place them in time, store many "
        "documents and build entity timelines, serve them over HTTP, and score it all against gold data.",
    )
    parser.add_argument("--version", action="version", version=f"newsline {__version__}")

    def no_command(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_ERROR

    parser.set_defaults(command=no_command)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_tag(sub)
    _add_timeline(sub)
    _add_eval(sub)
    _add_bench(sub)
    _add_ingest(sub)
    _add_entities(sub)
    _add_search(sub)
    _add_remove(sub)
    _add_export(sub)
    _add_summarize(sub)
    _add_spark_run(sub)
    _add_serve(sub)
    return parser


# --- spark-run ---------------------------------------------------------------------------------


def _add_spark_run(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsline.spark._command import DESCRIPTION, HELP, add_arguments

    add_arguments(sub.add_parser("spark-run", help=HELP, description=DESCRIPTION))
