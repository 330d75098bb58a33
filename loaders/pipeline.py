"""The shared path: map -> normalise -> areas -> elements -> entities -> incidents -> write.

Every channel feeds `IngestPipeline.ingest` with what its reader yields; the pipeline batches,
writes idempotently (MERGE on natural keys) and reports read / new / updated / unchanged /
quarantined per channel. Nothing read is dropped: what cannot be mapped goes to quarantine.
"""

import hashlib
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from queue import Empty, Queue
from typing import Any, TypeVar

from app.db.graph import Graph
from app.settings import Settings
from loaders import normalise
from loaders.channels import get_loader
from loaders.config import load_ingest_config
from loaders.incidents import IncidentCandidate, IncidentProbe, MergeRules, decide
from loaders.model import MappingError, RawRecord, ReadFailure, StandardReport
from loaders.placing import place_in_communities
from loaders.quarantine import failure_row, quarantine_row, write_quarantine
from loaders.resolve import PartyFacts, PersonResolver, Resolution, check_party
from loaders.runtime import IngestRuntime

PostIngestHook = Callable[..., Any]
T = TypeVar("T")
Item = RawRecord | ReadFailure


@dataclass
class ChannelCounts:
    """What one load did to one channel's records."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    unexpected_fields: Counter = field(default_factory=Counter)


@dataclass
class LoadSummary:
    """Per-channel counts of a load, and the disputes it created or changed."""

    channels: dict[str, ChannelCounts] = field(default_factory=dict)
    dispute_ids: list[str] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)

    def counts(self, channel: str) -> ChannelCounts:
        """The counters of one channel, created on first use."""
        return self.channels.setdefault(channel, ChannelCounts())

    def totals(self) -> dict[str, int]:
        """Counts over all channels."""
        keys = ("read", "new", "updated", "unchanged", "quarantined")
        return {key: sum(getattr(c, key) for c in self.channels.values()) for key in keys}


@dataclass(eq=False)
class Prepared:
    """A mapped report with everything the shared path computed for it."""

    item: RawRecord
    report: StandardReport
    content_hash: str
    status: str
    area: Any = None
    elements: Any = None
    parties: list[PartyFacts] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    existing_dispute: str | None = None
    version: int = 1
    # The place the dispute is at: the first place named that is not an area (a street is no place).
    place_key: str | None = None


class IngestPipeline:
    """Loads channel records into the graph for a caller with a jurisdiction scope."""

    def __init__(
        self,
        graph: Graph,
        *,
        settings: Settings,
        scope: str = "",
        hooks: Iterable[PostIngestHook] = (),
        keep_outcomes: bool = False,
        runtime: IngestRuntime | None = None,
    ) -> None:
        self.graph = graph
        self.scope = scope
        self.config = load_ingest_config()
        self.rules = MergeRules.from_config(self.config["incident_merge"])
        self.resolution_config = self.config["entity_resolution"]
        self.batch_size = int(self.config.get("batch_size", 2000))
        self.runtime = runtime or IngestRuntime.from_graph(graph, settings=settings)
        self.area_names = frozenset(self.runtime.recognizer.area_names)
        self.hooks = list(hooks)
        self.keep_outcomes = keep_outcomes
        # Reports this pipeline has written: a later record of theirs that equals an earlier version is a revert
        # within the upstream's own sequence, not a replay.
        self.touched_keys: set[str] = set()

    def ingest(
        self,
        items: Iterable[Item],
        *,
        summary: LoadSummary | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> LoadSummary:
        """Map, resolve and write every item; returns the summary."""
        summary = summary or LoadSummary()
        batches = _batches_without_repeated_keys(items, self.batch_size)
        # Mapping, areas and recognition need no graph: a thread prepares the next batch while
        # this one is written (the driver releases the GIL while it waits for Neo4j).
        for staged in _prefetch((self._stage(batch) for batch in batches), depth=2):
            self._process(staged, summary)
            if progress:
                progress(len(staged))
        return summary

    def _stage(self, batch: list[Item]) -> list[tuple[Item, "Prepared | dict"]]:
        """The CPU-heavy part of a batch: map, resolve areas, recognise elements, check identifiers.

        Records whose content is stored already are not analysed: a reload costs reading and mapping only.
        `_process` classifies again once the batches before have been written, and analyses any record
        that turns out fresh after all (an earlier batch of this load stored another version of it).
        """
        staged = [(item, self._map(item)) for item in batch]
        prepared = [result for _, result in staged if isinstance(result, Prepared)]
        stored = self._stored_hashes(prepared)
        for p in prepared:
            if p.content_hash not in stored.get(p.report.key, ()):
                self._analyse_one(p)
        return staged

    def _stored_hashes(self, prepared: list[Prepared]) -> dict[str, set[str]]:
        """Every content hash held for each report: the current one and its earlier versions'."""
        if not prepared:
            return {}
        rows = self.graph.read("get_report_hashes", keys=[p.report.key for p in prepared])
        return {row["key"]: {row["content_hash"], *row["earlier_hashes"]} - {None} for row in rows}

    def _process(self, staged: list[tuple[Item, "Prepared | dict"]], summary: LoadSummary) -> None:
        quarantined: list[dict] = []
        prepared: list[Prepared] = []
        for item, result in staged:
            summary.counts(item.channel).read += 1
            if isinstance(result, dict):
                quarantined.append(result)
                summary.counts(item.channel).quarantined += 1
                self._outcome(summary, item, "quarantined", reason=result["reason"])
            else:
                prepared.append(result)
        self._classify(prepared)
        fresh = [p for p in prepared if p.status != "unchanged"]
        for p in prepared:
            counts = summary.counts(p.report.channel)
            counts.unexpected_fields.update(p.report.unexpected_fields)
        for p in fresh:
            if p.elements is None:
                self._analyse_one(p)
        in_scope, out_of_scope = self._analyse(fresh)
        quarantined.extend(out_of_scope)
        kept = {id(p) for p in in_scope}
        for p in prepared:
            if p.status == "unchanged" or id(p) in kept:
                setattr(
                    summary.counts(p.report.channel), p.status, getattr(summary.counts(p.report.channel), p.status) + 1
                )
                self._outcome(summary, p.item, p.status, key=p.report.key)
        for row in out_of_scope:
            summary.counts(row["channel"]).quarantined += 1
        write_quarantine(self.graph, quarantined)
        if not in_scope:
            return
        self._resolve_entities(in_scope)
        self._write_reports(in_scope)
        dispute_ids = self._assign_disputes(in_scope)
        summary.dispute_ids.extend(dispute_ids)
        # Disputes placed in a community by this batch are re-examined by the hooks with it.
        placed = place_in_communities(self.graph, dispute_ids, self.scope, self.rules.building)
        dispute_ids = sorted({*dispute_ids, *placed})
        for hook in self.hooks:
            hook(self.graph, dispute_ids=dispute_ids, scope=self.scope)

    def _outcome(self, summary: LoadSummary, item: Item, status: str, **extra: Any) -> None:
        if self.keep_outcomes:
            summary.outcomes.append({"source": item.source, "line": item.line, "status": status, **extra})

    def _map(self, item: Item) -> Prepared | dict:
        if isinstance(item, ReadFailure):
            return failure_row(item)
        loader = self.runtime.loader(item.channel)
        try:
            report = loader.map(item)
        except MappingError as error:
            return failure_row(item, error)
        if not report.text and not report.title:
            named = " / ".join(loader.text_fields)
            reason = f"{named}: empty; the record has no text to describe the dispute"
            return quarantine_row(item, reason, loader.text_fields[-1])
        return Prepared(item=item, report=report, content_hash=_content_hash(report), status="new")

    def _classify(self, prepared: list[Prepared]) -> None:
        if not prepared:
            return
        rows = self.graph.read("get_report_hashes", keys=[p.report.key for p in prepared])
        stored = {row["key"]: row for row in rows}
        for p in prepared:
            row = stored.get(p.report.key)
            if row is None or row["content_hash"] is None:
                p.status = "new"
            elif row["content_hash"] == p.content_hash or (
                    p.content_hash in row["earlier_hashes"] and p.report.key not in self.touched_keys):
                # An earlier version sent again (the file loaded twice, a correction replayed) never rolls the
                # report back: replaying old data changes nothing. After this load changed the report, the
                # same content is the upstream changing it back (v2 then v1 in one file), an update.
                p.status = "unchanged"
            else:
                p.status = "updated"
                p.version = (row["version"] or 1) + 1
            p.existing_dispute = row["dispute_id"] if row else None
            if p.status != "unchanged":
                self.touched_keys.add(p.report.key)

    def _analyse_one(self, p: Prepared) -> None:
        """Resolve the area, recognise the elements and check the identifiers of one report."""
        p.area = self.runtime.areas.resolve(p.report)
        p.elements = self.runtime.recognise(p.report)
        p.place_key = next((place for place in p.elements.places if place not in self.area_names), None)
        p.parties = [check_party(f"{p.report.key}|{party.index}", party) for party in p.report.parties]

    def _analyse(self, fresh: list[Prepared]) -> tuple[list[Prepared], list[dict]]:
        """Split off records outside the caller's scope."""
        in_scope, out_of_scope = [], []
        for p in fresh:
            if not p.area.code.startswith(self.scope):
                reason = f"area {p.area.code} is outside the loading user's jurisdiction {self.scope}"
                out_of_scope.append(quarantine_row(p.item, reason, "area"))
                continue
            in_scope.append(p)
        return in_scope, out_of_scope

    def _resolve_entities(self, prepared: list[Prepared]) -> None:
        ids = sorted({f.id_number for p in prepared for f in p.parties if f.id_valid and f.id_number})
        phones = sorted({f.phone for p in prepared for f in p.parties if f.phone_valid and f.phone})
        resolver = PersonResolver(name_in_area_confidence=self.resolution_config["name_in_area_confidence"],
                                  sound_alike=self.resolution_config["sound_alike"])
        resolver.remember(self.graph.read("find_persons_by_identifiers", id_numbers=ids, phones=phones))
        resolver.remember_names(self.graph.read("find_persons_by_name_in_area", rows=_name_area_rows(prepared)))
        for p in sorted(prepared, key=lambda item: item.report.reported_at):
            area = _linking_area(p)
            p.resolutions = [r for f in p.parties if (r := resolver.resolve(f, area)) is not None]
        for p in prepared:
            p.resolutions = [_final(resolver, r) for r in p.resolutions]
        self._person_rows = [_person_row(person) for person in resolver.changed_persons()]
        self._merge_rows = [
            {"from_pid": gone, "into_pid": resolver.final_pid(gone), "reason": "merged_by_id_and_phone"}
            for gone in resolver.merged
        ]

    def _write_reports(self, prepared: list[Prepared]) -> None:
        now = datetime.now(UTC)
        archive = [{"key": p.report.key, "replaced_at": now} for p in prepared if p.status == "updated"]
        reports = [_report_row(p, now) for p in prepared]
        parties = [_party_row(p.report.key, f) for p in prepared for f in p.parties]
        person_links = [_link_row(r) for p in prepared for r in p.resolutions if r.kind == "person"]
        org_links = [
            {"party_key": r.party_key, "org_key": r.node_key, "name": r.node_key}
            for p in prepared
            for r in p.resolutions
            if r.kind == "organization"
        ]
        contacts = [
            {"report_key": p.report.key, "phone": check.value}
            for p in prepared
            if p.report.contact_phone and (check := normalise.normalise_phone(p.report.contact_phone)).valid
        ]
        persons, merges, scope, graph = self._person_rows, self._merge_rows, self.scope, self.graph

        def work(tx: Any) -> None:
            if archive:
                graph.run_in(tx, "archive_report_versions", rows=archive, scope=scope)
            graph.run_in(tx, "write_reports", rows=reports, scope=scope)
            graph.run_in(tx, "write_parties", rows=parties, scope=scope)
            graph.run_in(tx, "merge_persons", rows=persons)
            graph.run_in(tx, "merge_person_into", rows=merges)
            graph.run_in(tx, "link_parties_to_persons", rows=person_links, scope=scope)
            graph.run_in(tx, "link_parties_to_organizations", rows=org_links, scope=scope)
            graph.run_in(tx, "link_contact_phones", rows=contacts, scope=scope)

        self.graph.execute_write(work)

    def _assign_disputes(self, prepared: list[Prepared]) -> list[str]:
        """Attach dispute reports to an existing incident or open a new dispute."""
        disputes = [p for p in prepared if p.elements.is_dispute]
        probes = {p.report.key: _probe(p) for p in disputes if p.existing_dispute is None}
        found = self._candidates(list(probes.values()))
        local = BatchIncidents()
        created, attached, touched, refreshed = [], [], [], []
        for p in sorted(disputes, key=lambda item: item.report.reported_at):
            if p.existing_dispute:
                touched.append(p.existing_dispute)
                refreshed.append(_refresh_row(p))
                attached.append(_attach_row(p, p.existing_dispute, "same record, updated", 1.0))
                continue
            probe = probes[p.report.key]
            candidates = found.get(p.report.key, []) + local.candidates(probe)
            decision = decide(probe, candidates, self.rules)
            if decision:
                dispute_id, reason, confidence = decision.dispute_id, decision.reason, decision.confidence
            else:
                dispute_id, reason, confidence = _dispute_id(p.report.key), "first report", 1.0
                created.append(_dispute_row(p, dispute_id))
            # Later reports of this batch may share identifiers with this one, not only the first.
            local.add(probe, _candidate_from_probe(dispute_id, probe))
            attached.append(_attach_row(p, dispute_id, reason, confidence))
            touched.append(dispute_id)
        party_rows = [
            {"dispute_id": row["dispute_id"], "node_key": r.node_key, "kind": r.kind, "role": _role(p, r.party_key)}
            for p, row in zip(sorted(disputes, key=lambda item: item.report.reported_at), attached, strict=True)
            for r in p.resolutions
        ]
        aliases = self._organization_aliases(disputes)
        party_rows += [
            {"dispute_id": row["dispute_id"], "node_key": org, "kind": "organization", "role": "涉事单位"}
            for p, row in zip(sorted(disputes, key=lambda item: item.report.reported_at), attached, strict=True)
            for org in _mentioned_organizations(p, aliases)
        ]
        keyword_rows = [
            {"dispute_id": row["dispute_id"], **hit}
            for p, row in zip(sorted(disputes, key=lambda item: item.report.reported_at), attached, strict=True)
            for hit in self.runtime.keyword_rows(p.elements)
        ]
        self._write_disputes(created, attached, party_rows, keyword_rows, prepared, refreshed)
        return sorted(set(touched))

    def _organization_aliases(self, disputes: list[Prepared]) -> dict[str, str]:
        """The one full-named organization (known or named in this batch) each text's other form of a name means."""
        forms = {form for p in disputes for form in _alias_forms(p)}
        if not forms:
            return {}
        known = {key for p in disputes for key in _full_names(p)}
        found: dict[str, set[str]] = {form: {key for key in known if form in key} for form in forms}
        for row in self.graph.read("find_organizations_by_short_name", shorts=sorted(forms)):
            found[row["short"]].add(row["key"])
        return {form: key for form, keys in found.items() if len(names := _alias_targets(form, keys)) == 1
                for key in names}

    def _candidates(self, probes: list[IncidentProbe]) -> dict[str, list[IncidentCandidate]]:
        if not probes:
            return {}
        rows = [_probe_row(probe, self.rules) for probe in probes]
        result: dict[str, dict[str, IncidentCandidate]] = {}
        for row in self.graph.read("find_incident_candidates", rows=rows):
            bucket = result.setdefault(row["key"], {})
            candidate = bucket.get(row["dispute_id"])
            if candidate is None:
                candidate = IncidentCandidate(
                    dispute_id=row["dispute_id"],
                    occurred_at=datetime.fromtimestamp(row["occurred_ms"] / 1000, UTC),
                    category=row["category"],
                    keywords=set(row["keywords"] or []),
                    place_key=row["place_key"],
                    channels=set(row["channels"] or []),
                )
                bucket[row["dispute_id"]] = candidate
            candidate.shared.setdefault(row["via"], set()).add(row["shared"])
        return {key: list(bucket.values()) for key, bucket in result.items()}

    def _write_disputes(
        self,
        created: list[dict],
        attached: list[dict],
        parties: list[dict],
        keywords: list[dict],
        prepared: list[Prepared],
        refreshed: list[dict] | None = None,
    ) -> None:
        graph, scope = self.graph, self.scope
        refreshed = refreshed or []
        hashes = [{"key": p.report.key, "content_hash": p.content_hash} for p in prepared]

        def work(tx: Any) -> None:
            graph.run_in(tx, "create_disputes", rows=created, scope=scope)
            graph.run_in(tx, "update_disputes_from_reports", rows=refreshed, scope=scope)
            graph.run_in(tx, "attach_reports_to_disputes", rows=attached, scope=scope)
            graph.run_in(tx, "link_dispute_parties", rows=parties, scope=scope)
            graph.run_in(tx, "write_dispute_keywords", rows=keywords, scope=scope)
            graph.run_in(tx, "mark_reports_loaded", rows=hashes, scope=scope)

        self.graph.execute_write(work)


def _prefetch(source: Iterator[T], *, depth: int) -> Iterator[T]:
    """Iterate `source` in a background thread, at most `depth` items ahead; errors re-raise here."""
    queue: Queue = Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def produce() -> None:
        try:
            for value in source:
                if stop.is_set():
                    return
                queue.put(value)
            queue.put(done)
        except BaseException as error:  # handed to the consumer, which re-raises it
            queue.put(_Failure(error))

    worker = threading.Thread(target=produce, name="ingest-prefetch", daemon=True)
    worker.start()
    try:
        while (value := queue.get()) is not done:
            if isinstance(value, _Failure):
                raise value.error
            yield value
    finally:
        stop.set()
        while worker.is_alive():
            try:
                queue.get_nowait()
            except Empty:
                worker.join(timeout=0.05)


@dataclass(frozen=True)
class _Failure:
    error: BaseException


def _batches_without_repeated_keys(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches of at most `size`; a record whose identity repeats starts a new batch (versions stay ordered)."""
    batch: list[Item] = []
    seen: set[str] = set()
    for item in items:
        identity = _identity(item)
        if len(batch) >= size or (identity and identity in seen):
            yield batch
            batch, seen = [], set()
        batch.append(item)
        if identity:
            seen.add(identity)
    if batch:
        yield batch


def _identity(item: Item) -> str | None:
    if isinstance(item, ReadFailure):
        return None
    source_id = get_loader(item.channel).identity(item.payload)
    return f"{item.channel}|{source_id}" if source_id else None


def _content_hash(report: StandardReport) -> str:
    data = report.model_dump(mode="json", exclude={"unexpected_fields"})
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _dispute_id(report_key: str) -> str:
    return "D" + hashlib.sha1(report_key.encode("utf-8")).hexdigest()[:16]


def case_code(district_code: str | None, occurred_at: datetime, dispute_id: str) -> str:
    """The human-readable case code (一案一码): district, Beijing date, and a stable suffix."""
    local_day = occurred_at.astimezone(normalise.BEIJING).strftime("%Y%m%d")
    return f"AJ{district_code or '000000'}-{local_day}-{dispute_id[1:7].upper()}"


def _iso(instant: datetime | None) -> str | None:
    """An aware instant as ISO-8601 text with its offset, for `datetime()` in Cypher."""
    return instant.isoformat() if instant is not None else None


def _report_row(p: Prepared, now: datetime) -> dict:
    r, area, elements = p.report, p.area, p.elements
    props = {
        "channel": r.channel,
        "source_id": r.source_id,
        "department": r.department,
        "title": r.title,
        "text": r.text,
        "address": r.address,
        "channel_label": r.channel_label,
        "request_type": r.request_type,
        "status": r.status,
        "handling_unit": r.handling_unit,
        "risk_level": r.risk_level,
        "resolved": r.resolved,
        "outcome": r.outcome,
        "reporter": r.reporter,
        "involved_count": r.involved_count,
        "lng": r.lng,
        "lat": r.lat,
        "coord_type": r.coord_type,
        "attachments": r.attachments,
        "extra_json": json.dumps(r.extra, ensure_ascii=False, default=str),
        "unexpected_fields": r.unexpected_fields,
        "area_code": area.code,
        "area_method": area.method,
        "district_code": area.district_code,
        "street_code": area.street_code,
        "community_code": area.community_code,
        "grid_code": area.grid_code,
        "is_dispute": elements.is_dispute,
        "category": elements.category,
        "keywords": list(elements.keywords),
        "elements_json": elements.model_dump_json(),
        "version": p.version,
    }
    return {
        "key": r.key,
        "props": props,
        # Instants travel as ISO-8601 text and become DateTime in Cypher (same value and offset):
        # the driver's Python datetime packing costs ~40 µs each, on the write thread.
        "reported_at": _iso(r.reported_at),
        "due_at": _iso(r.due_at),
        "loaded_at": _iso(now),
        "area_code": area.code,
        "area_method": area.method,
        "area_detail": area.detail,
    }


def _party_row(report_key: str, f: PartyFacts) -> dict:
    party = f.record
    props = {
        "name": f.name,
        "role": party.role,
        "id_number_given": party.id_number,
        "id_number_valid": f.id_valid if party.id_number else None,
        "id_number_problem": f.id_reason if party.id_number and not f.id_valid else None,
        "phone_given": party.phone,
        "phone": f.phone if f.phone_valid else None,
        "phone_valid": f.phone_valid if party.phone else None,
        "age": party.age,
        "occupation": party.occupation,
        "prior_record": party.prior_record,
        "is_organization": f.organization is not None,
        "search_text": " ".join(filter(None, [f.name, f.phone if f.phone_valid else None])),
    }
    return {"key": f.party_key, "report_key": report_key, "index": party.index, "props": props}


def _linking_area(p: Prepared) -> tuple[str | None, str | None]:
    """The (community, district) in which a full name may link persons."""
    return p.area.community_code, p.area.district_code


def _name_area_rows(prepared: list[Prepared]) -> list[dict]:
    """(name, district) of named person parties, for name-in-area linking."""
    rows = {
        (f.name, p.area.district_code)
        for p in prepared
        if p.area.district_code
        for f in p.parties
        if f.name and not f.organization and not normalise.is_partial_name(f.name)
    }
    return [{"name": name, "district_code": district} for name, district in sorted(rows)]


def _final(resolver: PersonResolver, resolution: Resolution) -> Resolution:
    """The resolution pointed at the surviving person after in-batch merges."""
    if resolution.kind != "person":
        return resolution
    final = resolver.final_pid(resolution.node_key)
    if final == resolution.node_key:
        return resolution
    return Resolution(resolution.party_key, "person", final, resolution.reason, resolution.confidence)


def _person_row(person: Any) -> dict:
    aliases = sorted(a for a in person.aliases if a and a != person.name)
    return {
        "pid": person.pid,
        "name": person.name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "id_number": person.id_number,
        "phones": sorted(person.phones),
        "aliases": aliases,
        "search_text": " ".join(filter(None, [person.name, *aliases, person.id_number, *sorted(person.phones)])),
    }


def _link_row(resolution: Resolution) -> dict:
    return {
        "party_key": resolution.party_key,
        "pid": resolution.node_key,
        "reason": resolution.reason,
        "confidence": resolution.confidence,
    }


def _probe(p: Prepared) -> IncidentProbe:
    pids = {r.node_key for r in p.resolutions if r.kind == "person"}
    phones = {f.phone for f in p.parties if f.phone_valid and f.phone}
    contact = normalise.normalise_phone(p.report.contact_phone) if p.report.contact_phone else None
    if contact and contact.valid:
        phones.add(contact.value)
    return IncidentProbe(
        key=p.report.key,
        reported_at=p.report.reported_at,
        category=p.elements.category,
        keywords=set(p.elements.keywords),
        place_key=_place_key(p),
        pids=pids,
        phones=phones,
        channel=p.report.channel,
    )


def _probe_row(probe: IncidentProbe, rules: MergeRules) -> dict:
    window = rules.widest_window()
    return {
        "key": probe.key,
        "pids": sorted(probe.pids),
        "phones": sorted(probe.phones),
        # Only a building-level place can merge incidents; an estate would match hundreds of disputes.
        "place_key": probe.place_key if rules.is_building(probe.place_key) else None,
        "start": _iso(probe.reported_at - window),
        "end": _iso(probe.reported_at + window),
    }


class BatchIncidents:
    """Disputes opened or joined earlier in this batch, indexed by person, phone and place."""

    def __init__(self) -> None:
        self.entries: list[tuple[IncidentProbe, IncidentCandidate]] = []
        self.index: dict[tuple[str, str], list[int]] = {}

    def add(self, probe: IncidentProbe, candidate: IncidentCandidate) -> None:
        """Remember a report of this batch and the dispute it went to."""
        position = len(self.entries)
        self.entries.append((probe, candidate))
        for key in _probe_keys(probe):
            self.index.setdefault(key, []).append(position)

    def candidates(self, probe: IncidentProbe) -> list[IncidentCandidate]:
        """Disputes of this batch that share a person, phone or place with the probe."""
        positions = sorted({i for key in _probe_keys(probe) for i in self.index.get(key, [])})
        found = []
        for other, candidate in (self.entries[i] for i in positions):
            shared = {}
            if probe.pids & other.pids:
                shared["person"] = probe.pids & other.pids
            if probe.phones & other.phones:
                shared["phone"] = probe.phones & other.phones
            found.append(
                IncidentCandidate(
                    candidate.dispute_id,
                    candidate.occurred_at,
                    candidate.category,
                    candidate.keywords,
                    candidate.place_key,
                    shared,
                    {other.channel},
                )
            )
        return found


def _probe_keys(probe: IncidentProbe) -> list[tuple[str, str]]:
    keys = [("person", pid) for pid in probe.pids] + [("phone", phone) for phone in probe.phones]
    if probe.place_key:
        keys.append(("place", probe.place_key))
    return keys


def _candidate_from_probe(dispute_id: str, probe: IncidentProbe) -> IncidentCandidate:
    return IncidentCandidate(dispute_id, probe.reported_at, probe.category, probe.keywords, probe.place_key)


def _place_key(p: Prepared) -> str | None:
    return p.place_key


def _role(p: Prepared, party_key: str) -> str:
    for f in p.parties:
        if f.party_key == party_key:
            return f.record.role or "当事人"
    return "当事人"


def _mentioned_organizations(p: Prepared, aliases: dict[str, str] | None = None) -> list[str]:
    """Organizations named in the text but not as parties (a contractor in a wage claim); a short form or a
    company name without 有限 counts as the one full-named organization it means (`aliases`)."""
    aliases = aliases or {}
    named = {r.node_key for r in p.resolutions if r.kind == "organization"}
    found = set()
    for name in p.elements.organizations:
        key = normalise.normalise_org(name)
        if not normalise.is_organization(name):
            continue
        if (alias := aliases.get(_alias_form(key) or "")) is not None:
            found.add(alias)
        elif _named_in_full(key):
            found.add(key)
    return sorted(found - named)


def _full_names(p: Prepared) -> set[str]:
    """Full organization names a report gives, as a party or in its text."""
    texts = {normalise.normalise_org(name) for name in p.elements.organizations if normalise.is_organization(name)}
    return {key for key in texts if _named_in_full(key)} | {
        r.node_key for r in p.resolutions if r.kind == "organization" and _named_in_full(r.node_key)}


def _alias_forms(p: Prepared) -> set[str]:
    return {form for name in p.elements.organizations if normalise.is_organization(name)
            if (form := _alias_form(normalise.normalise_org(name)))}


# A short form (世天物业) names one company when one full name holds it right after an area or at its start
# (鹤壁市世天物业服务有限公司); 12345 and QR texts name property companies so. A company name without 有限
# (鹤壁市越天物业管理公司) means the 有限公司 of the same words. Generic short forms (物业公司) hold no area
# before them in a full name, and ambiguous ones (人民医院: several) stay unlinked.
_LIMITED = "有限公司"
_AREA_ENDS = ("市", "县", "区", "省")


def _alias_form(key: str) -> str | None:
    """What to look a text's organization name up by: a short form as it is, a 公司 without 有限 by its stem."""
    if _named_in_full(key):
        plain = key.endswith("公司") and not key.endswith((_LIMITED, "分公司"))
        return key[:-2] if plain else None
    return key if len(key) >= 4 and not key.startswith(_AREA_ENDS) else None


def _alias_targets(form: str, keys: set[str]) -> set[str]:
    """The full names among `keys` that a short form or a stem can mean."""
    if form + _LIMITED in keys:
        return {form + _LIMITED}
    # A 公司 without 有限 beside its 有限公司 is the same company, not a second one.
    same = {key for key in keys if _alias_form(key) and key[:-2] + _LIMITED in keys}
    return {key for key in keys - same if key not in (form, form + "公司") and _named_in_full(key)
            and (at := key.find(form)) >= 0 and (at == 0 or key[:at].endswith(_AREA_ENDS))}


# Text mentions an organization in passing (更换物业, 找物业) or by a short form (市人民医院, 安居物业):
# only a full name becomes a party (a short form through the full name it means, `_alias_targets`).
_FULL_ORG_NAME = re.compile(r"[^市县区省].+(公司|医院|保健院|卫生院|学校|小学|中学|幼儿园|合作社|中心|工厂|厂)$")


def _named_in_full(name: str) -> bool:
    """Whether a text-mentioned organization is named in full (鹤壁市恒达建筑劳务有限公司, 淇县中医院)."""
    return len(name) >= 5 and bool(_FULL_ORG_NAME.match(name))


def _flag_names(elements: Any) -> list[str]:
    return sorted(name for name, evidence in elements.flags.items() if evidence)


def _attach_row(p: Prepared, dispute_id: str, reason: str, confidence: float) -> dict:
    return {
        "report_key": p.report.key,
        "dispute_id": dispute_id,
        "reason": reason,
        "confidence": confidence,
        "channel": p.report.channel,
        "reported_at": _iso(p.report.reported_at),
        "area_code": p.area.code,
        "keywords": list(p.elements.keywords),
        "flags": _flag_names(p.elements),
    }


def _refresh_row(p: Prepared) -> dict:
    """The dispute properties that follow its first report when that report is corrected."""
    r, e = p.report, p.elements
    props = {
        "title": r.title or r.text[:40],
        "text": r.text,
        "category": e.category,
        "category_confidence": e.category_confidence,
        "keywords": list(e.keywords),
        "flags": _flag_names(e),
        "flag_evidence_json": json.dumps(e.flags, ensure_ascii=False),
        "search_text": f"{r.title} {r.text[:500]}",
    }
    return {"dispute_id": p.existing_dispute, "report_key": r.key, "props": props}


def _dispute_row(p: Prepared, dispute_id: str) -> dict:
    r, area, e = p.report, p.area, p.elements
    props = {
        "id": dispute_id,
        "case_code": case_code(area.district_code, r.reported_at, dispute_id),
        "primary_report": r.key,
        "title": r.title or r.text[:40],
        "text": r.text,
        "address": r.address,
        "category": e.category,
        "category_confidence": e.category_confidence,
        "keywords": list(e.keywords),
        "flags": _flag_names(e),
        "flag_evidence_json": json.dumps(e.flags, ensure_ascii=False),
        "relation": e.relation,
        "amounts": list(e.amounts),
        "people_count": e.people_count,
        "place_key": _place_key(p),
        "channels": [],
        "report_count": 0,
        "status": "open",
        "area_code": area.code,
        "district_code": area.district_code,
        "street_code": area.street_code,
        "community_code": area.community_code,
        "grid_code": area.grid_code,
        "search_text": f"{r.title} {r.text[:500]}",
    }
    return {
        "id": dispute_id,
        "props": props,
        "occurred_at": _iso(r.reported_at),
        "created_at": _iso(datetime.now(UTC)),
        "area_code": area.code,
        "category": e.category,
        "place_key": _place_key(p),
        "place_area_code": area.code,
    }
