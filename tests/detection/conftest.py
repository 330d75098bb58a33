"""Detection tests start without cached city-wide baselines (each test builds its own city)."""

import pytest

from app.detection.surge import clear_baseline_cache


@pytest.fixture(autouse=True)
def _fresh_baselines() -> None:
    clear_baseline_cache()
