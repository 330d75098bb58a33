"""Generation profiles: how much of everything a run produces.

`city` follows one real centre's year (Hebi scale); `province` is the same mix at about one million
channel records over the 17 cities of Henan. `scale` multiplies every count; planted-cluster sizes
stay as they are so a small run still contains recognisable clusters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.generator.data.henan import CITIES, HEBI_CODE

CHANNELS = ("police", "hotline", "grid", "qrcode", "department")


@dataclass(frozen=True, slots=True)
class Profile:
    """Counts and switches of one generation run."""

    name: str
    cities: tuple[str, ...]
    grids: int
    grid_reports: int
    qr_clues: int
    police: int
    hotline_dispute: int
    hotline_other: int
    department: int
    key_persons: int
    key_places: int
    notices: int
    repeat_clusters: int
    respondent_orgs: int
    prior_records: int
    hotline_encoding: str = "gb18030"
    start: date = date(2025, 1, 1)
    days: int = 365
    multi_channel_rate: float = 0.08
    mirror_rate: float = 0.035
    bad_rate: float = 0.0005  # per record and per kind of bad input; six kinds make about 0.3 %

    def channel_total(self, channel: str) -> int:
        """Records the channel gets in the run (hotline counts disputes only)."""
        return {"police": self.police, "hotline": self.hotline_dispute, "grid": self.grid_reports,
                "qrcode": self.qr_clues, "department": self.department}[channel]

    @property
    def total_records(self) -> int:
        """All channel records, hotline non-dispute orders included."""
        return sum(self.channel_total(c) for c in CHANNELS) + self.hotline_other


CITY = Profile(
    name="city", cities=(HEBI_CODE,), grids=2400, grid_reports=7700, qr_clues=1200, police=8600,
    hotline_dispute=1100, hotline_other=3300, department=5600, key_persons=16000, key_places=2600,
    notices=420, repeat_clusters=12, respondent_orgs=6, prior_records=40,
)

# One million channel records with the city's proportions.
_PROVINCE_FACTOR = 1_000_000 / CITY.total_records


def _scaled(base: Profile, factor: float, **changes: object) -> Profile:
    """The profile with every count multiplied by factor (at least one of each)."""
    counts = {
        name: max(1, round(getattr(base, name) * factor))
        for name in ("grids", "grid_reports", "qr_clues", "police", "hotline_dispute", "hotline_other",
                     "department", "key_persons", "key_places", "notices", "repeat_clusters",
                     "respondent_orgs", "prior_records")
    }
    return replace(base, **counts, **changes)  # type: ignore[arg-type]


PROVINCE = _scaled(CITY, _PROVINCE_FACTOR, name="province", cities=tuple(c.code for c in CITIES),
                   hotline_encoding="utf-8-sig")

PROFILES: dict[str, Profile] = {"city": CITY, "province": PROVINCE}


def resolve_profile(name: str, scale: float = 1.0) -> Profile:
    """The named profile with counts multiplied by scale."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
    if scale <= 0:
        raise ValueError("scale must be positive")
    base = PROFILES[name]
    return base if scale == 1.0 else _scaled(base, scale)
