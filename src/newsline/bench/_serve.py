"""The HTTP service under load (``newsline bench --serve N``): ingest examples/corpus, then the load test."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, TextIO

__all__ = ["serve_bench"]


# --- the HTTP service under load (bench --serve N) ---------------------------------------------


def serve_bench(requests: int, out: TextIO, workers: int = 2, clients: int = 4) -> dict[str, Any]:
    """A bounded load test of ``newsline serve --workers 2`` on loopback (:func:`newsline.service._loadtest.load_test`).

    examples/corpus is ingested into a temporary database; then ``requests``
    POST /v1/annotate (the examples/*.txt articles in turn) and ``requests``
    GET /v1/timeline (the ten most mentioned entities in turn), ``clients`` at
    a time: requests/s, p50 and p99 latency, errors (any answer but 200).
    """
    import io

    try:
        from newsline.service import _loadtest as service
    except ImportError as exc:
        why = f"needs newsline[serve] ({exc.name} is missing)"
        print(f"  HTTP service: skipped, {why}", file=out)
        return {"skipped": why}
    examples = Path(__file__).resolve().parents[3] / "examples"
    if not (examples / "corpus").is_dir():
        why = f"no examples/corpus at {examples} (a source checkout has it)"
        print(f"  HTTP service: skipped, {why}", file=out)
        return {"skipped": why}
    from newsline.corpus._ingest import ingest
    from newsline.corpus._store import Store

    with tempfile.TemporaryDirectory(prefix="newsline-bench-serve-") as tmp:
        db = Path(tmp) / "serve.duckdb"
        ingest([examples / "corpus"], db, workers=2, out=io.StringIO(), progress=False)
        with Store.open(db, read_only=True) as store:
            docs = store.stats()["documents"]
            entities = [e.name for e in store.entities(10)]
        texts = service.bench_texts(examples)
        figures = service.load_test(db, requests, workers=workers, concurrency=clients, texts=texts,
                                    entities=entities)
    print(f"HTTP service: newsline serve --workers {workers} on loopback, {docs} documents, {clients} clients, "
          f"{requests} requests per endpoint", file=out)
    print(f"  {'endpoint':<14}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}", file=out)
    for f in figures:
        print(f"  {f.endpoint:<14}{f.requests:>9}{f.errors:>8}{f.rps:>8.1f}{f.p50_ms:>9.1f}{f.p99_ms:>9.1f}", file=out)
    print(f"  annotate: the {len(texts)} examples/*.txt articles in turn; timeline: the {len(entities)} most mentioned "
          "entities in turn (each server process computes one once, then answers from its cache)", file=out)
    errors = sum(f.errors for f in figures)
    print(f"  errors: {errors}" + ("" if errors == 0 else "  <- every request should succeed"), file=out)
    return {"workers": workers, "clients": clients, "documents": docs,
            "endpoints": {f.endpoint: f.to_dict() for f in figures}, "errors": errors}
