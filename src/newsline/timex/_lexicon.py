"""Language resources: word lists and rules, loaded from data files and validated once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsline.errors import ResourceError

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Word lists of one language, keyed by lower-case surface form."""

    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    cardinals: dict[str, float]
    vague_numbers: dict[str, str]
    ordinals: dict[str, int]
    units: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, str]
    mods: dict[str, str]
    edges: dict[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    reporting_cues: tuple[str, ...]
    future_in_past_cues: tuple[str, ...] = ()
    present_cues: tuple[str, ...] = ()
    scheduled_cues: tuple[str, ...] = ()
    progressive_cues: tuple[str, ...] = ()
    possible_cues: tuple[str, ...] = ()
    plural_scheduled_cues: tuple[str, ...] = ()
    pronoun_scheduled_cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    deadline_cues: frozenset[str] = frozenset()
    moving_verbs: tuple[str, ...] = ()
    arranged_participles: frozenset[str] = frozenset()
    moving_preps: tuple[str, ...] = ()
    infinitive_markers: tuple[str, ...] = ()  # "to" of "ordered them to pay by Friday"
    infinitive_not_verbs: frozenset[str] = frozenset()  # words after the marker that are no verb ("to the")
    infinitive_deadlines: tuple[str, ...] = ()  # "by" of "to pay by Friday"
    result_nouns: frozenset[str] = frozenset()
    time_zones: dict[str, str] = field(default_factory=dict)
    name_year_determiners: frozenset[str] = frozenset()
    name_year_not_names: frozenset[str] = frozenset()
    award_nouns: frozenset[str] = frozenset()
    game_words: tuple[str, ...] = ()  # a quarter or half of a game, no calendar period, in their sentence
    season_nouns: frozenset[str] = frozenset()  # a bare season right before one names a kind of thing: "summer school"
    title_words: frozenset[str] = frozenset()
    month_first_names: frozenset[str] = frozenset()

    def number(self, word: str) -> float | None:
        """Value of a number written in digits or words; None for vague ones."""
        w = _norm(word)
        if w in self.cardinals:
            return self.cardinals[w]
        if w in self.vague_numbers:
            return None
        half = _HALF.fullmatch(w)
        if half:
            return float(half.group(1)) + 0.5
        digits = w.replace(",", "")
        try:
            return float(digits)
        except ValueError:
            return None

    def list_macros(self) -> dict[str, list[str]]:
        """Alternatives for the word-list macros of rules.toml."""
        plural_units = [u for u in self.units if u.endswith("s") and u[:-1] in self.units and len(u) > 3]
        return {
            "MONTH": _with_dots(self.months),
            "WEEKDAY": _with_dots(self.weekdays),
            "CARD": list(self.cardinals),
            "VNUM": list(self.vague_numbers),
            "ORDW": list(self.ordinals),
            "UNIT": list(self.units),
            "UNITS": plural_units,
            "PART": list(self.parts_of_day),
            "SEASON": list(self.seasons),
            "HOLIDAY": list(self.holidays),
            "MOD": [m for m in self.mods],
            "EDGE": [e for e in self.edges],
        }


# compiled once: number() and _norm run for many expressions (re.sub with a string looks its pattern up each time)
_HALF = re.compile(r"(\d+)\s+1/2")
_SPACES = re.compile(r"\s+")


def _norm(word: str) -> str:
    return _SPACES.sub(" ", word.strip().lower().replace("’", "'"))


# Names that are also common lower-case words ("may", "march", "sun", "sat"):
# only their capitalised forms are names.
_CAPITALISED_ONLY = frozenset({"may", "march"})


def _with_dots(table: dict[str, int]) -> list[str]:
    """Full names, and abbreviations with an optional trailing dot.

    Abbreviations ("Sept.", "Sat") and the names in _CAPITALISED_ONLY match only
    when capitalised, so "sat on the mat" is never a candidate.
    """
    out = []
    for key in table:
        if len(key) <= 4 and key not in ("may", "june", "july"):
            out.append("(?-i:" + key.capitalize() + "|" + key.upper() + ")" + r"\.?")
        elif key in _CAPITALISED_ONLY:
            out.append("(?-i:" + key.capitalize() + "|" + key.upper() + ")")
        else:
            out.append(key)
    return out


def _cardinals(raw: dict[str, Any]) -> dict[str, float]:
    out = {_norm(k): float(v) for k, v in raw.items()}
    for i, tens in enumerate(_TENS):
        for j, unit in enumerate(_UNITS):
            value = float((i + 2) * 10 + j + 1)
            out[f"{tens}-{unit}"] = value
            out[f"{tens} {unit}"] = value
    # "two hundred years", "two thousand years": a multiple of a hundred or a thousand is a number
    for j, unit in enumerate(_UNITS):
        out[f"{unit} hundred"] = float((j + 1) * 100)
        out[f"{unit} thousand"] = float((j + 1) * 1000)
    return out


def _table(data: dict[str, Any], name: str, path: str) -> dict[str, Any]:
    table = data.get(name)
    if not isinstance(table, dict) or not table:
        raise ResourceError(f"{path}: missing or empty table [{name}]")
    return {_norm(k): v for k, v in table.items()}


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    path = f"lang/{language}/lexicon.toml"
    try:
        data = tomllib.loads(resources.files("newsline.timex").joinpath(path).read_text("utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise ResourceError(f"{path}: {exc}") from exc
    cues = data.get("tense_cues", {})
    return Lexicon(
        language=language,
        months=_table(data, "months", path),
        weekdays=_table(data, "weekdays", path),
        cardinals=_cardinals(_table(data, "cardinals", path)),
        vague_numbers=_table(data, "vague_numbers", path),
        ordinals=_table(data, "ordinals", path),
        units=_table(data, "units", path),
        parts_of_day=_table(data, "parts_of_day", path),
        seasons=_table(data, "seasons", path),
        holidays=_table(data, "holidays", path),
        mods=_table(data, "mods", path),
        edges=_table(data, "edges", path),
        future_cues=tuple(cues.get("future", ())),
        past_cues=tuple(cues.get("past", ())),
        reporting_cues=tuple(cues.get("reporting", ())),
        future_in_past_cues=tuple(cues.get("future_in_past", ())),
        present_cues=tuple(cues.get("present", ())) + tuple(cues.get("arrangement", ())),
        scheduled_cues=tuple(cues.get("scheduled", ())),
        progressive_cues=tuple(cues.get("progressive", ())),
        possible_cues=tuple(cues.get("possible", ())),
        plural_scheduled_cues=tuple(cues.get("plural_scheduled", ())),
        pronoun_scheduled_cues=tuple(cues.get("pronoun_scheduled", ())),
        not_cues=tuple(cues.get("not_cues", ())),
        deadline_cues=frozenset(cues.get("deadline", ())),
        moving_verbs=tuple(cues.get("moving_verbs", ())),
        arranged_participles=frozenset(cues.get("arranged_participles", ())),
        moving_preps=tuple(cues.get("moving_preps", ())),
        infinitive_markers=tuple(cues.get("infinitive_markers", ())),
        infinitive_not_verbs=frozenset(cues.get("infinitive_not_verbs", ())),
        infinitive_deadlines=tuple(cues.get("infinitive_deadlines", ())),
        result_nouns=frozenset(data.get("reported_periods", {}).get("result_nouns", ())),
        time_zones=_table(data, "time_zones", path),
        name_year_determiners=frozenset(data.get("name_years", {}).get("determiners", ())),
        name_year_not_names=frozenset(data.get("name_years", {}).get("not_names", ())),
        award_nouns=frozenset(data.get("award_titles", {}).get("nouns", ())),
        game_words=tuple(data.get("game_periods", {}).get("words", ())),
        season_nouns=frozenset(data.get("season_nouns", {}).get("words", ())),
        title_words=frozenset(data.get("titles", {}).get("common_words", ())),
        month_first_names=frozenset(data.get("titles", {}).get("first_names", ())),
    )


@cache
def load_rules_data(language: str = "en") -> dict[str, Any]:
    path = f"lang/{language}/rules.toml"
    try:
        return tomllib.loads(resources.files("newsline.timex").joinpath(path).read_text("utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise ResourceError(f"{path}: {exc}") from exc
