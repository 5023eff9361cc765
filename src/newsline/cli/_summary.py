"""``newsline summarize``: the key dates of a topic or an entity from the store, a few sentences each;
and the ``--tls`` part of ``newsline eval`` (timeline summaries against reference timelines)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import cast

from newsline.cli._common import EXIT_OK, EXPORT_FORMATS, _add_db, _positive_int
from newsline.errors import InputError

READ_WAIT = 30.0  # seconds a reader waits for a database an ingest is writing
SUMMARY_FORMATS = ("text", "json", "tilse", *EXPORT_FORMATS)


def _add_summarize(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "summarize",
        help="the key dates of a topic or an entity, with a few sentences each",
        description="A timeline summary from the stored articles: the dates the articles refer to most "
        "often and most independently (resolved time expressions and event times, with publication "
        "bursts), at most --dates of them, ascending, each with at most --sentences sentences taken from "
        "the articles that refer to it and match the query. --from/--to limit both the articles used "
        "(by publication date) and the dates shown.",
    )
    _add_db(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--query", metavar="WORDS",
                      help="the topic's words; articles with at least half of them (whole words in any "
                           "regular form, any case: \"flooding\" finds \"floods\") are used")
    what.add_argument("--entity", metavar="NAME", help="an entity; the articles that mention it are used")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="YYYY, YYYY-MM or YYYY-MM-DD; without --from/--to, the dates within a month of the "
                   "articles come first, and days further off that they write out fill the rest (give them for a "
                   "story that looks back years, such as an obituary)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--dates", type=_positive_int, default=10, metavar="L", help="at most L dates (default 10)")
    p.add_argument("--sentences", type=_positive_int, default=2, metavar="K",
                   help="at most K sentences a date (default 2)")
    p.add_argument("--format", choices=SUMMARY_FORMATS, default="text",
                   help="text (default), json, tilse (a YYYY-MM-DD line, a sentence a line, 32 '-'), or "
                   "timelinejs (TimelineJS 3 JSON), csv (a row a date) or ics (all-day events)")
    p.set_defaults(command=run_summarize)


def run_summarize(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store
    from newsline.corpus._summary import summarize
    from newsline.corpus._summary_sentences import MIN_WORDS
    from newsline.evaluation._tls_scoring import format_timeline

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        summary = summarize(store, query=cast(str | None, args.query), entity=cast(str | None, args.entity),
                            date_from=cast(str | None, args.date_from), date_to=cast(str | None, args.date_to),
                            n_dates=cast(int, args.dates), n_sentences=cast(int, args.sentences))
        if args.format in EXPORT_FORMATS:
            from newsline.corpus._exports import document_meta, export, summary_entries

            meta = document_meta(store, (s.doc_id for d in summary.dates for s in d.sentences))
            what = summary.query or summary.entity or ""
            counts = f"{_n(len(summary.dates), 'date')} from {_n(summary.documents, 'article')} (newsline)"
            sys.stdout.write(export(summary_entries(summary, meta), cast(str, args.format), f"{what}: key dates",
                                    counts))
            return EXIT_OK
    if args.format == "json":
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.format == "tilse":
        sys.stdout.write(format_timeline({d.date: [s.text for s in d.sentences] for d in summary.dates}))
        return EXIT_OK
    if not summary.dates:
        if summary.documents:  # trial AM: told "no stored article matches" of an article that matched
            ranged = bool(summary.date_from or summary.date_to)
            about = f" that names {summary.entity}" if summary.entity else ""
            tries = [*(["a wider --from/--to"] if ranged else []), *(["a query (--query)"] if summary.entity else []),
                     "`newsline timeline` for every event"]  # only what was not tried (trial AX: "a query" after one)
            print(f"{_n(summary.documents, 'stored article')} match{'es' if summary.documents == 1 else ''}, but "
                  f"no sentence of them{about} could be given a day{' within --from/--to' if ranged else ''} (a "
                  f"summary shows sentences of {MIN_WORDS} words or more); try {', or '.join(tries)}", file=sys.stderr)
        else:
            print("no stored article matches", file=sys.stderr)
        return EXIT_OK
    print(f"{_n(len(summary.dates), 'date')} from {_n(summary.documents, 'article')}")
    for d in summary.dates:
        print(f"\n{d.date.isoformat()}  ({_n(d.references, 'article')} refer{'s' if d.references == 1 else ''} to it, "
              f"{d.published} published that day)")
        for s in d.sentences:
            print(f"  - {s.text}\n    [{s.doc_id}]")
    return EXIT_OK


def eval_tls(ref_dir: Path, sys_dir: Path, fmt: str) -> int:
    """``newsline eval --tls REF_DIR SYS_DIR``: AR1, AR2 (align+ m:1) and date F1 per timeline, averaged."""
    from newsline.evaluation._tls_scoring import score_dirs

    if not ref_dir.is_dir() or not sys_dir.is_dir():
        raise InputError(f"--tls needs two folders of timelines (*.txt): {ref_dir}, {sys_dir}")
    rows, avg = score_dirs(ref_dir, sys_dir)
    if not rows:
        raise InputError(f"{ref_dir} holds no reference timeline (*.txt)")
    missing = [name for name, s in rows if s is None]
    if missing:
        print(f"newsline eval: {len(missing)} reference timeline(s) have no system file and score 0, "
              f"e.g. {missing[0]}", file=sys.stderr)
    if fmt == "json":
        print(json.dumps({"timelines": {n: s.to_dict() if s else None for n, s in rows},
                          "average": avg.to_dict()}, indent=2))
        return EXIT_OK
    width = max(len(n) for n, _ in rows + [("average", None)])
    print(f"{'timeline':<{width}}  AR1-F1  AR2-F1  date-F1")
    for name, s in rows:
        cells = f"{s.rouge1.f1:6.3f}  {s.rouge2.f1:6.3f}  {s.dates.f1:7.3f}" if s else "  (no system file)"
        print(f"{name:<{width}}  {cells}")
    print(f"{'average':<{width}}  {avg.rouge1.f1:6.3f}  {avg.rouge2.f1:6.3f}  {avg.dates.f1:7.3f}")
    print("(precision and recall averaged over the timelines, F1 of the averages, as news-tls reports them)")
    return EXIT_OK


def _n(count: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
