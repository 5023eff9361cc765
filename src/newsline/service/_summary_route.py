"""``GET /v1/summary``: the timeline summary of a topic or an entity (``newsline summarize`` over HTTP).

Kept apart from ``_app.py``: :func:`add_summary_route` adds the route and its response shape to the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Query
from pydantic import BaseModel, Field

from newsline.corpus._entity_aliases import UnknownEntityError
from newsline.corpus._summary import summarize
from newsline.errors import InputError
from newsline.service._limits import Limits, ServiceError, check_dates, check_query, limit_exceeded
from newsline.service._schemas import ERRORS

if TYPE_CHECKING:
    from newsline.corpus._store import Store

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_SUMMARY_DATES = 200  # dates= of /v1/summary
MAX_SUMMARY_SENTENCES = 10  # sentences= of /v1/summary


class SummarySentenceOut(BaseModel):
    doc_id: str = Field(description="the source article (GET /v1/documents/{doc_id})")
    dct: str | None = Field(description="its publication date")
    start: int = Field(description="the sentence is documents.text[start:end]")
    end: int
    text: str
    copies: int = Field(description="how many of the articles used wrote the same sentence")


class SummaryDateOut(BaseModel):
    date: str
    score: float
    references: int = Field(description="articles referring to the date")
    published: int = Field(description="articles published that day")
    sentences: list[SummarySentenceOut]


class SummaryOut(BaseModel):
    query: str | None
    entity: str | None
    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    documents: int = Field(description="articles used")
    dates: list[SummaryDateOut] = Field(description="the key dates, ascending")


def add_summary_route(app: FastAPI, state: Any, limits: Limits) -> None:
    """Add ``GET /v1/summary`` to ``app``; ``state`` is the app's :class:`~newsline.service._app.App`."""

    @app.get("/v1/summary", response_model=SummaryOut, responses=ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def summary(
        q: str | None = Query(None, description="the topic's words (articles with at least half of them are used)"),
        query: str | None = Query(None, description="the same as q (the name of the CLI's --query)"),
        entity: str | None = Query(None, description="an entity name or alias, instead of q"),
        date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN,
                                      description="by publication date; also the first date shown"),
        date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN, description="inclusive"),
        dates: int = Query(10, ge=1, description=f"at most this many dates (limit {MAX_SUMMARY_DATES})"),
        sentences: int = Query(2, ge=1, description=f"at most this many sentences a date "
                               f"(limit {MAX_SUMMARY_SENTENCES})"),
    ) -> dict[str, Any]:
        """The key dates of a topic (``q``) or an entity, ascending, each with sentences from its articles."""
        if q is not None and query is not None:
            raise ServiceError(422, "invalid_request", "give q or query (the same thing), not both")
        q = q if q is not None else query
        if (q is None or not q.strip()) == (entity is None or not entity.strip()):
            raise ServiceError(422, "invalid_request", "give either q (words; query= is the same) or entity (a name)")
        if q is not None:
            check_query("q", q, limits)
            if len(q.split()) > 20:
                raise limit_exceeded("max_query_words", 20, "q has more than 20 words; the limit max_query_words "
                                     "is 20")
        if entity is not None:
            check_query("entity", entity, limits)
        if dates > MAX_SUMMARY_DATES:
            raise limit_exceeded("max_summary_dates", MAX_SUMMARY_DATES,
                                 f"dates={dates} is more than the limit max_summary_dates, {MAX_SUMMARY_DATES}")
        if sentences > MAX_SUMMARY_SENTENCES:
            raise limit_exceeded("max_summary_sentences", MAX_SUMMARY_SENTENCES,
                                 f"sentences={sentences} is more than the limit max_summary_sentences, "
                                 f"{MAX_SUMMARY_SENTENCES}")
        lo, hi = check_dates(date_from, date_to)

        def run(store: Store) -> dict[str, Any]:
            return summarize(store, query=q if q and q.strip() else None,
                             entity=entity if entity and entity.strip() else None, date_from=lo, date_to=hi,
                             n_dates=dates, n_sentences=sentences).to_dict()

        try:
            out: dict[str, Any] = await state.query(run)
        except UnknownEntityError as exc:
            raise ServiceError(404, "unknown_entity", str(exc), suggestions=list(exc.suggestions)) from None
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None
        return out
