"""Read and write TimeML (TempEval-3 ``.tml`` and ``.TE3input``) documents.

Offsets are character offsets into the TEXT content with every tag removed and
XML entities decoded, which is how the TempEval-3 tools count them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsline._model import Event, Link, Timex
from newsline.errors import TimeMLError
from newsline.timex._document_date import read_document_date

_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*)([^>]*?)(/?)>|<!--.*?-->|<\?.*?\?>", re.S)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_DCT = re.compile(r"<DCT>\s*(<TIMEX3[^>]*>)", re.S)
_CREATION = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)


@dataclass(frozen=True, slots=True)
class Tag:
    """One annotation tag inside TEXT (TIMEX3, EVENT, SIGNAL, ...)."""

    name: str
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A parsed TimeML file: its id, DCT, plain TEXT and the tags inside TEXT."""

    doc_id: str
    dct: date | None
    dct_value: str | None
    text: str
    tags: tuple[Tag, ...]
    raw: str = field(repr=False)
    text_span: tuple[int, int] = (0, 0)  # raw offsets of the TEXT content
    dct_warning: str | None = None  # why a CREATION_TIME that is not ISO gave no date (two readings)

    @property
    def timexes(self) -> tuple[Timex, ...]:
        """The TIMEX3 tags inside TEXT as :class:`Timex` values (gold annotations)."""
        out = []
        for t in self.tags:
            if t.name != "TIMEX3":
                continue
            out.append(
                Timex(
                    start=t.start,
                    end=t.end,
                    text=self.text[t.start : t.end],
                    type=t.get("type", "") or "",
                    value=t.get("value", "") or "",
                    mod=t.get("mod"),
                    tid=t.get("tid", "") or "",
                    anchor="gold",
                    rule="gold",
                )
            )
        return tuple(out)


def _attrs(raw: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (m.group(1), html.unescape(m.group(2) if m.group(2) is not None else m.group(3)))
        for m in _ATTR.finditer(raw)
    )


def _parse_dct(raw: str, name: str, text: str) -> tuple[date | None, str | None, str | None]:
    """The CREATION_TIME's date, its value and why a value that is not ISO gave no date.

    YYYY-MM-DD and YYYYMMDD (and what follows them) are read as ever; other forms
    (``07-04-2012``, ``April 7, 2012``) as :func:`read_document_date` reads them, the
    TEXT settling a day-month order.  A value that is no date at all is an error.
    """
    m = _DCT.search(raw) or _CREATION.search(raw)
    if not m:
        return None, None, None
    tag = m.group(1) if m.lastindex else m.group(0)
    value = dict(_attrs(tag)).get("value")
    if not value:
        return None, None, None
    dm = re.match(r"(\d{4})-(\d{2})-(\d{2})", value) or re.match(r"(\d{4})(\d{2})(\d{2})", value)
    if not dm:
        found = read_document_date(value, text)
        if found.invalid:
            raise TimeMLError(f"{name}: CREATION_TIME value {value!r} is not a date (YYYY-MM-DD, or e.g. "
                              "07/04/2012 or April 7, 2012)")
        return found.value, value, found.warning
    try:
        return date(int(dm.group(1)), int(dm.group(2)), int(dm.group(3))), value, None
    except ValueError as exc:
        raise TimeMLError(f"{name}: CREATION_TIME value {value!r} is not a real date") from exc


def parse_timeml(raw: str, name: str = "<timeml>") -> TimeMLDocument:
    """Parse TimeML from a string; ``name`` is used in error messages."""
    try:
        ET.fromstring(raw.encode("utf-8") if raw.lstrip().startswith("<?xml") else raw)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name}: not well-formed XML ({exc}); fix the file or tag it as plain text") from exc
    m = _TEXT_OPEN.search(raw)
    close = raw.find("</TEXT>", m.end()) if m else -1
    if not m or close < 0:
        raise TimeMLError(f"{name}: no <TEXT>...</TEXT> element; is this a TimeML file?")
    body_start, body_end = m.end(), close
    body = raw[body_start:body_end]
    pieces: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[str, int, tuple[tuple[str, str], ...]]] = []
    tags: list[Tag] = []
    for tm in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tm.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = tm.end()
        if tm.group(2) is None:  # comment or processing instruction
            continue
        closing, tagname, attr_raw, selfclosing = tm.group(1), tm.group(2), tm.group(3), tm.group(4)
        if closing:
            if not stack or stack[-1][0] != tagname:
                raise TimeMLError(f"{name}: unbalanced </{tagname}> in TEXT")
            open_name, open_at, attrs = stack.pop()
            tags.append(Tag(open_name, open_at, length, attrs))
        elif selfclosing:
            tags.append(Tag(tagname, length, length, _attrs(attr_raw)))
        else:
            stack.append((tagname, length, _attrs(attr_raw)))
    if stack:
        raise TimeMLError(f"{name}: <{stack[-1][0]}> is never closed in TEXT")
    pieces.append(html.unescape(body[pos:]))
    text = "".join(pieces)
    dct, dct_value, dct_warning = _parse_dct(raw, name, text)
    idm = re.search(r"<DOCID>(.*?)</DOCID>", raw, re.S)
    doc_id = idm.group(1).strip() if idm else Path(name).name.split(".tml")[0]
    tags.sort(key=lambda t: (t.start, -t.end))
    return TimeMLDocument(doc_id, dct, dct_value, text, tuple(tags), raw, (body_start, body_end), dct_warning)


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read a TimeML file from disk."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TimeMLError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise TimeMLError(f"{p}: cannot read ({exc.strerror})") from exc
    return parse_timeml(raw, str(p))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TIMEX3_EXTRAS = ("quant", "freq")  # the TIMEX3 attributes of a SET that Timex.extra carries ("twice a year")


def timex_tag(t: Timex) -> str:
    attrs = [f'tid="{t.tid}"', f'type="{t.type}"', f'value="{_esc(t.value)}"']
    if t.mod:
        attrs.append(f'mod="{t.mod}"')
    extra = dict(t.extra)
    attrs.extend(f'{key}="{_esc(str(extra[key]))}"' for key in _TIMEX3_EXTRAS if extra.get(key))
    return "<TIMEX3 " + " ".join(attrs) + ">"


def _open_tag(tag: Tag) -> str:
    attrs = "".join(f' {k}="{_esc(v).replace(chr(34), "&quot;")}"' for k, v in tag.attrs)
    return f"<{tag.name}{attrs}{'/' if tag.start == tag.end else ''}>"


def _crosses(a: int, b: int, tags: list[Tag]) -> bool:
    return any(a < t.start < b < t.end or t.start < a < t.end < b for t in tags)


_TIME_LINK = re.compile(r"\s*<TLINK\b[^>]*\b(?:timeID|relatedToTime)=[^>]*/>")
_TIME_REF = re.compile(r"\b(?:timeID|relatedToTime)=\"([^\"]*)\"")


def _dct_tid(raw: str) -> str | None:
    m = _CREATION.search(raw)
    tid = re.search(r'tid="([^"]*)"', m.group(0)) if m else None
    return tid.group(1) if tid else None


_LINK_TAGS = re.compile(r"\s*<(?:MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*/>")


def _event_tag(e: Event) -> Tag:
    return Tag("EVENT", e.start, e.end, (("eid", e.id), ("class", e.eclass)))


def _instances_and_links(events: Sequence[Event], links: Sequence[Link]) -> str:
    out = []
    for e in events:
        attrs = [f'eventID="{e.id}"', f'eiid="ei{e.id[1:]}"', f'tense="{e.tense}"', f'aspect="{e.aspect}"',
                 f'polarity="{e.polarity}"', f'pos="{e.pos}"']
        if e.modality:
            attrs.append(f'modality="{_esc(e.modality)}"')
        out.append(f"<MAKEINSTANCE {' '.join(attrs)}/>")
    for link in links:
        if link.rel == "VAGUE":
            continue
        src = (f'eventInstanceID="ei{link.source[1:]}"' if link.source.startswith("e")
               else f'timeID="{link.source}"')
        tgt = (f'relatedToEventInstance="ei{link.target[1:]}"' if link.target.startswith("e")
               else f'relatedToTime="{link.target}"')
        out.append(f'<TLINK lid="{link.id}" relType="{link.rel}" {src} {tgt}/>')
    return "\n".join(out)


def write_timeml(doc: TimeMLDocument, timexes: tuple[Timex, ...] | list[Timex],
                 events: Sequence[Event] | None = None, links: Sequence[Link] = ()) -> str:
    """Return ``doc`` as TimeML whose TIMEX3 tags inside TEXT are ``timexes``.

    Everything outside TEXT is kept byte for byte.  Inside TEXT, the input's
    other annotations (EVENT, SIGNAL, ...) stay where they were, so TLINKs and
    MAKEINSTANCEs outside TEXT still point at existing tags; the input's TIMEX3
    tags are replaced.  The tag-free text is identical to the input's.  A timex
    that would cross another tag's boundary cannot be written inline and is left out.
    """
    text = doc.text
    replaced = ("TIMEX3",) if events is None else ("TIMEX3", "EVENT")
    kept = [t for t in doc.tags if t.name not in replaced]
    if events is not None:  # our events go in like the input's other annotations
        kept += [_event_tag(e) for e in events if not _crosses(e.start, e.end, kept)]
    spans: list[tuple[int, int, str, str]] = [
        (t.start, t.end, _open_tag(t), "" if t.start == t.end else f"</{t.name}>") for t in kept
    ]
    last = -1
    for t in sorted(timexes, key=lambda x: x.start):
        if t.start < last or _crosses(t.start, t.end, kept):
            continue  # overlapping or crossing spans cannot be written inline
        spans.append((t.start, t.end, timex_tag(t), "</TIMEX3>"))
        last = t.end
    out = _inline(text, spans)
    a, b = doc.text_span
    tail = doc.raw[b:]
    if events is None:  # the input's TIMEX3s were replaced: links to them would point at ours
        dct = _dct_tid(doc.raw)
        tail = _TIME_LINK.sub(lambda m: m.group(0) if set(_TIME_REF.findall(m.group(0))) <= {dct} else "", tail)
    if events is not None:  # the input's instances and links refer to its own events: replace them
        tail = _LINK_TAGS.sub("", tail)
        extra = _instances_and_links(events, links)
        close = tail.rfind("</TimeML>")
        if extra and close >= 0:
            tail = tail[:close].rstrip("\n") + "\n\n" + extra + "\n\n" + tail[close:]
    return doc.raw[:a] + "".join(out) + tail


def _inline(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[str]:
    """``text`` escaped, with each (start, end, opening, closing) markup around its span.

    At one position tags close before others open, inner tags close first and outer
    ones open first, and two tags over the same span nest in list order (the earlier
    one outside) at both ends.
    """
    # (position, 0 = close / 1 = open, length order, span number, markup)
    marks: list[tuple[int, int, int, int, str]] = []
    for n, (start, end, opening, closing) in enumerate(spans):
        marks.append((start, 1, start - end, n, opening))
        if closing:
            marks.append((end, 0, end - start, -n, closing))
    marks.sort(key=lambda m: m[:4])
    out: list[str] = []
    pos = 0
    for at, _kind, _order, _n, markup in marks:
        out.append(_esc(text[pos:at]))
        out.append(markup)
        pos = at
    out.append(_esc(text[pos:]))
    return out


def write_tags(doc: TimeMLDocument, tags: Sequence[Tag] | None = None) -> str:
    """``doc`` as TimeML with ``tags`` (default: its own) inline in TEXT, every attribute kept.

    Everything outside TEXT is kept byte for byte, and reading the result back gives
    the same text and the same tags (names, offsets, attributes, nesting), so a
    TimeML document passes through newsline unchanged.  Tags are written in
    ``doc.tags`` order; of two tags over the same span the later one goes outside,
    as :func:`parse_timeml` lists them.
    """
    chosen = list(doc.tags if tags is None else tags)
    order = sorted(range(len(chosen)), key=lambda i: (chosen[i].start, -chosen[i].end, -i))
    spans = [(t.start, t.end, _open_tag(t), "" if t.start == t.end else f"</{t.name}>")
             for t in (chosen[i] for i in order)]
    a, b = doc.text_span
    return doc.raw[:a] + "".join(_inline(doc.text, spans)) + doc.raw[b:]
