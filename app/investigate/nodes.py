"""Nodes and edges as the API shows them: `Label:key` ids, captions, plain values, masked identifiers."""

import hashlib
import hmac
import secrets
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from app.caller import Caller
from app.db.values import native as plain
from app.investigate.models import EdgeView, NodeRef, NodeView
from app.privacy import mask_id_number, mask_phone, mask_record, mask_text

# Natural key of each label the API shows, in the order a node's primary label is chosen.
KEY_PROPERTY: dict[str, str] = {
    "Dispute": "id",
    "Report": "key",
    "ReportVersion": "key",
    "Person": "pid",
    "Organization": "key",
    "Place": "key",
    "Phone": "number",
    "IdNumber": "value",
    "Warning": "id",
    "Notice": "code",
    "KeyPersonEntry": "key",
    "Party": "key",
    "WorkOrder": "id",
    "Visit": "id",
    "Unit": "code",
    "Area": "code",
    "Category": "name",
    "Keyword": "key",
}
# Keys that are themselves identifiers: masked callers get a masked key with a per-process tag.
_IDENTIFIER_LABELS = {"Phone": mask_phone, "IdNumber": mask_id_number, "KeyPersonEntry": mask_text}
_NUMBER_LABELS = frozenset({"Phone", "IdNumber"})
_TAG_SALT = secrets.token_bytes(16)
# China Standard Time has no daylight saving; a fixed offset, since the Neo4j driver crashes on ZoneInfo.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")
# Serialised blobs (`elements_json`, `risk_breakdown_json`, …) are internal and may cite cases of other areas.
_BLOB_SUFFIX = "_json"
# A warning's reasons may cite cases of other areas (a party's disputes elsewhere); GET /warnings/{id} shows them.
_HIDDEN_PROPS = {"Warning": frozenset({"reasons"})}
# Identity fields are never rewritten by text masking (they hold no phone or ID number).
_KEY_FIELDS = frozenset({"id", "pid", "case_code", "source_id", "dispute_id", "primary_report"})


class NodeKeyError(ValueError):
    """A node reference that is not `Label:key` with a known label."""


def parse_node(ref: str) -> tuple[str, str]:
    """Split `Label:key` (e.g. `Person:P12`, `Dispute:D34`) into label and key."""
    label, sep, key = ref.partition(":")
    if not sep or not key or label not in KEY_PROPERTY:
        raise NodeKeyError(f"node must be Label:key with a label among {', '.join(KEY_PROPERTY)}")
    return label, key


def primary_label(labels: list[str]) -> str:
    """The label a node is shown as (Person for a KeyPerson, Area for a Grid, …)."""
    for label in KEY_PROPERTY:
        if label in labels:
            return label
    return labels[0] if labels else "Node"


def shown_key(label: str, key: str, caller: Caller) -> str:
    """The key as the caller may see it: identifiers masked, with a tag that keeps ids distinct."""
    masker = _IDENTIFIER_LABELS.get(label)
    if masker is None or caller.sees_identifiers:
        return key
    tag = hmac.new(_TAG_SALT, key.encode(), hashlib.sha256).hexdigest()[:8]
    return f"{masker(key)}~{tag}"


def node_ref(label: str, key: str, caption: str | None, caller: Caller) -> NodeRef:
    """A reference to a node: `Label:key` id, label, key and caption."""
    key = shown_key(label, key, caller)
    if label in _NUMBER_LABELS:
        caption = key.split("~")[0]
    return NodeRef(id=f"{label}:{key}", label=label, key=key, caption=caption or key)


def node_view(labels: list[str], props: dict[str, Any], caller: Caller) -> NodeView:
    """A node with its caption and its properties, scrubbed for the caller."""
    label = primary_label(labels)
    key = str(props.get(KEY_PROPERTY.get(label, ""), ""))
    ref = node_ref(label, key, caption(label, props), caller)
    hidden = _HIDDEN_PROPS.get(label, frozenset())
    clean = scrub(
        {k: v for k, v in props.items() if v is not None and not k.endswith(_BLOB_SUFFIX) and k not in hidden}, caller
    )
    if label in _NUMBER_LABELS:
        clean[KEY_PROPERTY[label]] = ref.key.split("~")[0]
    return NodeView(**ref.model_dump(), labels=labels, props=clean)


def edge_view(source: str, target: str, rel_type: str, props: dict[str, Any] | None, caller: Caller) -> EdgeView:
    """A relationship between two shown nodes."""
    return EdgeView(source=source, target=target, type=rel_type, props=scrub(props or {}, caller))


def caption(label: str, props: dict[str, Any]) -> str:
    """A short human caption of a node."""
    if label == "Dispute":
        return props.get("title") or props.get("case_code") or props.get("id", "")
    if label in ("Report", "ReportVersion"):
        source = "|".join(filter(None, [props.get("department"), props.get("source_id")]))
        return f"{props.get('channel', '')} {source}".strip()
    if label == "Keyword":
        return props.get("word") or props.get("key", "")
    if label == "Notice":
        return f"{props.get('kind') or '提示函'} {props.get('code', '')}"
    if label == "Warning":
        return props.get("title") or props.get("id", "")
    return str(props.get("name") or props.get(KEY_PROPERTY.get(label, ""), "") or "")


def scrub(record: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """Plain values, identifiers masked unless the caller may see them (also inside free text and nested)."""
    record = plain(record)
    return record if caller.sees_identifiers else _scrub(record, caller)


def scrub_text(text: str | None, caller: Caller) -> str | None:
    """A sentence with ID numbers and mobiles masked unless the caller may see them."""
    return text if caller.sees_identifiers else mask_text(text)


def _scrub(record: dict[str, Any], caller: Caller) -> dict[str, Any]:
    masked = mask_record(record, caller) or {}
    return {k: v if k in _KEY_FIELDS or k.endswith("_code") else _scrub_value(v, caller) for k, v in masked.items()}


def _scrub_value(value: Any, caller: Caller) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return _scrub(value, caller)
    if isinstance(value, list):
        return [_scrub_value(v, caller) for v in value]
    return value


def as_datetime(value: Any) -> datetime | None:
    """A time, date or ISO date string as an aware datetime (local time when none is given)."""
    value = plain(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
    return None
