"""Event titles: a short phrase for each event, built from the parse, and reporting events tied to what they report.

A title has the subject, the verb with its auxiliaries (tense, modality), negation and particle, and the object or
complement with up to two prepositional phrases that are not times ("Novak will step down as chief executive", "Legend
dedicated "Never Break" to Teigen"); at most :data:`MAX_WORDS` words (prepositional phrases go first, then the phrase
is cut with "…"). People are written by their surname, other names as the article writes them; "he"/"she" become the
person named last before them in the paragraph, a role with an appositive name ("Her son, Peter Marsh,") that name. A
noun event is its noun phrase ("the launch of the Arc"), a noun modifier the phrase it modifies ("our wedding day", not
"wedding").

A reporting event ("said", "told") that reports another event (its clausal complement, or the clause it
interrupts: ""We lost six weeks," Novak said") gets that event's id in ``reports``; the reported event gets
the reporting one's id in ``attributed_to`` and the title "<its phrase>, Novak said" (a quotation as printed:
``verbatim_quote``).  The reporting event keeps the same title, with the times the reported clause names (the
report is dated by the saying), so nothing is lost when it is shown, but views show the reported event instead.

:func:`describe` also returns, per event, the facts of the parse that :mod:`newsline.events._salience` weighs.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from newsline._model import ENTITY_LABELS, Event
from newsline._when_text import words
from newsline.events._coref import object_control_verbs, recipient_control_verbs
from newsline.events._dateline import outside_dateline
from newsline.events._detect import _quote_regions
from newsline.events._facts import Facts, parse_facts
from newsline.events._nlp import calendar_word, named_head, relative_head, token_table
from newsline.events._title_names import (
    _Namer,
    appositive_name,
    capitalised,
    capitalised_inside,
    match_score,
    misread_time_clause,
    numbered,
    possessive,
    render,
    verbatim_quote,
)

MAX_WORDS = 12
_CLAUSE_ARGS = frozenset({"dobj", "nsubj", "nsubjpass", "ccomp", "xcomp", "attr", "acomp", "dative"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJ = ("dobj", "dative", "attr", "acomp", "oprd")
_NP_KEEP = ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "neg", "predet", "advmod",
            "npadvmod", "punct_quote")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_NAMED = frozenset(ENTITY_LABELS)
_RELATIVE = frozenset({"who", "which", "that"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})
_CLOCK_ENDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc"})
_CLOCK = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")  # "04:15": the phrase is a time ("at 04:15 UTC", the zone an ORG)
_FIRST_NAME_TITLES = frozenset({"sir", "dame"})  # "Sir Geoffrey Lamb" is "Sir Geoffrey" or "Lamb", not "Sir Lamb"
# Particles the parser may attach as adverbs ("stepped down", "cut short"): kept right after their verb
_PARTICLES = frozenset({"down", "up", "out", "off", "away", "back", "over", "in", "aside", "forward", "ahead", "short",
                        "loose", "open", "free"})
# Adverbs that change what the verb claims ("nearly shut the port" did not shut it): kept in the verb group
_HEDGES = frozenset({"nearly", "almost", "barely", "hardly", "narrowly", "scarcely", "allegedly", "reportedly",
                     "never", "no", "longer"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_DIRECTIONS = frozenset({"back", "out", "away", "off", "down", "up", "home", "forward", "aside"})


def _temporal(prep: Any) -> bool:
    """A prepositional phrase that is a time ("on Tuesday", "in the summer of 2021", "for several months")."""
    time_words = _time_words()
    return any(t.dep_ == "pobj" and (t.ent_type_ in ("DATE", "TIME") or t.lower_ in time_words
                                     or calendar_word(t.lower_)  # "on March 22" read into a name (trial R)
                                     or any(_CLOCK.fullmatch(x.text) for x in t.subtree))  # "at 04:15 UTC"
               for t in prep.children)


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    return frozenset(words()["time_words"])


_QUESTION_WORDS = frozenset({"whether", "if", "when", "where", "why", "how"})


def _asking(clause: Any) -> list[tuple[int, str]]:
    """The word that makes a complement clause a question ("whether", "when"), which a title keeps: without it,
    "has yet to say when the plant will reopen" says the plant will reopen."""
    if clause.dep_ not in ("ccomp", "xcomp"):
        return []  # "the plant where Meridian plans to start production": a relative clause asks nothing
    return [(c.i, c.text) for c in clause.children if c.i < clause.i and c.lower_ in _QUESTION_WORDS
            and c.dep_ in ("mark", "advmod") and not (c.i > 0 and c.nbor(-1).pos_ in ("NOUN", "PROPN"))]


_UNREALISED = frozenset({"fail", "refuse", "decline", "try", "attempt", "neglect"})  # "failed to" + the event


class _Builder:
    def __init__(self, sdoc: Any, namer: _Namer) -> None:
        self.sdoc = sdoc
        self.namer = namer
        self.table = token_table(sdoc)
        spaces = sdoc.to_array("IS_SPACE").tolist()  # see _paragraph; the token array, not a Token per word
        self.breaks = [i for i, space in enumerate(spaces) if space and _PARAGRAPH.search(sdoc[i].text)]
        self.dateline = namer.dateline  # "PARIS (Reuters) -": no subject of the story's first verb
        self.keep_times = False  # prepositional phrases that are times stay (a report's title: see describe)

    def np(self, tok: Any, depth: int = 0) -> list[tuple[int, str]]:
        """A noun phrase as (position, text) pieces: names shortened, relative clauses and appositions left out."""
        pieces = self._np(tok, depth)
        if not depth:
            pieces = self._without_holes(pieces)
        # no word of a dateline ("SAN FRANCISCO, Feb 5 - Corvane Inc said": not "Feb 5 Corvane Inc")
        return [p for p in pieces if p[0] not in self.dateline]

    def _without_holes(self, pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The words between kept ones that hang on them stay: "all but 3,000 homes" (not "all 3,000
        homes", the opposite), "a 2-0 win", "the Minneapolis-based company"."""
        have = {i for i, _ in pieces}
        if not have:
            return pieces
        for i in list(have):  # a name is one piece at its first word: all its words are in
            ent = self.namer.ent_at.get(i)
            if ent is not None:
                have.update(range(ent.start, ent.end))
        lo, hi = min(have), max(have)
        table = self.table
        grew = True
        while grew:
            grew = False
            for i in range(lo + 1, hi):
                if i not in have and table.head[i] in have and table.dep[i] not in _CLAUSE_DEPS \
                        and table.dep[i] != "punct" and not table.text[i].isspace():
                    have.add(i)
                    pieces.append((i, table.text[i]))
                    grew = True
        # a mark between two kept words stays ("Smith, Jones and Lee"); one before a word left out does not
        # ("found Delaney, the former CFO, guilty": "Delaney guilty")
        pieces.extend((i, table.text[i]) for i in range(lo + 1, hi) if i not in have and table.dep[i] == "punct"
                      and table.head[i] in have and i - 1 in have and i + 1 in have)
        return pieces

    def _np(self, tok: Any, depth: int = 0) -> list[tuple[int, str]]:
        ent = self.namer.ent(tok)
        if ent is not None and ent.label_ in _NAMED:
            # a name that modifies a noun stays as written: "an NTSO spokesperson", not "an The National ..."
            text = ent.text if (tok.dep_ in ("compound", "amod") and tok.head.i >= ent.end) or (
                ent.start > 0 and self.table.lower[ent.start - 1] in _FIRST_NAME_TITLES) \
                else self.namer.short(ent.text, ent.label_)
            pieces: list[tuple[int, str]] = [(ent.start, text)]
            if ent.label_ != "PERSON" or numbered(ent.text):  # "Senate Bill 47" (NER: "Bill 47")
                before = ent.start - 1
                while before >= 0 and self.sdoc[before].dep_ == "compound" and self.sdoc[before].head.i == tok.i \
                        and self.sdoc[before].pos_ == "PROPN":
                    pieces.append((before, self.sdoc[before].text))
                    before -= 1
            quote_l, quote_r = ent.start - 1, ent.end
            if quote_l >= 0 and quote_r < len(self.sdoc) and self.sdoc[quote_l].text in ('"', "“") \
                    and self.sdoc[quote_r].text in ('"', "”"):
                pieces = [(ent.start, f"\u201c{text}\u201d")]
            for c in tok.children:  # "Novak's plan": the possessive mark stays ("Corvane's": "Corvane Networks'")
                if c.dep_ == "case" and c.i >= ent.end:
                    swapped = c.text in ("'s", "’s") and text.endswith("s") and not ent.text.endswith("s")
                    pieces.append((c.i, c.text[0] if swapped else c.text))
            year = next((c for c in tok.children if c.dep_ == "nummod" and c.i == ent.start - 1
                         and self.table.text[c.i].isdigit() and len(c.text) == 4), None)
            if year is not None and ent.label_ != "PERSON":  # "the 2025 Champions League": which one
                pieces.append((year.i, year.text))
                pieces.extend((c.i, c.text) for c in tok.children if c.dep_ == "det" and c.i == year.i - 1)
            for c in tok.children:
                if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i >= ent.end:
                    # "found Marcus Delaney, the former CFO, guilty of fraud", parsed as the name's adjective
                    pieces.append((c.i, c.text))
                    for g in c.children:
                        if g.dep_ == "prep" and g.lower_ == "of":
                            pieces.append((g.i, g.text))
                            pieces.extend(p for x in g.children if x.dep_ == "pobj" for p in self.np(x, depth + 1))
                elif c.dep_ == "conj" and c.i >= ent.end and depth < 2 and (
                        c.ent_type_ in _NAMED or c.pos_ in ("PROPN", "NOUN")):
                    # "Mara Quinn and actor Julian Shaw are divorcing": both
                    pieces.extend((g.i, g.text) for g in tok.children if g.dep_ == "cc" and ent.end <= g.i < c.i)
                    pieces.extend(self.np(c, depth + 1))
            return pieces
        if tok.lower_ == "whose" and tok.dep_ == "poss":  # "Bauer, whose side lost": Bauer's side
            owner = next((a.head for a in tok.ancestors if a.dep_ == "relcl"), None)
            if owner is not None and owner.i < tok.i:
                owner_name = render(self.np(owner, depth + 1), self.sdoc)
                return [(tok.i, possessive(owner_name))]
        if tok.pos_ == "PRON":
            said = self.namer.stand_in(tok)
            if said is None:  # someone else than the speaker: as written
                return [(tok.i, tok.text)]
            if said is not tok:  # "Whitfield said she will run": Whitfield; "The players said they ...": the players
                return [(tok.i, render(self.np(appositive_name(said) or said, depth + 1), self.sdoc))]
            name = self.namer.pronoun(tok)
            if name is not None:
                return [(tok.i, possessive(name) if tok.tag_ == "PRP$" else name)]
        pieces = [(tok.i, tok.text)]
        for c in tok.children:
            if c.dep_ == "amod" and c.i > tok.i + 1 and self.table.pos[tok.i + 1] == "PUNCT":
                continue  # "the deal, ..., subject to approval": no adjective of the noun (new-user trial U)
            if c.dep_ in _NP_KEEP and c.pos_ != "PUNCT":
                pieces.extend(self.np(c, depth + 1))
            elif c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > tok.i and depth < 2 and not any(
                    self.table.pos[i] == "PUNCT" for i in range(tok.i + 1, c.i)):
                pieces.extend(self.np(c, depth + 1))  # "signed the goalkeeper Ali Marsh" (no comma: the name)
            elif c.dep_ == "acl" and c.tag_ == "VBG" and c.i == tok.i + 1 and tok.pos_ == "NOUN" and not any(
                    g.dep_ in _CLAUSE_ARGS for g in c.children):
                pieces.append((c.i, c.text))  # "issued a tsunami warning at 4:20": a noun the parser took for a verb
            elif c.dep_ == "conj" and depth == 0 and tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" \
                    and c.pos_ in ("NOUN", "PROPN") and self.table.lower[tok.i + 1] == "and":  # "Nurses and junior
                pieces.extend([(tok.i + 1, "and"), *self.np(c, depth + 1)])  # doctors walked out" (trial AW: "Nurses")
            elif c.dep_ in ("cc", "conj") and tok.dep_ == "nummod" and tok.i < c.i < tok.head.i:
                pieces.append((c.i, c.text))  # "between 2 and 4 percent", not "between 2 and percent"
            elif c.dep_ == "prep" and c.lower_ == "of" and depth < 2 and c.i > tok.i:
                of = [(c.i, c.text)]
                for g in c.children:
                    if g.dep_ == "pobj":
                        of.extend(self.np(g, depth + 1))
                    elif g.dep_ == "pcomp" and g.tag_ == "VBG":  # "37 reports of overheating"
                        of.append((g.i, g.text))
                if len(of) > 1:  # no "reports of" with nothing after it
                    pieces.extend(of)
        return pieces

    def subject(self, verb: Any) -> Any | None:
        anchor = verb
        for _ in range(4):
            for c in _nearest_subject_first(anchor):
                subj = outside_dateline(c, self.dateline) if c.dep_ in _SUBJ else None
                if subj is not None:
                    if (head := relative_head(anchor, lambda w: w.pos_ == "NOUN")) is not None:
                        return head  # "the accident in Burlington, Vt., that killed three people", misparsed
                    if subj.lower_ in _RELATIVE and anchor.dep_ == "relcl":
                        return named_head(anchor.head, who=subj.lower_ == "who")  # "the senator who sponsored it"
                    if (real := misread_time_clause(anchor, subj)) is not subj:
                        return real  # "an outbreak that has sickened 187 people since January appears to slow"
                    if subj.i > 0 and subj.doc[subj.i - 1].lower_ in _CLOCK_ENDS:  # "at 8 p.m. CET and the results
                        return next((x for x in subj.children if x.dep_ == "conj"), subj)  # came": not the zone
                    return subj
                if c.dep_ == "agent" and anchor.dep_ != "conj":  # a conjoined passive shares its subject:
                    return None  # "The ceremony began at 4 p.m. and was attended by 150 guests"
            if anchor.dep_ == "advcl" and anchor.tag_ == "VB" and anchor.head.pos_ == "VERB" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
                # a purpose clause: "City beat Kingsbridge to reach the final" - City reaches it (a name or a
                # noun: a pronoun there is often "it" of nothing)
                given = _recipient(anchor)
                if given is not None:
                    return given
                subj = next((c for c in anchor.head.children if c.dep_ == "nsubj"), None)  # of a passive: none
                return subj if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None
            if anchor.dep_ not in ("conj", "xcomp", "acomp", "attr") or anchor.head is anchor:
                return None
            if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in object_control_verbs():
                # "Doctors ordered Quinn to rest": the object rests (object control; not "beat X to win")
                obj = next((c for c in anchor.head.children if c.dep_ == "dobj" and c.i < anchor.i), None)
                if obj is not None:
                    return obj
            if anchor.dep_ == "xcomp" and (given := _recipient(anchor)) is not None:
                return given
            anchor = anchor.head
        return None

    def verb_group(self, verb: Any) -> list[tuple[int, str]]:
        pieces = [(verb.i, verb.text)]
        for c in verb.children:
            if c.dep_ == "neg" and c.i < verb.i:
                pieces.extend((t.i, t.text) for t in c.subtree)  # "almost never"
            elif c.dep_ in ("aux", "auxpass") and c.i < verb.i or c.dep_ == "prt" or (
                    c.dep_ == "neg" and c.i > verb.i) or (c.dep_ == "advmod" and c.lower_ in _PARTICLES and (
                    c.i == verb.i + 1 or c.i == verb.i + 2 and c.nbor(-1).dep_ == "neg")):  # "was not over"
                pieces.append((c.i, c.text))
            elif c.dep_ == "advmod" and c.i > verb.i and c.lower_ in ("once", "twice", "never", "yet"):
                # "has yet to say" without "yet" says the opposite (re-check trial AU: "It has to say")
                pieces.extend((t.i, t.text) for t in c.subtree)  # "lost only twice in 23 games" (trial R)
            elif c.dep_ == "advmod" and c.i < verb.i and c.lower_ in _HEDGES:
                pieces.extend((t.i, t.text) for t in c.subtree)  # "no longer", "almost never"
        if verb.dep_ == "xcomp" and verb.head.i < verb.i and (verb.head.lemma_.lower() in _UNREALISED or any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.head.children)):
            # "failed to reach a settlement", "tried to sign Alvarez", "has yet to say": without its governor the
            # title says the opposite (new-user trial N: "Lawyers to reach a settlement"; re-check AU)
            head = verb.head
            pieces.append((head.i, head.text))
            pieces.extend((c.i, c.text) for c in head.children
                          if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i
                          or c.dep_ == "advmod" and c.lower_ == "yet")
        if not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and verb.dep_ == "conj" \
                and verb.tag_ in ("VB", "VBN", "VBG") and verb.head.tag_ == verb.tag_:
            pieces.extend((c.i, c.text) for c in verb.head.children
                          if c.dep_ in ("aux", "auxpass") and c.i < verb.head.i)
        return pieces

    def _before_a_score(self, i: int) -> bool:
        """Whether the proper nouns from token ``i`` on are followed by a match score ("Dunmore Athletic 3-2")."""
        table = self.table
        j = i
        while j + 1 < len(table.text) and table.pos[j + 1] == "PROPN":
            j += 1
        return j + 1 < len(table.text) and match_score(table, self.sdoc[j + 1]) is not None

    def clause(self, verb: Any, skip: Any | None = None) -> tuple[list[tuple[int, str]], list[list[tuple[int, str]]]]:
        """The core (subject, verb group, objects) and the optional prepositional phrases of a verb."""
        core: list[tuple[int, str]] = []
        subj = self.subject(verb)
        if subj is not None and verb.dep_ == "xcomp" and subj.dep_ == "dobj" and subj.lower_ in _OBJECT_PRONOUNS \
                and self.np(subj) == [(subj.i, subj.text)]:
            # "The judge ordered him to pay $2 million": a pronoun no name stands for is no subject to open a
            # title with ("Him to pay $2 million", new-user trial S); the ordering says who
            head = verb.head
            boss = self.subject(head)
            if boss is not None:
                core.extend(self.np(boss))
            core.extend(self.verb_group(head))
            core.append((subj.i, subj.text))
        elif subj is not None:
            core.extend(self.np(subj))
            also = [c for c in verb.children if c.dep_ == "nsubj" and c.i != subj.i and c.i < verb.i
                    and abs(c.i - subj.i) <= 3 and c.pos_ in ("NOUN", "PROPN", "NUM")
                    and outside_dateline(c, self.dateline) is not None
                    and not any(t.is_space or t.text in ("-", "—", "–") for t in self.sdoc[min(c.i, subj.i):
                                                                                    max(c.i, subj.i)])]
            for c in also:  # "A magnitude 6.8 earthquake struck", parsed as two subjects: one phrase
                core.extend(self.np(c))
        elif verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN") \
                and verb.head.i < verb.i:
            core.extend(self.np(verb.head))  # "a poll released on Monday": "A poll released", not "Released"
        core.extend(self.verb_group(verb))
        extras: list[list[tuple[int, str]]] = []
        core_prep = False
        for c in verb.children:
            if c is skip or c.pos_ == "SCONJ" or (c.lower_ in _RELATIVE and c.dep_ != "nsubj"):
                continue
            score = match_score(self.table, c) if c.dep_ in ("npadvmod", "dobj") else None
            if score is not None:  # "beat Kingsbridge 2-1", "won 3-0"
                core.extend(score)
                continue
            if c.dep_ == "npadvmod" and 0 < c.i - verb.i <= 5 and any(g.dep_ == "nummod" for g in c.children) \
                    and not any(o.dep_ in ("dobj", "attr") for o in verb.children):
                # a counted span the verb takes as its object: "We lost six weeks", "have given this town fourteen
                # years" (not "closed two weeks ago", where the span hangs on "ago")
                core.extend(self.np(c))
                continue
            if c.dep_ == "npadvmod" and c.like_num and c.i > verb.i and c.ent_type_ not in ("DATE", "TIME") \
                    and not list(c.children):
                core.append((c.i, c.text))  # how much: "shares fell 11 per cent" (the parser's npadvmod)
                continue
            if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > verb.i and self._before_a_score(c.i):
                core.append((c.i, c.text))  # "beat Dunmore Athletic 3-2", the name parsed as the score's kin
                continue
            if c.dep_ == "advmod" and c.i > verb.i and c.lower_ in _DIRECTIONS and (prep := next((
                    g for g in c.children if g.dep_ == "prep" and g.i > c.i and not _temporal(g)
                    and not (g.lower_ == "from" and c.lower_ in ("up", "down"))), None)) is not None:  # "up from 11"
                core.extend([(c.i, c.text), (prep.i, prep.text)])  # "put its jets back into service" (trial AP)
                core.extend(p for g in prep.children if g.dep_ == "pobj" for p in self.np(g))
                continue
            if c.dep_ == "advmod" and c.i > verb.i and c.tag_ in ("RB", "RBR", "RBS") and (
                    c.tag_ != "RB" or c.lower_.endswith("ly")) and c.lower_ not in _time_words() \
                    and not any(g.dep_ in ("prep", "advmod", "npadvmod") for g in c.children):
                core.append((c.i, c.text))  # how: "should have acted faster", "rose sharply"
                continue
            if c.dep_ == "dative" and c.pos_ == "ADP" or c.dep_ == "prt":  # "called off the parade": parsed
                core.append((c.i, c.text))  # as the particle's pobj, the verb's object all the same
                core.extend(p for g in c.children if g.dep_ == "pobj" for p in self.np(g))
            elif c.dep_ in _OBJ:
                if c.pos_ == "VERB" and self.namer.ent(c) is None and not (
                        c.tag_ == "VBG" and any(g.dep_ == "det" for g in c.children)):  # "a flood warning": a noun
                    # "was re-elected" parsed as be + acomp: the participle alone (not a title: 'dedicated "Never
                    # Break"')
                    core.append((c.i, c.text))
                elif c.dep_ == "acomp" or c.pos_ in ("ADJ", "ADV"):
                    # "happy", "too early": not its prepositional phrases or conjuncts ("happy with the deal")
                    out = {x.i for t in c.subtree if t.dep_ in ("prep", "conj", "cc", "relcl")
                           for x in t.subtree}
                    core.extend((t.i, t.text) for t in c.subtree if t.i not in out and t.pos_ != "PUNCT")
                else:
                    core.extend(self.np(c))
            elif c.pos_ in ("VERB", "AUX") and c.i > verb.i and (c.dep_ == "xcomp" or (
                    c.dep_ == "ccomp" and not any(o.dep_ in ("dobj", "dative") for o in verb.children))):
                # "agreed to buy Lumenfield", "wants the vote held": the complement's verb and objects
                sub = self.subject(c) if c.dep_ == "ccomp" else None
                core.extend(_asking(c))  # "decide whether the school will reopen": not that it will (trial AU)
                if sub is not None and sub.i > verb.i:
                    core.extend(self.np(sub))
                core.extend(self.verb_group(c))
                for g in c.children:
                    if g.dep_ in _OBJ and g.pos_ not in ("SCONJ",) and g.lower_ not in _RELATIVE:
                        core.extend(self.np(g))
                if c.lemma_ == "be" and not any(g.dep_ in _OBJ for g in c.children):
                    # "shows that no executive is above the law": the predicate is the phrase
                    prep = next((g for g in c.children if g.dep_ == "prep" and g.i > c.i and not _temporal(g)), None)
                    if prep is not None:
                        core.append((prep.i, prep.text))
                        core.extend(p for x in prep.children if x.dep_ == "pobj" for p in self.np(x))
            elif c.pos_ == "ADJ" and c.dep_ in ("ccomp", "xcomp", "oprd") and c.i > verb.i:
                # a small clause: "found Orlen guilty of embezzling $1.4 million", "declared him dead"
                sub = next((g for g in c.children if g.dep_ in _SUBJ or (  # or a name misparsed as a compound of
                    g.dep_ == "compound" and g.pos_ == "PROPN" and g.i < c.i)), None)  # it (trial AT lost the name)
                if sub is not None:
                    named = next((g for g in sub.children if g.dep_ == "appos" and g.ent_type_ == "PERSON"), None)
                    core.extend(self.np(named if named is not None else sub))  # "treasurer Marcus Orlen": Orlen
                core.extend((g.i, g.text) for g in c.children if g.dep_ == "neg" or (
                    g.dep_ == "advmod" and g.lower_ in _HEDGES))  # "not guilty"
                core.append((c.i, c.text))
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "of" and g.i > c.i:
                        core.append((g.i, g.text))
                        for x in g.children:
                            if x.dep_ == "pobj":
                                core.extend(self.np(x))
                            elif x.dep_ == "pcomp":
                                core.append((x.i, x.text))
                                core.extend(p for o in x.children if o.dep_ == "dobj" for p in self.np(o))
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.i > verb.i and (self.keep_times or not _temporal(c))):
                phrase = [(c.i, c.text)]
                for g in c.children:
                    if g.dep_ == "pobj":
                        phrase.extend(self.np(g))
                    elif g.dep_ == "prep" and g.i == c.i + 1 and (c.lower_, g.lower_) == ("out", "of"):  # "out of work"
                        phrase.append((g.i, g.text))
                        phrase.extend(p for o in g.children if o.dep_ == "pobj" for p in self.np(o))
                    elif g.dep_ == "pcomp" and any(o.dep_ == "dobj" for o in g.children):
                        phrase.append((g.i, g.text))  # "looks forward to clearing his name"
                        phrase.extend(p for o in g.children if o.dep_ == "dobj" for p in self.np(o))
                predicate = c.dep_ == "prep" and (
                    (verb.lemma_ == "be" and not any(o.dep_ in _OBJ for o in verb.children))  # "is above the law"
                    or any(o.dep_ == "advmod" and o.lower_ == "forward" and o.i < c.i for o in verb.children))
                if len(phrase) > 1 and predicate and not core_prep:
                    core.extend(phrase)  # what the verb says: no title without it
                    core_prep = True
                elif len(phrase) > 1:
                    extras.append(phrase)
        return core, extras[:2]


def _recipient(clause: Any) -> Any | None:
    """Who was given time to do ``clause``: the dative, else the object that is no time, of a verb of giving
    before it ("gave Northwind until March 20 to hand over", "gave the firm two weeks to respond"); else None."""
    verb = clause.head
    if verb.i > clause.i or verb.lemma_.lower() not in recipient_control_verbs():
        return None
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "gave up her seat to help him"
    objects = [c for c in verb.children if c.dep_ in ("dative", "dobj") and c.i < clause.i
               and c.ent_type_ not in ("DATE", "TIME") and c.lower_ not in _time_words()]
    dative = next((c for c in objects if c.dep_ == "dative"), None)
    # an object for the dative the parser missed, when it names someone: not "gave the ball to Reyes to shoot"
    return dative or next((c for c in objects if c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                           or c.pos_ == "PROPN" or c.tag_ == "PRP"), None)


def _nearest_subject_first(verb: Any) -> list[Any]:
    """The verb's children, its subject nearest before it first where the parser gave it two apart: in
    "errors around 9:30 a.m. Eastern, and the company declared" the company declared, not "Eastern"."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in _SUBJ and c.i < verb.i]
    if len(subjects) < 2 or not any(t.dep_ in ("cc", "punct") for t in verb.doc[subjects[0].i:subjects[-1].i]):
        return children
    return [subjects[-1], *(c for c in children if c is not subjects[-1])]


def _fit(core: list[tuple[int, str]], extras: list[list[tuple[int, str]]], limit: int, sdoc: Any = None) -> str:
    text = render(core + [p for e in extras for p in e], sdoc)
    while extras and len(text.split()) > limit:  # each phrase rendered once
        extras = extras[:-1]
        text = render(core + [p for e in extras for p in e], sdoc)
    words = text.split()
    if len(words) > limit:
        text = " ".join(words[:limit]) + "…"
    return capitalised(text)


def _token_of(sdoc: Any, event: Event, body: int) -> Any | None:
    table = token_table(sdoc)
    found = table.char_range(event.start - body, event.end - body)
    if found is None or found[0] >= found[1]:
        return None
    return sdoc[table.root_of(*found)]


def _reported(tok: Any, event_at: dict[int, int], reporting: frozenset[int]) -> Any | None:
    """The event a reporting verb reports: the nearest event in its clausal complement, or the clause it
    interrupts ("..., Novak said" as a parataxis of the quoted clause), but not the reporting verb whose
    complement it is, before or after it ("Reyes said the company would report results": "report" does not report
    "said"; "The case was reported on Dec. 19, an official said": "reported" does not, trial AR had the saying
    before Dec. 19)."""
    for c in tok.children:  # not a relative clause parsed as one: "reported profit that beat estimates"
        if c.dep_ in ("ccomp", "parataxis") and c.i != tok.i and not (any(o.dep_ == "dobj" for o in tok.children)
                and any(x.dep_ == "nsubj" and x.lower_ in _RELATIVE for x in c.children)):
            queue = [c]
            while queue:
                t = queue.pop(0)
                if t.i in event_at:
                    return t
                queue.extend(x for x in t.children if x.dep_ not in ("relcl", "acl", "advcl", "ccomp"))
    if tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i in event_at and tok.head.i != tok.i \
            and not (tok.dep_ == "ccomp" and tok.head.i in reporting) \
            and not (tok.dep_ == "advcl" and any(c.dep_ == "dobj" or (c.dep_ == "mark" and c.lower_ != "as")
                                                 for c in tok.children)):
        return tok.head  # not a clause of time or with its own object: "came hours after X reported revenue"
    return None


def describe(sdoc: Any, body: int, events: list[Event], names: dict[str, str]) -> tuple[list[Event], dict[str, Facts]]:
    """The events with their ``title``, ``reports`` and ``attributed_to`` set, and the facts of each."""
    if not events:
        return [], {}
    tokens = {e.id: _token_of(sdoc, e, body) for e in events}
    namer = _Namer(sdoc, names, frozenset(t.i for e in events if e.eclass == "REPORTING"
                                          and (t := tokens[e.id]) is not None))
    build = _Builder(sdoc, namer)
    event_at = {t.i: i for i, t in enumerate(tokens.values()) if t is not None}
    quotes = _quote_regions(sdoc)
    sent_starts = sorted({start for start, _, _ in token_table(sdoc).sentences(sdoc)})
    titles: dict[str, str] = {}
    facts: dict[str, Facts] = {}
    cores: dict[str, frozenset[int]] = {}
    for e in events:
        tok = tokens[e.id]
        if tok is None:
            titles[e.id] = e.text
            continue
        core, extras = _split(build, tok)
        titles[e.id] = _fit(core, extras, limit=MAX_WORDS, sdoc=sdoc)
        cores[e.id] = frozenset(i for i, _ in core) | frozenset(i for x in extras for i, _ in x)
    reports: dict[str, str] = {}
    attributed: dict[str, str] = {}
    for e in events:
        tok = tokens[e.id]
        if tok is None or e.eclass != "REPORTING":
            continue
        x = _reported(tok, event_at, namer.reporting)
        if x is None:
            continue
        target = events[event_at[x.i]]
        if target.id in attributed or target.id == e.id:
            continue
        reports[e.id] = target.id
        attributed[target.id] = e.id
        core, extras = _split(build, x)
        core = sorted({*core, *_asking(x)})  # "when the plant will reopen, the company has yet to say"
        phrase = _fit(core, extras, limit=MAX_WORDS - 1, sdoc=sdoc)
        said = _attribution(build, tok, x, phrase)
        # in quotation marks only when the article quotes all of it: 'said that she had "almost given up" on
        # the player' quotes three words, not "she had almost given up on the player"
        inside = frozenset(i for i, _ in core)
        region = next(((a, b) for a, b in quotes if a <= x.i < b and all(a <= i < b for i in inside)), None)
        if region and (verbatim := verbatim_quote(sdoc, region, inside, MAX_WORDS - 1, namer)):  # as printed
            titles[target.id] = titles[e.id] = f"\u201c{capitalised(verbatim)},\u201d {said}"
            continue
        # the report's own title keeps when what it reports is ("The models would return to stores in
        # October, Ekdahl said"): the report is dated by its saying, which may be months before
        build.keep_times = True
        timed_core, timed_extras = _split(build, x)
        timed = _fit(sorted({*timed_core, *_asking(x)}), timed_extras, limit=MAX_WORDS - 1, sdoc=sdoc)
        build.keep_times = False
        titles[target.id], titles[e.id] = (f"{p}, {said}" for p in (phrase, timed))
    for e in events:  # '"Safety is the only thing that matters," said Karen Liu': a quotation of no event (trial AP
        tok = tokens[e.id]  # had "Said Liu") is the report's title as printed, attributed
        if tok is None or e.eclass != "REPORTING" or e.id in reports:
            continue
        said_what = next((c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i), None)
        region = next(((a, b) for a, b in quotes if said_what is not None and a <= said_what.i < b), None)
        head = frozenset(range(region[0], min(region[1], region[0] + MAX_WORDS - 3))) if region else frozenset()
        if region is not None and (verbatim := verbatim_quote(sdoc, region, head, MAX_WORDS - 1, namer)):
            titles[e.id] = f"\u201c{capitalised(verbatim)},\u201d {_attribution(build, tok, said_what, verbatim)}"
    parts = _parts_of_others(cores, reports)
    out: list[Event] = []
    for e in events:
        tok = tokens[e.id]
        out.append(dataclasses.replace(e, title=titles[e.id], reports=reports.get(e.id),
                                       attributed_to=attributed.get(e.id)))
        facts[e.id] = parse_facts(e, tok, build, tokens, attributed, sent_starts, e.id in parts)
    return out, facts


def _parts_of_others(cores: dict[str, frozenset[int]], reports: dict[str, str]) -> set[str]:
    """The events whose phrase's words are some of the words of another event's phrase (a report's phrase
    is the reported event's, so reports are left out): "her candidacy" in "Park announced her candidacy"."""
    holding: dict[int, list[tuple[frozenset[int], str]]] = {}  # by a word: the phrases that hold it (not all pairs:
    for oid, other in cores.items():  # a 300 KB text has thousands of events, new-user trial Y)
        if oid not in reports:
            for i in other:
                holding.setdefault(i, []).append((other, oid))
    parts: set[str] = set()
    for eid, core in cores.items():
        if eid in reports or not core:
            continue
        if any(oid != eid and len(other) > len(core) and core < other for other, oid in holding[min(core)]):
            parts.add(eid)
    return parts


def _split(build: _Builder, tok: Any) -> tuple[list[tuple[int, str]], list[list[tuple[int, str]]]]:
    """The phrase's core and extras, within the paragraph of ``tok`` (a headline parsed into the dateline
    after it does not run on into it: "Four days that flooded the coast" and "PORT ELLERY, Sept. 30"), and without
    a word of a wire dateline that the parser hung on the story's first noun ("MARLOW, Feb 12 - A freight train")."""
    core, extras = _split_parse(build, tok)
    lo, hi = _paragraph(build, tok.i)
    dateline = build.dateline
    inside = [[p for p in e if lo < p[0] < hi and p[0] not in dateline] for e in extras]
    return [p for p in core if lo < p[0] < hi and p[0] not in dateline], [e for e in inside if len(e) > 1]


def _paragraph(build: _Builder, i: int) -> tuple[int, int]:
    """The token indices around token ``i`` that hold a paragraph break (-1 and len(sdoc) for none)."""
    k = bisect_left(build.breaks, i)
    return (build.breaks[k - 1] if k else -1), (build.breaks[k] if k < len(build.breaks) else len(build.sdoc))


def _split_parse(build: _Builder, tok: Any) -> tuple[list[tuple[int, str]], list[list[tuple[int, str]]]]:
    verb = tok
    if tok.pos_ in ("ADJ", "VERB") and tok.dep_ == "acomp" and tok.head.lemma_ == "be":  # "was re-elected"
        verb = tok.head
    if verb.pos_ in ("VERB", "AUX"):
        return build.clause(verb)
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":  # a noun modifier: the phrase it is in ("our wedding day")
        return build.np(tok.head), []
    return build.np(tok), []


def _attribution(build: _Builder, tok: Any, reported: Any, phrase: str) -> str:
    """Who reports it, subject first ("Novak said", "Novak told analysts"), whatever the article's order.
    A pronoun speaker is named when the phrase does not name them already ("The plant will close, Novak
    said"), else written as a pronoun in lower case ("Novak will run, she said")."""
    subj = build.subject(tok)
    pieces = build.np(appositive_name(subj) or subj) if subj is not None else []  # "the adviser, Alan Fenwick,"
    who = render(pieces, build.sdoc)
    if subj is not None and subj.pos_ == "PRON" and (who == subj.text or re.search(
            rf"(?<!\w){re.escape(who)}(?!\w)", phrase)):
        who = subj.lower_ if subj.lower_ != "i" else "I"
    elif who and re.search(rf"(?<!\w){re.escape(who)}(?!\w)", phrase, re.I) and (
            said := build.subject(reported)) is not None and said.lower_ in _SUBJECT_PRONOUNS:
        # "Hensley said she would resign": "Hensley would resign, she said" (and "Meridian ..., it said")
        who = said.lower_
    elif pieces:  # "..., prosecutors told the jury": a capital that only starts the article's sentence goes
        first = build.sdoc[min(i for i, _ in pieces)]
        if first.is_sent_start and who.startswith(first.text) and first.pos_ in ("DET", "NOUN", "PRON", "ADJ") \
                and not first.ent_type_ and first.text != "I" and first.i not in build.namer.person_tokens \
                and (first.pos_ in ("DET", "PRON") or not capitalised_inside(build.namer.text, first.text)):
            who = who[:1].lower() + who[1:]
    verb = build.verb_group(tok)
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and c is not reported and c.pos_ != "SCONJ":
            obj = build.np(c)
            if len(obj) <= 3:
                verb.extend(obj)
    return f"{who} {render(verb, build.sdoc)}".strip()
