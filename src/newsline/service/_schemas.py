"""The pydantic models of the HTTP API: request bodies, responses, and the JSON error body (OpenAPI)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ERRORS", "ErrorBody", "AnnotateBody", "IngestBody", "TimelineJSON", "DocumentOut", "EntityPage",
           "SearchPage", "EntityTimelineOut", "Health", "IngestOut"]


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer.  ``limit`` names the limit exceeded (``error`` is then ``limit_exceeded``)."""

    model_config = ConfigDict(extra="allow")
    error: str = Field(description="a short code: limit_exceeded, not_found, unknown_entity, invalid_request, ...")
    message: str
    limit: str | None = Field(None, description="the limit exceeded: max_body_bytes, max_text_chars, ...")
    maximum: int | float | None = None
    suggestions: list[str] | None = Field(None, description="close entity names (unknown_entity)")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (408, "Time budget exceeded"),
                       (413, "Body or text too large"), (422, "Invalid parameter or a limit exceeded"),
                       (503, "Annotation unavailable (no spaCy model)"))
}


# ------------------------------------------------------------------ response models


class IntervalOut(BaseModel):
    start: str | None
    end: str | None


class TimexOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # further TIMEX3 attributes (quant, freq)
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    interval: IntervalOut | None
    grain: str | None
    anchor: str
    rule: str
    confidence: float


class SpanOut(BaseModel):
    start: int
    end: int


class EventTimeOut(BaseModel):
    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    basis: str
    evidence: list[str]
    confidence: float
    label: str | None = Field(default=None, description="the time in the TimeBank-EventTime notation")
    when_text: str = Field(default="", description='the time in words: "Wed 14 Oct 2020", "before 4 Mar 2019"')


class EventOut(BaseModel):
    id: str
    start: int
    end: int
    text: str
    event_class: str = Field(alias="class")
    lemma: str | None
    pos: str | None
    tense: str | None
    aspect: str | None
    polarity: str | None
    modality: str | None
    sentence: SpanOut
    participants: list[str]
    speaker: str | None
    confidence: float
    time: EventTimeOut
    title: str = Field(default="", description="a short phrase: subject, verb, object; a reported event attributed")
    reports: str | None = Field(default=None, description="a reporting event: the id of the event it reports")
    attributed_to: str | None = Field(default=None, description="a reported event: the id of its reporting event")
    when_text: str = Field(default="", description="the event's time in words")
    salience: float = Field(default=0.0, description="0..1 within the document; views show the top ones")


class LinkOut(BaseModel):
    id: str
    source: str
    target: str
    rel: str
    kind: str
    confidence: float


class TimelineJSON(BaseModel):
    """The timeline JSON of one document (``AnnotatedDocument.to_dict()``)."""

    id: str | None = None
    dct: str | None
    events: list[EventOut]
    timexes: list[TimexOut]
    links: list[LinkOut]


class DocumentOut(TimelineJSON):
    """A stored document: its text and source with its timeline JSON."""

    source: str | None
    text: str
    length: int
    title: str | None = Field(None, description="a web page's title")
    url: str | None = Field(None, description="a web page's address")
    dct_source: str | None = Field(None, description="where the DCT came from: meta, url or text (of a web page) "
                                   "or given; null for documents stored before schema version 4")
    dct_confidence: float | None = Field(None, description="how sure the DCT is, 0..1")


class EntityOut(BaseModel):
    name: str
    label: str | None
    mentions: int
    documents: int


class EntityPage(BaseModel):
    q: str | None
    total: int
    offset: int
    limit: int
    items: list[EntityOut]


class SearchHitOut(BaseModel):
    id: str
    dct: str | None
    source: str | None
    snippet: str
    phrase: bool


class SearchPage(BaseModel):
    q: str
    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    offset: int
    limit: int
    items: list[SearchHitOut]


class TimexRef(BaseModel):
    """A time expression of the source's sentence, or one that dated the event (``evidence``)."""

    id: str
    start: int
    end: int
    text: str
    value: str
    in_sentence: bool
    evidence: bool


class SourceEvent(BaseModel):
    id: str
    start: int
    end: int
    text: str


class SourceOut(BaseModel):
    """One report of an event: the document, the event's and its sentence's offsets in the document's text,
    the sentence as written, and the time expressions that dated it."""

    doc_id: str
    dct: str | None
    event: SourceEvent
    sentence: SpanOut
    sentence_text: str
    participants: list[str]
    match: str
    time: EventTimeOut
    timexes: list[TimexRef]
    title: str | None = Field(None, description="the document's title (a web page's), else null")


class TimelineItemOut(BaseModel):
    position: int
    placement: str = Field(description="dated, bounded (its own time bounds it by a day: relation before, after "
                           "or during that day), linked (placed by a link to a dated event) or undated")
    when: str
    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    day: str | None = Field(description="YYYY-MM-DD when the entry is dated to one day or finer, else null")
    relation: str | None
    event: str
    lemma: str
    event_class: str = Field(alias="class")
    documents: list[str]
    sources: list[SourceOut]
    title: str = Field(default="", description="the event as a short phrase")
    when_text: str = Field(default="", description="its time in words")
    salience: float = Field(default=0.0, description="0..1 within the entity timeline")
    hidden: bool = Field(default=False, description="a report of an event the timeline has as an entry of its own")
    ended_by: str | None = Field(default=None, description="doc_id#event_id of the later event that ended this "
                                 "ongoing state (\"resigned\"), else null")


class EntityTimelineOut(BaseModel):
    entity: str
    label: str | None
    aliases: list[str]
    query: str
    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    documents: int
    total: int
    offset: int
    limit: int
    entries: list[TimelineItemOut]


class Health(BaseModel):
    status: str
    version: str
    documents: int
    read_only: bool
    ingest: bool
    annotate_workers: int
    limits: dict[str, int | float]


class IngestOut(BaseModel):
    id: str
    stored: bool
    replaced: bool = False
    reason: str | None = None
    timexes: int
    events: int


class RemoveOut(BaseModel):
    id: str
    removed: bool


class AnnotateBody(BaseModel):
    text: str = Field(description="the article; a leading 'date YYYY-MM-DD' line gives the DCT when dct is absent")
    dct: str | None = Field(None, description="the publication date, YYYY-MM-DD", examples=["2020-10-16"])


class IngestBody(AnnotateBody):
    text: str | None = Field(None, description="the article (or give html); a leading 'date YYYY-MM-DD' line gives "  # type: ignore[assignment]
                             "the DCT when dct is absent")
    html: str | None = Field(None, description="a saved web page instead of text: its main text is stored, with "
                             "its title, address and publication date (dct overrides); needs newsline[html]")
    url: str | None = Field(None, max_length=2000, description="with html: the page's address (else its canonical "
                            "link); a dated address can give the publication date")
    id: str | None = Field(None, max_length=500, description="document id (default: api:<content hash>)")
    source: str | None = Field(None, max_length=500)
    replace: bool = Field(False, description="an id stored with another text: replace that text and everything "
                          "found in it (a corrected article) instead of answering 409")
