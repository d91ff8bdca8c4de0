"""The review tests' data set (see tests/review/data_set.py for what it holds and the figures it gives)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.review.data_set import TODAY, build_review_data

__all__ = ["TODAY"]


@pytest.fixture
def fixture_data(store) -> SimpleNamespace:
    return build_review_data(store)
