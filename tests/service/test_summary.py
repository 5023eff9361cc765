"""Timeline summaries: ``newsline summarize`` and ``GET /v1/summary`` over the service test corpus."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")
pytest.importorskip("httpx", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")

from _service_corpus import corpus_db, require_events  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from newsline.cli import main  # noqa: E402
from newsline.corpus._store import Store  # noqa: E402
from newsline.corpus._summary import busiest_days, summarize  # noqa: E402
from newsline.service._app import create_app  # noqa: E402
from newsline.service._limits import Limits, ServiceConfig  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    require_events()
    app = create_app(ServiceConfig(db=str(corpus_db()), limits=Limits(time_budget_s=180.0)))
    with TestClient(app) as c:
        yield c


def test_summary_dates_ascending_within_bounds_with_sentences_from_the_store() -> None:
    require_events()
    with Store.open(corpus_db(), read_only=True) as store:
        s = summarize(store, query="Marchetti", date_from="2018", date_to="2020-06", n_dates=4, n_sentences=2)
        texts = dict(store.execute("SELECT id, text FROM documents"))
        base = busiest_days(store, query="Marchetti", n_dates=3, n_sentences=1)
    days = [d.date for d in s.dates]
    assert 1 <= len(days) <= 4 and days == sorted(days)
    assert all(str(d) >= "2018-01-01" and str(d) <= "2020-06-30" for d in days)
    for d in s.dates:
        assert 1 <= len(d.sentences) <= 2  # a day with nothing to show gives its place to the next
        for sent in d.sentences:
            assert " ".join(texts[sent.doc_id][sent.start:sent.end].split()) == sent.text
            assert sent.dct is not None and str(sent.dct) <= "2020-06-30"
    assert len(base.dates) <= 3 and all(len(d.sentences) <= 1 for d in base.dates)


def test_cli_formats(capsys: pytest.CaptureFixture[str]) -> None:
    require_events()
    db = str(corpus_db())
    assert main(["summarize", "--db", db, "--query", "Marchetti", "--dates", "3", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 1 <= len(out["dates"]) <= 3 and out["query"] == "Marchetti"
    assert main(["summarize", "--db", db, "--query", "Marchetti", "--dates", "2", "--sentences", "1",
                 "--format", "tilse"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0][:4].isdigit() and lines.count("-" * 32) == len(out["dates"][:2])
    assert main(["summarize", "--db", db, "--query", "Marchetti", "--from", "2020", "--to", "2019"]) == 2
    assert "after" in capsys.readouterr().err


def test_http_summary(client: TestClient) -> None:
    r = client.get("/v1/summary", params={"q": "Marchetti", "dates": 3, "sentences": 1})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "Marchetti" and 1 <= len(body["dates"]) <= 3
    assert all(len(d["sentences"]) <= 1 and "doc_id" in d["sentences"][0] for d in body["dates"] if d["sentences"])
    assert client.get("/v1/summary", params={"entity": "Delia Marchetti", "dates": 2}).status_code == 200
    # the CLI's name for q (new-user trial U tried ?query= after `summarize --query`)
    same = client.get("/v1/summary", params={"query": "Marchetti", "dates": 3, "sentences": 1})
    assert same.status_code == 200 and same.json()["dates"] == body["dates"], same.text


@pytest.mark.parametrize(("params", "status", "needle"), [
    ({}, 422, "either q"),
    ({"q": "Marchetti", "entity": "Delia Marchetti"}, 422, "either q"),
    ({"q": "Marchetti", "query": "Marchetti"}, 422, "not both"),
    ({"q": "Marchetti", "dates": 201}, 422, "max_summary_dates"),
    ({"q": "Marchetti", "sentences": 11}, 422, "max_summary_sentences"),
    ({"q": "x" * 201}, 422, "max_query_chars"),
    ({"q": "Marchetti", "from": "2020", "to": "2019"}, 422, "after"),
    ({"entity": "Nobody Whatsoever Zzyzx"}, 404, "unknown_entity"),
])
def test_http_summary_errors(client: TestClient, params: dict[str, object], status: int, needle: str) -> None:
    r = client.get("/v1/summary", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert needle in r.text
