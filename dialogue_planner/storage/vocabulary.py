"""The closed vocabularies of the domain: every enumerated value a record may hold.

Each vocabulary is a tuple of the stored values, in the order a person would
expect to see them offered. Labels for people live in the UI (translated);
the stored values are stable identifiers and part of the JSON exchange format.
"""

from __future__ import annotations

ENGAGEMENT_LEVELS = ("active", "scaled_down", "paused", "suspended")

HOST_SIDES = ("partner", "home")

ROUND_LEVELS = ("political", "senior_officials", "expert")

ROUND_STATUSES = ("planned", "in_preparation", "held", "concluded", "postponed", "cancelled")

PROJECT_STATUSES = ("proposed", "active", "paused", "completed", "cancelled")

INSTITUTION_SECTORS = (
    "ministry",
    "judiciary",
    "prosecution",
    "police_security",
    "prisons",
    "parliament",
    "nhri",
    "academia",
    "civil_society",
    "international_organisation",
)

DELEGATION_SIDES = ("home", "partner")

DELEGATION_ROLES = ("head", "member", "expert", "interpreter")

CASE_CATEGORIES = (
    "human_rights_defender",
    "woman_human_rights_defender",
    "lawyer",
    "journalist",
    "land_environmental_defender",
    "other",
)

CASE_SITUATIONS = (
    "detained",
    "sentenced",
    "released",
    "disappeared",
    "harassed",
    "travel_ban",
    "under_surveillance",
    "other",
)

SENSITIVITIES = ("confidential", "shareable")

FOLLOWUP_OWNERS = ("home", "partner", "joint")

FOLLOWUP_STATUSES = ("open", "done", "dropped")

FORUMS = ("hrc", "unga_third_committee", "upr", "other")

MULTILATERAL_ROLES = ("lead", "co_sponsor", "supporter", "none")

PARTNER_POSITIONS = (
    "voted_yes",
    "voted_no",
    "abstained",
    "co_sponsored",
    "accepted",
    "noted",
    "not_voting",
    "unknown",
)

CHANGE_ACTIONS = ("create", "update", "delete")
