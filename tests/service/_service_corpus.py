"""A small stored corpus for the service tests (API, Schemathesis, browser), built once per test session.

The Delia Marchetti articles of examples/corpus, one article whose text holds
HTML and script (and an SQL-looking phrase), and an entity whose name is HTML
(added to the stored tables by hand: NER would not produce one), mentioned in
that article.  Not a test module: the test modules import it, so the corpus is
built once however many of them run.
"""

from __future__ import annotations

import atexit
import functools
import io
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
MARCHETTI = sorted(CORPUS.glob("*marchetti*.txt"))
EVIL_NAME = "<img src=x onerror=window.__xss=1>Evil Corp"
HOSTILE_TEXT = (
    "date 2021-05-05\n"
    "<script>window.__xss=1</script> Gov. Delia Marchetti said on Monday that "
    f"{EVIL_NAME} had paid for the '; DROP TABLE documents; -- campaign in June. "
    '<img src=x onerror="window.__xss=1"> The vote was held on Tuesday.\n'
)


def require_events() -> None:
    """Skip the calling test when spaCy or its English model is missing (the corpus needs annotate());
    any other failure to load it fails the test."""
    from conftest import require_spacy_model

    require_spacy_model()


@functools.cache
def corpus_db() -> Path:
    """The corpus database (built on first use, removed at exit); open it read-only or copy it."""
    from newsline.corpus._ingest import ingest
    from newsline.corpus._store import Store
    from newsline.corpus._store_writes import entity_id

    tmp = Path(tempfile.mkdtemp(prefix="newsline-service-tests-"))
    atexit.register(shutil.rmtree, tmp, True)
    articles = tmp / "articles"
    articles.mkdir()
    for path in MARCHETTI:
        shutil.copy(path, articles / path.name)
    (articles / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    db = tmp / "corpus.duckdb"
    report = ingest([articles], db, out=io.StringIO(), progress=False)
    assert report.stored == len(MARCHETTI) + 1, report.summary()
    with Store.open(db) as store:
        (doc_id,) = store.execute("SELECT id FROM documents WHERE text LIKE '%Evil Corp%'")[0]
        eid = entity_id(EVIL_NAME, "ORG")
        at = HOSTILE_TEXT.index(EVIL_NAME)
        store.execute("INSERT OR IGNORE INTO entities (id, name, label) VALUES (?, ?, ?)", [eid, EVIL_NAME, "ORG"])
        store.execute('INSERT INTO mentions (entity_id, doc_id, start, "end", text, role, event_id) '
                      "VALUES (?, ?, ?, ?, ?, 'ner', NULL)", [eid, doc_id, at, at + len(EVIL_NAME), EVIL_NAME])
        try:
            from newsline.corpus._entity_aliases import refresh_aliases
        except ImportError:  # entity timelines not there yet: nothing derived to refresh
            pass
        else:
            refresh_aliases(store, force=True)
    return db


def hostile_doc_id() -> str:
    return str(corpus_db().parent / "articles" / "hostile.txt")


def writable_copy(folder: Path) -> Path:
    """A copy of the corpus database in ``folder`` (for tests that store documents)."""
    target = folder / "corpus.duckdb"
    shutil.copy(corpus_db(), target)
    return target
