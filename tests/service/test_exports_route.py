"""GET /v1/timeline?format=timelinejs|csv|ics (a download of the whole entity timeline), the command line's
entity timeline and summary exports over the same store, and POST /v1/documents with a saved web page."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")

from _service_corpus import corpus_db, require_events, writable_copy  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsline import cli  # noqa: E402
from newsline.service._app import create_app  # noqa: E402
from newsline.service._limits import INGEST_TOKEN_ENV, Limits, ServiceConfig  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from test_exports import check_timelinejs  # noqa: E402

ROOMY = Limits(time_budget_s=180.0)
PAGES = Path(__file__).resolve().parents[1] / "corpus" / "pages"
TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    require_events()
    with TestClient(create_app(ServiceConfig(db=str(corpus_db()), limits=ROOMY))) as c:
        yield c


def test_the_entity_timeline_as_a_timelinejs_download(client: TestClient) -> None:
    whole = client.get("/v1/timeline", params={"entity": "marchetti", "limit": 500}).json()
    r = client.get("/v1/timeline", params={"entity": "marchetti", "format": "timelinejs"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.headers["content-disposition"] == 'attachment; filename="Delia-Marchetti.timelinejs.json"'
    obj = r.json()
    check_timelinejs(obj)
    assert obj["title"]["text"]["headline"] == "Delia Marchetti"
    dated = [e for e in whole["entries"] if e["start"] and e["end"]]
    assert 0 < len(obj["events"]) <= len(dated)
    by_grain = {e["grain"]: e for e in dated}
    if "month" in by_grain:
        assert any("day" not in s["start_date"] for s in obj["events"])
    assert all("Source" in s["text"]["text"] for s in obj["events"])


def test_the_entity_timeline_as_csv_and_ics(client: TestClient) -> None:
    body = client.get("/v1/timeline", params={"entity": "marchetti", "limit": 500}).json()
    shown = body["total"] - sum(1 for e in body["entries"] if e.get("hidden"))  # reports behind their event: no row
    r = client.get("/v1/timeline", params={"entity": "marchetti", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text, newline="")))
    assert len(rows) == shown and all(row["phrase"] and row["sources"] for row in rows)
    r = client.get("/v1/timeline", params={"entity": "marchetti", "format": "ics"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert r.text.startswith("BEGIN:VCALENDAR\r\n") and r.text.count("BEGIN:VEVENT") >= 1
    day_rows = [row for row in rows if row["grain"] == "day" and row["start"]]  # placed only before/after: no day
    assert r.text.count("BEGIN:VEVENT") == len(day_rows)
    r = client.get("/v1/timeline", params={"entity": "marchetti", "format": "pdf"})
    assert r.status_code == 422
    r = client.get("/v1/timeline", params={"entity": "nobody-at-all", "format": "csv"})
    assert r.status_code == 404


def test_the_command_line_exports_entity_timelines_and_summaries(capsys: pytest.CaptureFixture[str]) -> None:
    require_events()
    db = str(corpus_db())
    assert cli.main(["timeline", "--db", db, "--entity", "Marchetti", "--format", "timelinejs"]) == 0
    check_timelinejs(json.loads(capsys.readouterr().out))
    assert cli.main(["summarize", "--db", db, "--entity", "Marchetti", "--format", "timelinejs"]) == 0
    obj = json.loads(capsys.readouterr().out)
    check_timelinejs(obj)
    assert obj["events"] and all(set(s["start_date"]) == {"year", "month", "day"} for s in obj["events"])
    assert cli.main(["summarize", "--db", db, "--entity", "Marchetti", "--format", "ics"]) == 0
    ics = capsys.readouterr().out
    assert ics.count("BEGIN:VEVENT") == len(obj["events"])


def test_post_a_saved_web_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason="needs newsline[html]")
    require_events()
    monkeypatch.setenv(INGEST_TOKEN_ENV, TOKEN)
    app = create_app(ServiceConfig(db=str(writable_copy(tmp_path)), allow_ingest=True, limits=ROOMY))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as c:
        html = (PAGES / "og_published.html").read_text("utf-8")
        r = c.post("/v1/documents", json={"html": html}, headers=auth)
        assert r.status_code == 201, r.text
        doc_id = r.json()["id"]
        assert doc_id == "https://coastalherald.example/news/harbour-bridge-reopens"
        doc = c.get(f"/v1/documents/{doc_id}").json()
        assert (doc["dct"], doc["title"], doc["dct_source"], doc["dct_confidence"]) == (
            "2024-03-05", "Harbour bridge reopens after repairs", "meta", 0.95)
        assert doc["text"].startswith("The harbour bridge reopened")
        r = c.post("/v1/documents", json={"html": (PAGES / "none.html").read_text("utf-8")}, headers=auth)
        assert r.status_code == 422 and "no publication date found in the page" in r.json()["message"]
        r = c.post("/v1/documents", json={"html": (PAGES / "none.html").read_text("utf-8"), "dct": "2024-04-01",
                                          "id": "plants"}, headers=auth)
        assert r.status_code == 201 and c.get("/v1/documents/plants").json()["dct_source"] == "given"
        r = c.post("/v1/documents", json={"html": "<html><body>\x00</body></html>"}, headers=auth)
        assert r.status_code == 422 and "binary" in r.json()["message"]
        r = c.post("/v1/documents", json={"html": html, "text": "both"}, headers=auth)
        assert r.status_code == 422 and "one of the two" in r.json()["message"]


def test_a_download_named_after_a_non_ascii_title_keeps_an_ascii_file_name() -> None:
    from newsline.service._app import attachment

    header = attachment("José Martí", ".csv")
    header.encode("latin-1")  # HTTP headers are latin-1: this is what failed before
    assert header == "attachment; filename=\"Jose-Marti.csv\"; filename*=UTF-8''Jos%C3%A9-Mart%C3%AD.csv"
    assert attachment("Delia Marchetti", ".ics") == 'attachment; filename="Delia-Marchetti.ics"'
    assert attachment("東京", ".csv").startswith('attachment; filename="timeline.csv"; filename*=UTF-8')


def test_a_download_for_a_name_outside_latin_1_is_no_server_error(client: TestClient) -> None:
    for fmt in ("csv", "ics", "timelinejs"):  # text_match takes the name as written: it names the file
        r = client.get("/v1/timeline", params={"entity": "Ōtsuka Ā", "text_match": "true", "format": fmt})
        assert r.status_code in (200, 404), r.text


def test_a_query_with_a_lone_surrogate_is_refused_with_a_message() -> None:
    from newsline.service._limits import ServiceError, check_query

    with pytest.raises(ServiceError, match="surrogate"):
        check_query("entity", "\ud800x", Limits())
    check_query("entity", "José Martí", Limits())
