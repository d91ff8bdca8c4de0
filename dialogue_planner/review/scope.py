"""What a review looks at (dialogues, period, today) and the SQL building blocks every figure shares.

Every figure and every drill-down starts from the same common table
expressions, so a number and the records behind it can never disagree:

- `scope_round`: the rounds in the review. A round is in it when its dialogue
  is chosen (all dialogues when none are chosen), it is not cancelled, and its
  start date lies in the period, both ends included. A round without a start
  date is in it only when the period is open at both ends.
- `agenda_round`: those of them with at least one agenda item, with `seq`
  numbering them 1, 2, 3... by round number within each dialogue: two rounds
  are *consecutive* when their `seq` differ by one. A round without agenda
  items (not planned yet, or its agenda not recorded) neither breaks nor
  extends a run of a topic.
- `round_priority`: the priority topics in force at each round in the review,
  one row per (round, topic): the topic was a priority topic of the round's
  dialogue on the round's start date, that is, a PriorityTopic of that
  dialogue and topic with valid_from <= start date and (valid_to empty or
  valid_to >= start date). A round without a start date has no priority topics.
- `scope_agenda`: the agenda items of the rounds in the review, optionally
  with `is_priority` (1 or 0): whether (its round, its topic) is in
  `round_priority`.

Both say "in force" through `in_force`. The figures, which go through every
agenda item, join `round_priority` (some 10,000 rows at demo x100): asking for
each of the 150,000 items whether a PriorityTopic covers it cost several times
more. `round_priority` reads the rounds through `round_in_scope`, the
condition `scope_round` is made of, so that the rounds' (dialogue, start date)
index serves it. `scope_agenda`, which drill-downs narrow to a round
or a dialogue, asks per item: computing `round_priority` for the whole review
would cost more than the few items they list.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import JOIN, Case, Select, fn

from dialogue_planner.errors import ValidationError
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

# A round at one of these statuses took place: cases raised there count as raised.
HELD_STATUSES = ("held", "concluded")
# A cancelled round never had an agenda worth reviewing.
EXCLUDED_STATUSES = ("cancelled",)


@dataclass(frozen=True)
class ReviewScope:
    """The dialogues (None: all) and the period (either end may be open) a review covers.

    `today` decides which open follow-ups are overdue and, when the period is
    open at its end, which priority topics are in force for coverage.
    """

    dialogue_ids: tuple[int, ...] | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    today: datetime.date = field(default_factory=datetime.date.today)

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"period": "it ends before it starts"}, record="review")
        if self.dialogue_ids is not None:
            object.__setattr__(self, "dialogue_ids", tuple(sorted(set(self.dialogue_ids))))

    @property
    def reference_date(self) -> datetime.date:
        """The day coverage looks at: the end of the period, or today when the period is open at its end."""
        return self.end or self.today


@dataclass(frozen=True)
class RecordRef:
    """One record behind a figure: its table, id and a line a person can read."""

    table: str
    id: int
    label: str


@dataclass(frozen=True)
class Share:
    """part / whole as a fraction, or None with the reason when there is no whole to divide by."""

    part: int
    whole: int
    reason_if_undefined: str

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def reason(self) -> str | None:
        """Why there is no value ('no agenda minutes recorded'), or None when there is one."""
        return None if self.whole else self.reason_if_undefined

    def percent_text(self) -> str:
        """'62 % (250 of 400)', or the reason."""
        if self.value is None:
            return self.reason_if_undefined
        return f"{self.value * 100:.0f} % ({self.part} of {self.whole})"


def resolve_dialogues(store: Store, names: Iterable[str]) -> tuple[int, ...]:
    """Dialogue ids for names people type: the country name, its ISO code or the dialogue title, any case.

    Raises ValidationError naming the first unknown name and the names known.
    """
    rows = list(
        m.Dialogue.select(m.Dialogue.id, m.Dialogue.title, m.Country.name, m.Country.iso_code)
        .join(m.Country)
        .order_by(m.Country.name)
        .tuples()
    )
    ids = []
    for name in names:
        wanted = name.strip().casefold()
        found = [row[0] for row in rows if wanted in (row[1].casefold(), row[2].casefold(), row[3].casefold())]
        if not found:
            known = ", ".join(row[2] for row in rows) or "none"
            raise ValidationError({"dialogue": f"no dialogue named {name!r} (known: {known})"}, record="review")
        ids.extend(found)
    return tuple(dict.fromkeys(ids))


def round_in_scope(scope: ReviewScope, round_=m.Round, among=None):
    """The condition on a Round (or alias) for being in the review (see the module docstring); with
    `among` (SQL of a list of ids, `services.list_order.id_list`), also for being one of those rounds.
    """
    condition = round_.status.not_in(EXCLUDED_STATUSES)
    if among is not None:
        condition &= round_.id.in_(among)
    if scope.dialogue_ids is not None:
        condition &= round_.dialogue.in_(scope.dialogue_ids or (-1,))
    if scope.start is not None:
        condition &= round_.start_date >= scope.start
    if scope.end is not None:
        condition &= round_.start_date <= scope.end
    return condition


def scope_rounds(scope: ReviewScope, among=None):
    """The `scope_round` CTE: id, dialogue_id, number, start_date, status (see the module docstring);
    `among`: only those of these rounds (as in `round_in_scope`).
    """
    round_ = m.Round
    return (
        round_.select(round_.id, round_.dialogue.alias("dialogue_id"), round_.number, round_.start_date, round_.status)
        .where(round_in_scope(scope, round_, among))
        .cte("scope_round", columns=("id", "dialogue_id", "number", "start_date", "status"))
    )


def in_force_on(priority, day):
    """The PriorityTopic (or alias) `priority` is valid on `day` (a date, or a date column)."""
    return (priority.valid_from <= day) & (priority.valid_to.is_null() | (priority.valid_to >= day))


def in_force(priority, dialogue, start_date):
    """The PriorityTopic (or alias) `priority` is of `dialogue` and in force on `start_date` (columns of a round)."""
    return (priority.dialogue == dialogue) & in_force_on(priority, start_date)


def priority_in_force_at(priority, scope_round):
    """The PriorityTopic (or alias) `priority` is of the round's dialogue and in force on its start date."""
    return in_force(priority, scope_round.c.dialogue_id, scope_round.c.start_date)


def round_priorities(scope: ReviewScope, among=None):
    """The `round_priority` CTE: round_id, topic_id, priority_id for the rounds in the review (see the
    module docstring); `among`: only those of these rounds (as in `round_in_scope`).

    One row per (round, topic); priority_id is the lowest id of the PriorityTopic records that make
    the topic a priority of the round (overlapping records may). Read from each priority topic to
    the rounds of its dialogue dated within its validity, through the (dialogue, start date, status)
    index of rounds (migration 0008): from each round to its dialogue's priority topics tested some
    100,000 pairs at demo x100 for 10,000 found. CROSS JOIN keeps SQLite in that order. Among a
    few listed rounds, from each of them to its dialogue's priority topics instead.
    """
    priority, round_ = m.PriorityTopic, m.Round.alias("priority_round")
    outer, inner = (priority, round_) if among is None else (round_, priority)
    return (
        Select((outer,), (round_.id, priority.topic, fn.MIN(priority.id)))
        .join(inner, JOIN.CROSS)
        .where(in_force(priority, round_.dialogue, round_.start_date) & round_in_scope(scope, round_, among))
        .group_by(round_.id, priority.topic)
        .cte("round_priority", columns=("round_id", "topic_id", "priority_id"))
    )


def is_round_priority(round_priority, round_column, topic_column):
    """The join condition: the row of `round_priority` for that round and topic."""
    return (round_priority.c.round_id == round_column) & (round_priority.c.topic_id == topic_column)


def agenda_rounds(scope: ReviewScope):
    """The `agenda_round` CTE: the rounds in the review that have an agenda, numbered.

    Columns: id, dialogue_id, number, seq, previous_id and next_id (the dialogue's agenda rounds
    just before and after, by seq; None at either end). Read from the rounds through
    `round_in_scope`, not `scope_round`: their (dialogue, number) index gives SQLite the rounds in
    the numbering's order, where the rows of `scope_round` had to be sorted first.
    """
    item, round_ = m.AgendaItem, m.Round.alias("agenda_round_of")
    has_agenda = fn.EXISTS(item.select(item.id).where(item.round == round_.id))
    columns, _in_order = agenda_round_numbering(round_)
    return (
        Select((round_,), columns)
        .where(round_in_scope(scope, round_) & has_agenda)
        .cte("agenda_round", columns=AGENDA_ROUND_COLUMNS)
    )


AGENDA_ROUND_COLUMNS = ("id", "dialogue_id", "number", "seq", "previous_id", "next_id")


def agenda_round_numbering(round_) -> tuple[list, dict]:
    """The columns AGENDA_ROUND_COLUMNS name, over `round_` (an alias of Round), and the window they are
    numbered in (each dialogue's rounds by number), for further columns over the same window."""
    in_order = {"partition_by": [round_.dialogue], "order_by": [round_.number]}
    columns = [
        round_.id,
        round_.dialogue,
        round_.number,
        fn.ROW_NUMBER().over(**in_order),
        fn.LAG(round_.id).over(**in_order),
        fn.LEAD(round_.id).over(**in_order),
    ]
    return columns, in_order


def scope_agenda(scope_round, *, with_priority: bool = True):
    """The `scope_agenda` CTE over `scope_round`: one row per agenda item of a round in the review.

    Columns: id (the agenda item), round_id, dialogue_id, number (the round's), topic_id, minutes,
    and is_priority (1/0) if `with_priority` (a lookup per item: for narrowed lists, see the module docstring).
    """
    item = m.AgendaItem
    columns = [
        item.id,
        item.round.alias("round_id"),
        scope_round.c.dialogue_id,
        scope_round.c.number,
        item.topic.alias("topic_id"),
        item.minutes,
    ]
    names = ["id", "round_id", "dialogue_id", "number", "topic_id", "minutes"]
    if with_priority:
        priority = m.PriorityTopic.alias("priority_in_force")
        in_force = priority.select(priority.id).where(
            priority_in_force_at(priority, scope_round) & (priority.topic == item.topic)
        )
        columns.append(Case(None, [(fn.EXISTS(in_force), 1)], 0).alias("is_priority"))
        names.append("is_priority")
    return (
        item.select(*columns).join(scope_round, on=(item.round == scope_round.c.id)).cte("scope_agenda", columns=names)
    )


def date_text(day: datetime.date | None) -> str:
    """ISO date for labels, or 'no date'."""
    return day.isoformat() if day else "no date"


def parse_day(value: str | None, field_name: str) -> datetime.date | None:
    """A period end typed as YYYY-MM-DD (None or blank: open); ValidationError naming `field_name` otherwise."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError({field_name: f"{value!r} is not a date (use YYYY-MM-DD)"}, record="review") from None
