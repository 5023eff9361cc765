"""Who a pronoun subject of reported speech stands for: "Whitfield said she will run for governor" -> Whitfield.

A pronoun ("he", "she", "it", "they") that is the subject of the clause a reporting verb reports (its
clausal complement, a clause conjoined to it, or the clause a "..., Whitfield said" interrupts) stands for
the reporting verb's subject when the two agree: "he"/"she" a person (a PERSON name or a person noun,
``lang/en/reference.toml``) whose title or role is not of the other gender ("Mr. Tom Baker said she ..."
is not Baker), "it" one thing that is no person, "they" a plural.  When "he"/"she" clearly is someone
else than the speaker, it stands for the nearest person named before it in the paragraph who is not the
speaker and not of the other gender, or for no one we know.  Everything else is left as it is (the store's
pronoun matching resolves it later).  ``_detect`` uses this for participants and speakers, ``_phrases`` for
titles, so that both say the same.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Container
from functools import lru_cache
from importlib import resources
from typing import Any

from newsline.events._nlp import doc_text, entities, token_table

Token = Any  # spacy.tokens.Token

_PRONOUNS = frozenset({"he", "she", "it", "they"})
_QUOTE_MARKS = re.compile("[\"\u201c\u201d]|``|''")
_PERSONAL = frozenset({"he", "she"})
_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSES = ("ccomp",)
_INTERRUPTING = ("parataxis", "advcl", "ccomp")
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_COPULAS = frozenset({"be", "seem", "appear", "remain"})


@lru_cache(maxsize=2)
def _reference(lang: str = "en") -> dict[str, Any]:
    """``lang/<lang>/reference.toml``, read once."""
    text = resources.files("newsline.events").joinpath(f"lang/{lang}/reference.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=16)
@lru_cache(maxsize=1)
def noun_verbs() -> dict[str, frozenset[str]]:
    """The event nouns of ``reference.toml`` (``noun_verbs``) with the verbs that tell the same event."""
    return {k.lower(): frozenset(v) for k, v in _reference().get("noun_verbs", {}).items()}


def _words(key: str, lower: bool = True) -> frozenset[str]:
    return frozenset(w.lower() if lower else w for w in _reference().get(key, ()))


@lru_cache(maxsize=2)
def _data(lang: str = "en") -> tuple[frozenset[str], dict[str, str]]:
    """The person nouns and the gender of each gendered word of ``lang/<lang>/reference.toml``."""
    data = _reference(lang)
    gender = {w.lower(): pronoun for pronoun, ws in data.get("gender", {}).items() for w in ws}
    return frozenset(w.lower() for w in data.get("person_nouns", ())), gender


@lru_cache(maxsize=2)
def _first_names(lang: str = "en") -> dict[str, str]:
    """First name -> "he" or "she" (``lang/<lang>/first_names.toml``, built by scripts/build_first_names.py)."""
    text = resources.files("newsline.events").joinpath(f"lang/{lang}/first_names.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {n: pronoun for pronoun in ("he", "she") for n in data.get(pronoun, ())}


def first_name_gender(name: str) -> str | None:
    """ "he" or "she" for a name whose first word is a common first name of that sex ("Ellen Park": "she"),
    else None ("Casey Lee", "Halvern Bank")."""
    words = name.split()
    return _first_names().get(words[0]) if len(words) >= 2 else None


def person_like(name: str) -> bool:
    """Whether a name the recognizer did not call a person reads as one: a common first name of one sex and
    one or two more capitalised words, no organisation's word ("Marcus Delaney"; not "Halvern Savings Bank")."""
    words = name.split()
    return 2 <= len(words) <= 3 and first_name_gender(name) is not None and not organisation_name(name) \
        and _name_words(words[1:])


def _name_words(words: list[str]) -> bool:
    """Every word capitalised and of letters (a hyphen or an apostrophe inside allowed): "Schmalz-Jacobsen"."""
    return all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)


def object_control_verbs() -> frozenset[str]:
    """The verbs whose object does what their infinitive says ("ordered Quinn to rest")."""
    return _words("object_control_verbs")


def recipient_control_verbs() -> frozenset[str]:
    """The verbs whose recipient does what their infinitive says ("gave Northwind until March 20 to hand over")."""
    return _words("recipient_control_verbs")


def untitled(name: str) -> str | None:
    """A person's name without the role written before it, or None when it has none: "Coach Ines Bauer" ->
    "Ines Bauer", "President Barack Obama" -> "Barack Obama" (the small recognizer often calls such a name an
    organisation); at least a first name and a surname must remain ("Chief Executive", "Judge Smith" stay)."""
    words = name.split()
    if len(words) < 3 or words[0].lower() not in _data()[0] or not words[0][:1].isupper():
        return None
    rest = words[1:]
    if len(rest) > 3 or not _name_words(rest):
        return None
    return " ".join(rest)


def organisation_name(name: str) -> bool:
    """Whether a name ends in an organisation's word ("Orrin Biotech", "Halvern Savings Bank", "Acme Corp.") or is
    a platform's or firm's name that the recognizer takes for a person's ("Instagram")."""
    words = name.split()
    return bool(words) and (words[-1].rstrip(".,") in _words("organisation_words", lower=False)
                            or name.strip() in _words("organisation_names", lower=False))


def place_name(name: str) -> bool:
    """Whether a name ends in a place's word ("Harlan Falls", "Cole County")."""
    words = name.split()
    return len(words) >= 2 and words[-1] in _words("place_words", lower=False)


def titled(text: str, start: int) -> bool:
    """Whether a role written in capitals stands right before ``start``: "Health Minister [Amara Teleki]",
    "Director-General [Henrik Solberg]" (the small recognizer called the minister a place; new-user trial AG)."""
    m = _TITLE_BEFORE.search(text, max(0, start - 24), start)
    return m is not None and any(part in _data()[0] for part in m.group(1).lower().split("-"))


_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+\Z")


def named_by_role(ent: Any) -> bool:
    """Whether a name the recognizer took for an organisation or a place is a person's by the role written beside
    it: "county treasurer [Marek Holloway]", "[Marek Holloway], the former treasurer of Brennan County", "the club's
    coach, [Ines Bauer]" (the small recognizer called the treasurer an ORG in 4 articles of new-user trial AY).
    Names of two or three capitalised words only, and none with an organisation's word ("Orrin Biotech")."""
    words = ent.text.split()
    if not 2 <= len(words) <= 3 or not _name_words(words) or organisation_name(ent.text):
        return False
    roles = _data()[0]
    doc, root = ent.doc, ent.root
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.dep_ in ("compound", "amod") and before.head.i == root.i \
            and before.lemma_.lower() in roles:
        return True  # "treasurer Marek Holloway"
    if any(c.dep_ == "appos" and c.lemma_.lower() in roles for c in root.children):
        return True  # "Marek Holloway, the former treasurer"
    return root.dep_ == "appos" and root.head.lemma_.lower() in roles  # "the coach, Ines Bauer"


def event_name(name: str) -> bool:
    """Whether a name is a storm's or an operation's ("Storm Dara", "Super Typhoon Haiyan", "Operation Sandstorm"):
    an event, whatever label the recognizer gave it."""
    words = name.split()
    if len(words) > 2 and words[0] in ("Super", "Tropical", "Winter"):
        words = words[1:]
    return len(words) >= 2 and words[0] in _words("event_name_words", lower=False)


def _reporter(pron: Token, reporting: Container[int]) -> Token | None:
    """The reporting verb whose reported clause ``pron`` is the subject of, if any."""
    if pron.dep_ not in _SUBJECTS or pron.lower_ not in _PRONOUNS or pron.tag_ != "PRP" or _expletive(pron):
        return None
    clause = pron.head
    for _ in range(4):  # "said the board had met and she would resign": up the conjuncts
        if clause.dep_ != "conj" or clause.head is clause:
            break
        clause = clause.head
    if clause.dep_ in _CLAUSES and clause.head.i in reporting and clause.head.i != clause.i:
        return clause.head
    for c in clause.children:  # "She will run, Whitfield said" parsed with "run" as the root
        if c.dep_ in _INTERRUPTING and c.i in reporting and c.i > pron.i:
            return c
    return None


def _expletive(pron: Token) -> bool:
    """ "it" that stands for nothing: "said it was too early to say", "said it seemed that ..."."""
    if pron.lower_ != "it" or pron.head.lemma_ not in _COPULAS:
        return False
    heads = [pron.head, *(c for c in pron.head.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in ("xcomp", "ccomp", "csubj") and c.i > pron.i for h in heads for c in h.children)


def _entity(tok: Token) -> tuple[int, int]:
    """The token range of the named entity ``tok`` is in, or of ``tok`` alone."""
    if not tok.ent_type_:
        return tok.i, tok.i + 1
    doc = tok.doc  # the entity's edges from the IOB marks, not a walk over every entity of the document
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _is_person(tok: Token) -> bool:
    """A PERSON name, the surname of one named in the article ("Okafor" after "Ruth Okafor", whatever NER
    calls it there), or a person noun."""
    if tok.ent_type_ == "PERSON" and not organisation_name(tok.doc[slice(*_entity(tok))].text):
        return True
    if tok.lemma_.lower() in _data()[0] or tok.lower_ in _data()[0]:
        return True
    return tok.pos_ == "PROPN" and tok.text in token_table(tok.doc).person_last_words(tok.doc)


def _plural(tok: Token) -> bool:
    """A plural noun or a coordination; not a firm's name that ends like one ("Halvern Systems", "Acme Labs")."""
    if tok.tag_ == "NNPS" and tok.ent_type_ and organisation_name(tok.text):
        return any(c.dep_ == "conj" for c in tok.children)
    return tok.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in tok.children)


_TITLED = "newsline.titled"  # Doc.user_data key: the words that follow a gendered one ("Mrs. Lee")


def _gender(tok: Token) -> str | None:
    """ "he" or "she" as the words around a name or role say ("Mr. Baker", "Ann Lee, a spokeswoman",
    "chairwoman Lee", earlier "Mrs. Lee" for "Lee"); None when nothing says."""
    gendered = _data()[1]
    doc = tok.doc
    table = token_table(doc)
    start, end = _entity(tok)
    words = list(range(max(0, start - 1), end))
    words += [c for t in range(start, end) for c in table.children[t] if table.dep[c] in ("appos", "compound", "amod")]
    found = {gendered[w] for t in words for w in (table.lower[t], table.lemma[t]) if w in gendered}
    if not found and tok.ent_type_ == "PERSON":  # the same surname with a title elsewhere in the article
        titled: dict[str, list[str]] | None = doc.user_data.get(_TITLED)
        if titled is None:  # each word after a gendered one, with its genders: once per document (lists, which
            titled = {}  # Doc.to_bytes can write)
            for i in range(1, len(table.text)):
                gender = gendered.get(table.lower[i - 1])
                if gender is not None:
                    titled.setdefault(table.text[i], []).append(gender)
            doc.user_data[_TITLED] = titled
        found = set(titled.get(table.text[end - 1], ()))
    if not found and end - start >= 2:  # a first name: "Ellen Park" is "she"
        gender = first_name_gender(table.span_text(doc, start, end))
        found = {gender} if gender else set()
    elif not found and table.text[start][:1].isupper():  # a surname: the first name it had before ("Lena Hargreaves
        # ... Hargreaves said he would need two weeks": not Hargreaves; new-user trial Q)
        full = next((e for e in entities(doc) if e.label_ == "PERSON" and len(e) >= 2 and e.end <= start
                     and e[-1].text == table.text[start]), None)
        gender = first_name_gender(full.text) if full is not None else None
        found = {gender} if gender else set()
    if not found and tok.ent_type_ == "PERSON":
        found = set(_owners(doc, table).get(table.text[end - 1], ()))
    return next(iter(found)) if len(found) == 1 else None


_OWNERS = "newsline.owners"  # Doc.user_data key: the people whose object is "his" or "her" something
_OWNER_WORDS = {"his": "he", "her": "she"}


def _owners(doc: Any, table: Any) -> dict[str, list[str]]:
    """The last word of each person named as the subject of a verb whose direct object is "his" or "her"
    something, with that pronoun: "Dorian Vake struck his former partner" is "he" (new-user trial AU gave a
    "she" after it to Vake).  TE3 (TimeBank, AQUAINT, silver; spaCy's parse): of the 32 such subjects whose first
    name tells their sex, all 32 agree.  Once per document."""
    owners: dict[str, list[str]] | None = doc.user_data.get(_OWNERS)
    if owners is None:
        owners = {}
        for ent in entities(doc):
            root = ent.root.i
            if ent.label_ != "PERSON" or table.dep[root] != "nsubj":
                continue
            for obj in table.children[table.head[root]]:
                if table.dep[obj] != "dobj":
                    continue
                for c in table.children[obj]:
                    if table.dep[c] == "poss" and table.lower[c] in _OWNER_WORDS:
                        owners.setdefault(table.text[ent.end - 1], []).append(_OWNER_WORDS[table.lower[c]])
        doc.user_data[_OWNERS] = owners
    return owners


def agrees(pron: Token, speaker: Token) -> bool:
    """Whether the pronoun can be the speaker: person and gender, thing, number."""
    word = pron.lower_
    if word == "they":
        return _plural(speaker)
    if _plural(speaker):
        return False
    if word == "it":
        return not _is_person(speaker)
    if not _is_person(speaker):
        return False
    gender = _gender(speaker)
    return gender is None or gender == word


def _other_person(pron: Token, speaker: Token) -> Token | None:
    """The nearest person named before ``pron`` in its paragraph who is not the speaker and not of the other
    gender ("Dana Whitfield met Tom Baker. Mr. Baker said she will run": Whitfield); None if none."""
    doc = pron.doc
    s_start, s_end = _entity(speaker)
    speaker_last = doc[s_end - 1].text
    for ent in reversed([e for e in entities(doc) if e.label_ == "PERSON" and e.end <= pron.i]):
        if _PARAGRAPH.search(doc_text(doc), ent.end_char, pron.idx):
            return None
        if ent.start < s_end and s_start < ent.end or ent[-1].text == speaker_last:
            continue
        gender = _gender(ent.root)
        if gender is None or gender == pron.lower_:
            return ent.root
    return None


def stand_in(pron: Token, reporting: Container[int], subject: Callable[[Token], Token | None]) -> Token | None:
    """What ``pron`` stands for as the subject of reported speech (``subject`` finds a verb's subject): the
    speaker, another person, None (someone else, not named before), or ``pron`` itself when reported speech
    says nothing about it."""
    said = _reporter(pron, reporting)
    if said is None:
        return pron
    speaker = subject(said)
    if speaker is None or speaker.pos_ == "PRON" or speaker.i == pron.i:
        return pron
    if _QUOTE_MARKS.search(doc_text(pron.doc), min(pron.idx, said.idx), max(pron.idx, said.idx)):
        # direct speech: the speaker would say "I"; "He betrayed the trust of every family," the judge said
        return _other_person(pron, speaker) if pron.lower_ in _PERSONAL and _is_person(speaker) else pron
    if pron.lower_ == "they" and said.i > pron.i and speaker.lemma_.lower() in _SOURCES:
        return pron  # "They broke down over price, people familiar with the matter said": the talks (trial R)
    if pron.lower_ in _PERSONAL and any(c.dep_ == "poss" and c.lower_ == _POSSESSIVE.get(pron.lower_)
                                        for c in speaker.children):
        # "He will appear in court on March 25, his lawyer said": "he" is the lawyer's client (new-user trial V)
        return _other_person(pron, speaker) or pron
    if agrees(pron, speaker) and not (pron.lower_ in _PERSONAL and _speaks_for_others(speaker)):
        return speaker
    if pron.lower_ in _PERSONAL and _is_person(speaker) and not _plural(speaker):
        return _other_person(pron, speaker)
    return pron


_POSSESSIVE = {"he": "his", "she": "her"}  # a speaker who is someone's ("his lawyer") speaks of that someone
_SOURCES = frozenset({"source", "people", "person"})  # the unnamed sources of a report, who tell of others


def _speaks_for_others(speaker: Token) -> bool:
    """A named judge, prosecutor or lawyer ("Judge Margaret Kerr", "Tom Reyes, a defence lawyer"): what they report
    is mostly about someone else (``lang/en/reference.toml``, ``speaking_for_others``)."""
    if speaker.ent_type_ != "PERSON":
        return False
    doc = speaker.doc
    start, end = _entity(speaker)
    words = list(doc[max(0, start - 2):end])
    words += [c for t in doc[start:end] for c in t.children if c.dep_ in ("appos", "compound", "amod")]
    roles = _words("speaking_for_others")
    return any(w.lower_ in roles or w.lemma_.lower() in roles for w in words)
