"""Read temporal links from TimeML documents and the MATRES event-order files.

TimeML keeps its links outside TEXT::

    <MAKEINSTANCE eiid="ei12" eventID="e12" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
    <TLINK lid="l3" relType="BEFORE" eventInstanceID="ei12" relatedToTime="t0"/>

A TLINK names event *instances* (``ei12``); :func:`read_tlinks` maps them to the
events (``e12``) through the MAKEINSTANCE tags, so every :class:`Link` it returns
joins event ids (``e12``), time expression ids (``t3``) or the DCT's id (usually
``t0``).  An event with several instances is one node: all its instances' links
are links of that event.

MATRES (Ning, Wu and Roth, 2018) lists start-point relations between verb events
as ``docid<TAB>verb1<TAB>verb2<TAB>eiid1<TAB>eiid2<TAB>relation`` with the eiids
written as bare numbers; :func:`read_matres` returns them as TempEval-3 eiids
(``ei415``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from newsline._model import TLINK_TYPES, Link
from newsline.errors import InputError, TimeMLError
from newsline.timeml import TimeMLDocument

__all__ = ["MATRES_RELATIONS", "dct_tid", "instance_events", "read_makeinstances", "read_matres", "read_tlinks"]

MATRES_RELATIONS = ("BEFORE", "AFTER", "EQUAL", "VAGUE")

_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_MAKEINSTANCE = re.compile(r"<MAKEINSTANCE\b[^>]*>")
_TLINK = re.compile(r"<TLINK\b[^>]*>")
_DCT_TIMEX = re.compile(r"<DCT>\s*(<TIMEX3\b[^>]*>)", re.S)
_CREATION = re.compile(r"<TIMEX3\b[^>]*functionInDocument\s*=\s*[\"']CREATION_TIME[\"'][^>]*>", re.S)


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(tag)
    }


def _outside_text(doc: TimeMLDocument) -> str:
    """The raw document without its TEXT content (links and instances live outside it)."""
    a, b = doc.text_span
    return doc.raw[:a] + doc.raw[b:] if b > a else doc.raw


def dct_tid(doc: TimeMLDocument) -> str | None:
    """The tid of the document creation time: the CREATION_TIME TIMEX3 in DCT, else anywhere."""
    m = _DCT_TIMEX.search(doc.raw)
    tag = m.group(1) if m else None
    if tag is None:
        c = _CREATION.search(doc.raw)
        tag = c.group(0) if c else None
    return _attrs(tag).get("tid") if tag else None


def _instances(doc: TimeMLDocument) -> list[dict[str, str]]:
    out = []
    for m in _MAKEINSTANCE.finditer(_outside_text(doc)):
        attrs = _attrs(m.group(0))
        if not attrs.get("eiid") or not attrs.get("eventID"):
            raise TimeMLError(f"{doc.doc_id}: MAKEINSTANCE without eiid or eventID: {m.group(0)}")
        out.append(attrs)
    return out


def instance_events(doc: TimeMLDocument) -> dict[str, str]:
    """Map every event instance id (``ei12``) to its event id (``e12``)."""
    return {a["eiid"]: a["eventID"] for a in _instances(doc)}


def read_makeinstances(doc: TimeMLDocument) -> dict[str, dict[str, str]]:
    """The attributes of each event's instance, by event id.

    ``{"e12": {"eiid": "ei12", "tense": "PAST", "aspect": "NONE", "polarity": "POS",
    "pos": "VERB", ...}}``: every attribute of the MAKEINSTANCE tag except ``eventID``
    (``modality`` only when the tag has it).  An event with several instances gets
    the first one's attributes.
    """
    out: dict[str, dict[str, str]] = {}
    for attrs in _instances(doc):
        eid = attrs["eventID"]
        if eid not in out:
            out[eid] = {k: v for k, v in attrs.items() if k != "eventID"}
    return out


def _endpoint(
    attrs: dict[str, str], event_key: str, time_key: str, events: dict[str, str], where: str
) -> tuple[str, bool]:
    """``(id, is_event)`` of one end of a TLINK, instance ids mapped to event ids."""
    eiid = attrs.get(event_key)
    if eiid:
        if eiid not in events:
            raise TimeMLError(f"{where} refers to event instance {eiid!r}, which no MAKEINSTANCE defines")
        return events[eiid], True
    tid = attrs.get(time_key)
    if tid:
        return tid, False
    raise TimeMLError(f"{where} has neither {event_key} nor {time_key}")


def _kind(src_event: bool, tgt_event: bool, touches_dct: bool) -> str:
    if src_event and tgt_event:
        return "event-event"
    if src_event or tgt_event:
        return "event-dct" if touches_dct else "event-timex"
    return "timex-timex"


def read_tlinks(doc: TimeMLDocument) -> list[Link]:
    """The TLINKs of ``doc`` as :class:`Link` values between event ids, tids and the DCT.

    ``source`` is the TLINK's ``eventInstanceID``/``timeID`` (instances mapped to
    their events), ``target`` its ``relatedToEventInstance``/``relatedToTime``,
    ``rel`` its ``relType`` and ``id`` its ``lid``.  ``kind`` is ``event-event``,
    ``event-dct`` (one end is an event, the other the DCT's tid), ``event-timex``
    or ``timex-timex`` (which includes links between a timex and the DCT).
    Raises :class:`TimeMLError` for a TLINK with an unknown relType, a missing end
    or an event instance that no MAKEINSTANCE defines.
    """
    events = instance_events(doc)
    dct = dct_tid(doc)
    links: list[Link] = []
    for n, m in enumerate(_TLINK.finditer(_outside_text(doc)), 1):
        attrs = _attrs(m.group(0))
        lid = attrs.get("lid") or f"l{n}"
        where = f"{doc.doc_id}: TLINK {lid}"
        rel = attrs.get("relType", "")
        if rel not in TLINK_TYPES:
            raise TimeMLError(f"{where} has relType {rel!r}; expected one of {', '.join(TLINK_TYPES)}")
        src, src_event = _endpoint(attrs, "eventInstanceID", "timeID", events, where)
        tgt, tgt_event = _endpoint(attrs, "relatedToEventInstance", "relatedToTime", events, where)
        touches_dct = dct is not None and dct in (src, tgt)
        links.append(Link(lid, src, tgt, rel, _kind(src_event, tgt_event, touches_dct)))
    return links


def _matres_row(line: str, where: str) -> tuple[str, str, str, str]:
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != 6:
        raise InputError(f"{where}: expected 6 tab-separated columns "
                         f"(docid, verb1, verb2, eiid1, eiid2, relation), found {len(cols)}")
    docid, _, _, ei1, ei2, rel = (c.strip() for c in cols)
    if not (ei1.isdigit() and ei2.isdigit()):
        raise InputError(f"{where}: eiids must be numbers, found {ei1!r} and {ei2!r}")
    if rel not in MATRES_RELATIONS:
        raise InputError(f"{where}: relation {rel!r} is not one of {', '.join(MATRES_RELATIONS)}")
    return docid, f"ei{ei1}", f"ei{ei2}", rel


def read_matres(path: str | Path) -> dict[str, list[tuple[str, str, str]]]:
    """Read a MATRES file: ``{docid: [(eiid1, eiid2, relation), ...]}`` in file order.

    The eiids are TempEval-3 instance ids (``"ei415"``); map them to events with
    :func:`instance_events`.  The relation (BEFORE, AFTER, EQUAL, VAGUE) orders the
    start points of the two events.  Raises :class:`InputError` for an unreadable
    file or a malformed line.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{p}: MATRES file does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read the MATRES file ({exc})") from exc
    out: dict[str, list[tuple[str, str, str]]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        docid, ei1, ei2, rel = _matres_row(line, f"{p}:{n}")
        out.setdefault(docid, []).append((ei1, ei2, rel))
    return out
