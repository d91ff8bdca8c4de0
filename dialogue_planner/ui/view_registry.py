"""The views of the main window: their names in tab order, which view shows which record, building them.

Only the overview is built with the window; every other view (its module, its
widgets, its lists), the round planner too, is built the first time it is shown,
so the window opens as fast with decades of records as with a few
(benchmarks/bench_startup.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits

# Which view shows a record of each kind (search results and drill-downs jump there).
VIEW_FOR_TABLE = {
    "dialogue": "overview",
    "engagement_change": "overview",
    "round": "round",
    "agenda_item": "round",
    "delegation_member": "round",
    "case_raising": "round",
    "topic": "topics",
    "priority_topic": "topics",
    "joint_project": "projects",
    "project_result": "projects",
    "project_donor": "projects",
    "project_topic": "projects",
    "project_partner": "projects",
    "multilateral_position": "multilateral",
    "multilateral_topic": "multilateral",
    "institution": "network",
    "person": "network",
    "individual_case": "cases",
    "multilateral_item": "multilateral",
    "follow_up": "follow-ups",
}


# The views in tab order.
VIEW_NAMES = ("overview", "round", "topics", "projects", "network", "cases", "multilateral", "follow-ups", "review")


def build_view(name: str, store: Store, edits: RecordEdits) -> QWidget:
    """A view that is built on first use; its module is imported only then (the review's loads reportlab)."""
    if name == "review":
        from dialogue_planner.ui.review_view import ReviewView

        return ReviewView(store)
    if name == "round":
        from dialogue_planner.ui.round.planner import RoundPlanner

        return RoundPlanner(store, edits)
    if name == "topics":
        from dialogue_planner.ui.views.topics_view import TopicsView as view_class
    elif name == "projects":
        from dialogue_planner.ui.views.projects_view import ProjectsView as view_class
    elif name == "network":
        from dialogue_planner.ui.views.network_view import NetworkView as view_class
    elif name == "cases":
        from dialogue_planner.ui.views.cases_view import CasesView as view_class
    elif name == "multilateral":
        from dialogue_planner.ui.views.multilateral_view import MultilateralView as view_class
    else:
        from dialogue_planner.ui.views.followups_view import FollowUpsView as view_class
    return view_class(store, edits)


def scrolling(widget: QWidget) -> QScrollArea:
    """The widget in a frameless scroll area that resizes it: it scrolls when the window is narrower."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
