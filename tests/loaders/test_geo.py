"""GCJ-02 ↔ WGS-84 conversion accuracy and position validity."""

import math

import pytest

from loaders.geo import gcj02_to_wgs84, out_of_china, valid_position, wgs84_to_gcj02


def _metres(lng1: float, lat1: float, lng2: float, lat2: float) -> float:
    """Great-circle distance on a sphere, plenty for sub-metre error checks."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


CHINA_GRID = [(73.5 + i * 2.1, 3.9 + j * 1.7) for i in range(31) for j in range(30)]


def test_inverse_is_accurate_to_well_under_half_a_metre_across_china() -> None:
    worst = 0.0
    for lng, lat in CHINA_GRID:
        if out_of_china(lng, lat):
            continue
        back = wgs84_to_gcj02(*gcj02_to_wgs84(lng, lat))
        worst = max(worst, _metres(lng, lat, *back))
    assert worst < 0.01


def test_round_trip_from_wgs84_returns_the_start() -> None:
    worst = 0.0
    for lng, lat in CHINA_GRID:
        if out_of_china(lng, lat):
            continue
        back = gcj02_to_wgs84(*wgs84_to_gcj02(lng, lat))
        worst = max(worst, _metres(lng, lat, *back))
    assert worst < 0.5


def test_sample_qr_position_moves_a_few_hundred_metres_west() -> None:
    lng, lat = gcj02_to_wgs84(114.2903, 35.7437)
    assert lng == pytest.approx(114.284385, abs=1e-6)
    assert lat == pytest.approx(35.743788, abs=1e-6)
    assert 400 < _metres(114.2903, 35.7437, lng, lat) < 700


def test_agrees_with_an_independent_implementation() -> None:
    # Reference value of the gcoord JavaScript library's own test (GCJ02.spec.js), to 5 decimals.
    assert gcj02_to_wgs84(123, 45) == pytest.approx((122.99395597, 44.99804071), abs=5e-6)


@pytest.mark.parametrize(("lng", "lat"), [(2.3522, 48.8566), (-74.0, 40.7), (151.2, -33.9)])
def test_positions_outside_china_are_left_alone(lng: float, lat: float) -> None:
    assert out_of_china(lng, lat)
    assert wgs84_to_gcj02(lng, lat) == (lng, lat)
    assert gcj02_to_wgs84(lng, lat) == (lng, lat)


def test_china_is_inside() -> None:
    assert not out_of_china(114.29, 35.74)


@pytest.mark.parametrize(
    ("lng", "lat"),
    [
        (None, 35.7),
        (114.2, None),
        (None, None),
        (0, 0),
        (0.0, 0.0),
        (math.nan, 35.7),
        (114.2, math.inf),
        (180.5, 35.7),
        (114.2, -90.5),
        (True, 35.7),
    ],
)
def test_unusable_positions(lng: float | None, lat: float | None) -> None:
    assert not valid_position(lng, lat)


@pytest.mark.parametrize(("lng", "lat"), [(114.2903, 35.7437), (0.0, 35.0), (-180.0, 90.0), (114, 35)])
def test_usable_positions(lng: float, lat: float) -> None:
    assert valid_position(lng, lat)
