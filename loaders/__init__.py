"""Upstream channel loaders and the shared normalise / resolve / write path.

The contract every channel module follows (see docs/ingest.md):
  read(path or body) -> RawRecord | ReadFailure      (the channel's own format, never dropped)
  map(raw) -> StandardReport                          (pydantic-validated; MappingError names the field)
and then the shared path: normalise -> resolve areas -> recognise -> resolve entities -> write.
"""
