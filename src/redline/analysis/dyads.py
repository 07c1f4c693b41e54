"""Dyad trends: how the events of one pair of actors run over time, where that run changes
and how unusual its latest value is.

What is counted. A dyad is "A toward B": the asserted event clusters (``event_clusters``,
events of one day, dyad, type, mode and place across documents) with an actor of country
A and a recipient of country B (``both``: either direction). Actor codes compare by
country, the first three letters of the code (``RUSGOV`` is ``RUS``); IGO codes whole
(``IGOUNO``). Each cluster counts once, however many articles report it; its type, quad,
intensity, document and sentence are those of its most confident event (ties: lowest id).
Undated events and those the text does not report as having happened are left out.

Per period (day, ISO week from Monday, or calendar month), every period from the first to
the last of the window, empty ones included:

- ``counts``: clusters per quad class (1 verbal cooperation, 2 material cooperation,
  3 verbal conflict, 4 material conflict) and ``total``;
- ``intensity_sum`` and ``intensity_mean``: the Goldstein intensities (-10..+10) summed,
  and their mean (none for an empty period);
- ``balance = (cooperation - conflict) / total`` (quads 1+2 against 3+4), from -1 (all
  conflict) to +1 (all cooperation); none for an empty period;
- the **escalation index** ``E = -sum(intensity)``: the period's summed intensity with its
  sign turned, so hostility counts up: a strike (-10) and a threat (-4.4) make E = +14.4, a
  meeting (+1.9) alone E = -1.9, a quiet period E = 0. It adds up volume and severity, as
  GDELT's summed Goldstein scores do.

Change points: ruptures' PELT search with the l2 cost (shifts in the mean of E), minimum
segment two periods, penalty ``PENALTY * sigma**2 * ln(n)`` (BIC-like) where ``sigma`` is
the noise of E: the larger of its estimate from the period-to-period differences
(``std(diff(E)) / sqrt(2)``) and the root mean square intensity of the dyad's events (the
spread that one event a period adds, as with Poisson counts), so that a lone event in a
quiet series is not taken for a change.
A series of fewer than ``2 * MIN_SIZE`` periods, or a constant one, has no change point,
and the series says why. Each change point names the events that drive it: for a rise in
the mean of E, the most hostile events of the new segment; for a fall, its most
cooperative ones, or where it has none, the hostile events of the segment before, which
stopped.

How unusual a value is (``how_unusual``): its z-score against the same dyad's history,
``z = (E - mean(history)) / sd(history)`` over the periods before it (empty ones count as
0); "escalating" when E is at least one sd above the mean, "improving" at least one below,
"steady" between. Without events in the history there is nothing to compare with, and it
says so. The brief uses the same index per day against the pair's 30 days before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from redline.analysis.actor_codes import country, country_sql

BY = ("day", "week", "month")
QUADS = (1, 2, 3, 4)
MIN_SIZE = 2  # periods in a segment, at least
PENALTY = 2.0  # times sigma^2 ln(n)
DRIVERS = 3  # events named per change point
HISTORY_DAYS = 30  # the brief's history
MAX_PERIODS = 20_000  # a window this long (a century of days) is refused

# a Phoenix-style actor code: three-letter parts (RUS, RUSGOV, IGOWSTNAT)
_CODE = re.compile(r"(?:[A-Z]{3})+")


class DyadQueryError(ValueError):
    """A query that cannot be answered (a bad code, an empty store, dates out of range);
    the message is one line."""


class NoEvents(DyadQueryError):
    """A good query whose window holds no event of the dyad."""


# the asserted clusters of a window with their representative event and countries
_CLUSTERS = f"""
WITH c AS (
    SELECT cluster_id, date, actor_codes, recipient_codes, event, mode, num_mentions, event_ids,
           list_distinct([{country_sql('x')} FOR x IN actor_codes]) AS sources,
           list_distinct([{country_sql('x')} FOR x IN recipient_codes]) AS targets
    FROM event_clusters
    WHERE asserted AND date IS NOT NULL AND date BETWEEN ? AND ?
),
reps AS (
    SELECT c.cluster_id, c.date, c.event, c.mode, c.num_mentions, c.actor_codes,
           c.recipient_codes, c.sources, c.targets,
           first(e.quad ORDER BY e.confidence DESC, e.id) AS quad,
           first(e.intensity ORDER BY e.confidence DESC, e.id) AS intensity,
           first(e.doc_id ORDER BY e.confidence DESC, e.id) AS doc_id,
           first(e.sentence ORDER BY e.confidence DESC, e.id) AS sentence
    FROM c, unnest(c.event_ids) AS u(event_id)
    JOIN events e ON e.id = u.event_id
    GROUP BY c.cluster_id, c.date, c.event, c.mode, c.num_mentions, c.actor_codes,
             c.recipient_codes, c.sources, c.targets
)
"""


@dataclass(frozen=True)
class DyadEvent:
    """One asserted event cluster of the dyad, told by its most confident event."""

    cluster_id: str
    day: date
    event: str
    mode: str
    quad: int
    intensity: float
    mentions: int
    doc_id: str
    sentence: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]

    @property
    def label(self) -> str:
        """A short label: date, type, actor->recipient."""
        kind = self.event + (f"/{self.mode}" if self.mode else "")
        return (f"{self.day.isoformat()} {kind} "
                f"{','.join(self.actors) or '?'}->{','.join(self.recipients) or '?'}")

    def to_dict(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster_id, "date": self.day.isoformat(),
                "event": self.event, "mode": self.mode, "quad": self.quad,
                "intensity": self.intensity, "mentions": self.mentions, "doc_id": self.doc_id,
                "sentence": self.sentence, "actor": list(self.actors),
                "recipient": list(self.recipients)}


@dataclass
class Period:
    start: date
    counts: tuple[int, int, int, int]
    intensity_sum: float
    events: list[DyadEvent] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def intensity_mean(self) -> float | None:
        return self.intensity_sum / self.total if self.total else None

    @property
    def balance(self) -> float | None:
        """(cooperation - conflict) / total: -1 all conflict, +1 all cooperation."""
        if not self.total:
            return None
        cooperation = self.counts[0] + self.counts[1]
        conflict = self.counts[2] + self.counts[3]
        return (cooperation - conflict) / self.total

    @property
    def index(self) -> float:
        """The escalation index, ``-sum(intensity)`` (0.0 for an empty period)."""
        return -self.intensity_sum if self.intensity_sum else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.start.isoformat(),
                **{f"quad{q}": n for q, n in zip(QUADS, self.counts, strict=True)},
                "total": self.total, "intensity_sum": round(self.intensity_sum, 6),
                "intensity_mean": _round(self.intensity_mean),
                "balance": _round(self.balance), "escalation_index": round(self.index, 6)}


@dataclass
class ChangePoint:
    """The mean of the index changes from ``before`` to ``after`` at period ``position``
    (the first period of the new segment)."""

    position: int
    start: date
    before: float
    after: float
    drivers: list[DyadEvent]
    drivers_are: str  # what the drivers are: "new hostile", "new cooperative", "ended hostile"

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def direction(self) -> str:
        return "escalation" if self.change > 0 else "de-escalation"

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.start.isoformat(), "direction": self.direction,
                "mean_before": round(self.before, 6), "mean_after": round(self.after, 6),
                "change": round(self.change, 6), "drivers_are": self.drivers_are,
                "drivers": [e.to_dict() for e in self.drivers]}


@dataclass(frozen=True)
class Unusual:
    """How a value of the index stands against its history (see the module's docstring)."""

    value: float
    mean: float | None
    sd: float | None
    z: float | None
    word: str  # escalating | improving | steady
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": round(self.value, 6), "history_mean": _round(self.mean),
                "history_sd": _round(self.sd), "z": _round(self.z), "word": self.word,
                "text": self.text}


@dataclass
class DyadSeries:
    source: str
    target: str
    both: bool
    by: str
    first: date
    last: date
    periods: list[Period]
    change_points: list[ChangePoint]
    method: str  # how change points were sought, or why none could be
    latest: Unusual

    @property
    def name(self) -> str:
        return f"{self.source}{'<->' if self.both else '->'}{self.target}"

    @property
    def events(self) -> list[DyadEvent]:
        return [e for p in self.periods for e in p.events]

    def top_events(self, count: int) -> list[DyadEvent]:
        """The ``count`` events of largest |intensity| (then mentions, then date)."""
        ranked = sorted(self.events, key=lambda e: (-abs(e.intensity), -e.mentions, e.day,
                                                     e.cluster_id))
        return ranked[:count]

    def to_dict(self) -> dict[str, Any]:
        return {"dyad": {"source": self.source, "target": self.target,
                         "directed": not self.both},
                "by": self.by, "first": self.first.isoformat(), "last": self.last.isoformat(),
                "index": "escalation index = -(summed Goldstein intensity of the period's "
                         "asserted event clusters, each cluster once)",
                "periods": [p.to_dict() for p in self.periods],
                "change_points": [c.to_dict() for c in self.change_points],
                "change_point_method": self.method, "latest": self.latest.to_dict(),
                "top_events": [e.to_dict() for e in self.top_events(5)]}


def _signed(value: float) -> str:
    """``value`` with its sign to one decimal, never "-0.0"."""
    return f"{round(value, 1) + 0.0:+.1f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


# -- periods ------------------------------------------------------------------------------------


def period_start(day: date, by: str) -> date:
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"by must be one of {', '.join(BY)}")


def next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_count(first: date, last: date, by: str) -> int:
    a, b = period_start(first, by), period_start(last, by)
    if by == "day":
        return (b - a).days + 1
    if by == "week":
        return (b - a).days // 7 + 1
    return (b.year - a.year) * 12 + b.month - a.month + 1


def build_series(events: Sequence[DyadEvent], by: str, first: date, last: date) -> list[Period]:
    """Every period from the one holding ``first`` to the one holding ``last``, with the
    events (each cluster once) that fall in them; events outside are left out."""
    starts: list[date] = []
    start = period_start(first, by)
    end = period_start(last, by)
    while start <= end:
        starts.append(start)
        start = next_period(start, by)
    slots: dict[date, list[DyadEvent]] = {s: [] for s in starts}
    seen: set[str] = set()
    for event in sorted(events, key=lambda e: (e.day, e.cluster_id)):
        key = period_start(event.day, by)
        if key in slots and event.cluster_id not in seen:
            seen.add(event.cluster_id)
            slots[key].append(event)
    periods = []
    for s in starts:
        members = slots[s]
        counts = tuple(sum(1 for e in members if e.quad == q) for q in QUADS)
        periods.append(Period(s, counts, math.fsum(e.intensity for e in members),  # type: ignore[arg-type]
                              members))
    return periods


# -- change points and how unusual --------------------------------------------------------------


def find_breaks(values: Sequence[float], penalty: float = PENALTY,
                min_size: int = MIN_SIZE, noise_floor: float = 0.0) -> tuple[list[int], str]:
    """The positions where the mean of ``values`` changes (each the first of a new
    segment), found by PELT (ruptures, l2 cost), and a line saying how, or why none could
    be sought. ``noise_floor``: the least noise (sigma) assumed."""
    n = len(values)
    if n < 2 * min_size:
        return [], (f"no change points sought: {n} period{'s' if n != 1 else ''}, fewer than "
                    f"the {2 * min_size} needed (two segments of {min_size})")
    import numpy as np

    signal = np.asarray(values, dtype=float)
    measured = float(np.std(np.diff(signal))) / math.sqrt(2)
    sigma = max(measured, noise_floor)
    if measured == 0.0:
        return [], "no change points: the index is the same in every period"
    import ruptures  # imported here: the brief needs none of it

    pen = penalty * sigma ** 2 * math.log(n)
    algo = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(signal.reshape(-1, 1))
    breaks = [int(b) for b in algo.predict(pen=pen) if b < n]
    return breaks, (f"PELT (ruptures), l2 cost (shifts in the mean of the index), "
                    f"segments of at least {min_size} periods, penalty {pen:.1f} = "
                    f"{penalty:g} x sigma^2 x ln({n}), sigma {sigma:.2f} ("
                    + ("the period-to-period differences'" if sigma == measured else
                       "one event's rms intensity, above the differences'") + ")")


def change_points(periods: Sequence[Period], penalty: float = PENALTY,
                  min_size: int = MIN_SIZE) -> tuple[list[ChangePoint], str]:
    """The change points of the series' index, each with the events that drive it."""
    values = [p.index for p in periods]
    events = [e for p in periods for e in p.events]
    floor = math.sqrt(math.fsum(e.intensity ** 2 for e in events) / len(events)) if events else 0
    breaks, method = find_breaks(values, penalty, min_size, floor)
    bounds = [0, *breaks, len(values)]
    points = []
    for i, position in enumerate(breaks):
        before_seg = periods[bounds[i]:position]
        after_seg = periods[position:bounds[i + 2]]
        before = sum(p.index for p in before_seg) / len(before_seg)
        after = sum(p.index for p in after_seg) / len(after_seg)
        drivers, what = _drivers(before_seg, after_seg, after > before)
        points.append(ChangePoint(position, periods[position].start, before, after, drivers,
                                  what))
    return points, method


def _drivers(before: Sequence[Period], after: Sequence[Period], rising: bool
             ) -> tuple[list[DyadEvent], str]:
    new = [e for p in after for e in p.events]
    if rising:
        hostile = sorted((e for e in new if e.intensity < 0),
                         key=lambda e: (e.intensity, -e.mentions, e.day, e.cluster_id))
        return hostile[:DRIVERS], "the most hostile events after the change"
    friendly = sorted((e for e in new if e.intensity > 0),
                      key=lambda e: (-e.intensity, -e.mentions, e.day, e.cluster_id))
    if friendly:
        return friendly[:DRIVERS], "the most cooperative events after the change"
    old = sorted((e for p in before for e in p.events if e.intensity < 0),
                 key=lambda e: (e.intensity, -e.mentions, e.day, e.cluster_id))
    return old[:DRIVERS], "the hostile events before the change, which stopped"


def how_unusual(value: float, history: Sequence[float], had_events: bool,
                unit: str = "period") -> Unusual:
    """``value`` of the index against ``history`` (the values of the periods before it,
    empty ones as 0; ``had_events``: whether any of them held an event)."""
    n = len(history)
    word = "escalating" if value > 0 else "improving" if value < 0 else "steady"
    if not n or not had_events:
        return Unusual(value, None, None, None, word,
                       f"no events in the {n} {unit}{'s' if n != 1 else ''} before: no "
                       "history to compare")
    mean = math.fsum(history) / n
    sd = math.sqrt(math.fsum((h - mean) ** 2 for h in history) / n)
    change = round(value - mean, 9) + 0.0
    if sd == 0.0:
        word = "escalating" if change > 0 else "improving" if change < 0 else "steady"
        return Unusual(value, mean, 0.0, None, word,
                       f"{_signed(change)} from its {n}-{unit} mean, which never varied: no "
                       "spread to compare")
    z = change / sd
    word = "escalating" if z >= 1 else "improving" if z <= -1 else "steady"
    side = "above" if z >= 0 else "below"
    return Unusual(value, mean, sd, z, word,
                   f"{_signed(change)} against its {n}-{unit} mean {_signed(mean)}, "
                   f"{abs(z):.1f} sd {side} it")


# -- reading the store --------------------------------------------------------------------------


def parse_code(code: str) -> str:
    """The country of a code given by a user, or :class:`DyadQueryError`."""
    cleaned = code.strip().upper()
    if not _CODE.fullmatch(cleaned):
        raise DyadQueryError(f"{code!r} is not an actor code (a country's ISO-3166 alpha-3 "
                             "code such as RUS, or an IGO code such as IGOUNO)")
    return country(cleaned)


def store_range(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """The first and last day of the store's asserted event clusters."""
    row = con.execute("SELECT min(date), max(date) FROM event_clusters "
                      "WHERE asserted AND date IS NOT NULL").fetchone()
    if row is None or row[0] is None:
        return None
    return row[0], row[1]


def known_code(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    row = con.execute(
        f"SELECT EXISTS (SELECT 1 FROM event_clusters, "
        f"unnest(list_concat(actor_codes, recipient_codes)) AS u(x) "
        f"WHERE {country_sql('x')} = ?)", [code]).fetchone()
    return bool(row and row[0])


def dyad_events(con: duckdb.DuckDBPyConnection, source: str, target: str, first: date,
                last: date, both: bool = False) -> list[DyadEvent]:
    """The asserted event clusters of ``source`` toward ``target`` (``both``: and back)
    dated ``first`` to ``last``, by date."""
    rows = con.execute(
        _CLUSTERS + """
        SELECT cluster_id, date, event, mode, quad, intensity, num_mentions, doc_id, sentence,
               actor_codes, recipient_codes
        FROM reps
        WHERE (list_contains(sources, ?) AND list_contains(targets, ?))
           OR (? AND list_contains(sources, ?) AND list_contains(targets, ?))
        ORDER BY date, cluster_id
        """, [first, last, source, target, both, target, source]).fetchall()
    return [DyadEvent(r[0], r[1], r[2] or "", r[3] or "", int(r[4]), float(r[5]), int(r[6]),
                      r[7] or "", r[8] or "", tuple(r[9] or ()), tuple(r[10] or ()))
            for r in rows]


def load_dyad(con: duckdb.DuckDBPyConnection, source: str, target: str, by: str = "week",
              since: date | None = None, until: date | None = None, both: bool = False,
              penalty: float = PENALTY) -> DyadSeries:
    """The dyad's series over the window (``since``..``until``, within the store's dates;
    by default from the dyad's first event to the store's last day), its change points and
    how unusual its latest period is. Raises :class:`DyadQueryError` for a query that
    cannot be answered, :class:`NoEvents` when the window holds no event of the dyad."""
    if by not in BY:
        raise DyadQueryError(f"--by must be one of {', '.join(BY)}, not {by!r}")
    a, b = parse_code(source), parse_code(target)
    if a == b:
        raise DyadQueryError(f"{source} and {target} are the same country ({a}); a dyad "
                             "needs two")
    if since and until and since > until:
        raise DyadQueryError(f"--since {since} is after --until {until}")
    span = store_range(con)
    if span is None:
        raise DyadQueryError("the store holds no dated events reported as happened yet (run "
                             "'redline ingest' first)")
    for code, given in ((a, source), (b, target)):
        if not known_code(con, code):
            raise DyadQueryError(f"no event in the store involves {code}"
                                 + (f" ({given} read as {code})" if given.upper() != code
                                    else "") + "; check the code with 'redline codes'")
    first, last = max(since or span[0], span[0]), min(until or span[1], span[1])
    if first > last:
        raise DyadQueryError(f"the dates asked for ({since or '...'} to {until or '...'}) are "
                             f"outside the store's events, {span[0]} to {span[1]}")
    events = dyad_events(con, a, b, first, last, both)
    name = f"{a}{'<->' if both else '->'}{b}"
    if not events:
        raise NoEvents(f"no asserted events of {name} from {first} to {last}")
    if since is None:  # from the dyad's first event (the store may hold a few from 1815)
        first = events[0].day
    if period_count(first, last, by) > MAX_PERIODS:
        raise DyadQueryError(f"{first} to {last} is over {MAX_PERIODS} {by}s; give --since "
                             "or a longer --by")
    periods = build_series(events, by, first, last)
    points, method = change_points(periods, penalty)
    history = periods[:-1]
    latest = how_unusual(periods[-1].index, [p.index for p in history],
                         any(p.total for p in history), unit=by)
    return DyadSeries(a, b, both, by, first, last, periods, points, method, latest)


@dataclass(frozen=True)
class PairTrend:
    """A pair of countries active on a day: its clusters that day, its index that day against
    its history (``how_unusual``) and on how many days of that history it had events."""

    source: str
    target: str
    count: int
    unusual: Unusual
    active_days: int


def pair_trends(con: duckdb.DuckDBPyConnection, day: date, days: int = HISTORY_DAYS
                ) -> list[PairTrend]:
    """For each directed pair of countries with an asserted event cluster on ``day``: its
    number of clusters that day and its escalation index that day against its ``days``
    days before (see ``how_unusual``); the most escalating change first."""
    start = day - timedelta(days=days)
    rows = con.execute(
        _CLUSTERS + """
        , pairs AS (
            SELECT DISTINCT r.cluster_id, r.date, r.intensity, s AS source, t AS target
            FROM reps r, unnest(r.sources) AS a(s), unnest(r.targets) AS b(t)
            WHERE s <> t
        ),
        active AS (SELECT DISTINCT source, target FROM pairs WHERE date = ?)
        SELECT p.source, p.target, p.date, sum(p.intensity), count(*)
        FROM pairs p JOIN active USING (source, target)
        GROUP BY p.source, p.target, p.date
        """, [start, day, day]).fetchall()
    by_pair: dict[tuple[str, str], dict[date, tuple[float, int]]] = {}
    for source, target, when, total, n in rows:
        by_pair.setdefault((source, target), {})[when] = (float(total), int(n))
    trends = []
    for (source, target), per_day in by_pair.items():
        history = [start + timedelta(days=i) for i in range(days)]
        values = [-per_day.get(d, (0.0, 0))[0] + 0.0 for d in history]
        active = sum(1 for d in history if d in per_day)
        today, count = per_day[day]
        trends.append(PairTrend(source, target, count,
                                how_unusual(-today + 0.0, values, active > 0, unit="day"),
                                active))
    trends.sort(key=lambda t: (-(t.unusual.value - (t.unusual.mean or 0.0)), t.source,
                               t.target))
    return trends


# -- output ---------------------------------------------------------------------------------------

CSV_COLUMNS = ("period", "quad1", "quad2", "quad3", "quad4", "total", "intensity_sum",
               "intensity_mean", "balance", "escalation_index", "change_point")


def csv_rows(series: DyadSeries) -> list[list[Any]]:
    """The series as CSV rows (a header first); ``change_point`` is 1 for the first period
    of a new segment."""
    starts = {c.position for c in series.change_points}
    out: list[list[Any]] = [list(CSV_COLUMNS)]
    for i, period in enumerate(series.periods):
        row = period.to_dict()
        out.append([row[c] if c in row and row[c] is not None else "" for c in CSV_COLUMNS[:-1]]
                   + [int(i in starts)])
    return out


def table_lines(series: DyadSeries, width: int = 100) -> list[str]:
    """The series for reading: one line a period, then the change points and their
    drivers, then how unusual the latest period is."""
    lines = [f"{series.name} by {series.by}, {series.first} to {series.last}: "
             f"{len(series.events)} asserted events (each cluster once)",
             "escalation index = -(summed intensity); balance = (cooperation - conflict) / "
             "events",
             f"{'period':<10} {'q1':>3} {'q2':>3} {'q3':>3} {'q4':>3} {'events':>6} "
             f"{'sum':>7} {'mean':>6} {'balance':>7} {'index':>7}"]
    starts = {c.position for c in series.change_points}
    for i, p in enumerate(series.periods):
        mean = f"{p.intensity_mean:+6.1f}" if p.intensity_mean is not None else f"{'':>6}"
        balance = f"{p.balance:+7.2f}" if p.balance is not None else f"{'':>7}"
        mark = "  <- change" if i in starts else ""
        lines.append(f"{p.start.isoformat():<10} {p.counts[0]:>3} {p.counts[1]:>3} "
                     f"{p.counts[2]:>3} {p.counts[3]:>3} {p.total:>6} {p.intensity_sum:+7.1f} "
                     f"{mean} {balance} {p.index:+7.1f}{mark}")
    lines.append(f"change points: {series.method}")
    if not series.change_points and series.method.startswith("PELT"):
        lines.append("  none found")
    for point in series.change_points:
        lines.append(f"  {point.start}: {point.direction}, mean index {point.before:+.1f} -> "
                     f"{point.after:+.1f}; {point.drivers_are}:")
        for event in point.drivers:
            head = f"    {event.label} {event.intensity:+.1f} [{event.doc_id}] "
            room = max(20, width - len(head))
            text = " ".join(event.sentence.split())
            lines.append(head + (text if len(text) <= room else text[: room - 1] + "…"))
    latest = series.latest
    lines.append(f"latest {series.by} ({series.periods[-1].start}): index {latest.value:+.1f}, "
                 f"{latest.word}: {latest.text}")
    return lines
