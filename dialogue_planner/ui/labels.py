"""Labels for people for the stored vocabulary values (storage.vocabulary), translated.

The stored values ("senior_officials", "in_preparation") are stable identifiers;
what a person reads comes from here, through Qt's translation context "labels".
The tables mark the source strings with QT_TRANSLATE_NOOP so that lupdate finds
them; each lookup translates at call time, so a translator installed after
start-up still takes effect.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from dialogue_planner.storage import vocabulary

CONTEXT = "labels"

ENGAGEMENT_LEVELS = {
    "active": QT_TRANSLATE_NOOP("labels", "Active"),
    "scaled_down": QT_TRANSLATE_NOOP("labels", "Scaled down"),
    "paused": QT_TRANSLATE_NOOP("labels", "Paused"),
    "suspended": QT_TRANSLATE_NOOP("labels", "Suspended"),
}

# The same levels inside running text ("China — scaled down"); kept apart from the
# labels above because lower-casing a translated label is wrong in many languages.
ENGAGEMENT_LEVELS_IN_TEXT = {
    "active": QT_TRANSLATE_NOOP("labels", "active"),
    "scaled_down": QT_TRANSLATE_NOOP("labels", "scaled down"),
    "paused": QT_TRANSLATE_NOOP("labels", "paused"),
    "suspended": QT_TRANSLATE_NOOP("labels", "suspended"),
}

HOST_SIDES = {
    "partner": QT_TRANSLATE_NOOP("labels", "Partner"),
    "home": QT_TRANSLATE_NOOP("labels", "Home"),
}

ROUND_LEVELS = {
    "political": QT_TRANSLATE_NOOP("labels", "Political"),
    "senior_officials": QT_TRANSLATE_NOOP("labels", "Senior officials"),
    "expert": QT_TRANSLATE_NOOP("labels", "Expert"),
}

ROUND_STATUSES = {
    "planned": QT_TRANSLATE_NOOP("labels", "Planned"),
    "in_preparation": QT_TRANSLATE_NOOP("labels", "In preparation"),
    "held": QT_TRANSLATE_NOOP("labels", "Held"),
    "concluded": QT_TRANSLATE_NOOP("labels", "Concluded"),
    "postponed": QT_TRANSLATE_NOOP("labels", "Postponed"),
    "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
}


def _label(table: dict[str, str], value: str | None) -> str:
    if value is None:
        return ""
    source = table.get(value)
    if source is None:
        # A value newer than this table: readable rather than blank, and a test
        # over storage.vocabulary catches the missing entry.
        return value.replace("_", " ").capitalize()
    return QCoreApplication.translate(CONTEXT, source)


def engagement_level_label(value: str | None) -> str:
    """'scaled_down' -> 'Scaled down': for headings, lists of choices and table cells."""
    return _label(ENGAGEMENT_LEVELS, value)


def engagement_level_in_text(value: str | None) -> str:
    """'scaled_down' -> 'scaled down': the level as it reads inside a phrase."""
    return _label(ENGAGEMENT_LEVELS_IN_TEXT, value)


def host_side_label(value: str | None) -> str:
    """'partner' -> 'Partner': which side hosts a round."""
    return _label(HOST_SIDES, value)


def round_level_label(value: str | None) -> str:
    """'senior_officials' -> 'Senior officials'."""
    return _label(ROUND_LEVELS, value)


def round_status_label(value: str | None) -> str:
    """'in_preparation' -> 'In preparation'."""
    return _label(ROUND_STATUSES, value)


# The other vocabularies, for the record views (projects, network, cases, follow-ups, multilateral items).

PROJECT_STATUSES = {
    "proposed": QT_TRANSLATE_NOOP("labels", "Proposed"),
    "active": QT_TRANSLATE_NOOP("labels", "Active"),
    "paused": QT_TRANSLATE_NOOP("labels", "Paused"),
    "completed": QT_TRANSLATE_NOOP("labels", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
}

INSTITUTION_SECTORS = {
    "ministry": QT_TRANSLATE_NOOP("labels", "Ministry or civil service"),
    "judiciary": QT_TRANSLATE_NOOP("labels", "Judiciary"),
    "prosecution": QT_TRANSLATE_NOOP("labels", "Prosecution"),
    "police_security": QT_TRANSLATE_NOOP("labels", "Police and security"),
    "prisons": QT_TRANSLATE_NOOP("labels", "Prisons"),
    "parliament": QT_TRANSLATE_NOOP("labels", "Parliament"),
    "nhri": QT_TRANSLATE_NOOP("labels", "National human rights institution"),
    "academia": QT_TRANSLATE_NOOP("labels", "Academia"),
    "civil_society": QT_TRANSLATE_NOOP("labels", "NGO or civil society"),
    "international_organisation": QT_TRANSLATE_NOOP("labels", "International organisation"),
}

DELEGATION_SIDES = {
    "home": QT_TRANSLATE_NOOP("labels", "Our delegation"),
    "partner": QT_TRANSLATE_NOOP("labels", "Partner's delegation"),
}

DELEGATION_ROLES = {
    "head": QT_TRANSLATE_NOOP("labels", "Head of delegation"),
    "member": QT_TRANSLATE_NOOP("labels", "Member"),
    "expert": QT_TRANSLATE_NOOP("labels", "Expert"),
    "interpreter": QT_TRANSLATE_NOOP("labels", "Interpreter"),
}

CASE_CATEGORIES = {
    "human_rights_defender": QT_TRANSLATE_NOOP("labels", "Human rights defender"),
    "woman_human_rights_defender": QT_TRANSLATE_NOOP("labels", "Woman human rights defender"),
    "lawyer": QT_TRANSLATE_NOOP("labels", "Lawyer"),
    "journalist": QT_TRANSLATE_NOOP("labels", "Journalist"),
    "land_environmental_defender": QT_TRANSLATE_NOOP("labels", "Land or environmental defender"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

CASE_SITUATIONS = {
    "detained": QT_TRANSLATE_NOOP("labels", "Detained"),
    "sentenced": QT_TRANSLATE_NOOP("labels", "Sentenced"),
    "released": QT_TRANSLATE_NOOP("labels", "Released"),
    "disappeared": QT_TRANSLATE_NOOP("labels", "Disappeared"),
    "harassed": QT_TRANSLATE_NOOP("labels", "Harassed"),
    "travel_ban": QT_TRANSLATE_NOOP("labels", "Travel ban"),
    "under_surveillance": QT_TRANSLATE_NOOP("labels", "Under surveillance"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}

SENSITIVITIES = {
    "confidential": QT_TRANSLATE_NOOP("labels", "Confidential"),
    "shareable": QT_TRANSLATE_NOOP("labels", "Shareable"),
}

FOLLOWUP_OWNERS = {
    "home": QT_TRANSLATE_NOOP("labels", "Our side"),
    "partner": QT_TRANSLATE_NOOP("labels", "Partner"),
    "joint": QT_TRANSLATE_NOOP("labels", "Joint"),
}

FOLLOWUP_STATUSES = {
    "open": QT_TRANSLATE_NOOP("labels", "Open"),
    "done": QT_TRANSLATE_NOOP("labels", "Done"),
    "dropped": QT_TRANSLATE_NOOP("labels", "Dropped"),
}

FORUMS = {
    "hrc": QT_TRANSLATE_NOOP("labels", "UN Human Rights Council"),
    "unga_third_committee": QT_TRANSLATE_NOOP("labels", "UN General Assembly Third Committee"),
    "upr": QT_TRANSLATE_NOOP("labels", "Universal Periodic Review"),
    "other": QT_TRANSLATE_NOOP("labels", "Other forum"),
}

MULTILATERAL_ROLES = {
    "lead": QT_TRANSLATE_NOOP("labels", "Lead"),
    "co_sponsor": QT_TRANSLATE_NOOP("labels", "Co-sponsor"),
    "supporter": QT_TRANSLATE_NOOP("labels", "Supporter"),
    "none": QT_TRANSLATE_NOOP("labels", "No role"),
}

PARTNER_POSITIONS = {
    "voted_yes": QT_TRANSLATE_NOOP("labels", "Voted yes"),
    "voted_no": QT_TRANSLATE_NOOP("labels", "Voted no"),
    "abstained": QT_TRANSLATE_NOOP("labels", "Abstained"),
    "co_sponsored": QT_TRANSLATE_NOOP("labels", "Co-sponsored"),
    "accepted": QT_TRANSLATE_NOOP("labels", "Accepted"),
    "noted": QT_TRANSLATE_NOOP("labels", "Noted"),
    "not_voting": QT_TRANSLATE_NOOP("labels", "Did not vote"),
    "unknown": QT_TRANSLATE_NOOP("labels", "Unknown"),
}

# Each vocabulary of storage.vocabulary with its labels, so a form can offer any of them by the tuple alone.
VOCABULARY_LABELS: dict[tuple[str, ...], dict[str, str]] = {
    vocabulary.ENGAGEMENT_LEVELS: ENGAGEMENT_LEVELS,
    vocabulary.HOST_SIDES: HOST_SIDES,
    vocabulary.ROUND_LEVELS: ROUND_LEVELS,
    vocabulary.ROUND_STATUSES: ROUND_STATUSES,
    vocabulary.PROJECT_STATUSES: PROJECT_STATUSES,
    vocabulary.INSTITUTION_SECTORS: INSTITUTION_SECTORS,
    vocabulary.DELEGATION_SIDES: DELEGATION_SIDES,
    vocabulary.DELEGATION_ROLES: DELEGATION_ROLES,
    vocabulary.CASE_CATEGORIES: CASE_CATEGORIES,
    vocabulary.CASE_SITUATIONS: CASE_SITUATIONS,
    vocabulary.SENSITIVITIES: SENSITIVITIES,
    vocabulary.FOLLOWUP_OWNERS: FOLLOWUP_OWNERS,
    vocabulary.FOLLOWUP_STATUSES: FOLLOWUP_STATUSES,
    vocabulary.FORUMS: FORUMS,
    vocabulary.MULTILATERAL_ROLES: MULTILATERAL_ROLES,
    vocabulary.PARTNER_POSITIONS: PARTNER_POSITIONS,
}


def choice_label(values: tuple[str, ...], value: str | None) -> str:
    """The label of `value` from the vocabulary `values` (a storage.vocabulary tuple): 'travel_ban' -> 'Travel ban'."""
    return _label(VOCABULARY_LABELS.get(values, {}), value)
