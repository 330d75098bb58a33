"""Masking of personal identifiers for roles that may not see them."""

import re
from typing import Any

from app.caller import Caller
from app.db.graph import Graph

ID_FIELDS = frozenset({"id_number", "id_number_given", "value", "BJRZJHM", "ZJHM", "idCard"})
PHONE_FIELDS = frozenset({"phone", "phone_given", "number", "contact_phone", "phones"})
_ID_PATTERN = re.compile(r"\b(\d{6})\d{8}(\d{3}[\dXx])\b")
_MOBILE_PATTERN = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_LANDLINE_PATTERN = re.compile(r"(?<!\d)(0\d{2,3}-)\d{3,4}(\d{4})(?!\d)")
CASE_CODE_PATTERN = re.compile(r"AJ\d{6}-\d{8}-[0-9A-F]{6}|(?<![0-9A-Za-z])D[0-9a-f]{16}(?![0-9a-f])")
REDACTED_CASE = "（辖区外案件）"


def mask_id_number(value: str | None) -> str | None:
    """410603198803122023 -> 410603********2023."""
    if not value:
        return value
    if len(value) == 18:
        return value[:6] + "*" * 8 + value[-4:]
    return value[:2] + "*" * max(len(value) - 4, 0) + value[-2:]


def mask_phone(value: str | None) -> str | None:
    """13812341234 -> 138****1234; landlines keep their area code."""
    if not value:
        return value
    if "-" in value:
        area, _, number = value.partition("-")
        return f"{area}-{'*' * max(len(number) - 4, 0)}{number[-4:]}"
    if len(value) >= 7:
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    return "*" * len(value)


def mask_text(text: str | None) -> str | None:
    """Mask ID numbers and mobiles that appear inside free text."""
    if not text:
        return text
    text = _ID_PATTERN.sub(lambda m: m.group(1) + "*" * 8 + m.group(2)[-4:], text)
    text = _MOBILE_PATTERN.sub(lambda m: m.group(1) + "****" + m.group(2), text)
    return _LANDLINE_PATTERN.sub(lambda m: m.group(1) + "****" + m.group(2), text)


def case_codes_in(value: Any) -> set[str]:
    """Every case code or dispute id quoted anywhere inside a JSON-like value."""
    if isinstance(value, str):
        return set(CASE_CODE_PATTERN.findall(value))
    if isinstance(value, dict):
        return set().union(*(case_codes_in(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(case_codes_in(v) for v in value)) if value else set()
    return set()


def redact_case_codes(value: Any, visible: set[str]) -> Any:
    """Replace quoted case codes outside `visible` (another jurisdiction's cases) in a JSON-like value."""
    if isinstance(value, str):
        return CASE_CODE_PATTERN.sub(lambda m: m.group(0) if m.group(0) in visible else REDACTED_CASE, value)
    if isinstance(value, dict):
        return {k: redact_case_codes(v, visible) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_case_codes(v, visible) for v in value]
    return value


def mask_all_text(value: Any) -> Any:
    """mask_text applied to every string inside a JSON-like value."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask_all_text(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_all_text(v) for v in value]
    return value


def mask_record(record: dict[str, Any] | None, caller: Caller) -> dict[str, Any] | None:
    """A copy of a record with identifiers masked unless the caller's role may see them."""
    if record is None or caller.sees_identifiers:
        return record
    masked: dict[str, Any] = {}
    for key, value in record.items():
        if key in ID_FIELDS and isinstance(value, str):
            masked[key] = mask_id_number(value)
        elif key in PHONE_FIELDS and isinstance(value, str):
            masked[key] = mask_phone(value)
        elif key in PHONE_FIELDS and isinstance(value, list):
            masked[key] = [mask_phone(v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, dict):
            masked[key] = mask_record(value, caller)
        elif key in {"search_text", "raw_text", "extra_json"} and isinstance(value, str):
            masked[key] = mask_text(value)
        else:
            masked[key] = value
    return masked


def confine(*, graph: Graph, caller: Caller, payload: Any) -> Any:
    """A JSON-like answer made safe for the caller: other jurisdictions' case codes redacted, and
    identifiers inside any text masked unless the role may see them."""
    if caller.scope:
        codes = sorted(case_codes_in(payload))
        if codes:
            visible = {row["ref"] for row in graph.read("list_visible_disputes", refs=codes, scope=caller.scope)}
            payload = redact_case_codes(payload, visible)
    return payload if caller.sees_identifiers else mask_all_text(payload)
