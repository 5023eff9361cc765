"""A news headline and the lead that tells its story.

"Storm shuts Harlow port" over "A winter storm shut the port of Harlow on Tuesday, officials said": the
headline names the lead's events again, in headline style (a past event in the present tense, no date).
Read on its own, its "shuts" is an ongoing present and its events have no time; read with the lead, they
are the lead's events.

A headline is the article's first line when a blank line follows it and it is short (at most :data:`MAX_WORDS`
words, not ending in a full stop). Each of its events whose lemma is that of an event of the lead (the
:data:`LEAD_PARAGRAPHS` paragraphs after it) or whose crude stem is that event's ("guts" and "gutted", which
the lemmatizer makes "gutte"), or whose event noun is made from that event's verb ("collapse" and
"collapsed"), with the same polarity, is a mention of that lead event, the first such.  When none of them is,
the headline's first verb, in the present tense, is the first event of the lead's first sentence when the two
share a participant ("Mayor Price resigns amid probe" over "Mayor Alden Price stepped down on Monday"), or when a
word of the headline's participant is written before that event ("Transport minister quits" over "British
Transport Minister Helen Carraway resigned").
Reports ("said") are left alone: every article has them; not the reports that are news in themselves
(:data:`NEWS_ACTS`: "Valdoria confirms outbreak" over "the health ministry confirmed an outbreak ... on Friday",
new-user trial AG). ``_link_rules`` links the two (IDENTITY),
``_placement`` gives the headline event the lead event's time, and salience leaves the top entries to the
lead, which says more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsline._model import Event

MAX_WORDS = 20
# reports that are news in themselves when they have a day: "declared a public health emergency on Feb. 14", "The
# first case was confirmed on Jan. 29" (new-user trial Q; also the summaries' references); "said" is not
NEWS_ACTS = ("confirm", "declare", "announce")
# and in a headline "reports" too: "Ghana reports cholera cases" over "... reported 12 cholera cases on Thursday"
# (new-user trial AI); the lead's report only pairs with a headline's own "report"
_HEADLINE_ACTS = (*NEWS_ACTS, "report")
LEAD_PARAGRAPHS = 2
_BLANK = re.compile(r"\n[ \t]*\n")


def headline_end(text: str) -> int | None:
    """Where the headline of ``text`` ends (the end of its first line), or None when it has none."""
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    if line_end < 0 or _BLANK.match(text, line_end) is None:
        return None
    line = text[start:line_end].strip()
    if not line or len(line.split()) > MAX_WORDS or line.rstrip("\"'”’").endswith("."):  # a sentence, also one
        # that ends in a quotation ('... called it "a danger to every driver."': re-check trial AZ)
        return None
    return line_end


def headline_text(text: str) -> str | None:
    """The headline of an article (after a date header, if any), its spaces collapsed, or None."""
    from newsline.timex._inputs import split_header

    body = split_header(text, strict=False)[1]
    end = headline_end(text[body:])
    return " ".join(text[body:body + end].split()) if end else None


def _lead_end(text: str, start: int) -> int:
    """Where the first :data:`LEAD_PARAGRAPHS` paragraphs after ``start`` end."""
    body = _BLANK.match(text, start)
    end = body.end() if body else start
    for _ in range(LEAD_PARAGRAPHS):
        m = _BLANK.search(text, end)
        if m is None:
            return len(text)
        end = m.end()
    return end


def headline_mates(text: str, events: Sequence[Event], offset: int = 0) -> dict[str, str]:
    """Each headline event's lead event, by id: ``text`` is the article from ``offset`` on (the offsets of
    ``events`` are document offsets)."""
    from newsline.events._detect import verb_of_noun

    end = headline_end(text)
    if end is None:
        return {}
    head_end, lead_end = offset + end, offset + _lead_end(text, end)
    heads = [e for e in events if e.end <= head_end and (e.eclass != "REPORTING" or e.lemma in _HEADLINE_ACTS)]
    lead = [e for e in events if head_end < e.start < lead_end
            and (e.eclass != "REPORTING" or e.lemma in _HEADLINE_ACTS)]
    out: dict[str, str] = {}
    for h in heads:
        words = {w for w in (h.lemma, verb_of_noun(h.lemma) if h.pos == "NOUN" and h.lemma else None,
                             _stem(h.text)) if w}
        for e in lead:
            verb = verb_of_noun(e.lemma) if e.pos == "NOUN" and e.lemma else None
            if e.polarity == h.polarity and words & {e.lemma, verb, _stem(e.text)}:
                out[h.id] = e.id
                break
    # no word in common: the headline's first verb, in the present ("Mayor Price resigns amid probe"), tells the
    # lead sentence's first event again ("Mayor Alden Price stepped down on Monday, days after ...")
    head = next((e for e in heads if e.pos == "VERB"), None)
    first = min((e.sentence for e in lead), default=None)
    if head is not None and head.id not in out and head.aspect == "NONE" and head.modality is None \
            and first is not None and (head.tense == "PRESENT" or (head.tense == "NONE" and not _TO_BEFORE.search(
                text, 0, max(0, head.start - offset)))):  # a plural's present the tagger took for a base form:
        # "Holtz and Renwick clash over bridge" (new-user trial AV); not "Bridge to reopen Saturday"
        told = next((e for e in lead if e.sentence == first and e.pos == "VERB" and e.polarity == head.polarity), None)
        if told is not None and (_same_people(head, told) or _role_before(head, told, text, offset)):
            out[head.id] = told.id
    return out


def _role_before(head: Event, told: Event, text: str, offset: int) -> bool:
    """Whether a word of the headline event's participants (a role: "Transport minister quits") is written in the
    lead sentence before its event ("British Transport Minister Helen Carraway resigned"; new-user trial Q)."""
    words = {w.lower() for p in head.participants for w in p.split() if len(w) > 3}
    before = text[max(0, told.sentence[0] - offset):max(0, told.start - offset)].lower()
    return any(w in words for w in re.findall(r"[a-z]+", before))


def _same_people(a: Event, b: Event) -> bool:
    """Whether two events share a participant ("Alden Price" in "Mayor Alden Price resigns" and "Riverton Mayor Alden
    Price stepped down"); a last name alone counts."""
    names = {w for p in a.participants for w in p.split() if w[:1].isupper()}
    return any(w in names for p in b.participants for w in p.split() if w[:1].isupper())


_TO_BEFORE = re.compile(r"(?i)\bto\s+\Z")
_SUFFIX = re.compile(r"(?:ies|ied|ing|ed|es|s)$")


def _stem(word: str) -> str:
    """A crude stem, for the lemmas the tagger gets wrong ("gutted" -> "gutte"): "guts", "gutted" -> "gut";
    "cancels", "cancelled" -> "cancel"."""
    w = word.lower()
    stem = _SUFFIX.sub("", w) if len(w) > 4 else w
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stem = stem[:-1]
    return stem
