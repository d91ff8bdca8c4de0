"""What the projects list words itself, so that a filter finds in SQL every project that may show a word.

The list shows amounts, periods and results in the user's locale and language
("1,500,000.00 NOK", "from 01/01/2020", "Prosecutors trained: 0 → 2,000 of
2,000 (01/01/2023)"). `services.project_pages` narrows a filter in SQL to the
projects whose stored text (title, country, topics, currency, indicator) may
show the word, and the model then keeps those whose shown text holds it.
`shown_wording` tells the service what it cannot know: which statuses' labels
hold the word, and which part of the word stored text must hold, the word less
what the view's wording may put right before or after stored text (": " after
an indicator); None when the view's wording alone may show the whole word
(a date, a figure: then every project is read and checked).
"""

from __future__ import annotations

import datetime
import decimal
import functools
from collections.abc import Callable

from PySide6.QtCore import QLocale

from dialogue_planner.storage import vocabulary
from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.record_table_model import fold_for_search
from dialogue_planner.ui.views.formats import amount_text, period_text, result_text

_STORED = "\ue000"  # stands for stored text in the samples: never typed, unchanged by folding
_TOPIC_GLUE = ","  # topics are joined by ", "


def shown_wording(word: str) -> tuple[list[str], str | None, Callable[[str], bool]]:
    """For a folded filter word: the project statuses whose label holds it, the part of it that stored
    text must hold (None: the view's own wording may hold all of it), and whether a stored text shown
    as it is holds it (as the list's filter folds)."""
    statuses = [status for status in vocabulary.PROJECT_STATUSES
                if word in fold_for_search(choice_label(vocabulary.PROJECT_STATUSES, status))]
    characters, before, after = _wording(QLocale().name())

    def shows(text: str) -> bool:
        return word in fold_for_search(text)

    if set(word) <= characters:
        return statuses, None, shows
    start = max((len(glue) for glue in before if glue and word.startswith(glue)), default=0)
    end = max((len(glue) for glue in after if glue and word.endswith(glue)), default=0)
    return statuses, word[start:len(word) - end] or None, shows


@functools.cache
def _wording(_locale_name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The characters the view's own wording can show (folded), and the pieces of it that can stand
    right before and right after stored text (any of their ends), in this locale and language."""
    numbers = [decimal.Decimal("-1234567890.12"), decimal.Decimal("0.5"), -1234567890.5, 0.25, 1e-7, 123456789012.25,
               1234567890]
    days = [datetime.date(year, month, day) for year in (2009, 2026) for month in range(1, 13)
            for day in (*range(1, 8), 10, 28)]
    samples = [amount_text(number, currency) for number in numbers for currency in ("", _STORED)]
    samples += [period_text(start, end) for start, end in ((days[0], None), (None, days[1]), (days[2], days[-1]))]
    samples += [period_text(day, None) for day in days]
    for baseline, actual, target, as_of in ((numbers[0], numbers[2], numbers[4], days[0]),
                                             (None, None, None, None), (numbers[1], numbers[3], None, days[-1])):
        samples.append(result_text({"indicator": _STORED, "baseline": baseline, "actual": actual,
                                    "target": target, "as_of": as_of}))
    folded = [fold_for_search(sample) for sample in samples]
    characters = frozenset("".join(folded) + _TOPIC_GLUE) - {_STORED}
    before: set[str] = set()
    after = {_TOPIC_GLUE}
    for text in folded:
        if _STORED in text:
            head, tail = text.split(_STORED, 1)
            glued_before = head.split()[-1] if head and not head[-1].isspace() else ""
            glued_after = tail.split()[0] if tail and not tail[0].isspace() else ""
            # Any end of a glued piece may touch a word: "s:" is a word's end, ":" its part after the text.
            before.update(glued_before[at:] for at in range(len(glued_before)))
            after.update(glued_after[:at] for at in range(1, len(glued_after) + 1))
    return characters, frozenset(before), frozenset(after)
