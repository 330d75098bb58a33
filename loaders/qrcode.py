"""Citizens' QR-code clues (随手拍) from the WeChat mini program: JSON Lines with snake_case keys."""

import re
from typing import Literal

from loaders.base import Fields, JsonLinesChannelLoader, build_report
from loaders.geo import bd09_to_gcj02
from loaders.model import PartyRecord, RawRecord, StandardReport
from loaders.normalise import EPOCH_MS

KEYS = (
    "clue_id", "submitted_at", "scene", "phone", "nickname", "content", "photos",
    "longitude", "latitude", "coord_type",
)  # fmt: skip
DEFAULT_DATUM: Literal["gcj02"] = "gcj02"
Datum = Literal["wgs84", "gcj02", "bd09"]
# Baidu's BD-09 (bd09ll) is not in the spec but is what a Baidu map picker returns: converted to GCJ-02 here.
_DATUMS: dict[str, Datum] = {"gcj02": "gcj02", "wgs84": "wgs84", "bd09": "bd09", "bd09ll": "bd09"}


def _datum(fields: Fields) -> Datum:
    """coord_type (case, `-`, `_` ignored); missing means the WeChat default GCJ-02, an unknown one is noted."""
    given = fields.text("coord_type")
    if given is None:
        return DEFAULT_DATUM
    datum = _DATUMS.get(re.sub(r"[\s_-]", "", given.lower()))
    if datum is None:
        fields.note_invalid(
            "coord_type", given, f"unknown datum; assumed {DEFAULT_DATUM} (the WeChat default)"
        )
        return DEFAULT_DATUM
    return datum


class QrCodeLoader(JsonLinesChannelLoader):
    """Maps one clue: the phone is party 0 with no name (a nickname is not a name)."""

    name = "qrcode"
    known_fields = frozenset(KEYS)
    signature = frozenset({"clue_id", "submitted_at"})
    file_patterns = ("qrcode*.jsonl",)
    identity_fields = ("clue_id",)
    text_fields = ("content",)

    def map(self, raw: RawRecord) -> StandardReport:
        """Map one clue; MappingError when clue_id or submitted_at is missing or unreadable."""
        fields = self._fields(raw)
        source_id = fields.required("clue_id", "the clue id identifies the record")
        reported_at = fields.time("submitted_at", (EPOCH_MS,))
        phone = fields.text("phone")
        # Positions stay as given: GCJ-02 is converted during area resolution, not here.
        lng, lat = fields.coordinates(
            fields.payload.get("longitude"),
            fields.payload.get("latitude"),
            lng_field="longitude",
            lat_field="latitude",
        )
        datum = _datum(fields)
        if datum == "bd09":
            if lng is not None and lat is not None:
                fields.extra["bd09_position"] = [lng, lat]
                lng, lat = bd09_to_gcj02(lng, lat)
            datum = "gcj02"
        return build_report(
            raw,
            fields,
            self.known_fields,
            source_id=source_id,
            reported_at=reported_at,
            text=fields.free_text("content"),
            community_code=fields.code("scene", 12),
            lng=lng,
            lat=lat,
            coord_type=datum,
            parties=[PartyRecord(index=0, phone=phone, role="举报人")] if phone else [],
            reporter=fields.text("nickname"),
            contact_phone=phone,
            attachments=fields.strings("photos"),
        )
