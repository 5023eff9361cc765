"""The day next to a date written right after it ("the day before last Tuesday", rules.toml: day_beside)
is one DATE a day from that date; a counted duration before a date stays a DURATION and a DATE."""

from datetime import date

from newsline import tag

DCT = date(2021, 3, 11)  # a Thursday


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[t.start:t.end], t.type, t.value) for t in tag(text, DCT).timexes]


def test_the_day_before_a_weekday() -> None:
    text = "The day before last Monday's hearing, the defence filed a motion."
    assert _found(text) == [("The day before last Monday", "DATE", "2021-03-07")]


def test_the_day_after_a_holiday() -> None:
    text = "Stores reopened the day after Christmas with long queues."
    assert _found(text) == [("the day after Christmas", "DATE", "2020-12-26")]


def test_the_day_after_a_date_with_its_year() -> None:
    text = "She was sworn in the day after Jan. 31, 2019, officials said."
    assert _found(text) == [("the day after Jan. 31, 2019", "DATE", "2019-02-01")]


def test_a_counted_duration_stays_a_duration() -> None:
    text = "Two days after Christmas the ferry sank."
    assert _found(text) == [("Two days", "DURATION", "P2D"), ("Christmas", "DATE", "2020-12-25")]


def test_a_date_not_right_after_is_not_counted_from() -> None:
    text = "On the day after the vote, Monday, the results came in."
    assert _found(text) == [("Monday", "DATE", "2021-03-08")]


def test_part_of_day_before_its_day() -> None:
    assert _found("Shares were up at mid-afternoon yesterday in London.") == [
        ("mid-afternoon yesterday", "TIME", "2021-03-10TAF")]
    assert _found("The talks broke off late afternoon Tuesday.")[0][2] == "2021-03-09TAF"
