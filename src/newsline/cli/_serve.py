"""``newsline serve``: the HTTP API and the timeline page over a stored corpus."""

from __future__ import annotations

import argparse
import sys
from typing import cast

from newsline.cli._common import EXIT_OK, _add_db, _positive_int, fail
from newsline.errors import InputError


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the timeline page over a database (needs newsline[serve])",
        description="Serve the JSON API (/v1/annotate, /v1/entities, /v1/timeline, /v1/summary, /v1/documents, "
        "/v1/search, /healthz, /openapi.json) and the timeline page at / (its Story view: /?view=story&q=WORDS) "
        "over a stored corpus, until Ctrl-C. The database is opened read-only, and no other process can write "
        "it meanwhile, unless --allow-ingest (then POST /v1/documents stores or replaces articles and DELETE "
        "/v1/documents/ID removes one, with the bearer token in the environment variable "
        "NEWSLINE_INGEST_TOKEN). See docs/service.md.",
    )
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-ingest", action="store_true",
                   help="open the database for writing and accept POST /v1/documents (token: NEWSLINE_INGEST_TOKEN)")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="server processes (default 1; several need a read-only database)")
    p.add_argument("--annotate-workers", type=_positive_int, default=1, metavar="N",
                   help="annotation processes per server process (default 1)")
    p.add_argument("--time-budget", type=float, default=20.0, metavar="SECONDS",
                   help="wall time one request may take (default 20); longer answers 408")
    p.set_defaults(command=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    try:
        from newsline.service._limits import Limits, ServiceConfig
        from newsline.service._serve import serve
    except ImportError as exc:
        return fail(f"newsline serve needs FastAPI and uvicorn ({exc.name} is missing): "
                    "pip install 'newsline[serve]'")
    if not 0 < cast(int, args.port) < 65536:
        raise InputError(f"--port {args.port}: give a port number from 1 to 65535")
    if not cast(float, args.time_budget) > 0:
        raise InputError("--time-budget must be a positive number of seconds")
    config = ServiceConfig(db=str(args.db), allow_ingest=bool(args.allow_ingest),
                           limits=Limits(time_budget_s=cast(float, args.time_budget)),
                           annotate_workers=cast(int, args.annotate_workers))
    mode = "read-write, ingest allowed" if args.allow_ingest else "read-only"

    def announce(url: str) -> None:
        print(f"newsline serve: {url} (database {args.db}, {mode}); Ctrl-C stops", file=sys.stderr, flush=True)

    serve(config, host=cast(str, args.host), port=cast(int, args.port), workers=cast(int, args.workers),
          announce=announce)
    return EXIT_OK
