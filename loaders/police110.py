"""110 dispute-type incidents from the police platform: JSON Lines, police-standard pinyin keys."""

from typing import Any

from loaders.base import Fields, JsonLinesChannelLoader, build_report
from loaders.model import PartyRecord, RawRecord, StandardReport
from loaders.normalise import COMPACT

KEYS = (
    "JJDBH", "BJSJ", "BJRXM", "BJRZJHM", "BJDH", "SFDZ", "XZQH", "JD", "WD",
    "JQLBMC", "BJNR", "CJDW", "CJJG", "DSR",
)  # fmt: skip
REPORTER_KEYS = ("BJRXM", "BJRZJHM", "BJDH")
DSR_KEYS = frozenset({"XM", "ZJHM", "LXDH", "SF", "QKBS"})
REPORTER_ROLE = "报警人"
_PRIOR_RECORD = {"1": True, "0": False, "": None}


def _prior_record(fields: Fields, value: Any, field: str) -> bool | None:
    """QKBS: "1" has a prior record, "0" has none (true/false too); anything else is noted and unknown."""
    if isinstance(value, bool):
        return value
    text = fields.text_value(value, field) or ""
    if text in _PRIOR_RECORD:
        return _PRIOR_RECORD[text]
    fields.note_invalid(field, value, 'expected "0" or "1"')
    return None


def _dsr_parties(fields: Fields) -> list[PartyRecord]:
    """The DSR list in order; party index = position in DSR, so a bad entry leaves a gap."""
    dsr = fields.decoded("DSR")
    if dsr in (None, ""):
        return []
    if not isinstance(dsr, list):
        fields.note_invalid("DSR", dsr, "expected a list of parties")
        return []
    parties = []
    for index, entry in enumerate(dsr):
        if not isinstance(entry, dict):
            fields.note_invalid(f"DSR[{index}]", entry, "expected an object")
            continue
        fields.note_unknown_keys(f"DSR[{index}]", entry, DSR_KEYS)
        parties.append(
            PartyRecord(
                index=index,
                name=fields.name(entry.get("XM"), f"DSR[{index}].XM"),
                id_number=fields.text_value(entry.get("ZJHM"), f"DSR[{index}].ZJHM"),
                phone=fields.text_value(entry.get("LXDH"), f"DSR[{index}].LXDH"),
                role=fields.text_value(entry.get("SF"), f"DSR[{index}].SF"),
                prior_record=_prior_record(fields, entry.get("QKBS"), f"DSR[{index}].QKBS"),
            )
        )
    return parties


def _is_reporter(party: PartyRecord, name: str | None, id_number: str | None, phone: str | None) -> bool:
    """True when a DSR party is the reporter: same ID number, phone or name (case-blind ID)."""
    if id_number and party.id_number and party.id_number.upper() == id_number.upper():
        return True
    return bool((phone and party.phone == phone) or (name and party.name == name))


def _with_reporter(fields: Fields, parties: list[PartyRecord]) -> list[PartyRecord]:
    """Empty DSR: the reporter is party 0. Reporter absent from DSR: keep the BJR* fields in extra."""
    name = fields.name(fields.payload.get("BJRXM"), "BJRXM")
    id_number, phone = fields.text("BJRZJHM"), fields.text("BJDH")
    if not (name or id_number or phone):
        return parties
    if not parties:
        return [PartyRecord(index=0, name=name, id_number=id_number, phone=phone, role=REPORTER_ROLE)]
    if not any(_is_reporter(party, name, id_number, phone) for party in parties):
        fields.keep(*REPORTER_KEYS)
    return parties


class PoliceLoader(JsonLinesChannelLoader):
    """Maps one 110 incident: DSR parties by position, the reporter as fallback party 0."""

    name = "police110"
    known_fields = frozenset(KEYS)
    signature = frozenset({"JJDBH", "BJSJ"})
    file_patterns = ("police110*.jsonl",)
    identity_fields = ("JJDBH",)
    text_fields = ("BJNR",)

    def map(self, raw: RawRecord) -> StandardReport:
        """Map one incident; MappingError when JJDBH or BJSJ is missing or unreadable."""
        fields = self._fields(raw)
        source_id = fields.required("JJDBH", "the incident (接警单) id identifies the record")
        reported_at = fields.time("BJSJ", (COMPACT,))
        lng, lat = fields.coordinates(
            fields.payload.get("JD"), fields.payload.get("WD"), lng_field="JD", lat_field="WD"
        )
        parties = _with_reporter(fields, _dsr_parties(fields))
        return build_report(
            raw,
            fields,
            self.known_fields,
            source_id=source_id,
            reported_at=reported_at,
            text=fields.free_text("BJNR"),
            address=fields.text("SFDZ"),
            district_code=fields.code("XZQH", 6),
            lng=lng,
            lat=lat,
            coord_type="wgs84",
            channel_label=fields.text("JQLBMC"),
            parties=parties,
            handling_unit=fields.text("CJDW"),
            outcome=fields.free_text("CJJG") or None,
        )
