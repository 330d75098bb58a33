"""Load the centre's risk-prevention database (reference data) into the graph."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from shapely.geometry import mapping

from app.db.graph import Graph
from app.settings import Settings
from loaders.areas import Area
from loaders.reference import KeyPerson, KeyPlace, Notice, read_reference_dir

LEVEL_LABELS = {"city": "City", "district": "District", "street": "Street", "community": "Community", "grid": "Grid"}


@dataclass
class ReferenceSummary:
    """Rows written per reference file, and what could not be taken."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_reference(*, graph: Graph, settings: Settings, directory: Path) -> ReferenceSummary:
    """Read a reference directory and write what is in it; missing files leave their data as it was."""
    reference = read_reference_dir(directory)
    summary = ReferenceSummary(problems=[str(p) for p in reference.problems])
    summary.problems += [f"{name}: not present, kept what was loaded before" for name in reference.missing]
    if reference.areas:
        graph.write_batches("merge_areas", [_area_row(a) for a in reference.areas], batch_size=1000)
        parents = [{"code": a.code, "parent": a.parent} for a in reference.areas if a.parent]
        graph.write_batches("link_area_parents", parents, batch_size=2000)
        summary.counts["areas.geojson"] = len(reference.areas)
    if reference.key_persons:
        graph.write_batches("merge_key_persons", [_key_person_row(p) for p in reference.key_persons])
        summary.counts["key_persons.csv"] = len(reference.key_persons)
    if reference.key_places:
        graph.write_batches("merge_key_places", [_key_place_row(p) for p in reference.key_places])
        summary.counts["key_places.csv"] = len(reference.key_places)
    if reference.notices:
        graph.write_batches("merge_notices", [_notice_row(n) for n in reference.notices])
        summary.counts["notices.csv"] = len(reference.notices)
    if reference.keywords:
        rows = [{"library": lib, "word": w} for lib, words in reference.keywords.items() for w in words]
        graph.write("merge_keywords", rows=rows, libraries=sorted(reference.keywords))
        summary.counts["keywords/"] = len(rows)
    stamp = hashlib.sha1(f"{directory}|{datetime.now(UTC).isoformat()}".encode()).hexdigest()[:12]
    graph.write("stamp_reference_version", version=stamp, at=datetime.now(UTC))
    return summary


def person_pid(id_number: str) -> str:
    """The pid a person gets when first known by a valid ID number (same rule as entity resolution)."""
    return "P" + hashlib.sha1(id_number.encode("utf-8")).hexdigest()[:16]


def _area_row(area: Area) -> dict:
    geometry = json.dumps(mapping(area.geometry), ensure_ascii=False) if area.geometry is not None else None
    lng, lat = area.centroid if area.centroid else (None, None)
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "label": LEVEL_LABELS[area.level],
        "parent": area.parent,
        "geometry": geometry,
        "lng": lng,
        "lat": lat,
    }


def _key_person_row(person: KeyPerson) -> dict:
    return {
        "key": person.key,
        "name": person.name,
        "id_number": person.id_number,
        "id_valid": person.id_valid,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "gender": person.gender,
        "category": person.category,
        "control_level": person.control_level,
        "address": person.address,
        "record": person.record,
        "listed_at": person.listed_at,
        "pid": person_pid(person.id_number) if person.id_valid and person.id_number else None,
    }


def _key_place_row(place: KeyPlace) -> dict:
    return {
        "key": place.name,
        "name": place.name,
        "kind": place.kind,
        "address": place.address,
        "lng": place.lng,
        "lat": place.lat,
        "grid_code": place.grid_code,
        "area_code": place.grid_code or "",
    }


def _notice_row(notice: Notice) -> dict:
    return {
        "code": notice.code,
        "issued_at": notice.issued_at,
        "name": notice.name,
        "id_number": notice.id_number,
        "id_valid": notice.id_valid,
        "reason": notice.reason,
        "issuer": notice.issuer,
        "receiver": notice.receiver,
        "kind": notice.kind,
        "pid": person_pid(notice.id_number) if notice.id_valid and notice.id_number else None,
    }
