"""Names as event titles write them: people by surname (unless two people share it), pronouns resolved to
the person they stand for, appositive roles ("Her son, Peter Marsh") to the name (``_phrases`` uses it)."""

from __future__ import annotations

import re
from typing import Any

from newsline.events._coref import _gender, event_name, organisation_name, person_like, stand_in
from newsline.events._dateline import dateline_tokens
from newsline.events._detect import _subject
from newsline.events._nlp import doc_text, entities, token_table

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_PLACES = ("GPE", "LOC", "FAC")


_SAINTS = frozenset({"St.", "St", "Saint"})


def numbered(name: str) -> bool:
    """A name with a digit is no person's, whatever the recognizer says: "Bill 112" (trial AR)."""
    return any(c.isdigit() for c in name)


class _Namer:
    """Names as titles write them: people by surname, pronouns and appositive roles resolved."""

    def __init__(self, sdoc: Any, names: dict[str, str], reporting: frozenset[int] = frozenset()) -> None:
        self.sdoc = sdoc
        self.names = names
        self.reporting = reporting
        self.text = doc_text(sdoc)
        ents = [e for e in entities(sdoc) if not e.text.islower()]  # no "catamarans" (NER: NORP; trial AP re-test)
        self.ent_at = {i: e for e in ents for i in range(e.start, e.end)}  # see ent
        orgs = {e.text for e in ents if e.label_ == "ORG"}
        # not the short name of a firm the recognizer took for a person ("who had led Harwick since 2016. Her
        # departure": not Harwick Chemicals'; new-user trial V)
        self.people = [e for e in _people(sdoc, ents) if names.get(e.text) not in orgs or e.label_ != "PERSON"]
        self.places = {e.text for e in ents if e.label_ in _PLACES}
        self.person_names = {e.text for e in self.people}
        self.person_tokens = {t.i for e in self.people for t in e}
        surnames: dict[str, set[str]] = {}
        for e in self.people:
            surnames.setdefault(e[-1].text, set()).add(e.text)
        self.shared = {s for s, full in surnames.items() if len({f for f in full if " " in f}) > 1}
        self.dateline = dateline_tokens(sdoc, self.text)  # the words of its datelines: no speaker
        self.genders: dict[int, str | None] = {}  # by a person name's first token: _gender, once each

    def ent(self, tok: Any) -> Any | None:
        """The named entity ``tok`` is in, if any: looked up, since ``doc.ents`` builds every span anew on each
        access and titles ask for the entity of many tokens."""
        return self.ent_at.get(tok.i) if tok.ent_type_ else None

    def short(self, full: str, label: str | None) -> str:
        """People by surname ("Novak", even where NER calls the short form an organisation), others in full."""
        resolved = self.names.get(full, full)
        if event_name(resolved):
            return resolved  # "Storm Dara", not "Dara"
        # a short form NER calls a person stands for what its full name is: "Helix" of "Helix Data" (an
        # organisation where the article names it in full) stays a firm, not "Data"
        if resolved.split(" ", 1)[0] in _SAINTS:
            return resolved  # "St. Luke's has lost money on births": the hospital, no person "Luke's" (trial AS)
        if resolved in self.person_names or (label == "PERSON" and resolved == full and not organisation_name(full)
                                             and full not in self.places and not numbered(full)):
            words = resolved.split()  # not a surname two people of the article share: "Arthur Voight"
            return words[-1] if words and words[-1] not in self.shared else resolved
        return resolved

    def stand_in(self, tok: Any) -> Any | None:
        """The speaker a pronoun subject of reported speech stands for (``_coref``), None when it is someone
        else not named, or the pronoun itself."""
        return stand_in(tok, self.reporting, lambda t: _subject(t, self.dateline))

    def pronoun(self, tok: Any) -> str | None:
        """The person "he"/"she" stands for: the speaker of reported speech it is the subject of (``_coref``),
        else the one named last before it in the same paragraph."""
        if tok.lower_ not in _PERSON_PRONOUNS:
            return None
        said = self.stand_in(tok)
        if said is None:
            return None
        if said.i != tok.i:
            ent = self.ent(said)
            return self.short(ent.text, "PERSON") if ent is not None and ent.label_ == "PERSON" else None
        want = "he" if tok.lower_ in ("he", "him") else "she"
        # the last one named before it whose title or role is not of the other gender ("Pop singer Mara Voss
        # and actor Julian Hart have separated, her publicist said": Voss)
        last = None
        own = _clause_subject(tok)  # "Judge Reyes will sentence her": "her" is not Reyes, and who she is the
        for e in reversed(self.people):  # nearest first: a long article has many names and many pronouns
            if e.end_char > tok.idx or (e.start > 0 and self.sdoc[e.start - 1].tag_ == "PRP$"):
                continue  # "said his Aster failed to stop": a thing of his, no one "he" stands for (trial X)
            if own is not None and e.start <= own < e.end:
                return None  # names before Reyes do not say: "her" stays
            if e.start not in self.genders:
                self.genders[e.start] = _gender(e.root)
            if self.genders[e.start] in (None, want):
                last = e
                break
        if last is None:
            return None
        if _PARAGRAPH.search(self.text, last.end_char, tok.idx):
            return None
        if tok.dep_ in _SUBJ and tok.head.i in self.reporting:
            last = self._speaker_before(tok, want) or last
        elif tok.dep_ in _SUBJ and last.root.dep_ not in _SUBJ:
            last = self._subject_before(tok, last, want) or last
        return self.short(last.text, "PERSON")

    def _speaker_before(self, tok: Any, want: str) -> Any | None:
        """The speaker a quotation's "he said" goes on with: the named subject of a reporting verb in the sentence
        before, of its gender ("Defence lawyer Marcus Ortiz said Brooks would appeal. 'We believe the judge
        erred,' he said": Ortiz, not Brooks, whom the report was about; new-user trial T)."""
        table = token_table(self.sdoc)
        start, _end, _root = table.sentence_of(self.sdoc, tok.i)
        if start == 0 or not _QUOTE_OPEN.match(self.sdoc[start].text):
            return None
        first = table.sentence_of(self.sdoc, start - 1)[0]
        for e in reversed(self.people):
            if e.end > start or e.start < first:
                continue
            if e.root.dep_ in _SUBJ and e.root.head.i in self.reporting \
                    and self.genders.setdefault(e.start, _gender(e.root)) in (None, want):
                return e if not _PARAGRAPH.search(self.text, e.end_char, tok.idx) else None
        return None

    def _subject_before(self, tok: Any, last: Any, want: str) -> Any | None:
        """A subject pronoun continues the subject: the person who is the subject in its sentence or the one
        before, of its gender, rather than one named after that ("Delaney ... appeared before Judge Ellen
        Park hours later. He pleaded not guilty": Delaney)."""
        table = token_table(self.sdoc)
        start, _end, _root = table.sentence_of(self.sdoc, tok.i)
        first = table.sentence_of(self.sdoc, start - 1)[0] if start > 0 else start
        for e in reversed(self.people):
            if e.start >= last.start or e.end > tok.i:
                continue
            if e.start < first:
                return None
            if e.root.dep_ in _SUBJ and self.genders.setdefault(e.start, _gender(e.root)) in (None, want):
                return e if not _PARAGRAPH.search(self.text, e.end_char, tok.idx) else None
        return None


_QUOTE_OPEN = re.compile(r"[\"“‘']")


def _clause_subject(pron: Any) -> int | None:
    """The head of the subject of the clause an object pronoun ("him", "her", "them") is the object of, which
    it cannot name (the subject would say "himself"); None for other pronouns."""
    if pron.dep_ not in ("dobj", "iobj", "pobj", "dative") or pron.lower_ not in ("him", "her", "them"):
        return None
    verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        # "Victor Strand, the builder who paid him": "who" is the builder, who is Strand (new-user trial AA had
        # "The builder paid Strand")
        subject = verb.head
        while subject.dep_ == "appos" and subject.head.i != subject.i:
            subject = subject.head
    return None if subject is None else int(subject.i)


_RELATIVE = frozenset({"who", "that", "which"})


def _people(sdoc: Any, ents: Any) -> list[Any]:
    """The PERSON names of ``sdoc``, and the surnames of those with two words or more where the recognizer
    missed them and found no other name ("Carla Benning ... Benning, 58, has represented Ohio"; not the
    "Benning" of "Benning Foundation"), in text order."""
    # a name the small recognizer calls an organisation but that reads as a person's ("Marcus Delaney"): a
    # "he" or "she" may stand for it
    # a name the recognizer also calls a place is none ("homes in Oak Run ... Oak Run residents": not "Run"; new-user
    # trial Q)
    places = {e.text for e in ents if e.label_ in _PLACES}
    people = [e for e in ents if ((e.label_ == "PERSON" and not organisation_name(e.text) and e.text not in places
                                   and not numbered(e.text))
                                  or (e.label_ == "ORG" and person_like(e.text))) and not _modifies_a_noun(e)]
    surnames = {e[-1].text for e in people if len(e) > 1 and e[-1].text[:1].isupper()}
    if not surnames:
        return people
    taken = {t.i for e in people for t in e}
    alone = {e.start for e in ents if len(e) == 1}  # a surname the recognizer took for a place or a firm
    extra = []
    for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b", doc_text(sdoc)):
        span = sdoc.char_span(m.start(), m.end())
        if span is not None and len(span) == 1 and span[0].i not in taken and (
                not span[0].ent_type_ or span[0].i in alone):
            extra.append(span)
    return sorted(people + extra, key=lambda e: e.start)


def _modifies_a_noun(ent: Any) -> bool:
    """A name that qualifies a common noun ("the Denholm orchestra", "the Kessler case"): no one a pronoun stands
    for (re-check trial AW titled "She now leads its string section" "Denholm leads ...")."""
    return len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN"


def capitalised_inside(text: str, word: str) -> bool:
    """Whether ``word`` is written with its capital inside a sentence or before another capitalised word: a name
    ("Tessaro Foods said ... Tessaro reported": "..., Tessaro reported", not "..., tessaro reported"; new-user
    trial O)."""
    w = re.escape(word)
    return re.search(rf"[\w,;:]\s+{w}\b|\b{w}\s+[A-Z][a-z]", text) is not None


_QUOTE_END_PUNCT = frozenset({",", ".", ";", ":"})


def verbatim_quote(sdoc: Any, region: tuple[int, int], core: frozenset[int], limit: int,
                   namer: _Namer | None = None) -> str | None:
    """The words of a quotation as the article prints them, for a title that sets them in quotation marks: all
    of it when it has at most ``limit`` words, else the stretch from the first to the last word of the event's
    phrase (``core``) with "…" where it cuts; None when that is longer too (a title paraphrases it then, without
    quotation marks).  A quotation is never edited: "“We respectfully disagree with the court's findings,” Reed
    said" keeps "respectfully" (new-user trial O: the adverb was dropped inside the quotation marks).  A person
    pronoun ``namer`` resolves is named in brackets, as newsrooms do: "“[Varga] betrayed the trust ...”"."""
    a, b = region
    while b > a and sdoc[b - 1].text in _QUOTE_END_PUNCT:
        b -= 1  # the title writes its own comma before the attribution
    cut_a = cut_b = False
    if _words_in(sdoc, a, b) > limit:  # the stretch of the phrase, cut visibly
        lo, hi = max(a, min(core)), min(b, max(core) + 1)
        cut_a, cut_b, a, b = lo > a, hi < b, lo, hi
        if _words_in(sdoc, a, b) > limit:
            return None
    if b <= a:
        return None
    words = []
    for t in sdoc[a:b]:
        name = namer.pronoun(t) if namer is not None else None
        words.append(f"[{name}]{t.whitespace_}" if name else t.text_with_ws)
    return ("\u2026 " if cut_a else "") + "".join(words).rstrip() + (" \u2026" if cut_b else "")


def _words_in(sdoc: Any, a: int, b: int) -> int:
    return sum(1 for t in sdoc[a:b] if not t.is_punct)


def capitalised(text: str) -> str:
    """A title starts with a capital, as a headline does ("The singer dedicated ...", "“We promised ..."); one
    that starts with a number keeps the word after it as it is ("22 mobile clinics have given", not "22 Mobile";
    new-user trial Q)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def match_score(table: Any, tok: Any) -> list[tuple[int, str]] | None:
    """A match score written as one word of three tokens ("2-1", "3–0"), from its first or last number
    (``table``: the document's token table)."""
    w, sp = table.text, table.space
    for i in (tok.i, tok.i - 2):  # the parser may hang it on either number
        if 0 <= i < len(w) - 2 and w[i + 1] in ("-", "–") and not (sp[i] or sp[i + 1]) and w[i].isdigit() \
                and w[i + 2].isdigit():
            return [(i, w[i]), (i + 1, w[i + 1]), (i + 2, w[i + 2])]
    return None


_TIME_MARKS = frozenset({"since", "until", "till", "after", "before"})


def misread_time_clause(verb: Any, subj: Any) -> Any:
    """``subj`` unless the parser made a date after "since" the subject of a clause that "since" opens ("A
    measles outbreak that has sickened 187 people since January appears to be slowing": "January appears",
    new-user trial Q): then the noun the relative clause before it qualifies ("outbreak"), else None."""
    if subj.ent_type_ not in ("DATE", "TIME") or not any(
            c.dep_ == "mark" and c.lower_ in _TIME_MARKS and c.i == subj.i - 1 for c in verb.children):
        return subj
    return verb.head.head if verb.dep_ == "advcl" and verb.head.dep_ == "relcl" else None


def appositive_name(tok: Any) -> Any | None:
    """The person's name set off after a role ("the government's adviser on ministers' interests, Alan Fenwick,
    said he had found no record": Fenwick had found it; new-user trial Q had the role twice), else None."""
    return next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > tok.i), None)


def possessive(name: str) -> str:
    """ "Novak's", "Corvane Networks'" (a name ending in s takes the apostrophe alone)."""
    return name + ("'" if name.endswith("s") else "'s")


_POSSESSIVE_END = re.compile(r"['’]s?$")


def render(pieces: list[tuple[int, str]], sdoc: Any = None) -> str:
    """The pieces in text order, spaced as the article spaces them ("$700 million", "Novak's")."""
    seen: dict[int, str] = {}
    for i, text in pieces:
        seen.setdefault(i, text)
    table = token_table(sdoc) if sdoc is not None else None
    if table is not None:  # a hyphenated word is whole: "re-elected", "co-pilot", not "re", "co"
        for i, text in list(seen.items()):
            if text == table.text[i]:
                for j in range(table.first[i], table.last[i] + 1):
                    seen.setdefault(j, table.text[j])
                if text.isdigit() and i + 2 < len(table.text) and table.text[i + 1] in ("-", "–") \
                        and table.text[i + 2].isdigit() and not (table.space[i] or table.space[i + 1]):
                    seen.setdefault(i + 1, table.text[i + 1])  # a score is whole: "2-0", not "2"
                    seen.setdefault(i + 2, table.text[i + 2])
        said = ""  # not "Park announced Park's candidacy": "her", as the title has the name already; nor "Liu
        # admitted Liu had conspired": "she"
        for i, text in sorted(seen.items()):
            if table.tag[i] in ("PRP$", "PRP") and text != table.text[i] and re.search(
                    rf"(?<!\w){re.escape(_POSSESSIVE_END.sub('', text))}(?!\w)", said):
                seen[i] = table.lower[i]
            said += " " + seen[i]
    out = ""
    prev: int | None = None
    for i, text in sorted(seen.items()):
        glued = prev is not None and prev == i - 1 and table is not None and not table.space[prev]
        if not out or glued or text in ("'s", "’s", "n't", ",") or text.startswith("'"):
            out += text
        else:
            out += " " + text
        prev = i
    return out.strip()
