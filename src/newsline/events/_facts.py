"""What the parse says about each event for its salience (``_salience``): a main clause, a named agent or patient,
hypothetical, generic, a bare report, where in the article; worked out while the titles are built
(``_phrases.describe``), from the same parse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsline._model import ENTITY_LABELS, Event
from newsline.events._unasserted import conditional, unasserted

__all__ = ["Facts", "parse_facts"]

_HYPOTHETICAL_MODALS = frozenset({"would", "could", "may", "might", "should", "can", "must"})
_NAMED = frozenset(ENTITY_LABELS)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the parse says about an event, for its salience."""

    main: bool = False  # the sentence's main clause (or what a main-clause report reports)
    named: bool = False  # a named entity (or a resolved pronoun) as its agent or patient
    hypothetical: bool = False  # under a modal of possibility or in an if-clause
    generic: bool = False  # a noun used as a modifier, or with nothing that makes it particular
    bare_report: bool = False  # "she said" with nothing it reports
    part: bool = False  # its phrase is part of another event's: "A storm" in "A storm tore through the harbour"
    sentence_index: int = 0
    sentences: int = 1


def parse_facts(e: Event, tok: Any | None, build: Any, tokens: dict[str, Any], attributed: dict[str, str],
                sent_starts: list[int], part: bool) -> Facts:
    """The facts of event ``e`` at token ``tok`` (None: no token), ``build`` being the title builder of its
    document (``_phrases._Builder``: its subject finder, namer and token table)."""
    if tok is None:
        return Facts(part=part)
    from bisect import bisect_right

    index = max(0, bisect_right(sent_starts, tok.i) - 1)
    anchor = tok.head if tok.pos_ == "ADJ" and tok.dep_ == "acomp" else tok
    main = anchor.dep_ == "ROOT" or (anchor.dep_ == "conj" and anchor.head.dep_ == "ROOT")
    if not main and e.id in attributed:
        reporter = tokens.get(attributed[e.id])
        main = reporter is not None and (reporter.dep_ == "ROOT" or anchor.dep_ == "ROOT")
    named = False
    subj = build.subject(anchor) if anchor.pos_ in ("VERB", "AUX") else None
    for arg in [subj, *[c for c in anchor.children if c.dep_ in ("dobj", "dative", "poss", "agent")]]:
        if arg is None:
            continue
        if arg.dep_ == "agent":
            arg = next((g for g in arg.children if g.dep_ == "pobj"), None)
            if arg is None:
                continue
        if arg.ent_type_ in _NAMED or build.namer.pronoun(arg) is not None:
            named = True
    hypothetical = (e.modality or "").lower() in _HYPOTHETICAL_MODALS or conditional(build.table, anchor.i) \
        or unasserted(build.table, anchor.i)
    generic = tok.pos_ in ("NOUN", "PROPN") and (tok.dep_ in ("compound", "amod", "nmod") or not any(
        c.dep_ in ("det", "poss", "prep") for c in tok.children))
    bare = e.eclass == "REPORTING" and e.id not in attributed.values() and not any(
        c.dep_ in ("dobj", "dative", "xcomp") for c in anchor.children)
    return Facts(main=main, named=named, hypothetical=hypothetical, generic=generic, bare_report=bare,
                 sentence_index=index, sentences=max(1, len(sent_starts)), part=part)
