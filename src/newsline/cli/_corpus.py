"""The commands over a stored corpus: ``ingest``, ``entities``, ``search``, ``export`` and
``timeline --db F --entity NAME``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import cast

from newsline.cli._common import DEFAULT_DB, EXIT_OK, EXPORT_FORMATS, _add_db, _positive_int, fail
from newsline.errors import InputError

READ_WAIT = 30.0  # seconds a reader waits for a database an ingest is writing
ENTITY_FORMATS = ("text", "json", "tsv", "semeval", *EXPORT_FORMATS)


def run_entity_timeline(args: argparse.Namespace) -> int:
    """``newsline timeline --db F --entity NAME``: the entity's timeline across the stored documents."""
    if args.files:
        raise InputError("--entity builds a timeline from the documents stored in --db; give no FILE "
                         "(store them first with: newsline ingest FILE... --db F)")
    fmt = cast(str | None, args.format) or "text"
    if fmt not in ENTITY_FORMATS:
        raise InputError(f"--format {fmt} is for files; with --entity use one of {', '.join(ENTITY_FORMATS)}")
    from newsline.corpus._entity_formats import render
    from newsline.corpus._store import Store

    db = cast(Path | None, args.db) or Path(DEFAULT_DB)
    with Store.open(db, read_only=True, wait=READ_WAIT) as store:
        out = render(store, cast(str, args.entity), cast(str | None, args.date_from),
                     cast(str | None, args.date_to), fmt=fmt, show_all=bool(getattr(args, "show_all", False)))
    sys.stdout.write(out)
    return EXIT_OK


def _add_ingest(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="annotate dated documents and store them in a database (needs newsline[events])",
        description="Annotate documents (events, time expressions, links, entities) and store them in a "
        "DuckDB file, created on first use. PATHS are files or folders (walked recursively for .txt with "
        "a 'date YYYY-MM-DD' header, .tml TimeML, .jsonl JSON Lines, .html saved web pages (main text, title "
        "and publication date; needs newsline[html]), .warc/.warc.gz crawls (one document per HTML response) "
        "and .csv or .tsv (see --text-col)); \"-\" reads JSON Lines from stdin. "
        "Idempotent (the same text is stored once) and resumable: run it again after an interruption.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help='files or folders; "-" is JSON Lines on stdin')
    _add_db(p)
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="processes annotating in parallel (default 1); one process writes")
    p.add_argument("--batch", type=_positive_int, default=50, metavar="N",
                   help="documents per transaction (default 50): an interruption loses at most one batch")
    p.add_argument("--dct", metavar="YYYY-MM-DD",
                   help="the publication date of every web page, WARC record, CSV row, JSON Lines record and "
                   "text file read (overrides what the page, row, record or date header says; TimeML keeps its own)")
    p.add_argument("--text-col", default="text", metavar="NAME", help="CSV: the column of the text (default text)")
    p.add_argument("--date-col", default="date", metavar="NAME",
                   help="CSV: the column of the publication date (default date; YYYY-MM-DD, an ISO time or a "
                   "written date)")
    p.add_argument("--id-col", default="id", metavar="NAME",
                   help="CSV: the column of the document id (default id; without it, file:line)")
    p.add_argument("--replace", action="store_true",
                   help="a document whose id is stored with another text replaces it, with everything found "
                   "in it (a corrected or updated article); without it, such a document is skipped")
    p.set_defaults(command=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    from newsline.corpus._ingest import ReadOptions, ingest
    from newsline.corpus._ingest_pages import CsvColumns
    from newsline.timex._inputs import parse_dct

    db = cast(Path, args.db)
    options = ReadOptions(parse_dct(cast(str | None, args.dct)),
                          CsvColumns(cast(str, args.text_col), cast(str, args.date_col), cast(str, args.id_col)))
    report = ingest(cast(list[str], args.paths), db, workers=cast(int, args.workers),
                    batch=cast(int, args.batch), out=sys.stderr, options=options, replace=cast(bool, args.replace))
    if report.status != EXIT_OK:
        return fail(f"nothing ingested: {report.summary()}")
    print(f"newsline ingest: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def _add_entities(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "entities",
        help="the entities a stored corpus mentions most",
        description="People, organisations, places and other named entities of the stored documents, by "
        "number of mentions, with the number of documents; the names of one entity counted together, as "
        "`timeline --entity` finds it (\"Falk\" with \"Edwin Falk\", \"Halvorsen\" with \"Halvorsen "
        "Appliances\"), under its fullest name.",
    )
    _add_db(p)
    p.add_argument("--top", type=_positive_int, default=20, metavar="N", help="how many (default 20)")
    p.add_argument("--label", metavar="LABEL", help="only this NER label: PERSON, ORG, GPE, ...")
    p.add_argument("--all", dest="named_only", action="store_false",
                   help="also participants that are no named entity (\"the company\")")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(command=run_entities)


def run_entities(args: argparse.Namespace) -> int:
    from newsline.corpus._entity_aliases import entity_counts
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        if args.named_only:  # as a timeline finds them: one row per entity, under its fullest name
            rows = entity_counts(store, cast(int, args.top), label=cast(str | None, args.label))[1]
        else:  # every name as written, unnamed participants too ("the company")
            rows = store.entities(cast(int, args.top), label=cast(str | None, args.label), named_only=False)
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        label = cast(str | None, args.label)
        print(f"no entity labelled {label} stored (as one entity, an entity takes its names' most frequent label; "
              "--all lists every name as written)" if label else "no entities stored", file=sys.stderr)
        return EXIT_OK
    print(f"{'mentions':>8}  {'docs':>5}  {'label':<11} name")
    for r in rows:
        print(f"{r.mentions:>8,}  {r.documents:>5,}  {r.label or '-':<11} {r.name}")
    return EXIT_OK


def _add_search(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="stored documents containing some words, in a date range",
        description="Documents containing every word of QUERY (case-insensitive; documents with the words "
        "as one phrase first), published (by DCT) between --from and --to.",
    )
    _add_db(p)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N documents (default 20)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(command=run_search)


def run_search(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        hits = store.search(cast(str, args.query), cast(str | None, args.date_from),
                            cast(str | None, args.date_to), limit=cast(int, args.limit))
    if args.format == "json":
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hits:
        print("no document matches", file=sys.stderr)
    for h in hits:
        print(f"{h.dct.isoformat() if h.dct else '?':10}  {h.doc_id}\n    {h.snippet}")
    return EXIT_OK


def _add_remove(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "remove",
        help="remove stored documents (a retracted article) with everything found in them",
        description="Remove the documents ID... from the database, with their time expressions, events, links "
        "and mentions, in one transaction; entity timelines and summaries no longer see them. IDs are as "
        "'newsline search' and GET /v1/search show them (a file's path as it was given to ingest). To "
        "replace a document with a corrected text instead, ingest it again with --replace.",
    )
    _add_db(p)
    p.add_argument("ids", nargs="+", metavar="ID")
    p.set_defaults(command=run_remove)


def run_remove(args: argparse.Namespace) -> int:
    from newsline.corpus._entity_aliases import refresh_aliases
    from newsline.corpus._store import Store

    db = cast(Path, args.db)
    if not db.exists():
        return fail(f"{db}: no such database (give it with --db)")
    ids = cast(list[str], args.ids)
    with Store.open(db, wait=READ_WAIT) as store:
        ids = [store.stored_id(i) for i in ids]
        gone = store.remove_documents(ids)
        if gone:
            refresh_aliases(store)  # the entity index, without the removed documents' names
        missing = [i for i in dict.fromkeys(ids) if i not in gone]
        stored = list(store.known()) if missing else []
    for i in missing:
        # an id is a path as it was given to ingest: "a3.txt" may be stored as "articles/a3.txt" (trial Z)
        like = [k for k in stored if k.endswith(("/" + i, "\\" + i))][:3]
        hint = f"; did you mean {', '.join(map(repr, like))}?" if like else \
            f" (newsline search --db {db} WORDS shows the ids)"
        print(f"newsline remove: {i!r} is not stored in {db}{hint}", file=sys.stderr)
    if not gone:
        return fail("nothing removed")
    print(f"newsline remove: {len(gone)} document{'s' if len(gone) != 1 else ''} removed from {db}", file=sys.stderr)
    return EXIT_OK


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the stored tables as Parquet files",
        description="Write every table of the database as OUT_DIR/<table>.parquet: meta, documents, timexes, "
        "events, links, entities, mentions, entity_aliases, event_hints, entity_events (docs/store.md "
        "describes their columns).",
    )
    _add_db(p)
    p.add_argument("out", metavar="OUT_DIR", type=Path)
    p.add_argument("--format", choices=("parquet",), default="parquet")
    p.set_defaults(command=run_export)


def run_export(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        written = store.export(cast(Path, args.out), cast(str, args.format))
    print(f"newsline export: {len(written)} files in {args.out}", file=sys.stderr)
    return EXIT_OK
