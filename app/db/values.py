"""Values read from Neo4j, made plain Python: temporal types become datetime/date/time."""

from datetime import datetime
from typing import Any

# Values that are already plain: tested first, since a failing hasattr() costs an exception each.
_PLAIN = (str, int, float, type(None))


def native(value: Any) -> Any:
    """A Neo4j value as its Python counterpart, recursively through lists and maps."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [native(item) for item in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def with_instants(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    """A row whose named ISO-8601 text values (Cypher `toString(datetime)`) are parsed into aware datetimes.

    Queries that return many instants send them as text: the driver's own datetime decoding costs tens of
    microseconds a value, `datetime.fromisoformat` about one.
    """
    return row | {key: datetime.fromisoformat(row[key]) for key in keys if isinstance(row.get(key), str)}


def native_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every value of a row made native."""
    return {key: native(value) for key, value in row.items()}
