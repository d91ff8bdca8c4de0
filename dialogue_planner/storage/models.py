"""Peewee models for every record the app keeps.

The models carry no database: `storage.database.open_database` binds them to
the database it opens. Enumerated fields store the plain strings listed in
`storage.vocabulary`; services validate values before they reach the models.
"""

from __future__ import annotations

import copy
import datetime

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from dialogue_planner.storage import vocabulary as vocab

NAME_LENGTH = 200
TITLE_LENGTH = 300
SHORT_LENGTH = 100
LONG_TEXT_LENGTH = 20_000


def utc_now() -> datetime.datetime:
    """The current time in UTC, naive, to the microsecond (how timestamps are stored)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class LongTextField(TextField):
    """Free text of a paragraph or more; services cap it at `max_length` characters."""

    def __init__(self, *args, max_length: int = LONG_TEXT_LENGTH, **kwargs):
        self.max_length = max_length
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)


def text(max_length: int = NAME_LENGTH, *, required: bool = False, **kwargs) -> CharField:
    """A single-line text field; optional ones default to the empty string."""
    if not required:
        kwargs.setdefault("default", "")
    return CharField(max_length=max_length, **kwargs)


def choice(values: tuple[str, ...], default: str | None = None, **kwargs) -> CharField:
    """A field holding one value of a closed vocabulary."""
    return CharField(
        max_length=40, choices=[(value, value) for value in values], default=default, **kwargs
    )


class _CopiedShallow:
    """A field of the shared Record base. peewee deep-copies every inherited field into each model
    (some 120 copies when the models are defined: about 3 ms of every start of the app), walking
    all it refers to; these fields hold only plain settings, and the model a copy joins binds its
    own name and model to it, so a shallow copy makes the same field."""

    def __deepcopy__(self, memo: dict) -> _CopiedShallow:
        return copy.copy(self)


class _RecordId(_CopiedShallow, AutoField):
    pass


class _RecordTime(_CopiedShallow, DateTimeField):
    pass


class _RecordText(_CopiedShallow, CharField):
    pass


class _RecordNumber(_CopiedShallow, IntegerField):
    pass


class Record(Model):
    """Every stored record: when it was made and changed, by whom, and its version."""

    id = _RecordId()  # what peewee would add by itself, declared to be copied shallow
    created_at = _RecordTime(default=utc_now)
    updated_at = _RecordTime(default=utc_now)
    changed_by = _RecordText(max_length=SHORT_LENGTH, default="")
    version = _RecordNumber(default=1)

    class Meta:
        legacy_table_names = False

    @classmethod
    def label(cls) -> str:
        """The record type as people say it: 'agenda item'."""
        return cls._meta.table_name.replace("_", " ")


class Country(Record):
    name = text(required=True, unique=True)
    iso_code = CharField(max_length=2, unique=True)
    is_home = BooleanField(default=False)


class Dialogue(Record):
    country = ForeignKeyField(Country, unique=True, backref="dialogues", on_delete="RESTRICT")
    title = text(TITLE_LENGTH, required=True)
    start_year = IntegerField(null=True)
    counterpart_ministry = text(TITLE_LENGTH)
    focus_target = IntegerField(default=4)
    engagement_level = choice(vocab.ENGAGEMENT_LEVELS, default="active")
    notes = LongTextField()


class EngagementChange(Record):
    dialogue = ForeignKeyField(Dialogue, backref="engagement_changes", on_delete="CASCADE")
    changed_on = DateField()
    level = choice(vocab.ENGAGEMENT_LEVELS)
    reason = LongTextField()


class Topic(Record):
    name = text(required=True, unique=True)
    description = LongTextField()


class PriorityTopic(Record):
    dialogue = ForeignKeyField(Dialogue, backref="priority_topics", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="priorities", on_delete="RESTRICT")
    valid_from = DateField()
    valid_to = DateField(null=True)

    class Meta:
        # Covers the topic focus review's "priority topic on that day" lookups (migration 0003).
        indexes = ((("dialogue", "topic", "valid_from", "valid_to"), False),)


class Round(Record):
    dialogue = ForeignKeyField(Dialogue, backref="rounds", on_delete="CASCADE")
    number = IntegerField()
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    city = text()
    host_side = choice(vocab.HOST_SIDES, default="partner")
    level = choice(vocab.ROUND_LEVELS, default="senior_officials")
    status = choice(vocab.ROUND_STATUSES, default="planned")
    purpose = LongTextField()
    outcome_summary = LongTextField()
    confidential_notes = LongTextField()

    class Meta:
        # The second index covers the topic focus review's reads (migration 0003).
        indexes = ((("dialogue", "number"), True), (("dialogue", "number", "start_date", "status"), False))


class AgendaItem(Record):
    round = ForeignKeyField(Round, backref="agenda_items", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="agenda_items", on_delete="RESTRICT")
    position = IntegerField(default=0)
    minutes = IntegerField(default=0)
    objectives = LongTextField()
    talking_points = LongTextField()
    critical_questions = LongTextField()
    partner_priorities = LongTextField()
    outcome_notes = LongTextField()
    confidential_notes = LongTextField()

    class Meta:
        # The second index covers the topic focus review's reads (migration 0003).
        indexes = ((("round", "topic"), True), (("round", "topic", "minutes"), False))


class Institution(Record):
    name = text(TITLE_LENGTH, required=True)
    country = ForeignKeyField(Country, backref="institutions", on_delete="RESTRICT")
    sector = choice(vocab.INSTITUTION_SECTORS, default="ministry")
    notes = LongTextField()


class Person(Record):
    name = text(required=True, index=True)  # the People list's pages in name order (migration 0005)
    title = text(TITLE_LENGTH)
    institution = ForeignKeyField(
        Institution, null=True, backref="people", on_delete="RESTRICT"
    )
    email = text(SHORT_LENGTH)
    phone = text(SHORT_LENGTH)
    notes = LongTextField()


class DelegationMember(Record):
    round = ForeignKeyField(Round, backref="delegation_members", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="delegations", on_delete="RESTRICT")
    side = choice(vocab.DELEGATION_SIDES, default="home")
    role = choice(vocab.DELEGATION_ROLES, default="member")

    class Meta:
        indexes = ((("round", "person"), True),)


class JointProject(Record):
    title = text(TITLE_LENGTH, required=True)
    country = ForeignKeyField(Country, backref="projects", on_delete="RESTRICT")
    implementing_institution = ForeignKeyField(
        Institution, null=True, backref="implemented_projects", on_delete="RESTRICT"
    )
    budget = DecimalField(max_digits=15, decimal_places=2, null=True, auto_round=False)
    currency = text(3)
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    status = choice(vocab.PROJECT_STATUSES, default="proposed")
    description = LongTextField()


class ProjectTopic(Record):
    project = ForeignKeyField(JointProject, backref="project_topics", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="project_topics", on_delete="RESTRICT")

    class Meta:
        indexes = ((("project", "topic"), True),)


class ProjectPartner(Record):
    project = ForeignKeyField(JointProject, backref="partners", on_delete="CASCADE")
    institution = ForeignKeyField(Institution, backref="partnerships", on_delete="RESTRICT")

    class Meta:
        indexes = ((("project", "institution"), True),)


class ProjectDonor(Record):
    project = ForeignKeyField(JointProject, backref="donors", on_delete="CASCADE")
    name = text(required=True)
    amount = DecimalField(max_digits=15, decimal_places=2, null=True, auto_round=False)


class ProjectResult(Record):
    project = ForeignKeyField(JointProject, backref="results", on_delete="CASCADE")
    indicator = text(TITLE_LENGTH, required=True)
    baseline = FloatField(null=True)
    target = FloatField(null=True)
    actual = FloatField(null=True)
    as_of = DateField(null=True)


class IndividualCase(Record):
    person_name = text(required=True)
    country = ForeignKeyField(Country, backref="cases", on_delete="RESTRICT")
    topic = ForeignKeyField(Topic, null=True, backref="cases", on_delete="RESTRICT")
    category = choice(vocab.CASE_CATEGORIES, default="human_rights_defender")
    situation = choice(vocab.CASE_SITUATIONS, default="detained")
    summary = LongTextField()
    sensitivity = choice(vocab.SENSITIVITIES, default="confidential")


class CaseRaising(Record):
    case = ForeignKeyField(IndividualCase, backref="raisings", on_delete="CASCADE")
    round = ForeignKeyField(Round, backref="case_raisings", on_delete="CASCADE")
    response = LongTextField()

    class Meta:
        indexes = ((("case", "round"), True),)


class FollowUp(Record):
    round = ForeignKeyField(Round, backref="follow_ups", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, null=True, backref="follow_ups", on_delete="RESTRICT")
    description = LongTextField()
    owner = choice(vocab.FOLLOWUP_OWNERS, default="home")
    due_date = DateField(null=True)
    status = choice(vocab.FOLLOWUP_STATUSES, default="open")
    completed_on = DateField(null=True)
    notes = LongTextField()


class MultilateralItem(Record):
    forum = choice(vocab.FORUMS, default="hrc")
    title = text(TITLE_LENGTH, required=True)
    session = text(SHORT_LENGTH)
    held_on = DateField(null=True)
    our_role = choice(vocab.MULTILATERAL_ROLES, default="supporter")
    outcome = text(TITLE_LENGTH)
    notes = LongTextField()


class MultilateralTopic(Record):
    item = ForeignKeyField(MultilateralItem, backref="item_topics", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="multilateral_topics", on_delete="RESTRICT")

    class Meta:
        indexes = ((("item", "topic"), True),)


class MultilateralPosition(Record):
    item = ForeignKeyField(MultilateralItem, backref="positions", on_delete="CASCADE")
    country = ForeignKeyField(Country, backref="multilateral_positions", on_delete="RESTRICT")
    position = choice(vocab.PARTNER_POSITIONS, default="unknown")
    note = text(TITLE_LENGTH)

    class Meta:
        indexes = ((("item", "country"), True),)


class ChangeRecord(Model):
    """One entry of the change history: who changed which record, when, and how."""

    changed_at = DateTimeField(default=utc_now, index=True)
    changed_by = CharField(max_length=SHORT_LENGTH, default="")
    table_name = CharField(max_length=SHORT_LENGTH)
    record_id = IntegerField()
    action = choice(vocab.CHANGE_ACTIONS)
    changes = TextField(default="{}")

    class Meta:
        legacy_table_names = False
        indexes = ((("table_name", "record_id"), False),)


# In dependency order: a table only refers to tables listed before it.
RECORD_MODELS: tuple[type[Record], ...] = (
    Country,
    Dialogue,
    EngagementChange,
    Topic,
    PriorityTopic,
    Round,
    AgendaItem,
    Institution,
    Person,
    DelegationMember,
    JointProject,
    ProjectTopic,
    ProjectPartner,
    ProjectDonor,
    ProjectResult,
    IndividualCase,
    CaseRaising,
    FollowUp,
    MultilateralItem,
    MultilateralTopic,
    MultilateralPosition,
)

ALL_MODELS: tuple[type[Model], ...] = (*RECORD_MODELS, ChangeRecord)

MODELS_BY_TABLE: dict[str, type[Model]] = {model._meta.table_name: model for model in ALL_MODELS}
