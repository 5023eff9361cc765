"""The immutable values newsline returns: Document, Timex, Interval."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Interval:
    """The half-open span of time a value denotes, as ISO 8601 local datetimes.

    ``Sept. 30`` at DCT 2020-10-16 is ``[2020-09-30T00:00:00, 2020-10-01T00:00:00)``.
    Vague references use a convention (see ARCHITECTURE.md): ``PRESENT_REF`` is the
    DCT's day, ``PAST_REF`` ends at the start of the DCT's day and has no start
    (``start`` is None), ``FUTURE_REF`` starts at the end of the DCT's day and has
    no end.
    """

    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: where it is, what kind, and what it means.

    ``start``/``end`` are character offsets into the original input, so
    ``doc.text[t.start:t.end] == t.text`` always holds.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    interval: Interval | None = None
    grain: str | None = None
    anchor: str = "none"
    rule: str = ""
    confidence: float = 1.0
    tid: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.tid,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "interval": self.interval.to_dict() if self.interval else None,
            "grain": self.grain,
            "anchor": self.anchor,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
        }
        for key, val in self.extra:
            out[key] = val
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A text, its document creation time (DCT) and the time expressions in it."""

    text: str
    dct: date | None
    timexes: tuple[Timex, ...] = field(default_factory=tuple)
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["dct"] = self.dct.isoformat() if self.dct else None
        out["timexes"] = [t.to_dict() for t in self.timexes]
        return out
