"""The run: plan planted cases, write the reference data, then stream the year day by day.

Memory stays flat: each day's records are built, sorted and written before the next day starts; only
reports that fall on later days (a second channel's report, a re-export) wait in a small buffer.
"""

from __future__ import annotations

import copy
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.generator.areas import apportion, build_areas, write_geojson
from app.generator.channels import (
    BAD_KINDS,
    FILES,
    UNREADABLE,
    Builder,
    ChannelFiles,
    IdAllocator,
    Record,
    corrected,
    spoil,
)
from app.generator.data.lexicon import NON_DISPUTE_TOPICS
from app.generator.incident import Incident, OtherOrder, Report
from app.generator.plan import Plan, Planner
from app.generator.profiles import CHANNELS, Profile
from app.generator.reference import write_key_persons, write_key_places, write_keywords, write_notices
from app.generator.text import other_slots
from app.generator.truth import TRUTH_FILES, TruthWriter, flag
from app.generator.world import World

Progress = Callable[[str, int, int], None]

# A second channel's report of the same incident: (channel, weight, earliest hours, latest hours) after it.
SECONDARY: dict[str, tuple[tuple[str, float, float, float], ...]] = {
    "police": (("hotline", 0.45, 0.3, 8), ("grid", 0.35, 2, 72), ("department", 0.2, 24, 240)),
    "hotline": (("police", 0.4, 0.2, 6), ("grid", 0.45, 2, 72), ("department", 0.15, 24, 240)),
    "grid": (("police", 0.3, 0.5, 12), ("hotline", 0.3, 1, 24), ("qrcode", 0.2, 0.5, 24),
             ("department", 0.2, 24, 240)),
    "qrcode": (("grid", 0.6, 1, 48), ("hotline", 0.3, 1, 24), ("police", 0.1, 0.5, 12)),
    "department": (("grid", 0.6, 24, 168), ("police", 0.2, 2, 72), ("hotline", 0.2, 2, 72)),
}
HEATING_MONTHS = (1, 2, 3, 11, 12)


@dataclass(slots=True)
class GenerationSummary:
    """What a run produced; `files` maps paths relative to `out` to their rows and bytes."""

    profile: str
    seed: int
    scale: float
    out: Path
    records: dict[str, int] = field(default_factory=dict)
    incidents: int = 0
    bad_records: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict[str, int]] = field(default_factory=dict)
    elapsed_seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The deterministic part, as written to truth/summary.json."""
        return {"profile": self.profile, "seed": self.seed, "scale": self.scale, "records": self.records,
                "incidents": self.incidents, "bad_records": self.bad_records, "files": self.files}


def _line(channel: str, record_no: int) -> int:
    """The loaders' position of a record: the CSV row counting the header as row 1, or the JSON line."""
    return record_no + 1 if channel in ("hotline", "department") else record_no


class Generator:
    """One generation run."""

    def __init__(self, profile: Profile, seed: int, out: Path, on_progress: Progress | None = None,
                 scale: float = 1.0) -> None:
        self.profile = profile
        self.scale = scale
        self.seed = seed
        self.out = out
        self.progress = on_progress or (lambda stage, done, total: None)
        self.rng = random.Random(f"{seed}:events")
        self.world = World(profile, seed, build_areas(profile.cities, profile.grids, random.Random(f"{seed}:areas")))
        self.builder = Builder(self.world.people, self.rng, multi_city=len(self.world.areas.cities) > 1)
        self.pending: dict[int, list[Record]] = defaultdict(list)
        self.claimants: dict[str, dict[str, None]] = {}  # incident -> persons its records name as claimants
        self.ids = IdAllocator()
        self.flushed: dict[str, int] = defaultdict(int)
        self.carry: dict[str, list[str]] = defaultdict(list)
        self.bad_counts: dict[str, int] = defaultdict(int)
        self.records: dict[str, int] = defaultdict(int)

    def run(self) -> GenerationSummary:
        """Generate everything; returns the summary."""
        started = time.perf_counter()
        for folder in (self.out, self.out / "reference", self.out / "truth"):
            folder.mkdir(parents=True, exist_ok=True)
        plan = Planner(self.world, random.Random(f"{self.seed}:plan")).build()
        reference_rows = self._write_reference(plan)
        self.truth = TruthWriter(self.out / "truth")
        self.files = ChannelFiles(self.out, self.profile.hotline_encoding)
        try:
            self._write_planted_truth(plan)
            self._stream_year(plan)
        finally:
            self.files.close()
            self.truth.close()
        summary = self._summary(reference_rows)
        summary.scale = self.scale
        self.truth.write_summary(summary.to_json())
        summary.elapsed_seconds = round(time.perf_counter() - started, 2)
        return summary

    # --- reference data ---

    def _write_reference(self, plan: Plan) -> dict[str, int]:
        """areas.geojson, key persons and places, notices, keyword libraries."""
        ref = self.out / "reference"
        world = self.world
        self.progress("reference", 0, 4)
        rows = {"reference/areas.geojson": write_geojson(world.areas, ref / "areas.geojson")}
        self.progress("reference", 1, 4)
        rows["reference/key_persons.csv"] = write_key_persons(ref / "key_persons.csv", world.people, world.areas)
        self.progress("reference", 2, 4)
        places = apportion(self.profile.key_places, [c.weight for c in world.areas.communities])
        rows["reference/key_places.csv"] = write_key_places(ref / "key_places.csv", world.areas, places,
                                                            world.orgs, self.seed)
        rows["reference/notices.csv"] = write_notices(ref / "notices.csv", plan.notices)
        for name, count in write_keywords(ref / "keywords").items():
            rows[f"reference/keywords/{name}.txt"] = count
        self.progress("reference", 4, 4)
        return rows

    def _write_planted_truth(self, plan: Plan) -> None:
        """repeat_clusters and prior_record rows (respondents are written as their records are built)."""
        for cluster_id, incident in plan.clusters:
            self.truth.row("repeat_clusters", cluster_id, incident.community.code, incident.category.name,
                           incident.issue.key, incident.iid)
        for case in plan.priors:
            self.truth.row("prior_record", case.person.pid, case.person.id_number, flag(case.key),
                           case.notice.code if case.notice else "", case.incident.iid)

    # --- the year ---

    def _stream_year(self, plan: Plan) -> None:
        """Day by day: planted incidents, background incidents, other hotline orders, then write."""
        profile = self.profile
        totals = {c: profile.channel_total(c) - plan.used[c] for c in CHANNELS}
        targets = {c: self._cumulative(totals[c], c) for c in CHANNELS}
        other_target = self._cumulative(profile.hotline_other, "other")
        self.produced = dict.fromkeys(CHANNELS, 0)
        self.totals = totals
        self._choose_victims()
        other_done = 0
        for day in range(profile.days):
            for incident, reports in plan.by_day.get(day, []):
                for report in reports:
                    self._emit(incident, report)
                self._respondent_truth(incident)
            self._background_day(day, targets)
            while other_done < other_target[day]:
                self._other_order(day)
                other_done += 1
            self._flush(day)
            self.progress("records", day + 1, profile.days)
        for day in sorted(self.pending):
            self._flush(day)

    def _cumulative(self, total: int, channel: str) -> list[int]:
        """Cumulative daily targets that end exactly at total."""
        weights = [self.world.day_weight(d, channel) for d in range(self.profile.days)]
        whole, running, out = sum(weights), 0.0, []
        for weight in weights:
            running += weight
            out.append(round(total * running / whole))
        out[-1] = total
        return out

    def _background_day(self, day: int, targets: dict[str, list[int]]) -> None:
        """Background incidents until every channel reaches its target for the day."""
        rng = self.rng
        while True:
            deficits = {c: targets[c][day] - self.produced[c] for c in CHANNELS if targets[c][day] > self.produced[c]}
            if not deficits:
                return
            channel = rng.choices(list(deficits), weights=list(deficits.values()))[0]
            self._background_incident(channel, day)

    def _background_incident(self, channel: str, day: int) -> None:
        """One background incident, its reports in one or two channels, maybe both parties calling 110."""
        rng, world = self.rng, self.world
        when = world.moment(day, channel, rng)
        category = world.category_for(channel, when.month, rng)
        incident = world.incident(category, world.community_for(category, rng), when, rng)
        reports = [Report(channel, when, 0, order=world.next_order())]
        self.produced[channel] += 1
        if rng.random() < self.profile.multi_channel_rate:
            second = self._secondary(channel, when, len(incident.persons))
            if second is not None:
                reports.append(second)
        for report in list(reports):
            if report.channel == "police" and len(incident.persons) > 1 and rng.random() < self.profile.mirror_rate:
                mirror = self._mirror(report)
                if mirror is not None:
                    reports.append(mirror)
        for report in reports:
            self._emit(incident, report)
        self._respondent_truth(incident)

    def _secondary(self, channel: str, when: datetime, persons: int) -> Report | None:
        """A report of the same incident through another channel, hours or days later."""
        rng = self.rng
        options = [o for o in SECONDARY[channel] if self.produced[o[0]] < self.totals[o[0]]]
        if not options:
            return None
        other, _, low, high = rng.choices(options, weights=[o[1] for o in options])[0]
        later = when + timedelta(hours=rng.uniform(low, high))
        if self.world.day_index(later) >= self.profile.days:
            return None
        self.produced[other] += 1
        reporter = 1 if persons > 1 and other in ("police", "hotline") and rng.random() < 0.3 else 0
        return Report(other, later, reporter, order=self.world.next_order())

    def _mirror(self, report: Report) -> Report | None:
        """The other party calls 110 about the same quarrel minutes later."""
        later = report.when + timedelta(minutes=self.rng.uniform(2, 25))
        if self.produced["police"] >= self.totals["police"] or self.world.day_index(later) >= self.profile.days:
            return None
        self.produced["police"] += 1
        return Report("police", later, 1 - min(report.reporter, 1), mirrored=True, order=self.world.next_order())

    def _emit(self, incident: Incident, report: Report) -> None:
        """Build the record of a report and park it on its day; note the persons it names as claimants."""
        build = getattr(self.builder, report.channel)
        record: Record = build(incident, report)
        self.pending[self.world.day_index(report.when)].append(record)
        if incident.org is not None and report.channel != "qrcode":  # a QR clue names no one (phone, nickname)
            named = self.claimants.setdefault(incident.iid, {})
            named.update((m.party_id, None) for m in record.mentions if not m.is_org and not m.other_side)

    def _other_order(self, day: int) -> None:
        """A non-dispute hotline order."""
        rng, world = self.rng, self.world
        when = world.moment(day, "hotline", rng)
        community = world.community(rng)
        caller = world.resident(community, rng)
        topics = [t for t in NON_DISPUTE_TOPICS if t[1] != "暖气不热" or when.month in HEATING_MONTHS]
        order = OtherOrder(caller, community, when, rng.choice(topics), other_slots(community, caller, rng),
                           order=world.next_order())
        self.pending[day].append(self.builder.hotline_other(order))

    def _respondent_truth(self, incident: Incident) -> None:
        """respondents.csv rows of an incident naming an organization (planted, background or repeat cluster):
        one per person its records name as a party but not as the other side (110's 对方当事人), or one with
        no claimant when they name none (a QR clue without a phone)."""
        if incident.org is None:
            return
        planted = flag(incident.planted == "respondent")
        for claimant in self.claimants.pop(incident.iid, None) or [""]:
            self.truth.row("respondents", incident.org.name, incident.iid, claimant, planted,
                           incident.when.isoformat())

    # --- bad input ---

    def _choose_victims(self) -> None:
        """Which record of each channel gets which kind of bad input (at least one of each kind)."""
        self.victims: dict[str, dict[int, str]] = {}
        rng = random.Random(f"{self.seed}:bad")
        for channel in CHANNELS:
            n = self.profile.channel_total(channel) + (self.profile.hotline_other if channel == "hotline" else 0)
            per_kind = max(1, round(n * self.profile.bad_rate))
            # the last fifth stays clear so a kind deferred past a planted record still finds a victim
            candidates = range(1, max(2, n * 4 // 5 + 1))
            picks = rng.sample(candidates, k=min(len(candidates), per_kind * len(BAD_KINDS)))
            self.victims[channel] = {ordinal: BAD_KINDS[i % len(BAD_KINDS)] for i, ordinal in enumerate(picks)}

    def _victim_kind(self, record: Record) -> str:
        """The bad-input kind for this record, deferring kinds that would spoil planted or org records."""
        channel = record.channel
        self.flushed[channel] += 1
        kind = self.victims[channel].pop(self.flushed[channel], "")
        if kind and self._protected(record, kind):
            self.carry[channel].append(kind)
            return ""
        if not kind:
            for i, waiting in enumerate(self.carry[channel]):
                if not self._protected(record, waiting):
                    return self.carry[channel].pop(i)
        return kind

    @staticmethod
    def _protected(record: Record, kind: str) -> bool:
        """Planted records stay clean; org records stay readable so respondent truth always resolves."""
        return record.planted or (kind in UNREADABLE and record.has_org)

    # --- writing ---

    def _flush(self, day: int) -> None:
        """Sort a day's records, give them ids, spoil the chosen few, write records and truth."""
        records = self.pending.pop(day, [])
        records.sort(key=lambda r: (r.when, r.order))
        self.ids.new_day()
        for record in records:
            if record.reexport:
                row = self.files.write(record, False, self.rng)
                self.truth.row("bad_records", record.channel, row, _line(record.channel, row), record.source_id,
                               record.reexport)
                self.bad_counts[record.reexport] += 1
                continue
            self.ids.assign(record)
            self.records[record.channel] += 1
            kind = self._victim_kind(record)
            if kind in ("missing_id", "bad_time", "empty_content"):
                spoil(record, kind, self.rng)
            row = self.files.write(record, kind == "bad_syntax", self.rng)
            if kind in ("duplicate", "correction"):
                self._reexport(record, kind, day)
            elif kind:
                self.truth.row("bad_records", record.channel, row, _line(record.channel, row), record.source_id, kind)
                self.bad_counts[kind] += 1
            if kind not in UNREADABLE:
                self.truth.record(record, empty_content=kind == "empty_content")

    def _reexport(self, record: Record, kind: str, day: int) -> None:
        """Queue the same record again some days later: identical, or corrected."""
        delay = self.rng.randint(1, 20)
        if kind == "duplicate":
            again = copy.copy(record)
            again.reexport = "duplicate"
        else:
            again = corrected(record, self.rng)
        again.when = record.when + timedelta(days=delay)
        again.order = self.world.next_order()
        self.pending[day + delay].append(again)

    def _summary(self, reference_rows: dict[str, int]) -> GenerationSummary:
        """Rows and bytes of every file written."""
        summary = GenerationSummary(self.profile.name, self.seed, 1.0, self.out, records=dict(self.records),
                                    incidents=self.world.incident_count, bad_records=dict(self.bad_counts))
        for channel, name in FILES.items():
            summary.files[name] = {"rows": self.files.rows[channel], "bytes": (self.out / name).stat().st_size}
        for name, rows in reference_rows.items():
            summary.files[name] = {"rows": rows, "bytes": (self.out / name).stat().st_size}
        for name in TRUTH_FILES:
            path = f"truth/{name}.csv"
            summary.files[path] = {"rows": self.truth.rows[name], "bytes": (self.out / path).stat().st_size}
        return summary
