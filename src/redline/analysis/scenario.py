"""What if? (``redline scenario``): from a hypothetical event, follow the stored commitments
and print the chain of responses they state, each citing its sentence.

A scenario is ``"ACTOR TYPE RECIPIENT [MODE]"`` ("KOR AID UKR weapons") or the JSON object
``{"actor": "KOR", "event": "AID", "recipient": "UKR", "mode": "weapons"}``: actor codes
(ISO-3166 alpha-3, ``WST``, an IGO code, or a code found in the store; a composite such as
``RUSGOV`` is read as its country), a PLOVER type and optionally one of its modes.

The search is breadth first. A hypothetical event *triggers* a stored commitment when it
matches the commitment's trigger: each side the trigger names (actor, recipient) must share
a code with the event (an empty side matches anyone; an actor the coder could not code,
such as "protesters", matches no coded actor), the trigger's type must be the event's (an
empty type, "contingent on Russia's actions", matches any event, and an event of
unspecified type matches only such triggers), and the modes are compared only when both
name one. The commitment's response is then the next hypothetical event: without an actor
its holder acts; without a recipient, a conflictual or unspecified response ("Russia will
respond ...") is aimed at the trigger's actor, a cooperative one has no known recipient.

An alliance commitment (its holders are the parties) is triggered by an attack on a party
(an event of the alliance trigger's type, or ``ASSAULT`` or ``COERCE``: :data:`ATTACKS`) by
someone outside it: the other parties respond toward the attacker, an act of unspecified
type (the text states an obligation, "mutual cooperation", not what will be done).

Each event is followed once: a response seen before (a cycle, A threatens B and B
threatens A) is shown with the step it repeats and not followed again. The search stops at
``depth`` steps from the start (the responses that would come next are counted) and after
:data:`MAX_STEPS` steps in all.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

ATTACKS = frozenset({"ASSAULT", "COERCE"})
DEFAULT_DEPTH = 4
MAX_DEPTH = 20
MAX_STEPS = 200


class ScenarioError(ValueError):
    """A scenario that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Hypothesis:
    """A hypothetical event: actor and recipient codes (an uncoded actor as its quoted
    words), a PLOVER type ("" when unspecified) and a mode."""

    actor: tuple[str, ...]
    event: str
    mode: str = ""
    recipient: tuple[str, ...] = ()

    def text(self) -> str:
        did = (self.event or "(unspecified response)") + (f"/{self.mode}" if self.mode else "")
        whom = f" -> {','.join(self.recipient)}" if self.recipient else ""
        return f"{','.join(self.actor) or '?'} {did}{whom}"

    def to_dict(self) -> dict[str, Any]:
        return {"actor": list(self.actor), "event": self.event, "mode": self.mode,
                "recipient": list(self.recipient)}


@dataclass(frozen=True)
class StoredCommitment:
    """A commitment as the search reads it from the store."""

    id: str
    kind: str
    holder: tuple[str, ...]
    trigger: Hypothesis
    response: Hypothesis
    sentence: str
    doc_id: str
    date: str

    def text(self) -> str:
        return (f"{self.kind} by {','.join(self.holder) or '?'}: if {self.trigger.text()} "
                f"then {self.response.text()}")


@dataclass(frozen=True)
class Step:
    """One triggered response: ``cause`` (the start or an earlier step's response) triggered
    ``commitment``, whose ``response`` follows. ``repeats``: the number of the step (0, the
    start) whose event this response already was: a cycle, not followed again."""

    number: int
    depth: int
    after: int  # the step whose response was the cause; 0 for the start
    cause: Hypothesis
    commitment: StoredCommitment
    response: Hypothesis
    note: str = ""
    repeats: int | None = None

    def to_dict(self) -> dict[str, Any]:
        c = self.commitment
        return {"step": self.number, "depth": self.depth, "after": self.after,
                "cause": self.cause.to_dict(), "kind": c.kind, "holder": list(c.holder),
                "response": self.response.to_dict(), "note": self.note,
                "repeats": self.repeats, "commitment_id": c.id, "sentence": c.sentence,
                "doc_id": c.doc_id, "date": c.date}


@dataclass
class Scenario:
    start: Hypothesis
    depth: int
    steps: list[Step] = field(default_factory=list)
    beyond_depth: int = 0  # responses not followed for the depth limit
    beyond_steps: bool = False  # stopped at MAX_STEPS
    explanation: list[str] = field(default_factory=list)  # why nothing triggers

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.to_dict(), "depth": self.depth,
                "steps": [s.to_dict() for s in self.steps],
                "not_followed_beyond_depth": self.beyond_depth,
                "stopped_at_max_steps": self.beyond_steps, "explanation": self.explanation}


# -- reading the scenario ------------------------------------------------------------------


def known_codes(con: duckdb.DuckDBPyConnection | None = None) -> frozenset[str]:
    """The actor codes a scenario may name: the dictionaries' countries (with ``WST``) and
    IGOs, and every code in the store."""
    from redline.actors.codebook import load_codebook

    book = load_codebook()
    codes = set(book.countries) | set(book.igos)
    if con is not None:
        for table, columns in (("events", ("actor", "recipient")),
                               ("commitments", ("holder",))):
            for column in columns:
                codes.update(str(code) for (code,) in con.execute(
                    f"SELECT DISTINCT a.code FROM {table}, unnest({column}) AS x(a) "
                    "WHERE a.code <> ''").fetchall())
    return frozenset(codes)


def parse_scenario(text: str, codes: Iterable[str],
                   modes: Mapping[str, Sequence[str]] | None = None) -> Hypothesis:
    """The hypothetical event of ``text`` (see the module's docstring); ``codes`` are the
    known actor codes, ``modes`` each PLOVER type's modes (default: the ontology's).
    Raises :class:`ScenarioError` with a one-line message."""
    if modes is None:
        modes = plover_modes()
    known = frozenset(codes)
    stripped = text.strip()
    if not stripped:
        raise ScenarioError("the scenario is empty; give 'ACTOR TYPE RECIPIENT [MODE]', "
                            "e.g. 'KOR AID UKR weapons'")
    if stripped[0] in "{[":  # JSON (an array is refused as such)
        actor, event, recipient, mode = _from_json(stripped)
    else:
        words = stripped.split()
        if len(words) not in (3, 4):
            raise ScenarioError(f"cannot read the scenario {_shown(stripped)}: give 'ACTOR "
                                "TYPE RECIPIENT [MODE]', e.g. 'KOR AID UKR weapons', or a "
                                "JSON object with actor, event, recipient and mode")
        actor, event, recipient = [words[0]], words[1], [words[2]]
        mode = words[3] if len(words) == 4 else ""
    event = event.strip().upper()
    if event not in modes:
        raise ScenarioError(f"unknown PLOVER event type {_shown(event)} (one of "
                            f"{', '.join(sorted(modes))})")
    mode = mode.strip().lower()
    if mode and mode not in modes[event]:
        allowed = ", ".join(modes[event]) or "none"
        raise ScenarioError(f"{_shown(mode)} is not a mode of {event} (its modes: {allowed})")
    return Hypothesis(_codes(actor, known, "actor"), event, mode,
                      _codes(recipient, known, "recipient"))


def plover_modes() -> dict[str, list[str]]:
    from redline.ontology import load_ontology

    return {name: [m.name for m in t.modes] for name, t in load_ontology().types.items()}


def _from_json(text: str) -> tuple[list[str], str, list[str], str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"the scenario is not valid JSON ({exc.msg} at character "
                            f"{exc.pos})") from None
    if not isinstance(data, dict):
        raise ScenarioError("a JSON scenario must be an object with actor, event, recipient "
                            "and mode")
    unknown = sorted(set(data) - {"actor", "event", "type", "recipient", "mode"})
    if unknown:
        raise ScenarioError(f"unknown field {_shown(unknown[0])} in the JSON scenario (its "
                            "fields: actor, event, recipient, mode)")
    event = data.get("event", data.get("type"))
    if not isinstance(event, str) or not event.strip():
        raise ScenarioError("the JSON scenario needs 'event', a PLOVER type such as AID")
    mode = data.get("mode") or ""
    if not isinstance(mode, str):
        raise ScenarioError("the JSON scenario's 'mode' must be a string")
    sides: list[list[str]] = []
    for side in ("actor", "recipient"):
        value = data.get(side)
        value = [value] if isinstance(value, str) else value
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, str) and v.strip() for v in value)):
            raise ScenarioError(f"the JSON scenario needs '{side}', an actor code or a list "
                                "of them")
        sides.append(value)
    return sides[0], event, sides[1], mode


def _codes(values: Sequence[str], known: frozenset[str], side: str) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        code = value.strip().upper()
        if code not in known and code[:3] in known and not code.startswith("IGO"):
            code = code[:3]  # RUSGOV: Russia
        if code not in known:
            raise ScenarioError(f"unknown {side} code {_shown(value.strip())} (an ISO-3166 "
                                "alpha-3 country code such as KOR, WST, an IGO code such as "
                                "IGOUNO, or a code in the store; 'redline codes' explains "
                                "codes)")
        if code not in found:
            found.append(code)
    return tuple(found)


def _shown(value: str) -> str:
    from redline.output.terminal import one_line

    value = one_line(value)
    return repr(value if len(value) <= 60 else value[:59] + "…")


# -- the stored commitments ----------------------------------------------------------------


def read_commitments(con: duckdb.DuckDBPyConnection) -> list[StoredCommitment]:
    rows = con.execute(
        """
        SELECT id, kind, holder, "trigger", response, sentence, doc_id, date
        FROM commitments ORDER BY date, doc_id, sentence_index, id
        """).fetchall()
    return [StoredCommitment(str(cid), str(kind), _actor_codes(holder), _sketch(trigger),
                             _sketch(response), sentence or "", doc_id or "",
                             day.isoformat() if day else "")
            for cid, kind, holder, trigger, response, sentence, doc_id, day in rows]


def _actor_codes(actors: Iterable[Mapping[str, Any]] | None) -> tuple[str, ...]:
    """Codes in order, once each; an uncoded actor as its quoted words."""
    found: list[str] = []
    for actor in actors or ():
        code = actor.get("code") or f"'{(actor.get('text') or '?').lower()}'"
        if code not in found:
            found.append(code)
    return tuple(found)


def _sketch(sketch: Mapping[str, Any] | None) -> Hypothesis:
    sketch = sketch or {}
    return Hypothesis(_actor_codes(sketch.get("actor")), sketch.get("event") or "",
                      sketch.get("mode") or "", _actor_codes(sketch.get("recipient")))


# -- the search ----------------------------------------------------------------------------


def matches(trigger: Hypothesis, event: Hypothesis) -> bool:
    """Whether ``event`` is an instance of ``trigger`` (see the module's docstring)."""
    return not differences(trigger, event)


def differences(trigger: Hypothesis, event: Hypothesis) -> list[str]:
    """What keeps ``event`` from matching ``trigger``, in words (empty: it matches)."""
    found = []
    if trigger.actor and not set(trigger.actor) & set(event.actor):
        found.append(f"its actor is {','.join(trigger.actor)}")
    if trigger.event and trigger.event != event.event:
        found.append(f"its event is {trigger.event}")
    if trigger.mode and event.mode and trigger.mode != event.mode:
        found.append(f"its mode is {trigger.mode}")
    if trigger.recipient and not set(trigger.recipient) & set(event.recipient):
        found.append(f"its recipient is {','.join(trigger.recipient)}")
    return found


def respond(commitment: StoredCommitment, event: Hypothesis,
            quads: Mapping[str, int]) -> tuple[Hypothesis, str] | None:
    """The response ``event`` triggers under ``commitment`` with a note, or None."""
    if commitment.kind == "alliance":
        return _alliance(commitment, event)
    if not matches(commitment.trigger, event):
        return None
    stated = commitment.response
    actor = stated.actor or commitment.holder
    recipient = stated.recipient
    note = ""
    if not recipient and (not stated.event or quads.get(stated.event, 0) >= 3):
        recipient = tuple(a for a in event.actor if a not in actor)
        note = "aimed at the trigger's actor (the response names no recipient)"
    return Hypothesis(actor, stated.event, stated.mode, recipient), note


def _alliance(commitment: StoredCommitment, event: Hypothesis
              ) -> tuple[Hypothesis, str] | None:
    parties = set(commitment.holder)
    attacks = ATTACKS | ({commitment.trigger.event} if commitment.trigger.event else set())
    attacked = [p for p in event.recipient if p in parties]
    if event.event not in attacks or not attacked or set(event.actor) & parties:
        return None
    responders = tuple(p for p in commitment.holder if p not in attacked)
    if not responders or not event.actor:
        return None
    obligation = commitment.response.event or "assistance"
    return (Hypothesis(responders, "", "", event.actor),
            f"alliance: an attack on {','.join(attacked)} calls on "
            f"{','.join(responders)} (stated obligation: mutual {obligation})")


def run_scenario(start: Hypothesis, commitments: Sequence[StoredCommitment],
                 depth: int = DEFAULT_DEPTH, quads: Mapping[str, int] | None = None,
                 max_steps: int = MAX_STEPS) -> Scenario:
    """Follow the commitments from ``start``, breadth first, up to ``depth`` steps deep."""
    if quads is None:
        from redline.ontology import load_ontology

        quads = {name: t.quad for name, t in load_ontology().types.items()}
    scenario = Scenario(start, depth)
    seen: dict[Hypothesis, int] = {start: 0}
    queue: deque[tuple[Hypothesis, int, int]] = deque([(start, 0, 0)])
    while queue:
        event, level, number = queue.popleft()
        for commitment in commitments:
            found = respond(commitment, event, quads)
            if found is None:
                continue
            if level >= depth:
                scenario.beyond_depth += 1
                continue
            if len(scenario.steps) >= max_steps:
                scenario.beyond_steps = True
                return scenario
            response, note = found
            step = Step(len(scenario.steps) + 1, level + 1, number, event, commitment,
                        response, note, seen.get(response))
            scenario.steps.append(step)
            if step.repeats is None:
                seen[response] = step.number
                queue.append((response, level + 1, step.number))
    if not scenario.steps:
        scenario.explanation = explain_nothing(start, commitments)
    return scenario


def explain_nothing(start: Hypothesis, commitments: Sequence[StoredCommitment],
                    closest: int = 3) -> list[str]:
    """Why no commitment is triggered by ``start``: the nearest triggers and how they
    differ."""
    if not commitments:
        return ["The store holds no commitments (threats, promises, conditions, "
                "alliances), so nothing can be triggered."]
    lines = [f"No stored commitment has {start.text()} as its trigger "
             f"({len(commitments)} commitments in the store)."]
    ranked = []
    for c in commitments:
        if c.kind == "alliance":
            why = [f"it is an alliance of {','.join(c.holder)}, triggered only by an attack "
                   f"({'/'.join(sorted(ATTACKS | {c.trigger.event} - {''}))}) on a party"]
        else:
            why = differences(c.trigger, start)
        ranked.append((len(why), c.date, c.id, c, why))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    lines.append("The closest:")
    for _n, _day, _id, c, why in ranked[:closest]:
        lines.append(f"  {c.text()} ({c.date or 'undated'}): not triggered, "
                     f"{'; '.join(why)}. \"{c.sentence}\"")
    return lines


def scenario_lines(scenario: Scenario) -> list[str]:
    """The chain as text, one step a paragraph."""
    lines = [f"Scenario: {scenario.start.text()} (depth limit {scenario.depth})"]
    if not scenario.steps:
        return lines + scenario.explanation
    for step in scenario.steps:
        c = step.commitment
        cause = "the scenario" if step.after == 0 else f"step {step.after}"
        lines.append(f"{step.number}. [depth {step.depth}] {step.response.text()}")
        lines.append(f"   because {cause} ({step.cause.text()}) triggers the {c.kind} of "
                     f"{','.join(c.holder) or '?'}" + (f"; {step.note}" if step.note else ""))
        if step.repeats is not None:
            again = "the scenario itself" if step.repeats == 0 else f"step {step.repeats}"
            lines.append(f"   cycle: this is {again} again; not followed further")
        lines.append(f"   stated {c.date or 'undated'} in {c.doc_id}: \"{c.sentence}\"")
    if scenario.beyond_depth:
        lines.append(f"Depth limit {scenario.depth} reached: {scenario.beyond_depth} further "
                     "response(s) not followed (raise --depth to see them).")
    if scenario.beyond_steps:
        lines.append(f"Stopped after {MAX_STEPS} steps.")
    return lines
