"""Coordinate datums: WGS-84 (GPS, the area polygons) and GCJ-02 (WeChat, Chinese web maps).

GCJ-02 is WGS-84 plus a deliberate, non-linear offset of a few hundred metres that only exists
inside China. The forward transform below is the widely published one; it has no closed-form
inverse, so `gcj02_to_wgs84` inverts it by fixed-point iteration.
"""

import math

# Krasovsky 1940 ellipsoid, as used by the published GCJ-02 transform.
_A = 6378245.0
_EE = 0.00669342162296594323

# 1e-10 degrees is about 0.01 mm: far below the 0.5 m the brief asks for, reached in 3-5 steps.
_INVERSE_TOLERANCE = 1e-10
_INVERSE_MAX_STEPS = 30


def out_of_china(lng: float, lat: float) -> bool:
    """True outside the rough bounding box where GCJ-02 applies an offset at all."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def valid_position(lng: float | None, lat: float | None) -> bool:
    """True for a usable position: both given, finite, in range, and not the 0/0 placeholder."""
    if lng is None or lat is None or isinstance(lng, bool) or isinstance(lat, bool):
        return False
    try:
        x, y = float(lng), float(lat)
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(x) and math.isfinite(y)):
        return False
    if x == 0.0 and y == 0.0:
        return False
    return -180.0 <= x <= 180.0 and -90.0 <= y <= 90.0


def _transform_lat(x: float, y: float) -> float:
    """Latitude part of the GCJ-02 offset, in degrees of the offset model's own units."""
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    """Longitude part of the GCJ-02 offset, in degrees of the offset model's own units."""
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _offset(lng: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (d_lng, d_lat) in degrees at a WGS-84 position."""
    d_lat = _transform_lat(lng - 105.0, lat - 35.0)
    d_lng = _transform_lng(lng - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lng, d_lat


def wgs84_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    """Convert a WGS-84 position to GCJ-02 (unchanged outside China)."""
    if out_of_china(lng, lat):
        return lng, lat
    d_lng, d_lat = _offset(lng, lat)
    return lng + d_lng, lat + d_lat


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """Convert a GCJ-02 position to WGS-84 by iterating the forward transform to a fixed point."""
    if out_of_china(lng, lat):
        return lng, lat
    wgs_lng, wgs_lat = lng, lat
    for _ in range(_INVERSE_MAX_STEPS):
        gcj_lng, gcj_lat = wgs84_to_gcj02(wgs_lng, wgs_lat)
        err_lng, err_lat = gcj_lng - lng, gcj_lat - lat
        wgs_lng -= err_lng
        wgs_lat -= err_lat
        if abs(err_lng) < _INVERSE_TOLERANCE and abs(err_lat) < _INVERSE_TOLERANCE:
            break
    return wgs_lng, wgs_lat


_BD_FACTOR = math.pi * 3000.0 / 180.0


def bd09_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    """Convert a Baidu BD-09 position to GCJ-02 (the published inverse of Baidu's offset)."""
    x, y = lng - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _BD_FACTOR)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _BD_FACTOR)
    return z * math.cos(theta), z * math.sin(theta)
