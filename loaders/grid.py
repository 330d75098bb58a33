"""Grid workers' app reports: JSON Lines with camelCase keys."""

import re
from typing import Any

from loaders.base import Fields, JsonLinesChannelLoader, build_report
from loaders.model import PartyRecord, RawRecord, StandardReport
from loaders.normalise import ISO_8601

KEYS = (
    "eventId", "gridCode", "reporterId", "reporterName", "reportTime", "eventType", "title",
    "description", "location", "address", "parties", "involvedCount", "status", "attachments",
)  # fmt: skip
PARTY_KEYS = frozenset({"name", "idCard", "phone", "role", "age", "occupation"})


def _party(fields: Fields, index: int, entry: dict[str, Any]) -> PartyRecord:
    """One entry of `parties`; any key may be missing, unknown keys are noted."""
    where = f"parties[{index}]"
    fields.note_unknown_keys(where, entry, PARTY_KEYS)
    return PartyRecord(
        index=index,
        name=fields.name(entry.get("name"), f"{where}.name"),
        id_number=fields.text_value(entry.get("idCard"), f"{where}.idCard"),
        phone=fields.text_value(entry.get("phone"), f"{where}.phone"),
        role=fields.text_value(entry.get("role"), f"{where}.role"),
        age=fields.integer_value(entry.get("age"), f"{where}.age"),
        occupation=fields.text_value(entry.get("occupation"), f"{where}.occupation"),
    )


def _parties(fields: Fields) -> list[PartyRecord]:
    """The parties in order; index = position, so a bad entry leaves a gap."""
    value = fields.decoded("parties")
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        fields.note_invalid("parties", value, "expected a list of parties")
        return []
    parties = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            parties.append(_party(fields, index, entry))
        else:
            fields.note_invalid(f"parties[{index}]", entry, "expected an object")
    return parties


def _location(fields: Fields) -> tuple[float | None, float | None]:
    """`location: {lng, lat}` (WGS-84), also `[lng, lat]` or `"lng,lat"`; missing, null or 0 → no position."""
    location = fields.decoded("location")
    if location is None or location == "":
        return None, None
    if isinstance(location, str) and len(pair := re.split(r"[,，\s]+", location.strip())) == 2:
        location = pair
    if isinstance(location, list) and len(location) == 2:
        location = {"lng": location[0], "lat": location[1]}
    if not isinstance(location, dict):
        fields.note_invalid("location", location, "expected an object {lng, lat}")
        return None, None
    return fields.coordinates(
        location.get("lng"), location.get("lat"), lng_field="location.lng", lat_field="location.lat"
    )


class GridLoader(JsonLinesChannelLoader):
    """Maps one grid event; a malformed grid code is kept in extra, never rejects the record."""

    name = "grid"
    known_fields = frozenset(KEYS)
    signature = frozenset({"eventId", "reportTime"})
    file_patterns = ("grid*.jsonl",)
    identity_fields = ("eventId",)
    text_fields = ("title", "description")

    def map(self, raw: RawRecord) -> StandardReport:
        """Map one event; MappingError when eventId or reportTime is missing or unreadable."""
        fields = self._fields(raw)
        source_id = fields.required("eventId", "the event id identifies the record")
        reported_at = fields.time("reportTime", (ISO_8601,))
        lng, lat = _location(fields)
        fields.keep("reporterId")
        return build_report(
            raw,
            fields,
            self.known_fields,
            source_id=source_id,
            reported_at=reported_at,
            title=fields.free_text("title"),
            text=fields.free_text("description"),
            address=fields.text("address"),
            grid_code=fields.code("gridCode", 15),
            lng=lng,
            lat=lat,
            coord_type="wgs84",
            channel_label=fields.text("eventType"),
            parties=_parties(fields),
            involved_count=fields.integer_value(
                fields.payload.get("involvedCount"), "involvedCount", minimum=1
            ),
            status=fields.text("status"),
            reporter=fields.text("reporterName"),
            attachments=fields.strings("attachments"),
        )
