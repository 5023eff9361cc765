"""The HTTP service (newsline.service): every endpoint, the limits, injection attempts, ingest tokens, OpenAPI.

The app runs in-process under Starlette's TestClient over a small stored corpus
(tests/service/_service_corpus.py); annotation runs in the app's worker process, as in
production.  Schemathesis then fuzzes every operation of /openapi.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")
pytest.importorskip("httpx", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")

from _service_corpus import (  # noqa: E402
    EVIL_NAME,
    HOSTILE_TEXT,
    MARCHETTI,
    corpus_db,
    hostile_doc_id,
    require_events,
    writable_copy,
)

with warnings.catch_warnings():  # Starlette would rather have httpx2; httpx works
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from newsline.service._app import create_app  # noqa: E402
from newsline.service._limits import INGEST_TOKEN_ENV, Limits, ServiceConfig  # noqa: E402

# The default 20 s budget is for a served machine; a busy test machine (spaCy loading in the worker,
# other jobs) may need more.  test_time_budget checks the budget itself.
ROOMY = Limits(time_budget_s=180.0)

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "newsline" / "service" / "web"
TOKEN = "test-token-0123456789abcdef"
ARTICLE = ("Two weeks after the couple announced on Instagram that they had lost the baby on Sept. 30, "
           "the singer dedicated a song to his wife on Wednesday, Oct. 14.")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    require_events()
    app = create_app(ServiceConfig(db=str(corpus_db()), limits=ROOMY))
    with TestClient(app) as c:
        yield c


def _limit_error(response: object, status: int, limit: str) -> dict[str, object]:
    r = response  # an httpx.Response
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    assert r.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body: dict[str, object] = r.json()  # type: ignore[attr-defined]
    assert body["error"] == "limit_exceeded" and body["limit"] == limit, body
    assert limit in str(body["message"])
    return body


# ------------------------------------------------------------------ endpoints


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] == len(MARCHETTI) + 1
    assert body["read_only"] is True and body["ingest"] is False
    assert body["limits"]["max_body_bytes"] == 5 * 1024 * 1024
    assert '"max_body_bytes":5242880,' in r.text  # a count reads as one, not 5242880.0
    assert isinstance(body["limits"]["time_budget_s"], float)


def test_annotate_returns_the_timeline_json(client: TestClient) -> None:
    r = client.post("/v1/annotate", json={"text": ARTICLE, "dct": "2020-10-16"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["dct"] == "2020-10-16"
    values = {t["text"]: t["value"] for t in doc["timexes"]}
    assert values["Sept. 30"] == "2020-09-30" and values["Wednesday, Oct. 14"] == "2020-10-14"
    by_text = {e["text"]: e for e in doc["events"]}
    assert by_text["dedicated"]["time"]["value"] == "2020-10-14"
    for e in doc["events"]:
        assert ARTICLE[e["start"]:e["end"]] == e["text"]
    assert {"id", "source", "target", "rel"} <= set(doc["links"][0])


def test_annotate_date_header_and_bad_dates(client: TestClient) -> None:
    r = client.post("/v1/annotate", json={"text": "date 2020-10-16\n" + ARTICLE})
    assert r.status_code == 200 and r.json()["dct"] == "2020-10-16"
    r = client.post("/v1/annotate", json={"text": ARTICLE, "dct": "2020-02-30"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request" and "dct" in r.json()["message"]
    r = client.post("/v1/annotate", json={"dct": "2020-10-16"})
    assert r.status_code == 422 and "text" in r.json()["message"]
    r = client.post("/v1/annotate", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert "not valid JSON" in r.json()["message"] and "Content-Type" in r.json()["message"]


def test_a_bad_date_or_format_in_a_query_is_told_in_words(client: TestClient) -> None:
    """trial X: "?from=March" answered with the raw pattern "String should match pattern '^\\d{4}...'"."""
    r = client.get("/v1/timeline", params={"entity": "Marchetti", "from": "March"})
    assert r.status_code == 422
    assert r.json()["message"] == "query.from: 'March' is not a date: give YYYY, YYYY-MM or YYYY-MM-DD"
    r = client.get("/v1/timeline", params={"entity": "Marchetti", "format": "xlsx"})
    assert r.status_code == 422
    assert r.json()["message"] == "query.format: 'xlsx' is not one of json, timelinejs, csv, ics"
    r = client.get("/v1/summary", params={"q": "Marchetti", "to": "last week"})
    assert r.status_code == 422 and "'last week' is not a date" in r.json()["message"]


def test_annotate_html_text_comes_back_as_json_only(client: TestClient) -> None:
    text = "<script>alert(1)</script> The vote was held on Sunday. <img src=x onerror=alert(1)>"
    r = client.post("/v1/annotate", json={"text": text, "dct": "2020-10-16"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert [t["text"] for t in r.json()["timexes"]] == ["Sunday"]


def test_entities_suggestions(client: TestClient) -> None:
    r = client.get("/v1/entities", params={"q": "marche"})
    assert r.status_code == 200
    names = [i["name"] for i in r.json()["items"]]
    assert names and names[0] == "Delia Marchetti"
    top = client.get("/v1/entities").json()
    assert top["q"] is None and top["items"][0]["mentions"] >= top["items"][-1]["mentions"]
    page = client.get("/v1/entities", params={"limit": 2, "offset": 1}).json()
    assert [i["name"] for i in page["items"]] == [i["name"] for i in top["items"][1:3]]
    assert page["total"] == top["total"]


def test_timeline_of_an_entity(client: TestClient) -> None:
    r = client.get("/v1/timeline", params={"entity": "marchetti"})
    assert r.status_code == 200, r.text
    tl = r.json()
    assert tl["entity"] == "Delia Marchetti" and tl["label"] == "PERSON"
    assert tl["total"] == len(tl["entries"]) > 5 and tl["documents"] >= 4
    starts = [e["start"] for e in tl["entries"] if e["placement"] == "dated"]
    assert starts == sorted(starts)
    for entry in tl["entries"]:
        for s in entry["sources"]:
            sentence, lo = s["sentence_text"], s["sentence"]["start"]
            assert sentence[s["event"]["start"] - lo:s["event"]["end"] - lo] == s["event"]["text"]
            for t in s["timexes"]:
                if t["in_sentence"]:
                    assert sentence[t["start"] - lo:t["end"] - lo] == t["text"]
        if entry["day"]:
            assert entry["start"].startswith(entry["day"])
    assert any(t["in_sentence"] for e in tl["entries"] for s in e["sources"] for t in s["timexes"])


def test_timeline_date_range_and_pages(client: TestClient) -> None:
    full = client.get("/v1/timeline", params={"entity": "Delia Marchetti"}).json()
    ranged = client.get("/v1/timeline", params={"entity": "Delia Marchetti", "from": "2021", "to": "2022-06"}).json()
    assert ranged["from"] == "2021-01-01" and ranged["to"] == "2022-06-30"
    assert 0 < ranged["total"] < full["total"]
    for e in ranged["entries"]:
        assert e["start"] < "2022-07-01" and e["end"] > "2021-01-01"
    page = client.get("/v1/timeline", params={"entity": "Delia Marchetti", "limit": 2, "offset": 1}).json()
    assert [e["position"] for e in page["entries"]] == [2, 3] and page["total"] == full["total"]


@pytest.mark.parametrize("params, needle", [
    ({"entity": "Delia Marchetti", "from": "2020-13"}, "from"),
    ({"entity": "Delia Marchetti", "from": "yesterday"}, "from"),
    ({"entity": "Delia Marchetti", "from": "2022", "to": "2021"}, "after"),
    ({"entity": "  "}, "entity"),
])
def test_timeline_bad_parameters(client: TestClient, params: dict[str, str], needle: str) -> None:
    r = client.get("/v1/timeline", params=params)
    assert r.status_code == 422 and needle in r.json()["message"], r.text


def test_timeline_unknown_entity_suggests_names(client: TestClient) -> None:
    r = client.get("/v1/timeline", params={"entity": "Delia Marchett"})
    assert r.status_code in (200, 404)
    r = client.get("/v1/timeline", params={"entity": "Nobody Anywhere"})
    assert r.status_code == 404 and r.json()["error"] == "unknown_entity"
    assert isinstance(r.json()["suggestions"], list)


def test_documents(client: TestClient) -> None:
    doc_id = next(d["id"] for d in client.get("/v1/search", params={"q": "Marchetti"}).json()["items"])
    r = client.get(f"/v1/documents/{doc_id}")
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["id"] == doc_id and doc["length"] == len(doc["text"]) and doc["timexes"] and doc["events"]
    for t in doc["timexes"]:
        assert doc["text"][t["start"]:t["end"]] == t["text"]
    assert client.get("/v1/documents/no-such-doc").json()["error"] == "not_found"


def test_search(client: TestClient) -> None:
    r = client.get("/v1/search", params={"q": "transit", "from": "2018", "to": "2018"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and all(i["dct"].startswith("2018") for i in items)
    assert client.get("/v1/search", params={"q": "   "}).status_code == 422
    assert client.get("/v1/search").status_code == 422


# ------------------------------------------------------------------ limits


def test_body_size_limit_is_checked_before_reading(client: TestClient) -> None:
    big = b'{"text": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    _limit_error(client.post("/v1/annotate", content=big, headers={"content-type": "application/json"}),
                 413, "max_body_bytes")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while reading
        yield b'{"text": "'
        for _ in range(6):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    _limit_error(client.post("/v1/annotate", content=chunks(), headers={"content-type": "application/json"}),
                 413, "max_body_bytes")


def test_text_length_limit(client: TestClient) -> None:
    _limit_error(client.post("/v1/annotate", json={"text": "a" * 100_001}), 413, "max_text_chars")


@pytest.mark.parametrize("path, params, limit", [
    ("/v1/entities", {"limit": 101}, "max_page_size"),
    ("/v1/entities", {"offset": 10_001}, "max_offset"),
    ("/v1/entities", {"q": "x" * 201}, "max_query_chars"),
    ("/v1/search", {"q": "x", "limit": 1000}, "max_page_size"),
    ("/v1/search", {"q": "x " * 21}, "max_query_words"),
    ("/v1/timeline", {"entity": "Delia Marchetti", "limit": 501}, "max_timeline_page_size"),
    ("/v1/timeline", {"entity": "x" * 201}, "max_query_chars"),
])
def test_page_and_query_limits(client: TestClient, path: str, params: dict[str, object], limit: str) -> None:
    _limit_error(client.get(path, params=params), 422, limit)


def test_time_budget() -> None:
    require_events()
    app = create_app(ServiceConfig(db=str(corpus_db()), limits=Limits(time_budget_s=0.001), timeline_cache=0))
    with TestClient(app) as c:
        _limit_error(c.post("/v1/annotate", json={"text": ARTICLE, "dct": "2020-10-16"}), 408, "time_budget_s")
        _limit_error(c.get("/v1/timeline", params={"entity": "Delia Marchetti"}), 408, "time_budget_s")


# ------------------------------------------------------------------ injection


@pytest.mark.parametrize("attempt", [
    "' OR 1=1 --", "'; DROP TABLE documents; --", "%", "_", "\\", "Marchetti' UNION SELECT text FROM documents --",
    '" OR ""="', "1); DELETE FROM entities; --",
])
def test_sql_in_parameters_is_data(client: TestClient, attempt: str) -> None:
    r = client.get("/v1/entities", params={"q": attempt})  # a name matches only when it holds the text as written
    assert r.status_code == 200 and all(attempt.lower() in i["name"].lower() for i in r.json()["items"]), r.text
    r = client.get("/v1/timeline", params={"entity": attempt})
    assert r.status_code in (404, 422), r.text
    r = client.get("/v1/search", params={"q": attempt})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:  # only the hostile article holds the SQL-looking words
        assert all(i["id"] == hostile_doc_id() for i in r.json()["items"])
    assert client.get("/healthz").json()["documents"] == len(MARCHETTI) + 1


def test_html_in_stored_data_is_returned_as_json_text(client: TestClient) -> None:
    doc = client.get(f"/v1/documents/{hostile_doc_id()}")
    assert doc.status_code == 200 and doc.headers["content-type"] == "application/json"
    assert doc.json()["text"] == HOSTILE_TEXT
    names = [i["name"] for i in client.get("/v1/entities", params={"q": "<img"}).json()["items"]]
    assert names == [EVIL_NAME]
    tl = client.get("/v1/timeline", params={"entity": EVIL_NAME})
    assert tl.status_code == 200 and tl.json()["entity"] == EVIL_NAME
    assert tl.headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", [
    "/v1/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/v1/documents/%2e%2e/%2e%2e/pyproject.toml",
    "/v1/documents/../../../../etc/passwd",
    "/v1/documents//etc/passwd",
    "/v1/documents/%00",
])
def test_path_traversal_in_document_ids(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"] == "application/json", (path, r.text)
    assert "root:" not in r.text


@pytest.mark.parametrize("path", [
    "/static/../service.py", "/static/%2e%2e/service.py", "/static/..%2Fservice.py", "/static/../../pyproject.toml",
    "/static//etc/passwd", "/static/vendor/../../service.py", "/static/web/app.js", "/static/", "/static/README",
])
def test_path_traversal_in_static_files(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "import" not in r.text and "[project]" not in r.text


def test_the_page_and_its_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert re.findall(r"<script(?![^>]*\bsrc=)", page.text) == []  # no inline script
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(src).status_code == 200, src
    assert client.get("/static/vendor/vis-timeline/LICENSE.md").status_code == 200
    assert client.head("/").status_code == 200


def test_the_page_script_never_writes_html() -> None:
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", (WEB / "app.js").read_text(encoding="utf-8"), flags=re.S)  # no comments
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code, sink
    assert "textContent" in code and "createTextNode" in code


def test_unknown_routes_and_methods_are_json(client: TestClient) -> None:
    r = client.get("/v2/nothing")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = client.delete("/v1/annotate")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


# ------------------------------------------------------------------ ingest


def test_ingest_is_off_by_default(client: TestClient) -> None:
    r = client.post("/v1/documents", json={"text": ARTICLE, "dct": "2020-10-16"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.json()["error"] == "ingest_disabled"
    some = client.get("/v1/search", params={"q": "Marchetti"}).json()["items"][0]["id"]
    r = client.delete(f"/v1/documents/{some}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and r.json()["error"] == "ingest_disabled"
    assert client.get(f"/v1/documents/{some}").status_code == 200  # still there


def test_a_document_id_may_be_written_with_dot_slash(client: TestClient) -> None:
    # ingest stores a file's path in its plain form; "articles/./a.txt" names the same document (new-user trial AA)
    some = client.get("/v1/search", params={"q": "Marchetti"}).json()["items"][0]["id"]
    folder, name = some.rsplit("/", 1)
    r = client.get(f"/v1/documents/{folder}/.%2F{name}")
    assert r.status_code == 200 and r.json()["id"] == some
    assert client.get(f"/v1/documents/{folder}/.%2Fno-such-{name}").status_code == 404


def test_ingest_needs_a_token_in_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(INGEST_TOKEN_ENV, raising=False)
    with pytest.raises(Exception, match=INGEST_TOKEN_ENV):
        create_app(ServiceConfig(db=str(tmp_path / "x.duckdb"), allow_ingest=True))
    monkeypatch.setenv(INGEST_TOKEN_ENV, "short")
    with pytest.raises(Exception, match="16 characters"):
        create_app(ServiceConfig(db=str(tmp_path / "x.duckdb"), allow_ingest=True))


def test_ingest_with_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    require_events()
    monkeypatch.setenv(INGEST_TOKEN_ENV, TOKEN)
    app = create_app(ServiceConfig(db=str(writable_copy(tmp_path)), allow_ingest=True, limits=ROOMY))
    new = {"id": "api-1", "text": ARTICLE, "dct": "2020-10-16", "source": "test"}
    with TestClient(app) as c:
        r = c.post("/v1/documents", json=new)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/v1/documents", json=new, headers={"Authorization": "Bearer wrong-token-0123456789"})
        assert r.status_code == 403 and r.json()["error"] == "forbidden"
        r = c.post("/v1/documents", json=new, headers={"Authorization": TOKEN})  # not a bearer header
        assert r.status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/v1/documents", json=new, headers=auth)
        assert r.status_code == 201, r.text
        assert r.json()["stored"] is True and r.json()["timexes"] >= 2
        assert c.get("/v1/documents/api-1").json()["text"] == ARTICLE
        assert c.get("/v1/search", params={"q": "Instagram"}).json()["items"][0]["id"] == "api-1"
        assert c.get("/healthz").json()["documents"] == len(MARCHETTI) + 2
        r = c.post("/v1/documents", json=new, headers=auth)
        assert r.status_code == 409 and r.json()["error"] == "conflict"
        corrected = {**new, "text": ARTICLE.replace("Instagram", "Twitter")}
        r = c.post("/v1/documents", json=corrected, headers=auth)  # a corrected text under the same id
        assert r.status_code == 409 and '"replace": true' in r.json()["message"]
        r = c.post("/v1/documents", json={**corrected, "replace": True}, headers=auth)
        assert r.status_code == 201 and r.json()["stored"] is True and r.json()["replaced"] is True
        assert c.get("/v1/documents/api-1").json()["text"] == corrected["text"]
        assert not c.get("/v1/search", params={"q": "Instagram"}).json()["items"]
        assert c.get("/healthz").json()["documents"] == len(MARCHETTI) + 2
        r = c.post("/v1/documents", json={**corrected, "dct": "2020-10-17", "replace": True}, headers=auth)
        assert r.status_code == 201 and r.json()["replaced"] is True  # a correction of the date alone
        assert c.get("/v1/documents/api-1").json()["dct"] == "2020-10-17"
        assert c.delete("/v1/documents/api-1").status_code == 401  # removing takes the token too
        r = c.delete("/v1/documents/api-1", headers=auth)  # a retracted article
        assert r.status_code == 200 and r.json() == {"id": "api-1", "removed": True}
        assert c.get("/v1/documents/api-1").status_code == 404
        assert not c.get("/v1/search", params={"q": "Twitter"}).json()["items"]
        assert c.get("/healthz").json()["documents"] == len(MARCHETTI) + 1
        r = c.delete("/v1/documents/api-1", headers=auth)
        assert r.status_code == 404 and r.json()["error"] == "not_found"
        r = c.post("/v1/documents", json={"text": "No date here."}, headers=auth)
        assert r.status_code == 422 and "date" in r.json()["message"]
        r = c.post("/v1/documents", json={"text": "date 07/04/2012\nNo dateline."}, headers=auth)
        assert r.status_code == 422 and "'07/04/2012' is ambiguous" in r.json()["message"]
        _limit_error(c.post("/v1/documents", json={"text": "a" * 100_001, "dct": "2020-01-01"}, headers=auth),
                     413, "max_text_chars")


# ------------------------------------------------------------------ OpenAPI and the command line


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [("/v1/annotate", "post"), ("/v1/entities", "get"), ("/v1/timeline", "get"),
                         ("/v1/documents/{doc_id}", "get"), ("/v1/search", "get"), ("/healthz", "get"),
                         ("/v1/documents", "post"), ("/v1/documents/{doc_id}", "delete")]:
        op = paths[path][method]
        ok = op["responses"]["201" if method == "post" and path == "/v1/documents" else "200"]
        assert "$ref" in json.dumps(ok["content"]["application/json"]["schema"]), (path, ok)
    assert "ErrorBody" in spec["components"]["schemas"]
    timeline_params = {p["name"]: p for p in paths["/v1/timeline"]["get"]["parameters"]}
    assert timeline_params["limit"]["schema"]["maximum"] == 500


def test_serve_command_errors() -> None:
    r = subprocess.run([sys.executable, "-m", "newsline", "serve", "--db", "/nonexistent/x.duckdb"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "no such database" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "newsline", "serve", "--db", str(corpus_db()), "--port", "0"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--port" in r.stderr


def test_serve_allow_ingest_without_token_is_refused(tmp_path: Path) -> None:
    """The missing token is what the user must fix: it is reported first, even on a busy port, and before
    the database is created."""
    import socket

    env = {k: v for k, v in __import__("os").environ.items() if k != INGEST_TOKEN_ENV}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "newsline", "serve", "--db", str(tmp_path / "new.duckdb"),
                            "--allow-ingest", "--port", str(port)], capture_output=True, text=True, timeout=60,
                           env=env)
    assert r.returncode == 2 and INGEST_TOKEN_ENV in r.stderr and "in use" not in r.stderr
    assert not (tmp_path / "new.duckdb").exists()


# ------------------------------------------------------------------ Schemathesis


def test_schemathesis_finds_no_server_error() -> None:
    """Schemathesis generates requests for every operation of /openapi.json (bounded: 25 examples each, well
    under a minute); none may get a 5xx.  Annotation runs in its worker process, queries on the test corpus."""
    schemathesis = pytest.importorskip("schemathesis", reason="Schemathesis is not installed (pip install -e '.[dev]')")
    from hypothesis import HealthCheck, Phase, given, settings

    require_events()
    app = create_app(ServiceConfig(db=str(corpus_db()), limits=ROOMY))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    server_errors: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for n, operation in enumerate(operations, 1):

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            response = case.call()
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}: "
                                     f"{response.status_code} {response.text[:200]}")

        try:
            run()
        finally:
            if n == len(operations):
                app.state.newsline.close()
    assert len(operations) == 9  # DELETE /v1/documents/{id} added the ninth
    assert server_errors == []


def test_serve_on_a_port_in_use_or_an_unknown_host_is_one_clear_error() -> None:
    import socket

    from newsline.errors import InputError
    from newsline.service._serve import serve

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(InputError, match=f"port {port} on 127.0.0.1 is in use.*--port"):
            serve(ServiceConfig(db=None), port=port)
    with pytest.raises(InputError, match="--host nosuch.invalid"):
        serve(ServiceConfig(db=None), host="nosuch.invalid", port=port)
