"""newsline ingest, tag and timeline over web pages, WARC and CSV: dates and titles stored, --dct, and one message
per bad document while the rest of the batch is stored."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("trafilatura", reason="needs newsline[html]")

from _page_files import BINARY, GARBAGE, PAGES, TRUNCATED, page, write_warc  # noqa: E402

from conftest import require_spacy_model  # noqa: E402
from newsline import cli  # noqa: E402
from newsline.corpus._store import Store  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def spacy_model() -> None:
    require_spacy_model()


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_mixed_batch_stores_the_good_and_says_one_line_per_bad_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("og_published.html", "url_dated.html", "dateline_only.html", "none.html"):
        shutil.copy(PAGES / name, folder / name)
    (folder / "truncated.html").write_bytes(TRUNCATED[:900] + b"<p>Ferry crews walked out on Friday over pay, "
                                            b"the union said, and talks resume on Monday.")
    (folder / "photo.html").write_bytes(BINARY)
    with (folder / "dump.html").open("wb") as out:  # 50 MB, sparse
        out.write(b"<html><body><p>")
        out.truncate(50_000_000)
    good = write_warc(tmp_path / "a.warc",
                      [("https://metronews.example/2020-02-11/tram", page("url_dated_ogurl.html"))])
    (folder / "crawl.warc").write_bytes(good.read_bytes() + GARBAGE)
    (folder / "db.csv").write_text('id,date,text\nc1,2021-03-04,"Acme opened its Ohio plant on Monday."\n', "utf-8")
    db = tmp_path / "news.duckdb"
    status, _, err = _run(["ingest", str(folder), "--db", str(db)], capsys)
    assert status == 0
    lines = err.splitlines()
    messages = [line for line in lines[:-1] if line.startswith("newsline ingest: ")]
    by_file = {Path(line.split(": ", 2)[1].split("#")[0]).name: line for line in messages}
    assert sorted(by_file) == ["crawl.warc", "dump.html", "none.html", "photo.html"]
    assert len(messages) == 4  # one line each
    assert "larger than the 10 MB" in by_file["dump.html"]
    assert "binary file" in by_file["photo.html"]
    assert "no publication date found in the page" in by_file["none.html"] and "--dct" in by_file["none.html"]
    assert "broken WARC record" in by_file["crawl.warc"]
    assert "6 documents stored" in lines[-1]
    with Store.open(db, read_only=True) as store:
        rows = {r[0]: r[1:] for r in store.execute(
            "SELECT id, dct, title, url, dct_source, dct_confidence FROM documents")}
    bridge = rows[str(folder / "og_published.html")]
    assert bridge == (date(2024, 3, 5), "Harbour bridge reopens after repairs",
                      "https://coastalherald.example/news/harbour-bridge-reopens", "meta", 0.95)
    assert rows[str(folder / "url_dated.html")][3] == "url"
    assert rows[str(folder / "dateline_only.html")][3:] == ("text", 0.5)
    assert rows[str(folder / "truncated.html")][0] == date(2024, 3, 5)
    assert rows["https://metronews.example/2020-02-11/tram"][0] == date(2020, 2, 11)
    assert rows["c1"][0] == date(2021, 3, 4) and rows["c1"][3] == "given"


def test_dct_overrides_the_page_and_dates_an_undated_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.duckdb"
    status, _, err = _run(["ingest", str(PAGES / "none.html"), str(PAGES / "og_published.html"), "--db", str(db),
                           "--dct", "2025-01-02"], capsys)
    assert status == 0, err
    with Store.open(db, read_only=True) as store:
        rows = store.execute("SELECT dct, dct_source, dct_confidence FROM documents")
    assert rows == [(date(2025, 1, 2), "given", 1.0)] * 2


def test_csv_columns_are_chosen_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_text("story,when,body\ns1,2021-03-04,Acme said on Monday it would open a plant in Ohio.\n", "utf-8")
    db = tmp_path / "news.duckdb"
    status, _, err = _run(["ingest", str(path), "--db", str(db)], capsys)
    assert status == 2 and "no column for --text-col 'text' and --date-col 'date'" in err
    status, _, err = _run(["ingest", str(path), "--db", str(db), "--text-col", "body", "--date-col", "when",
                           "--id-col", "story"], capsys)
    assert status == 0, err
    with Store.open(db, read_only=True) as store:
        assert store.execute("SELECT id, dct FROM documents") == [("s1", date(2021, 3, 4))]


def test_tag_and_timeline_read_pages(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(["tag", str(PAGES / "none.html")], capsys)
    assert status == 0
    assert "title: How to repot a houseplant" in out
    assert "DCT unknown: no publication date found in the page" in out and "XXXX-SP" in out
    assert "tagged without a DCT" in err
    status, out, _ = _run(["tag", str(PAGES / "none.html"), "--dct", "2024-04-01", "--format", "json"], capsys)
    doc = json.loads(out)
    assert (doc["dct"], doc["dct_source"], doc["title"]) == ("2024-04-01", "given", "How to repot a houseplant")
    status, out, _ = _run(["timeline", str(PAGES / "url_dated.html"), "--format", "json"], capsys)
    doc = json.loads(out)
    assert list(doc)[:6] == ["id", "dct", "title", "url", "dct_source", "dct_confidence"]
    assert (doc["dct"], doc["dct_source"]) == ("2023-07-18", "url")
    assert any(e["time"]["value"] == "2023-07-18" for e in doc["events"])  # "on Tuesday"
    status, out, _ = _run(["timeline", str(PAGES / "og_published.html"), "--format", "timelinejs"], capsys)
    tl = json.loads(out)
    assert tl["title"]["text"]["headline"] == "Harbour bridge reopens after repairs"
    assert any(e["start_date"] == {"year": 2023, "month": 7} for e in tl["events"])  # "last July": no day
    assert "https://coastalherald.example/news/harbour-bridge-reopens" in tl["events"][0]["text"]["text"]


def test_a_page_is_recognised_by_its_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "story.txt"  # named .txt, but a page
    saved.write_bytes(page("jsonld_news_article.html"))
    status, out, _ = _run(["tag", str(saved), "--format", "json"], capsys)
    assert status == 0 and json.loads(out)["dct"] == "2022-11-17"


def test_export_formats_need_one_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["timeline", str(PAGES / "none.html"), str(PAGES / "og_published.html"),
                           "--format", "csv"], capsys)
    assert status == 2 and "one timeline per document" in err and "--out DIR" in err


def test_an_export_format_for_json_lines_says_what_to_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # new-user trial AD gave --out DIR and was told to give --out DIR
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "dct": "2024-03-11", "text": "Police arrested a man on Sunday."}\n')
    status, _, err = _run(["timeline", str(feed), "--format", "csv", "--out", str(tmp_path / "out")], capsys)
    assert status == 2 and "cannot read JSON Lines" in err and "--format json or jsonl" in err
    assert "--out DIR" not in err


def test_an_export_without_a_publication_date_says_why_it_is_thin(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Trial AL exported a text with no date: an empty calendar, exit 0, not a word on stderr."""
    story = tmp_path / "council.txt"
    story.write_text("The council voted on Tuesday to close the pool. It reopens next month.\n")
    status, out, err = _run(["timeline", str(story), "--format", "ics"], capsys)
    assert status == 0 and out.startswith("BEGIN:VCALENDAR")
    assert "publication date unknown" in err and "--dct" in err
    status, out, err = _run(["timeline", str(story), "--format", "ics", "--dct", "2025-03-05"], capsys)
    assert status == 0 and "BEGIN:VEVENT" in out and "warning" not in err
