"""City departments' screenings (市直部门排查): UTF-8 CSV; the identity is (部门, 排查编号)."""

import re
from itertools import zip_longest
from typing import TypeVar

from loaders.base import CsvChannelLoader, Fields, build_report
from loaders.model import PartyRecord, RawRecord, StandardReport
from loaders.normalise import CN_DATE, DATE

COLUMNS = (
    "部门", "行业领域", "排查编号", "排查日期", "当事人", "身份证号", "联系电话",
    "地址", "纠纷简述", "风险等级", "是否化解",
)  # fmt: skip
DATE_FORMATS = (DATE, CN_DATE)
_LIST_SEPARATORS = re.compile(r"[、,，;；]")
_RISK_LEVELS = {"高": "高", "中": "中", "低": "低", "高风险": "高", "中风险": "中", "低风险": "低"}
_RESOLVED = {"是": True, "否": False, "已化解": True, "未化解": False}

T = TypeVar("T")


def _split(fields: Fields, key: str) -> list[str | None]:
    """A 、-separated list cell; empty positions stay as None so positions line up."""
    text = fields.text(key)
    if text is None:
        return []
    return [item.strip() or None for item in _LIST_SEPARATORS.split(text)]


def _parties(fields: Fields) -> list[PartyRecord]:
    """Parties by position across 当事人 / 身份证号 / 联系电话; shorter lists leave None."""
    names, ids, phones = _split(fields, "当事人"), _split(fields, "身份证号"), _split(fields, "联系电话")
    parties = []
    for index, (name, id_number, phone) in enumerate(zip_longest(names, ids, phones)):
        if name or id_number or phone:
            name = fields.name(name, f"当事人[{index}]")
            parties.append(
                PartyRecord(index=index, name=name, id_number=id_number, phone=phone, role="当事人")
            )
    return parties


def _choice(fields: Fields, key: str, choices: dict[str, T]) -> T | None:
    """A value from a closed list; anything else is noted and unknown."""
    text = fields.text(key)
    if text is None:
        return None
    if text in choices:
        return choices[text]
    fields.note_invalid(key, text, f"expected one of {' / '.join(choices)}")
    return None


class DepartmentLoader(CsvChannelLoader):
    """Maps one screened dispute; an organization named as a party stays a party."""

    name = "department"
    columns = COLUMNS
    known_fields = frozenset(COLUMNS)
    signature = frozenset({"部门", "排查编号"})
    file_patterns = ("department*.csv",)
    identity_fields = ("部门", "排查编号")
    text_fields = ("纠纷简述",)

    def map(self, raw: RawRecord) -> StandardReport:
        """Map one screening; MappingError when 部门, 排查编号 or 排查日期 is missing or unreadable."""
        fields = self._fields(raw)
        department = fields.required("部门", "the department is part of the record's identity")
        source_id = fields.required(
            "排查编号", "the screening id identifies the record within its department"
        )
        return build_report(
            raw,
            fields,
            self.known_fields,
            source_id=source_id,
            department=department,
            reported_at=fields.time("排查日期", DATE_FORMATS),
            text=fields.free_text("纠纷简述"),
            address=fields.text("地址"),
            channel_label=fields.text("行业领域"),
            parties=_parties(fields),
            risk_level=_choice(fields, "风险等级", _RISK_LEVELS),
            resolved=_choice(fields, "是否化解", _RESOLVED),
        )
