"""Find time expressions in news text and resolve them against the publication date.

Pure functions over the standard library; no third-party date parser.

``find_time_expressions(text)`` returns non-overlapping spans (leftmost, then longest, wins).
``resolve(expr, published)`` turns one span into a :class:`ResolvedDate`.
``date_for(text, published, anchor)`` picks the expression nearest ``anchor`` and resolves it,
falling back to the publication date.

Spans hold the time words only: the prepositions "on"/"in" are context, not part of the span
("on Thursday" -> "Thursday"); modifiers that change the meaning are ("last Thursday",
"two weeks ago", "earlier this month", "mid-June", "Thursday night").

Resolution rules (newswire conventions; ``published`` is the publication date):

* A bare weekday ("Thursday", "on Thursday", "Thursday night", "Thursday's attack") is the most
  recent such day on or before ``published`` (a Friday article's "Friday" is that day).
  With a *future marker* before it in the same clause (see :func:`has_future_marker`) it is
  the next such day on or after ``published``.  "last Thursday" is the most recent one strictly
  before; "this Thursday" the next one on or after; "next Thursday" the next one strictly after.
* A bare month ("in June", "early June", "mid-June") is the most recent such month on or before
  the publication month; with a future marker, the next one on or after it.  "last June" is the
  most recent strictly before the publication month, "next June" the first strictly after,
  "this June" the one in the publication year.  A month-day without a year ("June 20") takes its
  year by the same month-level rule.
* "N days/weeks/months/years ago" count back from ``published`` at that unit's precision;
  "last/this/next week|month|year|weekend", "earlier this ...", "later this ..." are the
  previous/current/next calendar period (weeks run Monday to Sunday).
* Week precision gives the Monday of the week, month precision the 1st, year precision Jan 1.
* ``future`` is True when the referenced time starts after ``published``, or when the words
  point forward inside a period that contains ``published`` ("later this week", or a future
  marker with "will meet today"/"this week").

The future markers and reporting verbs are words of the modality cue table
(``redline/modality/data/cues.tsv``: future auxiliaries, roles ``timing`` and ``report_form``),
passed in as :class:`DateCues`; without them the table's own words are read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

__all__ = [
    "DateCues",
    "ResolvedDate",
    "TimeExpression",
    "date_for",
    "find_time_expressions",
    "has_future_marker",
    "resolve",
]

if TYPE_CHECKING:
    from redline.modality.modality import ModalityCues


@dataclass(frozen=True)
class TimeExpression:
    """A time expression: ``text == source[start:end]`` (character offsets)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date: ISO ``date`` is the first day of the period at ``precision``."""

    date: str
    precision: str  # "day" | "week" | "month" | "year"
    expression: TimeExpression | None  # None when it fell back to the publication date
    future: bool  # the referenced period lies after the publication date


# --------------------------------------------------------------------------- vocabulary

_WEEKDAY_NUMBER: Mapping[str, int] = MappingProxyType(
    {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    }
)

# keyed by the first three letters, lower case ("sept" -> "sep")
_MONTH_NUMBER: Mapping[str, int] = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)

_NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
    }
)

_FULL_MONTHS = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
)

_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!\w)"
_WEEKDAY_PREFIX = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
_MONTH = (
    r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)(?!\w)|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
    r"(?:\.|(?!\w)))"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\w|[:.]\d|%)"
_YEAR = r"(?P<year>(?:18|19|20)\d{2})(?!\w|[-\u2013/]\d|%|,\d)"
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_MOD = r"(?P<mod>early|late|mid)(?:-|\s+)"

# (kind, pattern).  The same patterns are searched by ``find_time_expressions`` (which adds
# context checks) and full-matched by ``resolve``; the order is the order ``resolve`` tries.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\w|-\d)"),
        ("ago", _NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+ago(?!\w)"),
        (
            "relday",
            r"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
            r"|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?!\w)",
        ),
        (
            "period",
            r"(?:(?P<rel>last|this|next)|(?P<edge>earlier|later)\s+this)\s+"
            r"(?P<unit>weekend|week|month|year)(?!\w)",
        ),
        (
            "weekday",
            r"(?:(?P<rel>last|this|next)\s+)?"
            + _WEEKDAY
            + r"(?:\s+(?:night|morning|afternoon|evening)(?!\w))?",
        ),
        ("mdy", _WEEKDAY_PREFIX + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + ")?"),
        (
            "dmy",
            _WEEKDAY_PREFIX + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + ")?",
        ),
        ("month_year", r"(?:" + _MOD + r")?" + _MONTH + r",?\s+" + _YEAR),
        ("month", r"(?:(?P<rel>last|this|next)\s+|" + _MOD + r")?" + _MONTH),
        ("year", _YEAR),
    )
)

_LEFT_BOUNDARY = re.compile(r"[\w-]")

# A bare month or year needs one of these right before it ("in June", "since 2019").
_MONTH_TRIGGER = re.compile(
    r"(?<![\w-])(?:in|on|since|until|till|during|through|throughout|before|after"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+$",
    re.IGNORECASE,
)
# "May" is also a modal verb and a surname: only the brief's short list of triggers.
_MAY_TRIGGER = re.compile(r"(?<![\w-])(?:in|on|since)\s+$", re.IGNORECASE)
_YEAR_TRIGGER = re.compile(
    r"(?<![\w-])(?:in|since|until|till|during|through|throughout|before|after"
    r"|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle)\s+of"
    r"|(?:spring|summer|autumn|fall|winter)\s+of)\s*$",
    re.IGNORECASE,
)
# Named days that are not "the most recent such weekday".
_WEEKDAY_NAME_BEFORE = re.compile(
    r"(?<![\w-])(?:Good|Bloody|Black|Easter|Palm|Ash|Holy|Super|Cyber|Maundy|Shrove)\s+$"
)
_NEWSPAPER_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Herald|Post|Mirror|Independent|Tribune)(?!\w)"
)
_CAPITALISED_WORD_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w.'\u2019]* $")  # "USA Today"
_THE_BEFORE = re.compile(r"(?<![\w-])the\s+$", re.IGNORECASE)  # "over the last year"

_CONTEXT_CHARS = 40

# -------------------------------------------------------------------- future markers

_WORD_END = r"(?:(?!\w)|(?=n['\u2019]t(?!\w)))"  # "won't" is "wo" and "n't"
# What must not follow a marker word for it to count: "next to the border" is a place.
_NOT_A_MARKER_BEFORE: Mapping[str, str] = MappingProxyType({"next": r"\s+to\b"})


@dataclass(frozen=True)
class DateCues:
    """Future markers ("will", "scheduled", "is due to") and reporting verbs ("said") as
    regexes over raw text."""

    future: re.Pattern[str]
    reporting: re.Pattern[str]

    @classmethod
    def from_words(cls, future: Iterable[str], reporting: Iterable[str]) -> DateCues:
        """Words are lower case, their parts separated by spaces, as the tokenizer splits
        them: a word that starts with an apostrophe ("'ll") follows another without a space,
        and a word may stand before "n't" ("wo" of "won't")."""
        return cls(_words_pattern(future), _words_pattern(reporting))

    @classmethod
    def of(cls, cues: ModalityCues) -> DateCues:
        """The future and reporting words of the modality cue table."""
        return cls.from_words(cues.future_words, cues.report_forms)


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words``, whole words only, longest first."""
    whole: list[str] = []
    contractions: list[str] = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        body = r"\s+".join(re.escape(part) for part in word.split()).replace("'", "['\u2019]")
        if word in _NOT_A_MARKER_BEFORE:
            body += f"(?!{_NOT_A_MARKER_BEFORE[word]})"
        (contractions if word.startswith("'") else whole).append(body)
    branches = [r"(?<![\w-])(?:" + "|".join(whole) + r")" + _WORD_END] if whole else []
    branches += [c + r"(?!\w)" for c in contractions]
    return re.compile("|".join(branches) or r"(?!)", re.IGNORECASE)


@cache
def default_date_cues() -> DateCues:
    """The cue table's own words, read once (for callers that pass none)."""
    from redline.modality.modality import load_cues  # spaCy: only when asked

    return DateCues.of(load_cues())


_CLAUSE_END = re.compile(r"[,;:.!?](?=\s)|\n")
_FUTURE_WINDOW = 80


def has_future_marker(text: str, expr: TimeExpression, cues: DateCues | None = None) -> bool:
    """Whether a future marker precedes ``expr`` in its clause ("will meet on Monday").

    Markers (``cues.future``; by default the cue table's): "will", "'ll", "shall", "to be
    held", "scheduled", "slated", "upcoming", "is/are due|set|expected|planned|planning|going
    to", "plan(s) to", "next" (not "next to").  Only the clause before the expression counts:
    at most 80 characters, cut after the last ``, ; : . ! ?`` (followed by a space) or
    newline; a reporting verb (``cues.reporting``: "said", "told", ...) after the marker
    cancels it ("Russia said it will respond, Putin said on Thursday" and "Russia, which will
    host the summit, said on Thursday" stay in the past).  Markers after the expression are
    ignored ("said on Thursday it will ..." is the usual newswire shape).
    """
    lo = max(0, expr.start - _FUTURE_WINDOW)
    window = text[lo : expr.start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    cues = cues or default_date_cues()
    markers = list(cues.future.finditer(window))
    if not markers:
        return False
    return cues.reporting.search(window, markers[-1].end()) is None


# ------------------------------------------------------------------------------ finding


def _accept(kind: str, m: re.Match[str], text: str) -> bool:
    """Context checks that separate time expressions from look-alikes."""
    start = m.start()
    if start > 0 and _LEFT_BOUNDARY.match(text[start - 1]):
        return False
    before = max(0, start - _CONTEXT_CHARS)
    groups = m.groupdict()
    month = groups.get("month")
    if month is not None and not month[0].isupper():  # "they march", "talks may resume"
        return False
    day = groups.get("day")
    if day is not None and kind != "iso" and not 1 <= int(day) <= 31:
        return False
    if kind == "weekday":
        if groups["rel"] is None and _WEEKDAY_NAME_BEFORE.search(text, before, start):
            return False
        if _NEWSPAPER_AFTER.match(text, m.end("weekday")):  # "Sunday Times"
            return False
    elif kind == "relday":
        word = groups["word"]
        if word == "Today" and _CAPITALISED_WORD_BEFORE.search(text, before, start):
            return False
    elif kind == "period":
        if groups["rel"] is not None and _THE_BEFORE.search(text, before, start):
            return False
    elif kind == "month":
        assert month is not None
        if groups["rel"] is not None or groups["mod"] is not None:
            return True
        if month.lower() not in _FULL_MONTHS and not month.endswith("."):
            return False  # a bare abbreviation without its period ("Jan") is too often a name
        trigger = _MAY_TRIGGER if month.lower() == "may" else _MONTH_TRIGGER
        return trigger.search(text, before, start) is not None
    elif kind == "year":
        return _YEAR_TRIGGER.search(text, before, start) is not None
    return True


def find_time_expressions(text: str) -> list[TimeExpression]:
    """All time expressions in ``text``, in order, non-overlapping (leftmost-longest wins)."""
    candidates: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and _accept(kind, m, text):
                candidates.append((m.start(), m.end()))
    candidates.sort(key=lambda span: (span[0], -span[1]))
    found: list[TimeExpression] = []
    last_end = -1
    for start, end in candidates:
        if start >= last_end:
            found.append(TimeExpression(start, end, text[start:end]))
            last_end = end
    return found


# ---------------------------------------------------------------------------- resolving


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_number(name: str) -> int:
    return _MONTH_NUMBER[name[:3].lower()]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _year_for_month(month: int, published: date, rel: str | None, forward: bool) -> int:
    """The year of a month named without one (see the module docstring)."""
    pub_year, pub_month = published.year, published.month
    if rel == "last":
        return pub_year if month < pub_month else pub_year - 1
    if rel == "next":
        return pub_year if month > pub_month else pub_year + 1
    if rel == "this":
        return pub_year
    if forward:
        return pub_year if month >= pub_month else pub_year + 1
    return pub_year if month <= pub_month else pub_year - 1


def _weekday_date(weekday: int, published: date, rel: str | None, forward: bool) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel == "last":
        return published - timedelta(days=back or 7)
    if rel == "next":
        return published + timedelta(days=ahead or 7)
    if rel == "this" or forward:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


@dataclass(frozen=True)
class _Period:
    first: date  # the value reported in ResolvedDate.date
    precision: str
    ref_start: date  # the time actually referred to, for the ``future`` flag
    ref_end: date
    later: bool = False  # "later this week": points forward inside the period


def _day(d: date) -> _Period:
    return _Period(d, "day", d, d)


def _week(monday: date) -> _Period:
    return _Period(monday, "week", monday, monday + timedelta(days=6))


def _month(year: int, month: int) -> _Period:
    next_year, next_month = _shift_month(year, month, 1)
    first = date(year, month, 1)
    return _Period(first, "month", first, date(next_year, next_month, 1) - timedelta(days=1))


def _year(year: int) -> _Period:
    return _Period(date(year, 1, 1), "year", date(year, 1, 1), date(year, 12, 31))


def _period_for(
    kind: str, g: dict[str, str | None], published: date | None, forward: bool
) -> _Period | None:
    """The period a matched expression refers to; None when it needs a missing date."""
    year_text = g.get("year")
    year = int(year_text) if year_text else None
    if kind == "iso":
        assert year is not None and g["mon"] is not None and g["day"] is not None
        return _day(date(year, int(g["mon"]), int(g["day"])))
    if kind == "year":
        assert year is not None
        return _year(year)
    if kind == "month_year":
        assert year is not None and g["month"] is not None
        return _month(year, _month_number(g["month"]))
    if kind in ("mdy", "dmy") and year is not None:
        assert g["month"] is not None and g["day"] is not None
        return _day(date(year, _month_number(g["month"]), int(g["day"])))
    if published is None:
        return None
    if kind in ("mdy", "dmy"):
        assert g["month"] is not None and g["day"] is not None
        month = _month_number(g["month"])
        return _day(date(_year_for_month(month, published, None, forward), month, int(g["day"])))
    if kind == "month":
        assert g["month"] is not None
        month = _month_number(g["month"])
        return _month(_year_for_month(month, published, g["rel"], forward), month)
    if kind == "weekday":
        assert g["weekday"] is not None
        weekday = _WEEKDAY_NUMBER[g["weekday"].lower()]
        return _day(_weekday_date(weekday, published, g["rel"], forward))
    if kind == "relday":
        assert g["word"] is not None
        word = " ".join(g["word"].lower().split())
        offset = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
            "the day after tomorrow": 2,
        }.get(word, 0)
        return _day(published + timedelta(days=offset))
    if kind == "ago":
        assert g["n"] is not None and g["unit"] is not None
        n, unit = _number(g["n"]), g["unit"].lower()
        if unit == "day":
            return _day(published - timedelta(days=n))
        if unit == "week":
            return _week(_monday(published - timedelta(weeks=n)))
        if unit == "month":
            return _month(*_shift_month(published.year, published.month, -n))
        return _year(published.year - n)
    if kind == "period":
        assert g["unit"] is not None
        unit = g["unit"].lower()
        rel = (g["rel"] or "this").lower()
        offset = {"last": -1, "this": 0, "next": 1}[rel]
        later = (g["edge"] or "").lower() == "later"
        period: _Period
        if unit == "week":
            period = _week(_monday(published) + timedelta(weeks=offset))
        elif unit == "weekend":
            monday = _monday(published) + timedelta(weeks=offset)
            saturday = monday + timedelta(days=5)
            period = _Period(monday, "week", saturday, saturday + timedelta(days=1))
        elif unit == "month":
            period = _month(*_shift_month(published.year, published.month, offset))
        else:
            period = _year(published.year + offset)
        return _Period(period.first, period.precision, period.ref_start, period.ref_end, later)
    return None


def resolve(
    expr: TimeExpression, published: date | None, *, future_context: bool = False
) -> ResolvedDate | None:
    """Resolve one expression against the publication date.

    ``future_context`` (normally :func:`has_future_marker`) turns bare weekdays, bare months
    and year-less month-days forward.  Returns None when the text is not a time expression
    this module knows, names an impossible date ("February 30"), or is relative and
    ``published`` is None.
    """
    text = expr.text.strip()
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        try:
            period = _period_for(kind, m.groupdict(), published, future_context)
        except (ValueError, OverflowError):  # impossible dates, years out of range
            return None
        if period is None:
            return None
        future = published is not None and (
            period.ref_start > published
            or (
                (period.later or future_context) and period.ref_start <= published <= period.ref_end
            )
        )
        return ResolvedDate(period.first.isoformat(), period.precision, expr, future)
    return None


def _distance(expr: TimeExpression, anchor: int) -> int:
    if anchor < expr.start:
        return expr.start - anchor
    if anchor >= expr.end:
        return anchor - expr.end + 1
    return 0


def date_for(
    text: str,
    published: date | None,
    anchor: int | None = None,
    expressions: Sequence[TimeExpression] | None = None,
    cues: DateCues | None = None,
) -> ResolvedDate | None:
    """The date of whatever happens at ``anchor`` (e.g. the event verb's offset) in ``text``.

    Expressions are tried nearest to ``anchor`` first (ties: the earlier one; without an
    anchor, in text order); the first that resolves wins, with the future rule of
    :func:`has_future_marker`.  Without any, the publication date (precision "day",
    ``expression`` None).  When ``published`` is None only absolute expressions (with a
    year) can resolve, and the result is None if there is none. ``expressions`` may pass
    ``find_time_expressions(text)`` when the caller asks for several anchors of one text;
    ``cues`` the future markers and reporting verbs (by default the cue table's).
    """
    found = list(find_time_expressions(text) if expressions is None else expressions)
    if anchor is not None:
        found.sort(key=lambda e: (_distance(e, anchor), e.start))
    for expr in found:
        future = has_future_marker(text, expr, cues)
        resolved = resolve(expr, published, future_context=future)
        if resolved is not None:
            return resolved
    if published is None:
        return None
    return ResolvedDate(published.isoformat(), "day", None, False)
