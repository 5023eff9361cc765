"""Saved web pages: the publication date, where it came from, the title and the main text of pages written in
the shapes news sites use (tests/corpus/pages/expected.json), WARC and CSV reading, and bad input."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("trafilatura", reason="needs newsline[html]")
pytest.importorskip("htmldate", reason="needs newsline[html]")

from _page_files import BINARY, CUT_RECORD, GARBAGE, PAGES, TRUNCATED, page, write_warc  # noqa: E402

from newsline.corpus._ingest_pages import (  # noqa: E402
    BAD_CSV,
    BAD_PAGE,
    BAD_WARC,
    CsvColumns,
    Read,
    Unread,
    read_csv,
    read_html_file,
    read_warc,
)
from newsline.corpus._web_pages import MAX_PAGE_BYTES, MissingExtraError, read_page  # noqa: E402
from newsline.errors import InputError  # noqa: E402

EXPECTED = {k: v for k, v in json.loads((PAGES / "expected.json").read_text("utf-8")).items()
            if not k.startswith("_")}


def test_there_are_ten_or_more_pages_of_every_shape() -> None:
    assert len(EXPECTED) >= 10
    assert {e["source"] for e in EXPECTED.values()} == {"meta", "url", "text", None}
    assert sorted(p.name for p in PAGES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_page_gives_its_date_source_title_and_text(name: str) -> None:
    want = EXPECTED[name]
    got = read_page(page(name))
    assert (got.dct.isoformat() if got.dct else None) == want["dct"]
    assert got.dct_source == want["source"]
    assert got.title == want["title"]
    for words in want["has"]:
        assert words in got.text
    for words in want["lacks"]:
        assert words not in got.text
    assert not got.text.startswith(want["title"])  # the headline is the title, not the text's first line
    if want["dct"] is None:
        assert got.dct_confidence is None and "no publication date" in got.dct_note
    else:
        assert got.dct_confidence is not None and 0 < got.dct_confidence <= 1


def test_a_date_the_story_tells_is_not_taken_for_the_publication_date() -> None:
    """htmldate's search of the whole text takes the story's first date; only the part of the page where a
    dateline sits (not the story's paragraphs) is searched."""
    from htmldate import find_date

    html = page("none_recent_dates_in_text.html")
    assert find_date(html, extensive_search=True, original_date=True, max_date="2099-12-31") == "2021-03-12"
    assert read_page(html).dct is None


def test_the_published_date_wins_over_the_modified_one_whatever_the_order() -> None:
    for name in ("og_modified_first.html", "jsonld_graph_modified.html", "dateline_published_and_updated.html"):
        html = page(name).decode()
        assert "modified" in html.lower() or "updated" in html.lower()
        assert read_page(page(name)).dct == date.fromisoformat(EXPECTED[name]["dct"])


def test_a_dated_address_given_from_outside_is_used_and_a_partial_one_is_not() -> None:
    html = page("none.html")
    assert read_page(html, "https://news.example/2019/04/02/repot.html").dct == date(2019, 4, 2)
    assert read_page(html, "https://news.example/2019/04/02/repot.html").dct_source == "url"
    assert read_page(html, "https://news.example/2019/04/repot.html").dct is None  # no day: none invented
    assert read_page(html, "https://news.example/local/2019-04-02/repot").dct == date(2019, 4, 2)


def test_the_meta_date_wins_over_a_dated_address() -> None:
    got = read_page(page("og_published.html"), "https://coastalherald.example/2024/03/01/bridge.html")
    assert (got.dct, got.dct_source) == (date(2024, 3, 5), "meta")


def test_a_page_in_another_charset_is_decoded() -> None:
    html = ("<html><head><meta charset='iso-8859-1'><title>Caf\u00e9 reopens</title>"
            "<meta property='article:published_time' content='2020-05-04'></head><body><article>"
            "<p>The caf\u00e9 in the old square reopened on Monday after two months, its owner said on Tuesday, "
            "and customers queued along the street.</p></article></body></html>").encode("latin-1")
    got = read_page(html)
    assert "caf\u00e9 in the old square" in got.text and got.dct == date(2020, 5, 4)


def test_bad_pages_get_one_clear_reason() -> None:
    with pytest.raises(InputError, match="binary file"):
        read_page(BINARY)
    with pytest.raises(InputError, match="empty"):
        read_page(b"  \n")
    with pytest.raises(InputError, match="larger than the 10 MB"):
        read_page(b"<html><body>" + b"x" * MAX_PAGE_BYTES + b"</body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_page(b"<html><head><title>Empty</title></head><body>"
                  b"<div class='cookie-banner'>We use cookies.</div></body></html>")
    cut = read_page(TRUNCATED)  # a page cut mid-paragraph still gives what it holds
    assert cut.dct == date(2024, 3, 5) and "reopened to traffic on Monday" in cut.text


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "dump.html"
    with big.open("wb") as out:  # sparse: 50 MB on the size, nothing on the disk
        out.write(b"<html><body><p>")
        out.truncate(50_000_000)
    [item] = read_html_file(str(big))
    assert isinstance(item, Unread) and item.reason == BAD_PAGE
    assert "50.0 MB, larger than the 10 MB" in item.message and "not read" in item.message


def test_without_the_html_extra_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'newsline\[html\]'"):
        read_page(page("og_published.html"))


def test_a_warc_gives_one_document_per_html_response(tmp_path: Path) -> None:
    for gzip in (False, True):
        path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"),
                          [("https://www.dailyregion.example/2023/07/18/fire.html", page("none.html")),
                           ("https://coastalherald.example/bridge", page("og_published.html"))], gzip=gzip)
        items = list(read_warc(str(path)))
        assert all(isinstance(i, Read) for i in items) and len(items) == 2  # requests and the PNG left out
        first, second = items
        assert isinstance(first, Read) and isinstance(second, Read)
        assert first.id == "https://www.dailyregion.example/2023/07/18/fire.html"
        assert (first.dct, first.dct_source, first.url) == (date(2023, 7, 18), "url", first.id)
        assert (second.dct, second.dct_source, second.title) == (date(2024, 3, 5), "meta",
                                                                  "Harbour bridge reopens after repairs")


def test_a_broken_warc_record_is_one_message_and_the_records_before_it_are_kept(tmp_path: Path) -> None:
    good = write_warc(tmp_path / "a.warc", [("https://a.example/2020/02/11/tram", page("url_dated_ogurl.html"))])
    rest = write_warc(tmp_path / "b.warc", [("https://b.example/bridge", page("og_published.html"))])
    broken = tmp_path / "broken.warc"
    broken.write_bytes(good.read_bytes() + GARBAGE + rest.read_bytes())
    items = list(read_warc(str(broken)))
    assert [type(i).__name__ for i in items] == ["Read", "Unread"]
    bad = items[1]
    assert isinstance(bad, Unread) and bad.reason == BAD_WARC
    assert bad.message.startswith("broken WARC record (Invalid WARC record") and "3 records before it" in bad.message
    cut = tmp_path / "cut.warc"
    cut.write_bytes(good.read_bytes() + CUT_RECORD)
    items = list(read_warc(str(cut)))
    assert [type(i).__name__ for i in items] == ["Read", "Unread"]
    assert isinstance(items[1], Unread) and "truncated WARC record: 4,938 of its 5,000 bytes" in items[1].message


def test_csv_rows_with_chosen_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('story_id,published,body,section\n'
                    'n1,2021-03-04T10:00:00Z,"Acme said on Monday it would open a plant, its first in Ohio.",biz\n'
                    'n2,"March 5, 2021",The plant will open next year.,biz\n'
                    'n3,,A row without a date.,biz\n'
                    'n4,2021-02-30,An impossible date.,biz\n'
                    'n5,2021-03-06,,biz\n', "utf-8")
    items = list(read_csv(str(path), CsvColumns(text="body", date="published", id="story_id")))
    first, second, third, fourth, fifth = items
    assert isinstance(first, Read) and (first.id, first.dct, first.dct_source) == ("n1", date(2021, 3, 4), "given")
    assert first.text.startswith("Acme said on Monday")
    assert isinstance(second, Read) and second.dct == date(2021, 3, 5)
    assert isinstance(third, Read) and third.dct is None and "no date in column 'published'" in third.dct_note
    assert isinstance(fourth, Unread) and fourth.reason == BAD_CSV and "not a real date" in fourth.message
    assert isinstance(fifth, Unread) and "no text in column 'body'" in fifth.message
    [wrong] = read_csv(str(path), CsvColumns())
    assert isinstance(wrong, Unread) and "--text-col 'text'" in wrong.message and "story_id, published" in wrong.message
    [wrong_id] = read_csv(str(path), CsvColumns(text="body", date="published", id="storyid"))
    assert isinstance(wrong_id, Unread) and "--id-col 'storyid'" in wrong_id.message
    rows = list(read_csv(str(path), CsvColumns(text="body", date="published")))  # no "id" column: row ids
    assert isinstance(rows[0], Read) and rows[0].id == f"{path}:2"


def test_csv_separated_by_semicolons_or_tabs(tmp_path: Path) -> None:
    for sep, suffix in ((";", ".csv"), ("\t", ".tsv")):
        path = tmp_path / f"export{suffix}"
        path.write_text(f"id{sep}date{sep}text\n"
                        f"a1{sep}2021-03-04{sep}Le conseil a voté, enfin, après trois heures.\n"
                        f"a2{sep}2021-03-05{sep}\"Un texte; avec{sep}séparateurs\"\n", "utf-8")
        first, second = read_csv(str(path), CsvColumns())
        assert isinstance(first, Read) and first.id == "a1" and first.text.startswith("Le conseil a voté, enfin,")
        assert isinstance(second, Read) and second.dct == date(2021, 3, 5)
        assert second.text == f"Un texte; avec{sep}séparateurs"
    one_column = tmp_path / "plain.csv"  # no separator in the header: one column, read as comma-separated
    one_column.write_text("text\nA row; with a semicolon.\n", "utf-8")
    [missing] = read_csv(str(one_column), CsvColumns())
    assert isinstance(missing, Unread) and "(the columns are: text)" in missing.message


def test_a_gzip_warc_cut_short_says_a_record_is_lost(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc.gz",
                       [("https://a.example/2020/02/11/tram", page("url_dated_ogurl.html")),
                        ("https://b.example/bridge", page("og_published.html"))], gzip=True)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    for keep in range(len(data) // 2, len(data) - 8, 97):  # cut inside a record or between two
        cut.write_bytes(data[:keep])
        items = list(read_warc(str(cut)))
        unread = [i for i in items if isinstance(i, Unread)]
        assert len(unread) == 1 and unread[0].reason == BAD_WARC, (keep, items)
        assert unread[0].message.startswith(("truncated WARC file: the compressed data ends early",
                                             "truncated WARC record", "broken WARC record")), unread[0].message
    assert not any(isinstance(i, Unread) for i in read_warc(str(whole)))
