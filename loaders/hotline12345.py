"""12345 hotline work orders: CSV with a Chinese header row, GB18030/GBK or UTF-8 (with or without BOM)."""

from loaders.base import CsvChannelLoader, build_report
from loaders.model import PartyRecord, RawRecord, StandardReport
from loaders.normalise import DASHED, DATE, SLASHED

COLUMNS = (
    "工单编号", "来电时间", "来电人", "来电号码", "诉求类型", "诉求标题",
    "诉求内容", "诉求地址", "所属区县", "承办单位", "办结时限", "工单状态",
)  # fmt: skip
TIME_FORMATS = (DASHED, SLASHED)
# A due time is often a date alone (`2025-05-12`): midnight Beijing time of that day.
DUE_FORMATS = (*TIME_FORMATS, DATE)


class HotlineLoader(CsvChannelLoader):
    """Maps one work order: the caller is party 0; the district is kept by name for area resolution."""

    name = "hotline12345"
    columns = COLUMNS
    known_fields = frozenset(COLUMNS)
    signature = frozenset({"工单编号", "来电时间"})
    file_patterns = ("hotline12345*.csv",)
    identity_fields = ("工单编号",)
    text_fields = ("诉求标题", "诉求内容")

    def map(self, raw: RawRecord) -> StandardReport:
        """Map one work order; MappingError when 工单编号 or 来电时间 is missing or unreadable."""
        fields = self._fields(raw)
        source_id = fields.required("工单编号", "the work-order id identifies the record")
        reported_at = fields.time("来电时间", TIME_FORMATS)
        caller, phone = fields.name(fields.payload.get("来电人"), "来电人"), fields.text("来电号码")
        parties = [PartyRecord(index=0, name=caller, phone=phone, role="来电人")] if caller or phone else []
        district = fields.text("所属区县")
        # Some exports write the district's 6-digit code instead of its name.
        is_code = bool(district and district.isascii() and district.isdigit() and len(district) == 6)
        district_code = district if is_code else None
        if district and not district_code:
            # Area resolution maps district names to codes; the channel only has the name.
            fields.extra["district_name"] = district
        return build_report(
            raw,
            fields,
            self.known_fields,
            source_id=source_id,
            reported_at=reported_at,
            title=fields.free_text("诉求标题"),
            text=fields.free_text("诉求内容"),
            address=fields.text("诉求地址"),
            district_code=district_code,
            request_type=fields.text("诉求类型"),
            parties=parties,
            status=fields.text("工单状态"),
            handling_unit=fields.text("承办单位"),
            due_at=fields.optional_time("办结时限", DUE_FORMATS),
        )
