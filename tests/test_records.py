"""The positional maker of frozen records: the same record as the class's constructor, still frozen."""

from __future__ import annotations

import dataclasses

import pytest

from newsline._model import EventTime
from newsline._records import positional_maker
from newsline.corpus._entity_events import EventSource


def test_maker_builds_the_record_the_constructor_builds() -> None:
    make = positional_maker(EventTime)
    values = ("2010-05-01", "2010-05-01T00:00:00", "2010-05-02T00:00:00", "day", "timex", ("t3",), 0.75, None)
    made, built = make(*values), EventTime(*values)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert made.when_text == built.when_text  # properties read the slots it set


def test_made_record_stays_frozen() -> None:
    time = positional_maker(EventTime)("2010", "2010-01-01T00:00:00", "2011-01-01T00:00:00", "year", "timex", (),
                                       0.5, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        time.value = "2011"  # type: ignore[misc]


def test_maker_takes_every_field_and_no_defaults() -> None:
    make = positional_maker(EventSource)
    with pytest.raises(TypeError):
        make("doc", None, "e1")  # the constructor would not fill rank, title, ... either way: all are needed


def test_maker_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="slotted"):
        positional_maker(NoSlots)
    with pytest.raises(TypeError, match="__post_init__"):
        positional_maker(Checked)
