"""Time expressions: finding them in text and resolving them against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from redline.whenwhere.dates import (
    ResolvedDate,
    TimeExpression,
    date_for,
    find_time_expressions,
    has_future_marker,
    resolve,
)

PUB = date(2024, 6, 21)  # a Friday
NEW_YEAR_PUB = date(2025, 1, 2)  # a Thursday


def texts(text: str) -> list[str]:
    return [e.text for e in find_time_expressions(text)]


def date_of(text: str, published: date | None = PUB, anchor: int | None = None) -> ResolvedDate:
    """The date of ``text`` (failing if there is none)."""
    found = date_for(text, published, anchor=anchor)
    assert found is not None
    return found


def only(text: str, published: date | None = PUB) -> ResolvedDate:
    """Resolve the single expression of ``text`` (failing if there is not exactly one)."""
    found = find_time_expressions(text)
    assert len(found) == 1, found
    resolved = date_of(text, published)
    assert resolved.expression == found[0]
    return resolved


@pytest.mark.parametrize(
    ("text", "expected_text", "iso", "precision", "future"),
    [
        (
            "Speaking in Vietnam on Thursday, Putin cautioned Seoul.",
            "Thursday",
            "2024-06-20",
            "day",
            False,
        ),
        (
            "The ministry announced on Friday that talks would resume.",
            "Friday",
            "2024-06-21",
            "day",
            False,
        ),
        (
            "Earlier this month, Putin had threatened to arm the North.",
            "Earlier this month",
            "2024-06-01",
            "month",
            False,
        ),
        ("The drone struck the depot yesterday.", "yesterday", "2024-06-20", "day", False),
        ("The deal was signed two weeks ago.", "two weeks ago", "2024-06-03", "week", False),
        ("Exports fell last year.", "last year", "2023-01-01", "year", False),
        ("Protests began in March.", "March", "2024-03-01", "month", False),
        ("The envoys meet next Tuesday.", "next Tuesday", "2024-06-25", "day", True),
        ("The vote was held on June 12.", "June 12", "2024-06-12", "day", False),
        ("It was signed on June 12, 2023 in Geneva.", "June 12, 2023", "2023-06-12", "day", False),
        ("Elections were held in December.", "December", "2023-12-01", "month", False),
        ("Talks resume tomorrow.", "tomorrow", "2024-06-22", "day", True),
        (
            "It happened the day before yesterday.",
            "the day before yesterday",
            "2024-06-19",
            "day",
            False,
        ),
        ("The minister spoke this morning.", "this morning", "2024-06-21", "day", False),
        ("The minister speaks tonight.", "tonight", "2024-06-21", "day", False),
        ("Shelling resumed last Thursday.", "last Thursday", "2024-06-20", "day", False),
        ("Shelling resumed Thursday night.", "Thursday night", "2024-06-20", "day", False),
        ("Thursday's attack killed nine.", "Thursday", "2024-06-20", "day", False),
        ("Parliament sits this Tuesday.", "this Tuesday", "2024-06-25", "day", True),
        ("Troops withdrew three days ago.", "three days ago", "2024-06-18", "day", False),
        ("Troops withdrew 4 months ago.", "4 months ago", "2024-02-01", "month", False),
        ("The treaty lapsed a year ago.", "a year ago", "2023-01-01", "year", False),
        ("Talks stalled last week.", "last week", "2024-06-10", "week", False),
        ("Talks stalled earlier this week.", "earlier this week", "2024-06-17", "week", False),
        ("Talks resume later this week.", "later this week", "2024-06-17", "week", True),
        ("Talks resume next month.", "next month", "2024-07-01", "month", True),
        ("Talks resume next year.", "next year", "2025-01-01", "year", True),
        ("Turnout rose this year.", "this year", "2024-01-01", "year", False),
        ("Rallies were held last weekend.", "last weekend", "2024-06-10", "week", False),
        ("Rallies are planned this weekend.", "this weekend", "2024-06-17", "week", True),
        ("The ceasefire collapsed on 20 June 2024.", "20 June 2024", "2024-06-20", "day", False),
        ("The ceasefire collapsed on June 20th.", "June 20th", "2024-06-20", "day", False),
        ("The ceasefire collapsed in June 2023.", "June 2023", "2023-06-01", "month", False),
        ("The ceasefire collapsed in mid-June.", "mid-June", "2024-06-01", "month", False),
        ("The ceasefire collapsed last June.", "last June", "2023-06-01", "month", False),
        ("The ceasefire collapses next June.", "next June", "2025-06-01", "month", True),
        ("The ceasefire collapsed in 2019.", "2019", "2019-01-01", "year", False),
        ("The ceasefire collapsed on 2024-06-20.", "2024-06-20", "2024-06-20", "day", False),
        (
            "The attacks of Sept. 11, 2001 changed that.",
            "Sept. 11, 2001",
            "2001-09-11",
            "day",
            False,
        ),
        ("Troops left on Jan. 5.", "Jan. 5", "2024-01-05", "day", False),
        ("Troops left in Jan.", "Jan.", "2024-01-01", "month", False),
        ("Elections were held in May.", "May", "2024-05-01", "month", False),
        ("Elections were held May 5.", "May 5", "2024-05-05", "day", False),
        (
            "It was signed on Thursday, June 20, 2024.",
            "Thursday, June 20, 2024",
            "2024-06-20",
            "day",
            False,
        ),
    ],
)
def test_resolves_against_publication_date(
    text: str, expected_text: str, iso: str, precision: str, future: bool
) -> None:
    resolved = only(text)
    assert resolved.expression is not None
    assert resolved.expression.text == expected_text
    assert (resolved.date, resolved.precision, resolved.future) == (iso, precision, future)


@pytest.mark.parametrize(
    "text",
    [
        "The talks may resume.",
        "May the talks resume soon.",
        "Theresa May said the talks would resume.",
        "The vote came after May resigned.",
        "The troops will march 12 miles to the border.",
        "Protesters march through the capital.",
        "The Sunday Times reported the talks would resume.",
        "The Good Friday Agreement holds.",
        "USA Today reported the talks would resume.",
        "A few days ago the talks resumed.",
        "Twenty-two days ago the talks resumed.",
        "Jan Smith said the talks would resume.",
        "The 2024 election was close.",
        "Output rose by 2030 units.",
        "The ceasefire collapsed on 20/06/2024.",
        "Mondayization and yesterdays are not dates, nor is Decemberist.",
        "Over the last year the talks stalled.",
    ],
)
def test_non_dates_are_not_found(text: str) -> None:
    assert find_time_expressions(text) == []


def test_march_verb_next_to_a_weekday_gives_only_the_weekday() -> None:
    text = "Thousands march on Monday against the war."
    assert texts(text) == ["Monday"]
    assert date_of(text).date == "2024-06-17"


def test_future_marker_turns_a_bare_weekday_forward() -> None:
    future = date_of("The leaders will meet on Monday.")
    assert (future.date, future.future) == ("2024-06-24", True)
    # the same words without the marker are in the past
    past = date_of("The leaders met on Monday.")
    assert (past.date, past.future) == ("2024-06-17", False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit is scheduled for Monday.", True),
        ("Talks are to be held on Monday.", True),
        ("Ministers will convene in December.", True),
        ("Russia said on Thursday it will respond.", False),
        ("Officials who will attend the summit said on Thursday it was ready.", False),
        ("Russia, which will host the summit, said on Thursday it was ready.", False),
        ("He arrived next to the border on Thursday.", False),
    ],
)
def test_future_marker_detection(text: str, expected: bool) -> None:
    expressions = find_time_expressions(text)
    assert len(expressions) == 1
    assert has_future_marker(text, expressions[0]) is expected


def test_future_marker_turns_a_bare_month_forward() -> None:
    december = date_of("Ministers will convene in December.")
    assert (december.date, december.precision, december.future) == ("2024-12-01", "month", True)


def test_future_context_on_publication_day_is_future_but_same_day() -> None:
    friday = date_of("The council will vote on Friday.")
    assert (friday.date, friday.future) == ("2024-06-21", True)


def test_nearest_expression_to_anchor_wins() -> None:
    text = "The army said on Thursday that after a long siege rebels captured the town on Monday."
    near_monday = text.index("captured")
    near_thursday = text.index("said")
    assert date_of(text, anchor=near_monday).date == "2024-06-17"
    assert date_of(text, anchor=near_thursday).date == "2024-06-20"
    # without an anchor: the first expression
    assert date_of(text).date == "2024-06-20"


def test_anchor_tie_goes_to_the_earlier_expression() -> None:
    text = "Thursday x Monday"
    anchor = text.index("x")  # one character from each
    expression = date_of(text, anchor=anchor).expression
    assert expression is not None
    assert expression.text == "Thursday"


def test_anchor_inside_an_expression_picks_it() -> None:
    text = "Monday and Thursday"
    assert date_of(text, anchor=text.index("Thurs") + 2).date == "2024-06-20"


def test_falls_back_to_publication_date() -> None:
    resolved = date_for("Russia warned South Korea against arming Ukraine.", PUB)
    assert resolved == ResolvedDate("2024-06-21", "day", None, False)


def test_unresolvable_expression_is_skipped_then_falls_back() -> None:
    text = "The decree of February 30 was void."
    assert texts(text) == ["February 30"]
    assert resolve(find_time_expressions(text)[0], PUB) is None
    assert date_for(text, PUB) == ResolvedDate("2024-06-21", "day", None, False)
    # a resolvable expression further away is used instead of the fallback
    text2 = "The decree of February 30 was void, officials said in March."
    assert date_of(text2, anchor=text2.index("void")).date == "2024-03-01"


def test_without_publication_date_only_absolute_expressions_resolve() -> None:
    assert date_for("Talks stalled on Thursday.", None) is None
    assert date_for("Talks stalled.", None) is None
    text = "On Thursday officials recalled the June 12, 2023 accord."
    accord = date_of(text, None, anchor=text.index("Thursday"))
    assert (accord.date, accord.future) == ("2023-06-12", False)
    year = date_of("Talks began in 2019.", None)
    assert (year.date, year.precision) == ("2019-01-01", "year")


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("Talks stalled last month.", "2024-12-01", "month"),
        ("Talks stalled on Monday.", "2024-12-30", "day"),
        ("Talks stalled last week.", "2024-12-23", "week"),
        ("Talks stalled last year.", "2024-01-01", "year"),
        ("Talks stalled this week.", "2024-12-30", "week"),
        ("Talks stalled in December.", "2024-12-01", "month"),
        ("Talks stalled three days ago.", "2024-12-30", "day"),
        ("Talks stalled two months ago.", "2024-11-01", "month"),
        ("Talks stalled on December 31.", "2024-12-31", "day"),
    ],
)
def test_year_boundary(text: str, iso: str, precision: str) -> None:
    resolved = only(text, NEW_YEAR_PUB)
    assert (resolved.date, resolved.precision) == (iso, precision)


def test_bare_weekday_on_or_before_publication_day() -> None:
    # every weekday from a Friday: Friday itself, then back through Saturday of last week
    expected = {
        "Monday": "2024-06-17",
        "Tuesday": "2024-06-18",
        "Wednesday": "2024-06-19",
        "Thursday": "2024-06-20",
        "Friday": "2024-06-21",
        "Saturday": "2024-06-15",
        "Sunday": "2024-06-16",
    }
    for day, iso in expected.items():
        resolved = only(f"They met on {day}.")
        assert resolved.date == iso, day


def test_last_and_next_weekday_exclude_publication_day() -> None:
    assert only("They met last Friday.").date == "2024-06-14"
    assert only("They meet next Friday.").date == "2024-06-28"


def test_leftmost_longest_and_spans() -> None:
    text = (
        "The day before yesterday, officials said that two weeks ago, on Sept. 11, 2001 and "
        "in mid-June, last Thursday night and earlier this month, tanks moved; Thursday's "
        "attack, USA Today said, came after 20 June 2024 and in 2019."
    )
    found = find_time_expressions(text)
    assert [e.text for e in found] == [
        "The day before yesterday",
        "two weeks ago",
        "Sept. 11, 2001",
        "mid-June",
        "last Thursday night",
        "earlier this month",
        "Thursday",
        "20 June 2024",
        "2019",
    ]
    for e in found:
        assert text[e.start : e.end] == e.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_case_insensitive_relative_words() -> None:
    assert texts("YESTERDAY and Last Week and NEXT MONTH") == [
        "YESTERDAY",
        "Last Week",
        "NEXT MONTH",
    ]


def test_resolve_rejects_unknown_text() -> None:
    assert resolve(TimeExpression(0, 5, "hello"), PUB) is None
    resolved = resolve(TimeExpression(0, 8, "Thursday"), PUB)
    assert resolved is not None and resolved.date == "2024-06-20"
