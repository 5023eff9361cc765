"""newsline ingest: folders and files in, idempotent and resumable, bad input reported; the store commands."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import require_spacy_model
from newsline import cli
from newsline.cli import _corpus as cli_corpus
from newsline.corpus._ingest import (
    ALREADY,
    BAD_DATE,
    BAD_RECORD,
    BAD_TIMEML,
    DUPLICATE_ID,
    DUPLICATE_TEXT,
    EMPTY,
    MESSAGES_PER_REASON,
    NO_DATE,
    NOT_JSON,
    NOT_UTF8,
    UNREADABLE,
    UNSETTLED_DATE,
    Candidate,
    IngestReport,
    Problem,
    ingest,
    read_inputs,
)
from newsline.corpus._store import Store

ROOT = Path(__file__).resolve().parents[2]

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>HM-0301</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-01" temporalFunction="false" \
functionInDocument="CREATION_TIME">2021-03-01</TIMEX3></DCT>
<TEXT>
Harbor Mills said on Friday it would build a plant in Ohio.
</TEXT>
</TimeML>
"""


@pytest.fixture(scope="module", autouse=True)
def spacy_model() -> None:
    """Load spaCy once for the module (ingest needs it); skip when its English model is not installed."""
    require_spacy_model()


def record(doc_id: str, text: str, dct: str | None = "2021-03-04") -> str:
    return json.dumps({"id": doc_id, "text": text, "dct": dct})


def write_corpus(folder: Path) -> Path:
    """A small corpus: two text files (one in a subfolder), TimeML, JSON Lines, and files to leave alone."""
    (folder / "sub").mkdir(parents=True)
    (folder / ".cache").mkdir()
    (folder / "a.txt").write_text("date 2021-02-01 Tim Cook said on Monday that Apple would open a store in Paris.")
    (folder / "sub" / "b.txt").write_text("date 2021-02-10 Cook visited the store on Friday.")
    (folder / "hm.tml").write_text(TIMEML)
    (folder / "feed.jsonl").write_text(
        record("j1", "Harbor Mills hired Dana Whitfield last week.") + "\n\n"
        + record("j2", "Whitfield will speak at the annual meeting on May 3.", "2021-04-20") + "\n")
    (folder / "notes.md").write_text("not an input")
    (folder / ".cache" / "c.txt").write_text("date 2021-01-01 hidden, never read.")
    return folder


def counts(db: Path) -> dict[str, int]:
    with Store.open(db, read_only=True, wait=10) as store:
        return {k: v for k, v in store.stats().items() if isinstance(v, int) and k not in ("bytes", "schema_version")}


def run(paths: list[Path | str], db: Path, **kw: int) -> tuple[IngestReport, str]:
    out = io.StringIO()
    report = ingest(paths, db, out=out, **kw)  # type: ignore[arg-type]
    return report, out.getvalue()


def test_folders_are_read_recursively_and_a_second_run_stores_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    db = tmp_path / "news.duckdb"
    report, out = run([corpus], db, batch=2)
    assert (report.stored, report.files, report.ignored_files, report.status) == (5, 4, 1, 0)
    assert not report.skipped and out == ""
    with Store.open(db, read_only=True) as store:
        ids = {d.id for d in store.documents()}
        assert ids == {str(corpus / "a.txt"), str(corpus / "sub" / "b.txt"), "HM-0301", "j1", "j2"}
        assert store.document("j1").source == f"{corpus / 'feed.jsonl'}:1"  # type: ignore[union-attr]
        assert store.document("j2").source == f"{corpus / 'feed.jsonl'}:3"  # type: ignore[union-attr]
        names = {m.name for m in store.entity_mentions(doc_id=str(corpus / "a.txt"))}
        assert {"Tim Cook", "Apple", "Paris"} <= names
    first = counts(db)
    again, out = run([corpus, corpus / "a.txt"], db)
    assert (again.stored, again.skipped[ALREADY], again.status) == (0, 6, 0)  # a.txt given twice
    assert out == ""  # what is stored already is no news
    assert counts(db) == first


def test_the_same_text_twice_is_stored_once(tmp_path: Path) -> None:
    text = "date 2021-02-01 Tim Cook said on Monday that Apple would open a store in Paris."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "copy.txt").write_text(text)
    report, out = run([tmp_path / "a.txt", tmp_path / "copy.txt"], tmp_path / "news.duckdb")
    assert (report.stored, report.skipped[DUPLICATE_TEXT]) == (1, 1)
    assert f"copy.txt: same text as '{tmp_path / 'a.txt'}'" in out


def test_a_text_file_headline_is_stored_as_its_title(tmp_path: Path) -> None:
    """The same title the document timeline's CSV and TimelineJS export give it (new-user trial W)."""
    (tmp_path / "storm.txt").write_text("date 2025-10-19\n\nGale cuts power to coastal towns\n\n"
                                        "A gale cut power to 40,000 homes on Saturday, the grid operator said.\n")
    (tmp_path / "plain.txt").write_text("date 2025-10-19 A gale cut power to 40,000 homes on Saturday.\n")
    db = tmp_path / "news.duckdb"
    run([tmp_path], db)
    with Store.open(db, read_only=True) as store:
        titles = {Path(d.id).name: d.title for d in store.documents()}
    assert titles == {"storm.txt": "Gale cuts power to coastal towns", "plain.txt": None}


def test_a_corrected_article_replaces_its_stored_version_only_when_asked(tmp_path: Path) -> None:
    """A newsroom corrects a story: the same file (id) with another text (new-user trial V had no way in)."""
    from newsline.corpus._entity_timeline import entity_timeline

    story = tmp_path / "story.txt"
    other = tmp_path / "other.txt"
    story.write_text("date 2024-05-10 Mayor Ines Calloway opened the Harlow bridge on Tuesday.\n")
    other.write_text("date 2024-05-11 Calloway said the bridge cost 40 million euros.\n")
    db = tmp_path / "news.duckdb"
    run([story, other], db)
    before = counts(db)
    story.write_text("date 2024-05-10 Mayor Ines Calloway opened the Harlow bridge on Wednesday, "
                     "with engineer Tomas Ferreira.\n")
    report, out = run([story], db)  # not asked: skipped, nothing changes
    assert (report.stored, report.skipped[DUPLICATE_ID], report.status) == (0, 1, 2)
    assert "--replace" in out and counts(db) == before
    report, out = run([story], db, replace=True)
    assert (report.stored, report.replaced, report.status) == (1, 1, 0) and out == ""
    assert "1 of them replaced the stored text" in report.summary()
    with Store.open(db, read_only=True) as store:
        assert len(store.documents()) == 2
        assert "Wednesday" in store.document(str(story)).text  # type: ignore[union-attr]
        values = [r[0] for r in store.execute("SELECT value FROM timexes WHERE doc_id = ?", [str(story)])]
        assert values == ["2024-05-08"]  # Wednesday's, not the old Tuesday's as well
        names = {m.name for m in store.entity_mentions(doc_id=str(story))}
        assert "Tomas Ferreira" in names
        tl = entity_timeline(store, "Tomas Ferreira")  # the entity index was rebuilt
        assert [e.when for e in tl.entries if e.lemma == "open"] == ["2024-05-08"]
        mayor = entity_timeline(store, "Calloway")  # the other article's events stay
        assert {d for e in mayor.entries for d in e.documents} == {str(story), str(other)}
        assert len([e for e in mayor.entries if e.lemma == "open"]) == 1
    again, _ = run([story], db, replace=True)  # the corrected text is stored: nothing to do
    assert (again.stored, again.replaced, again.skipped[ALREADY], again.status) == (0, 0, 1, 0)


def test_a_correction_of_the_date_alone_replaces_the_stored_document(tmp_path: Path) -> None:
    """trial Z: the same text with another date was 'already stored' even with --replace, and kept its old date."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("m1", "The ferry service resumed on Tuesday.", "2025-03-05") + "\n")
    db = tmp_path / "news.duckdb"
    run([feed], db)
    feed.write_text(record("m1", "The ferry service resumed on Tuesday.", "2025-03-12") + "\n")
    report, _ = run([feed], db)  # not asked: nothing changes
    assert (report.stored, report.skipped[ALREADY]) == (0, 1)
    report, _ = run([feed], db, replace=True)
    assert (report.stored, report.replaced, report.status) == (1, 1, 0)
    with Store.open(db, read_only=True) as store:
        assert str(store.document("m1").dct) == "2025-03-12"  # type: ignore[union-attr]
        assert [r[0] for r in store.execute("SELECT value FROM timexes WHERE doc_id = 'm1'")] == ["2025-03-11"]
    again, _ = run([feed], db, replace=True)  # the corrected date is stored: nothing to do
    assert (again.stored, again.skipped[ALREADY]) == (0, 1)


@pytest.mark.parametrize("batch", [1, 50])
def test_with_replace_the_last_version_of_an_id_in_a_feed_wins(tmp_path: Path, batch: int) -> None:
    """A feed that carries a story and then its correction (trial Z: the first version won)."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("s1", "The ferry service resumed on Tuesday.") + "\n"
                    + record("s1", "The ferry service resumed on Wednesday.") + "\n")
    db = tmp_path / "news.duckdb"
    report, out = run([feed], db, replace=True, batch=batch)
    assert report.status == 0 and out == ""
    with Store.open(db, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["s1"]
        assert "Wednesday" in store.document("s1").text  # type: ignore[union-attr]
        assert [r[0] for r in store.execute("SELECT text FROM timexes WHERE doc_id = 's1'")] == ["Wednesday"]


def test_a_retracted_article_is_removed_with_everything_found_in_it(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.corpus._entity_timeline import entity_timeline

    (tmp_path / "a.txt").write_text("date 2024-05-10 Mayor Ines Calloway opened the Harlow bridge on Tuesday.\n")
    (tmp_path / "b.txt").write_text("date 2024-05-11 Engineer Tomas Ferreira praised Calloway on Friday.\n")
    db = tmp_path / "news.duckdb"
    run([tmp_path], db)
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    assert cli.main(["remove", "--db", str(db), b, "no-such-id"]) == 0
    err = capsys.readouterr().err
    assert "'no-such-id' is not stored" in err and "1 document removed" in err
    with Store.open(db, read_only=True) as store:
        assert [d.id for d in store.documents()] == [a]
        for table in ("timexes", "events", "links", "mentions", "event_hints", "entity_events"):
            assert not store.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [b])[0][0], table
        assert not store.execute("SELECT count(*) FROM entities WHERE name = 'Tomas Ferreira'")[0][0]
        mayor = entity_timeline(store, "Calloway")
        assert {d for e in mayor.entries for d in e.documents} == {a}
    assert cli.main(["remove", "--db", str(db), b]) == 2  # nothing left to remove
    assert "nothing removed" in capsys.readouterr().err
    assert cli.main(["remove", "--db", str(db), "a.txt"]) == 2  # the file name, not the path it was given as
    assert f"did you mean {a!r}" in capsys.readouterr().err
    assert cli.main(["remove", "--db", str(tmp_path / "missing.duckdb"), a]) == 2
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_duplicate_id_with_another_text_is_reported_and_skipped(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("x", "Apple opened a store on Monday.") + "\n"
                    + record("x", "Apple closed a store on Friday.") + "\n")
    db = tmp_path / "news.duckdb"
    report, out = run([feed], db)
    assert (report.stored, report.skipped[DUPLICATE_ID], report.status) == (1, 1, 0)
    assert f"{feed}:2: id 'x' comes twice in this run with different texts; the first is stored" in out
    later = tmp_path / "later.jsonl"
    later.write_text(record("x", "Apple sold a store on Sunday.") + "\n")
    report, out = run([later], db)  # across runs too
    assert (report.stored, report.skipped[DUPLICATE_ID], report.status) == (0, 1, 2)
    with Store.open(db, read_only=True) as store:
        doc = store.document("x")
        assert doc is not None and "opened" in doc.text


def test_each_kind_of_bad_input_is_reported_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2021-02-01 Apple opened a store on Monday.")
    (folder / "nodate.txt").write_text("Apple opened a store on Monday.")
    (folder / "baddate.txt").write_text("date 2021-02-30 Apple opened a store.")
    (folder / "empty.txt").write_text("")
    (folder / "header-only.txt").write_text("date 2021-02-01\n  \n")
    (folder / "latin1.txt").write_bytes("date 2021-02-01 Caf\u00e9 Lumi\u00e8re opened.".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"date 2021-02-01 \x00\x01\x02")
    (folder / "broken.tml").write_text("<TimeML><TEXT>unclosed")
    (folder / "undated.tml").write_text("\n".join(line for line in TIMEML.splitlines() if "<DCT>" not in line))
    with open(folder / "feed.jsonl", "wb") as f:
        f.write(b'{"id": "j1", "text": "no closing brace"\n')
        f.write(record("j2", "Apple opened a store.", None).encode() + b"\n")
        f.write(record("j3", "   ").encode() + b"\n")
        f.write(record("j4", "Apple opened a store.", "2021-13-01").encode() + b"\n")
        f.write(b'{"id": "j5", "body": "no text field", "dct": "2021-01-01"}\n')
        f.write(b'{"id": "j6", "text": "Caf\xe9", "dct": "2021-01-01"}\n')
        f.write(record("j7", "Apple closed a store on Friday.").encode() + b"\n")
    report, out = run([folder, tmp_path / "missing.txt"], tmp_path / "news.duckdb")
    assert report.stored == 2 and report.status == 0
    assert dict(report.skipped) == {NO_DATE: 3, BAD_DATE: 2, EMPTY: 3, NOT_UTF8: 3, BAD_TIMEML: 1, NOT_JSON: 1,
                                    BAD_RECORD: 1, UNREADABLE: 1}
    lines = out.splitlines()
    assert len(lines) == 15 and all(line.startswith("newsline ingest: ") for line in lines)
    expect = {
        "nodate.txt": "no date: start the file with a 'date YYYY-MM-DD' line, or give --dct YYYY-MM-DD",
        "baddate.txt": "date header: document date '2021-02-30' is not usable",
        "empty.txt": "empty", "header-only.txt": "empty",
        "latin1.txt": "not UTF-8", "binary.txt": "binary file",
        "broken.tml": "not well-formed XML", "undated.tml": "no date",
        "feed.jsonl:1": "not JSON", "feed.jsonl:2": 'no date: give the record a "dct"',
        "feed.jsonl:3": "empty", "feed.jsonl:4": "month must be in 1..12", "feed.jsonl:5": 'no "text" field',
        "feed.jsonl:6": "not UTF-8", "missing.txt": "cannot read the file (does not exist)",
    }
    for name, why in expect.items():
        assert any(f"{name}: " in line and why in line for line in lines), (name, why, out)


def test_exit_status_and_summary_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n" + record("u", "undated", None) + "\n")
    db = tmp_path / "news.duckdb"
    assert cli.main(["ingest", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("newsline: error: nothing ingested: 0 documents stored")
    assert "2 skipped: 1 not JSON, 1 no date" in err and "Traceback" not in err
    good = tmp_path / "good.txt"
    good.write_text("date 2021-02-01 Apple opened a store on Monday.")
    assert cli.main(["ingest", str(good), str(bad), "--db", str(db)]) == 0
    assert "1 document stored" in capsys.readouterr().err
    assert cli.main(["ingest", str(good), "--db", str(db)]) == 0  # everything already there: fine
    assert "1 skipped: 1 already stored" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # the default database is in the current folder
    assert cli.main(["ingest", "good.txt"]) == 0
    assert (tmp_path / "newsline.duckdb").is_file()
    capsys.readouterr()
    with pytest.raises(SystemExit) as stopped:
        cli.main(["ingest", "good.txt", "--workers", "0"])
    assert stopped.value.code == 2 and "expected a positive whole number" in capsys.readouterr().err


def test_workers_store_the_same_as_one_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    run([corpus], tmp_path / "one.duckdb")
    report, _ = run([corpus], tmp_path / "two.duckdb", workers=2, batch=2)
    assert report.stored == 5
    assert counts(tmp_path / "two.duckdb") == counts(tmp_path / "one.duckdb")


def test_a_killed_ingest_resumes_without_losing_or_doubling(tmp_path: Path) -> None:
    records = [record(f"d{i:02}", f"Acme Corp. said on Monday it would open store number {i} in Ohio.",
                      f"2021-03-{i + 1:02}") for i in range(12)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(records) + "\n")
    db = tmp_path / "news.duckdb"
    # stdin is a pipe we feed ourselves: the ingest commits two batches of 2, then waits for more
    proc = subprocess.Popen([sys.executable, "-m", "newsline", "ingest", "-", "--db", str(db), "--batch", "2"],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stdin is not None
    try:
        proc.stdin.write("".join(line + "\n" for line in records[:5]).encode())
        proc.stdin.flush()
        deadline = time.monotonic() + 120
        stored = 0
        while stored < 4:  # readers get in between the batches
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the ingest did not commit its first batches in time"
            time.sleep(0.2)
            if db.exists():
                with Store.open(db, read_only=True, wait=30) as store:
                    stored = len(store.documents())
        assert stored == 4
    finally:
        with contextlib.suppress(ProcessLookupError):  # gone already: the assertion above says why
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and anything it started
        proc.wait()
    report, _ = run([feed], db, batch=2)
    assert (report.stored, report.skipped[ALREADY]) == (8, 4)
    with Store.open(db, read_only=True) as store:
        assert sorted(d.id for d in store.documents()) == [f"d{i:02}" for i in range(12)]
    fresh = tmp_path / "fresh.duckdb"
    run([feed], fresh, batch=5)
    assert counts(db) == counts(fresh)  # nothing lost, nothing doubled, in any table


HOLD = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
""")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    db = folder / "news.duckdb"
    run([write_corpus(folder / "in")], db)
    return db


def test_entities_search_and_export_commands(stored: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["entities", "--db", str(stored), "--top", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["mentions", "docs", "label", "name"] and len(out) == 4
    assert cli.main(["entities", "--db", str(stored), "--format", "json", "--label", "PERSON"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert {p["name"] for p in people} >= {"Tim Cook", "Dana Whitfield"}
    assert all(p["label"] == "PERSON" and p["documents"] >= 1 for p in people)
    # no entity of a label: said so, not that the store is empty (re-check trial AW)
    assert cli.main(["entities", "--db", str(stored), "--label", "WORK_OF_ART_NONE"]) == 0
    err = capsys.readouterr().err
    assert "no entity labelled WORK_OF_ART_NONE stored" in err and "--all" in err

    assert cli.main(["search", "--db", str(stored), "store", "--from", "2021-02", "--to", "2021-02-05"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2021-02-01  ") and "a.txt" in out and "b.txt" not in out
    assert cli.main(["search", "--db", str(stored), "'; DROP TABLE documents; --", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli.main(["search", "--db", str(stored), "store", "--from", "soon"]) == 2
    assert "newsline: error: date 'soon' is not usable" in capsys.readouterr().err

    out_dir = tmp_path / "parquet"
    assert cli.main(["export", "--db", str(stored), "--format", "parquet", str(out_dir)]) == 0
    con = duckdb.connect()
    row = con.execute("SELECT count(*) FROM read_parquet(?)", [str(out_dir / "documents.parquet")]).fetchone()
    assert row == (5,)
    assert {p.name for p in out_dir.iterdir()} >= {"documents.parquet", "events.parquet", "mentions.parquet"}

    assert cli.main(["search", "--db", str(tmp_path / "none.duckdb"), "store"]) == 2
    assert "no such database; create it with: newsline ingest" in capsys.readouterr().err


def test_readers_are_told_why_a_file_in_use_cannot_be_opened(stored: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_corpus, "READ_WAIT", 0.1)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(stored)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert cli.main(["entities", "--db", str(stored)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"newsline: error: {stored}: in use by another process (PID {proc.pid}")
        assert len(err.strip().splitlines()) == 1
    finally:
        proc.communicate("")
    assert cli.main(["entities", "--db", str(stored)]) == 0


# --- bad input at scale --------------------------------------------------------------------------

MANY = {"good": 3, "empty": 3000, "nodate": 3000, "repeats": 3000, "latin1": 997}  # 10,000 input files


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 small files: 3 articles, and empty, undated, duplicate and latin-1 ones (nothing to annotate)."""
    root = tmp_path_factory.mktemp("many")
    for folder in MANY:
        (root / folder).mkdir()
    good = [f"date 2021-03-0{i + 1} Acme Corp. said on Monday it would open plant number {i} in Ohio."
            for i in range(MANY["good"])]
    for i, text in enumerate(good):
        (root / "good" / f"{i}.txt").write_text(text)
    for i in range(MANY["empty"]):
        (root / "empty" / f"{i:04}.txt").write_text("" if i % 2 else "date 2021-03-01\n\n")
    for i in range(MANY["nodate"]):
        (root / "nodate" / f"{i:04}.txt").write_text(f"Story {i} without a date header. " * 120)  # 4 KB each
    for i in range(MANY["repeats"]):  # read after good/: the same texts again
        (root / "repeats" / f"{i:04}.txt").write_text(good[i % len(good)])
    for i in range(MANY["latin1"]):
        (root / "latin1" / f"{i:04}.txt").write_bytes(f"date 2021-03-01 Caf\u00e9 {i} opened.".encode("latin-1"))
    for i in range(10):
        (root / "nodate" / f"readme-{i}.md").write_text("not an input")
    assert sum(1 for _ in root.rglob("*.txt")) == 10_000
    return root


def test_ten_thousand_files_summary_capped_messages_and_exit_status(
        many_files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.duckdb"
    assert cli.main(["ingest", str(many_files), "--db", str(db), "--batch", "2"]) == 0
    lines = capsys.readouterr().err.splitlines()
    bad = {EMPTY: 3000, NO_DATE: 3000, DUPLICATE_TEXT: 3000, NOT_UTF8: 997}
    # the summary comes last: n stored, n skipped by reason, how many messages were left out, ignored files
    shown = MESSAGES_PER_REASON * len(bad)
    assert lines[-1] == (
        f"newsline ingest: 3 documents stored in {db} ({lines[-1].split(' (', 1)[1].split(')')[0]}); "
        "9,997 skipped: 3,000 empty, 3,000 no date, 3,000 duplicate text, 997 not UTF-8; "
        f"messages for {9997 - shown:,} of them not shown (the first {MESSAGES_PER_REASON} per reason are); "
        "10 files in folders ignored (not .txt, .tml, .te3input, .jsonl, .ndjson, .html, .htm, .xhtml, .warc, "
        ".warc.gz, .csv, .tsv)")
    messages = lines[:-1]
    assert len(messages) == shown + len(bad)  # 20 per reason, then one line saying the rest are only counted
    for reason, why in ((EMPTY, "empty: no text to annotate"), (NO_DATE, "no date: start the file with"),
                        (DUPLICATE_TEXT, "same text as"), (NOT_UTF8, "not UTF-8")):
        per_file = [line for line in messages if line.startswith(f"newsline ingest: {many_files}/") and why in line]
        assert len(per_file) == MESSAGES_PER_REASON, reason
        assert f"newsline ingest: more than {MESSAGES_PER_REASON} documents skipped as {reason!r}: " \
               "the rest are counted in the summary, not listed" in messages
    assert counts(db)["documents"] == 3
    # the same bad files without the articles: nothing can be stored, exit status 2, the summary as the error
    fresh = tmp_path / "fresh.duckdb"
    folders = [str(many_files / f) for f in ("empty", "nodate", "latin1")]
    assert cli.main(["ingest", *folders, "--db", str(fresh)]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith(f"newsline: error: nothing ingested: 0 documents stored in {fresh}")
    assert "6,997 skipped: 3,000 empty, 3,000 no date, 997 not UTF-8" in last
    with Store.open(fresh, read_only=True) as store:
        assert store.stats()["documents"] == 0


def test_ten_thousand_files_in_bounded_memory(many_files: Path, tmp_path: Path) -> None:
    import tracemalloc

    tracemalloc.start()
    try:
        report, out = run([many_files], tmp_path / "news.duckdb", workers=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (report.files, report.files_read, report.stored, sum(report.skipped.values())) == (10_000, 10_000, 3, 9997)
    assert sum(report.unshown.values()) == 9997 - 4 * MESSAGES_PER_REASON
    assert len(out) < 20_000  # what reaches the terminal does not grow with the number of bad files
    # a file's text is dropped once it is checked: the 12 MB of undated text never add up (about 16 MB here,
    # mostly annotating the three articles; keeping the texts would add 12 MB of bytes and as much again of str)
    assert peak < 24 * 2**20, f"{peak / 2**20:.1f} MB"


def test_all_messages_on_request(tmp_path: Path) -> None:
    for i in range(MESSAGES_PER_REASON + 5):
        (tmp_path / f"{i}.txt").write_text("no date here")
    report, out = run([tmp_path], tmp_path / "news.duckdb", messages=None)  # type: ignore[arg-type]
    assert len(out.splitlines()) == MESSAGES_PER_REASON + 5 and not report.unshown
    assert "not shown" not in report.summary()


def test_an_interrupted_batch_write_leaves_no_partial_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or a crash) while a batch is written: the batch is rolled back whole; the next run completes it."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(record(f"d{i}", f"Acme Corp. said on Monday it would open store {i} in Ohio.",
                                   f"2021-03-0{i + 1}") + "\n" for i in range(5)))
    db = tmp_path / "news.duckdb"
    insert = Store._insert
    batches = []

    def interrupted(self: Store, table: str, rows: list[tuple[object, ...]], *, or_ignore: bool = False) -> None:
        if table == "documents":
            batches.append(len(rows))
        if len(batches) == 2 and table == "events":  # the second batch: documents and timexes are in, then ^C
            raise KeyboardInterrupt
        insert(self, table, rows, or_ignore=or_ignore)

    monkeypatch.setattr(Store, "_insert", interrupted)
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        ingest([feed], db, batch=2, out=out)
    monkeypatch.setattr(Store, "_insert", insert)
    assert "interrupted: run the same command again to go on" in out.getvalue()
    with Store.open(db, read_only=True) as store:
        assert sorted(d.id for d in store.documents()) == ["d0", "d1"]  # the first batch only
        for table in ("timexes", "events", "links", "mentions"):  # no row of the rolled-back batch
            orphans = store.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN ('d0', 'd1')")
            assert orphans == [(0,)], table
    report, _ = run([feed], db, batch=2)
    assert (report.stored, report.skipped[ALREADY]) == (3, 2)
    fresh = tmp_path / "fresh.duckdb"
    run([feed], fresh)
    assert counts(db) == counts(fresh)


def test_ctrl_c_inside_a_database_statement_is_an_interruption(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB answers Ctrl-C during a statement with RuntimeError("Query interrupted"): no traceback either."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("d0", "Acme Corp. said on Monday it would open a store in Ohio.") + "\n")
    insert = Store._insert

    def interrupted(self: Store, table: str, rows: list[tuple[object, ...]], *, or_ignore: bool = False) -> None:
        if table == "events":
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt as exc:
                raise RuntimeError("Query interrupted") from exc
        insert(self, table, rows, or_ignore=or_ignore)

    monkeypatch.setattr(Store, "_insert", interrupted)
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        ingest([feed], tmp_path / "news.duckdb", out=out)
    assert "interrupted: run the same command again to go on" in out.getvalue()


def test_dates_that_are_not_iso_are_read_and_an_unsettled_one_is_skipped_with_its_reason(tmp_path: Path) -> None:
    """No spaCy needed: what the reading stage makes of each input."""
    files = {
        "settled.txt": "date 07/04/2012\nWASHINGTON, April 7 - Apple opened a store.",
        "written.txt": "Date: Saturday, April 7, 2012\nApple opened a store.",
        "ambiguous.txt": "date 07/04/2012\nApple opened a store.",
        "impossible.txt": "date 31/02/2012\nApple opened a store.",
        "ambiguous.tml": TIMEML.replace('value="2021-03-01"', 'value="07-04-2012"'),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("j1", "Apple opened a store.", "April 7, 2012") + "\n"
                    + record("j2", "Apple opened a store.", "07-04-2012") + "\n")
    names = [str(tmp_path / n) for n in (*files, "feed.jsonl")]
    got = {(i.source if isinstance(i, Problem) else i.id).rsplit("/", 1)[-1]: i
           for i in read_inputs(names, IngestReport(tmp_path / "x.duckdb"))}
    for name in ("settled.txt", "written.txt", "j1"):
        item = got[name]
        assert isinstance(item, Candidate) and item.dct.isoformat() == "2012-04-07", name
    for name, reason, why in [("ambiguous.txt", UNSETTLED_DATE, "date header: document date '07/04/2012' is ambiguous"),
                              ("ambiguous.tml", UNSETTLED_DATE, "CREATION_TIME: document date '07-04-2012' is"),
                              ("feed.jsonl:2", UNSETTLED_DATE, '"dct": document date '),
                              ("impossible.txt", BAD_DATE, "February 2012 has no day 31")]:
        item = got[name]
        assert isinstance(item, Problem) and item.reason == reason and why in item.message, (name, item)
    assert UNSETTLED_DATE == "ambiguous date"  # the summary's word for them


def test_a_path_written_with_or_without_dot_slash_is_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """'ingest .' stored './a.txt'; 'ingest a.txt --replace' then stored a second copy, and 'remove a.txt' found
    nothing (new-user trial AA)."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("date 2024-05-10 The Harlow bridge closed on Tuesday.\n")
    db = Path("news.duckdb")
    run(["."], db)
    Path("a.txt").write_text("date 2024-05-10 The Harlow bridge closed on Wednesday.\n")
    report, _out = run(["a.txt"], db, replace=True)
    assert report.status == 0
    with Store.open(db, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["a.txt"]
        assert "Wednesday" in store.document("a.txt").text  # type: ignore[union-attr]
    assert cli.main(["remove", "--db", str(db), "./a.txt"]) == 0
    assert "1 document removed" in capsys.readouterr().err


def test_remove_finds_an_id_a_store_kept_with_dot_slash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written before ids were plain paths holds './a.txt' (here: a feed's own id): 'remove a.txt' removes
    it, and an id that is no path (a URL) is looked for as given."""
    monkeypatch.chdir(tmp_path)
    feed = Path("feed.jsonl")
    feed.write_text(record("./a.txt", "The Harlow bridge closed on Tuesday.") + "\n"
                    + record("https://example.org/b", "The Harlow bridge opened on Friday.") + "\n")
    run([feed], Path("news.duckdb"))
    assert cli.main(["remove", "--db", "news.duckdb", "a.txt", "https://example.org/b"]) == 0
    with Store.open(Path("news.duckdb"), read_only=True) as store:
        assert list(store.documents()) == []


def test_dct_dates_json_lines_records_as_tag_does(tmp_path: Path) -> None:
    """'ingest feed.jsonl --dct D' skipped the records without a date (new-user trial AD); tag --dct gives them D."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "n1", "text": "The ferry service resumed on Tuesday."}) + "\n")
    db = tmp_path / "news.duckdb"
    report, out = run([feed], db)
    assert report.stored == 0 and "or give --dct" in out
    from newsline.corpus._ingest import ReadOptions

    report, out = run([feed], db, options=ReadOptions(dct=date(2024, 5, 9)))  # type: ignore[arg-type]
    assert report.stored == 1, out
    with Store.open(db, read_only=True) as store:
        assert [r[0] for r in store.execute("SELECT value FROM timexes WHERE doc_id = 'n1'")] == ["2024-05-07"]
