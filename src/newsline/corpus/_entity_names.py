"""Entity names across documents: the key names are matched by, and the alias clusters built from the
stored names (a pure function of them; ``_entity_aliases`` stores and queries the result).

**Aliases** (:func:`name_key`, :func:`build_aliases`, :func:`refresh_aliases`,
:func:`alias_table`).  Every entity name gets a matching key: lower case, without
a leading article, a possessive ``'s``, a trailing score (``2-1``), title and
role words in front of a name ("Apple CEO Steve Jobs", "Gov. Delia Marchetti")
and corporate suffixes ("Apple Inc.", "Halloway Chemical Co.").  Names with the
same key are one cluster.  A single-word name that is no company's own name
("Jobs", "Novak", "Meridian") joins the one cluster whose full name ends with it
(a person's) or starts with it (an organisation's; also a person's first name
when nothing else fits), when exactly one such cluster exists and the two are
not mostly seen apart (see :func:`build_aliases`).  Each cluster is shown by
its longest full name ("Meridian Motors Inc."), then its most frequent.  The
table is stored in ``entity_aliases`` (rebuilt at the end of ``newsline ingest``)
and computed in memory when the stored one is out of date.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsline.events._coref import organisation_name, person_like

__all__ = ["AliasRow", "NameStat", "acronyms", "build_aliases", "name_key", "other_names", "written_forms"]

# ------------------------------------------------------------------ names and keys

# Words naming a role or title in front of a name: "Apple CEO Steve Jobs", "Sen. Wade Corliss".
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ROLE_WORDS = _words("""
    mr mrs ms miss mx dr prof sir dame lord lady sen senator rep representative gov governor mayor judge justice
    president vice-president vp ceo cfo coo cto chairman chairwoman chairperson founder co-founder cofounder
    director chief executive officer manager coach captain lawyer attorney analyst spokesman spokeswoman
    spokesperson minister secretary gen general lt col sgt capt rev reverend pope king queen prince princess
    former late interim acting deputy professor councilman councilwoman commissioner chancellor premier
    ambassador striker midfielder defender goalkeeper owner boss head star singer actor actress
""")
# Corporate suffixes left out of the key: "Apple Inc." and "Apple" are one name.
_SUFFIXES = _words("inc incorporated corp corporation co company ltd limited llc plc gmbh ag sa nv lp llp")
# Generic heads left out of the key when what stays still names something: "the S&P 500 index" is "S&P 500".
_GENERIC_HEADS = _words("index indexes indices group holdings")
_ARTICLES = frozenset({"the", "a", "an"})
_SCORE = re.compile(r"\d+[-–]\d+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"})
# Pronouns, and definite descriptions that stand for the organisation (or index, currency) named before.
_DESCRIPTIONS = _words("""
    company firm group bank index benchmark club team airline carrier lender automaker carmaker retailer insurer
    currency
""")
_PRONOUNS_THING = frozenset({"it", "its", "itself", "they", "their", "them", "the central bank"}) | frozenset(
    f"the {w}" for w in _DESCRIPTIONS)
# Possessive determiners beginning a subject: "its shares fell" is an event of what "its" stands for (an
# organisation's shares, profit, unit).  Not "his"/"her": "his company sold Macs" is the company's event.
_POSSESSIVE_THING = frozenset({"its", "their"})
_ALL_PRONOUNS = _PRONOUNS_PERSON | _PRONOUNS_THING | _words(
    "i me my we us our you your this that these those who whom which what")
_ORG_LIKE = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "NORP"})


def _tokens(name: str, label: str | None, *, keep_suffix: bool,
            inner_possessive: bool = False) -> tuple[list[str], bool]:
    """The name's words without articles, possessive, score, roles (and corporate suffix); and whether a
    corporate suffix was there.  ``inner_possessive`` keeps a possessive inside the name ("St. Luke's Hospital")."""
    toks = [t.strip(",;:") for t in name.translate(_QUOTES).replace('"', " ").split()]
    toks = [t for t in toks if t]
    while len(toks) > 1 and toks[0].lower() in _ARTICLES:
        toks.pop(0)
    while len(toks) > 1 and (_SCORE.fullmatch(toks[-1]) or not any(c.isalnum() for c in toks[-1])):
        toks.pop()
    toks = [t if inner_possessive and i < len(toks) - 1 else _unpossessed(t) for i, t in enumerate(toks)]
    suffixed = False
    while len(toks) > 1 and toks[-1].lower().strip(".,") in _SUFFIXES | {"&"}:
        suffixed = suffixed or toks[-1] != "&"
        if keep_suffix:
            break
        toks.pop()
        toks[-1] = toks[-1].rstrip(",")
    while not keep_suffix and len(toks) > 1 and toks[-1].lower() in _GENERIC_HEADS and \
            any(c.isupper() or c.isdigit() for t in toks[:-1] for c in t):
        toks.pop()
    for i in range(len(toks) - 2, -1, -1):
        if toks[i].lower().rstrip(".") not in _ROLE_WORDS:
            continue
        rest = toks[i + 1:]
        if not rest[0][:1].isupper():
            break
        if len(rest) >= 2 or toks[i].endswith(".") or label == "PERSON":
            toks = rest
        break
    return toks, suffixed


def _unpossessed(word: str) -> str:
    for tail in ("'s", "'S", "'"):
        if word.endswith(tail) and len(word) > len(tail):
            return word[: -len(tail)]
    return word


def name_key(name: str, label: str | None = None) -> str:
    """The key names are matched by: "Apple CEO Steve Jobs" -> "steve jobs", "Apple Inc." -> "apple".

    ``label`` is the NER label; only a PERSON's name loses a role word that leaves a
    single word ("Mayor Osei-Lind"), unless the title is abbreviated ("Sen. Corliss").
    """
    toks, _ = _tokens(name, label, keep_suffix=False)
    return " ".join(t.lower() for t in toks)


_ACRONYM_SKIP = _words("of the and for & de du la von")
# a country written before an organisation's own name of two words or more: the same organisation
_COUNTRY_PREFIXES = _words("u.s. us u.k. uk")


def acronyms(key: str) -> tuple[str, ...]:
    """The initials of a key of two or more words: small words left out, then kept ("bank of england" ->
    "be", "boe"; "international business machines" -> "ibm"); () for a shorter key or a word not a word."""
    words = key.split()
    kept = [w for w in words if w not in _ACRONYM_SKIP]
    if len(kept) < 2 or not all(w[:1].isalpha() for w in words):
        return ()
    return tuple(dict.fromkeys(("".join(w[0] for w in kept), "".join(w[0] for w in words))))


def _acronym_like(name: str) -> bool:
    """A name written as an acronym: one word, at most one lower-case letter ("IBM", "BoE", "U.N.")."""
    word = name.strip().split()[-1] if name.split() else ""
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(name.split()) <= 2 and upper >= 2 and upper >= len(letters) - 1


SHORT_NAMES = Path(__file__).with_name("lang") / "en" / "short_names.toml"
PLACE_INSTITUTIONS = Path(__file__).with_name("lang") / "en" / "place_institutions.toml"


@cache
def _place_institution_words(key: str = "words") -> frozenset[str]:
    """The last words of names of a place's institutions (``lang/en/place_institutions.toml``), lower case; with
    ``key="dropped"``, those news drops after the full name ("Lincoln Elementary" for the school)."""
    data = tomllib.loads(PLACE_INSTITUTIONS.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data.get(key, []))


def _without_head(named: dict[str, _Key], roots: set[str], by_first: Mapping[str, list[str]],
                  cluster_of: dict[str, str]) -> None:
    """A name of several words, no place, joins the one name that is it and an institution's head ("Lincoln
    Elementary" -> "Lincoln Elementary School"), as a one-word short name does (mostly seen with it)."""
    heads = _place_institution_words("dropped")
    for key in sorted(roots):
        words = named[key].words
        if len(words) < 2 or cluster_of[key] != key or named[key].label in ("GPE", "LOC", "NORP") or (
                named[key].label == "PERSON" and words[0] not in _SAINTS):  # "St. Luke", NER's person, may be
            continue  # "St. Luke's Hospital" (trial AS)
        fits = [r for r in by_first.get(words[0], []) if named[r].words[:-1] == words and named[r].words[-1] in heads]
        if len(fits) == 1:
            short, full = named[key].docs, named[fits[0]].docs
            if len(short) <= len(full) or 2 * len(short & full) >= len(short):
                cluster_of[key] = fits[0]


@cache
def _short_name_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The full name and other names of each entry of ``lang/en/short_names.toml``, as written."""
    data = tomllib.loads(SHORT_NAMES.read_text(encoding="utf-8"))
    return tuple((str(e["full"]), tuple(str(n) for n in e["short"])) for e in data.get("name", []))


@cache
def _short_name_keys() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each key of a listed name -> the key of its full name and all the names of its entry as written."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for full, shorts in _short_name_groups():
        for n in (full, *shorts):
            out.setdefault(name_key(n), (name_key(full), (full, *shorts)))
    return out


def other_names(key: str) -> tuple[str, ...]:
    """The well-known other names (``lang/en/short_names.toml``) of the name with this key, as written:
    "fed" -> ("Federal Reserve", "Fed", ...); () for a name not listed."""
    return _short_name_keys().get(key, ("", ()))[1]


def full_name_key(key: str) -> str | None:
    """The key of the listed full name a key is a well-known short name of ("fed" -> "federal reserve")."""
    found = _short_name_keys().get(key)
    return found[0] if found else None


def written_forms(name: str) -> tuple[str, ...]:
    """A name as it may be written: as given, and without article, corporate suffix and generic head ("the
    S&P 500 index" -> "S&P 500"), with the well-known other names of either (``other_names``)."""
    toks, _ = _tokens(name, None, keep_suffix=False)
    plain = " ".join(toks)
    out = [" ".join(name.split()), plain, *other_names(name_key(name)), *other_names(plain.lower())]
    return tuple(dict.fromkeys(n for n in out if n))


def _display(name: str, label: str | None) -> str:
    """A name as shown: without article, possessive and role words, the corporate suffix kept."""
    toks, _ = _tokens(name, label, keep_suffix=True, inner_possessive=True)
    return " ".join(toks) or name.strip()


# ------------------------------------------------------------------ the alias table


@dataclass(frozen=True, slots=True)
class NameStat:
    """One stored entity with how often it is mentioned (distinct spans) and in which documents."""

    entity_id: int
    name: str
    label: str | None
    mentions: int
    docs: frozenset[str]


@dataclass(frozen=True, slots=True)
class AliasRow:
    """An entity in a cluster: its key (``alias``), the cluster's key and display name, the cluster's label."""

    entity_id: int
    alias: str
    cluster: str
    name: str
    label: str | None

    def as_tuple(self) -> tuple[int, str, str, str, str | None]:
        return (self.entity_id, self.alias, self.cluster, self.name, self.label)


@dataclass
class _Key:
    key: str
    stats: list[NameStat] = field(default_factory=list)
    anchored: bool = False  # some name with this key had a corporate suffix: a company's own name

    @property
    def words(self) -> list[str]:
        return self.key.split()

    @property
    def named(self) -> bool:
        return any(s.label for s in self.stats)

    @property
    def label(self) -> str | None:
        return _majority((s.label, s.mentions) for s in self.stats)

    @property
    def docs(self) -> frozenset[str]:
        return frozenset().union(*(s.docs for s in self.stats))


def _majority(pairs: Iterable[tuple[str | None, int]], prefer: str | None = None) -> str | None:
    """The label with the most mentions; of tied ones ``prefer``, else the first alphabetically."""
    votes: Counter[str] = Counter()
    for label, n in pairs:
        if label:
            votes[label] += max(n, 1)
    if not votes:
        return None
    return min(votes, key=lambda label: (-votes[label], label != prefer, label))


def _join_other_names(named: dict[str, _Key], roots: set[str], cluster_of: dict[str, str],
                      declared: Mapping[str, str] | None = None) -> None:
    """A name still alone joins the one cluster it is the acronym of ("ECB", "BoE": written in capitals), the
    full name an article gave it in brackets (``declared``: "the German Weather Service (DWD)"), or the listed
    full name's cluster it is a well-known short name of ("Fed")."""
    by_acronym: dict[str, list[str]] = defaultdict(list)
    for key in sorted(roots):
        for a in acronyms(key):
            by_acronym[a].append(key)
    for key in sorted(named):  # "U.S. Chemical Safety Board" is the "Chemical Safety Board" (new-user trial V)
        first, _, rest = key.partition(" ")
        if first in _COUNTRY_PREFIXES and " " in rest and cluster_of.get(key) == key and rest in cluster_of:
            cluster_of[key] = cluster_of[rest]
    for key in sorted(named):
        if cluster_of.get(key) != key:
            continue
        full = (declared or {}).get(key) or full_name_key(key)
        if full and full != key and full in cluster_of:
            cluster_of[key] = full
        elif " " not in key and any(_acronym_like(s.name) for s in named[key].stats):
            fits = [r for r in by_acronym.get(key.replace(".", ""), []) if r != key]
            if len(fits) == 1:
                cluster_of[key] = fits[0]
    for key in sorted(cluster_of):  # a cluster that joined another takes its members along
        seen = {key}
        while cluster_of[cluster_of[key]] != cluster_of[key] and cluster_of[key] not in seen:
            seen.add(cluster_of[key])
            cluster_of[key] = cluster_of[cluster_of[key]]


_CONJOINED = frozenset({"and", "&"})
_SAINTS = frozenset({"st.", "st", "saint"})


def build_aliases(stats: Iterable[NameStat], declared: Mapping[str, str] | None = None) -> list[AliasRow]:
    """Cluster entity names across documents (a pure function of the stored entities; deterministic).
    ``declared``: acronyms by key with the key of the full name an article gave each in brackets.

    1. Names with the same :func:`name_key` are one cluster.
    2. A single-word key that no company name produced (``"jobs"``, not the
       ``"apple"`` of "Apple Inc.") joins the multi-word cluster whose key ends
       with it when that cluster is a PERSON, or starts with it otherwise; when
       none fits, one that starts with it whatever its label ("Lumenfield" ->
       "Lumenfield Labs" even when NER called it a person).  A short name that is
       mostly a person takes its one person where an organisation also fits ("Marsh"
       -> "Linda Marsh", not NER's "Marsh and Okafor"), and one mostly an
       organisation its one organisation.  Only when exactly one
       cluster fits, and only when the two are not mostly seen apart: the short
       name's documents must be at most as many as the cluster's, or at least half
       of them must also name the cluster ("Wrenfield", a town named in ten
       articles, does not join "Wrenfield High School", named in one); and a name
       mostly a place never joins a name of one of its institutions or features
       (``lang/en/place_institutions.toml``: "Westland" is not "Westland University").
    3. A name without NER label (an event participant such as "Apple CEO Steve
       Jobs") joins the cluster of its key; other unlabelled names are left out.

    The display name is the longest cleaned full name of the cluster (corporate
    suffix kept: "Meridian Motors Inc."), then the most mentioned, then the first
    alphabetically; the label is the cluster's most frequent NER label.
    """
    keys: dict[str, _Key] = {}
    for s in stats:
        toks, suffixed = _tokens(s.name, s.label, keep_suffix=False)
        key = " ".join(t.lower() for t in toks)
        if not key or not any(c.isalpha() for c in key) or key in _ALL_PRONOUNS:
            continue
        k = keys.setdefault(key, _Key(key))
        k.stats.append(s)
        k.anchored = k.anchored or (suffixed and bool(s.label))
    named = {key: k for key, k in keys.items() if k.named}
    roots = {key for key, k in named.items() if len(k.words) > 1 or k.anchored}
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in sorted(roots):
        words = named[key].words
        if len(words) > 1:
            by_first[words[0]].append(key)
            by_last[words[-1]].append(key)
    cluster_of: dict[str, str] = {key: key for key in roots}
    for key in sorted(set(named) - roots):
        word = key
        people = {r for r in by_last.get(word, []) if named[r].label == "PERSON"}
        others = {r for r in by_first.get(word, []) if named[r].label != "PERSON"}
        if len(people) == 1 and named[key].label == "PERSON":  # "Marsh", mostly a person: "Linda Marsh", not
            others = set()  # the "Marsh and Okafor" NER made one organisation of
        elif len(others) == 1 and named[key].label not in (None, "PERSON"):
            people = set()
        fits = sorted(people | others)
        if len(fits) > 1:  # "Pinecrest": "Pinecrest Airlines", not the "Pinecrest and Embraer" NER made one name of
            fits = [f for f in fits if not _CONJOINED.intersection(named[f].words)] or fits  # (trial AP)
        if not fits:
            fits = sorted(set(by_first.get(word, [])))
        if word in _place_institution_words():  # "Senate" is no short name of the "Senate Health Committee", nor
            fits = [f for f in fits if named[f].words[0] != word]  # "House" of a House committee (trial AR)
        if named[key].label in ("GPE", "LOC", "NORP"):  # a place is no short name of its university or its county,
            # nor a nationality of its country's service ("German" is not the German Weather Service: trial W)
            fits = [f for f in fits if named[f].words[-1] not in _place_institution_words()]
        target = key
        if len(fits) == 1:
            short, full = named[key].docs, named[fits[0]].docs
            if len(short) <= len(full) or 2 * len(short & full) >= len(short):
                target = fits[0]
        cluster_of[key] = target
    _without_head(named, roots, by_first, cluster_of)
    _join_other_names(named, roots, cluster_of, declared)
    members: dict[str, list[tuple[_Key, bool]]] = defaultdict(list)
    for key, k in keys.items():
        if key in cluster_of:
            members[cluster_of[key]].append((k, True))
    rows: list[AliasRow] = []
    for cluster in sorted(members):
        parts = members[cluster]
        own = [st for k, _ in parts if k.key == cluster for st in k.stats]
        shown = [st for st in own if st.label] or own
        mentions: Counter[str] = Counter()
        for st in shown:
            mentions[_display(st.name, st.label)] += st.mentions
        name = min(mentions, key=lambda n: (-len(n.split()), -mentions[n], n))
        # a tie between the recognizer's labels goes to PERSON for a name that reads as a person's ("Ines
        # Marwood", once ORG and once PERSON, is no organisation), else alphabetically
        label = _majority(((st.label, st.mentions) for k, _ in parts for st in k.stats),
                          prefer="PERSON" if person_like(name) else None)
        if label == "PERSON" and organisation_name(name):  # "Ravenholt FC", mostly "Ravenholt" to NER: a club
            label = "ORG"
        for k, _ in parts:
            rows.extend(AliasRow(st.entity_id, k.key, cluster, name, label) for st in k.stats)
    rows.sort(key=lambda r: (r.cluster, r.alias, r.entity_id))
    return rows
