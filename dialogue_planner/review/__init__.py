"""The topic focus review: figures over dialogues and a period, as SQL aggregates (no Qt).

`compute_review(store, scope)` returns every figure as plain data, and the
topic x round grid's rows and columns; `grid_cells(store, scope, round_ids)`
reads the grid's cells for the rounds wanted (None: all); the functions in
`review.drilldown` return the records behind each figure and cell. The exact
definition of each figure is in the docstring of the code that computes it and
in README.md ("Topic focus review").
"""

from dialogue_planner.review.figures import Review, compute_review
from dialogue_planner.review.grid_cells import grid_cells
from dialogue_planner.review.scope import RecordRef, ReviewScope, Share, resolve_dialogues

__all__ = ["RecordRef", "Review", "ReviewScope", "Share", "compute_review", "grid_cells", "resolve_dialogues"]
