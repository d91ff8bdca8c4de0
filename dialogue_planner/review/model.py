"""The figures of a topic focus review as plain, immutable data (what the view and the PDF show)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from dialogue_planner.review.scope import ReviewScope, Share

NO_MINUTES = "no agenda minutes recorded"
NO_AGENDA = "no round in the review has an agenda"
NO_FOLLOW_UPS = "no follow-ups recorded"


@dataclass(frozen=True)
class DialogueInReview:
    id: int
    country: str
    title: str
    focus_target: int
    iso_code: str


class RoundFocus(NamedTuple):
    """One round in the review: its agenda size against the focus target, and its minutes.

    topic_count: agenda items of the round (a topic is on an agenda at most once).
    priority_topic_count: those whose topic was a priority topic on the round's start date.
    minutes / priority_minutes: minutes allotted to all those items / to the priority ones.
    """

    round_id: int
    dialogue_id: int
    country: str
    number: int
    start_date: datetime.date | None
    status: str
    focus_target: int
    topic_count: int
    priority_topic_count: int
    minutes: int
    priority_minutes: int

    @property
    def over_target(self) -> bool:
        """More topics on the agenda than the dialogue's focus target."""
        return self.topic_count > self.focus_target

    @property
    def label(self) -> str:
        return f"{self.country} {self.number}"

    @property
    def priority_share(self) -> Share:
        return Share(self.priority_minutes, self.minutes, NO_MINUTES)


@dataclass(frozen=True)
class DialogueFocus:
    """Focus figures summed over the rounds in the review of one dialogue (dialogue_id None: all chosen).

    rounds: rounds in the review; rounds_with_agenda: those with at least one agenda item;
    rounds_over_target: those with more topics than the focus target; agenda_items: the items of
    all those rounds; average_topics: agenda_items / rounds_with_agenda (rounds without an agenda
    are not yet planned, so they do not pull the average down); priority_share: priority_minutes /
    minutes.
    """

    dialogue_id: int | None
    country: str
    rounds: int
    rounds_with_agenda: int
    rounds_over_target: int
    agenda_items: int
    minutes: int
    priority_minutes: int

    @property
    def average_topics(self) -> float | None:
        return self.agenda_items / self.rounds_with_agenda if self.rounds_with_agenda else None

    @property
    def average_topics_reason(self) -> str | None:
        return None if self.rounds_with_agenda else NO_AGENDA

    @property
    def priority_share(self) -> Share:
        return Share(self.priority_minutes, self.minutes, NO_MINUTES)


@dataclass(frozen=True)
class GridTopic:
    """A row of the grid: a topic on some agenda in the review, or a priority topic of some round in it."""

    topic_id: int
    name: str
    is_priority: bool


class GridCell(NamedTuple):
    """A topic x round cell: on the agenda (with minutes) and/or a priority topic of that round.

    A named tuple rather than a dataclass: a large review has tens of thousands of cells.
    """

    agenda_item_id: int | None
    minutes: int | None
    priority_topic_id: int | None

    @property
    def on_agenda(self) -> bool:
        return self.agenda_item_id is not None

    @property
    def is_priority(self) -> bool:
        return self.priority_topic_id is not None


@dataclass(frozen=True)
class TopicRoundGrid:
    """Which topic was on which round's agenda: rows are topics (priority topics first), columns rounds.

    Columns are the rounds of the review grouped by dialogue (by country name) and ordered by
    round number. The cells are not part of it (a large review has 150,000): `review.grid_cells`
    reads them for the rounds wanted, all of them or those on screen. max_minutes: the most
    minutes of any agenda item of the rounds in the review (0 without any), the darkest shade.
    """

    topics: tuple[GridTopic, ...]
    rounds: tuple[RoundFocus, ...]
    max_minutes: int = 0


@dataclass(frozen=True)
class GridCells:
    """The cells of the grid for some of its rounds (`review.grid_cells`): only the cells that are on an
    agenda or a priority topic, by (topic id, round id).

    round_ids: the rounds whose cells these are (None: every round of the review).
    """

    round_ids: frozenset[int] | None
    # (topic id, round id) -> (agenda item id, minutes, priority topic id), the fields of a GridCell;
    # kept as plain tuples because a large review has 150,000 cells.
    cells: dict[tuple[int, int], tuple[int | None, int | None, int | None]]

    def cell(self, topic_id: int, round_id: int) -> GridCell | None:
        values = self.cells.get((topic_id, round_id))
        return None if values is None else GridCell._make(values)

    def __len__(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Continuity:
    """How continuously a priority topic of a dialogue stayed on the agenda, over the rounds in the review.

    A (dialogue, topic) is listed when the topic was a priority topic on the start date of at least
    one round of that dialogue in the review. Only the dialogue's rounds in the review that have an
    agenda count (rounds_with_agenda of them); a run is a stretch of consecutive such rounds, by
    round number, with the topic on the agenda, whether or not it was a priority at each of them.
    rounds_on_agenda: how many of those rounds had the topic on the agenda. longest_run: the longest
    run (the earliest when several are as long), from round longest_from to longest_to (None when
    the topic was never on the agenda); current_run: the run ending at the dialogue's last round
    with an agenda, 0 when the topic is not on that round's agenda.
    """

    dialogue_id: int
    country: str
    topic_id: int
    topic_name: str
    rounds_with_agenda: int
    rounds_on_agenda: int
    longest_run: int
    longest_from: int | None
    longest_to: int | None
    current_run: int


@dataclass(frozen=True)
class CoveredTopic:
    """A priority topic in force on the reference date, with the active joint projects behind it.

    active_projects: joint projects with status 'active', in the dialogue's country, linked to the topic.
    """

    priority_topic_id: int
    dialogue_id: int
    country: str
    topic_id: int
    topic_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    active_projects: int


@dataclass(frozen=True)
class ProjectOffPriority:
    """An active joint project in a chosen dialogue's country on none of its priority topics in force."""

    project_id: int
    title: str
    country: str
    status: str


@dataclass(frozen=True)
class FollowUpFigures:
    """Follow-ups agreed at the rounds in the review (dialogue_id None: all chosen dialogues).

    overdue: open with a due date before today (they are also counted as open);
    share_done: done / (done + open + dropped).
    """

    dialogue_id: int | None
    country: str
    done: int
    open: int
    dropped: int
    overdue: int

    @property
    def total(self) -> int:
        return self.done + self.open + self.dropped

    @property
    def share_done(self) -> Share:
        return Share(self.done, self.total, NO_FOLLOW_UPS)


@dataclass(frozen=True)
class CaseFigures:
    """An individual case put on a round in the review (case_id None: the sum over all cases).

    times_raised: raisings at rounds that were held or concluded; with_response: those of them with
    a response recorded (any non-blank text); without_response: times_raised - with_response;
    planned: raisings at rounds not held yet (planned, in preparation, postponed).
    latest_response: the response at the latest round (highest start date, then number) that has one.
    The label names the person only for a case marked shareable.
    """

    case_id: int | None
    label: str
    country: str
    category: str
    situation: str
    shareable: bool
    times_raised: int
    with_response: int
    planned: int
    latest_response: str = ""
    latest_response_round: int | None = None

    @property
    def without_response(self) -> int:
        return self.times_raised - self.with_response


@dataclass(frozen=True)
class Review:
    """Every figure of the topic focus review for one scope."""

    scope: ReviewScope
    dialogues: tuple[DialogueInReview, ...]
    rounds: tuple[RoundFocus, ...]
    focus_by_dialogue: tuple[DialogueFocus, ...]
    focus_total: DialogueFocus
    grid: TopicRoundGrid
    continuity: tuple[Continuity, ...]
    coverage: tuple[CoveredTopic, ...]
    projects_off_priority: tuple[ProjectOffPriority, ...]
    follow_ups_by_dialogue: tuple[FollowUpFigures, ...]
    follow_ups_total: FollowUpFigures
    cases: tuple[CaseFigures, ...]
    cases_total: CaseFigures
    notes: tuple[str, ...] = field(default=())

    @property
    def rounds_over_target(self) -> tuple[RoundFocus, ...]:
        return tuple(round_ for round_ in self.rounds if round_.over_target)

    @property
    def uncovered_topics(self) -> tuple[CoveredTopic, ...]:
        """Priority topics in force without an active joint project in the dialogue's country."""
        return tuple(topic for topic in self.coverage if topic.active_projects == 0)
