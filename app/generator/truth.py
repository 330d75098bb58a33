"""Ground-truth files: what every generated record really says, streamed as records are written."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from app.generator.channels import Record

TRUTH_FILES: dict[str, tuple[str, ...]] = {
    "mentions": ("channel", "source_id", "party_index", "person_id", "is_org"),
    "incidents": ("channel", "source_id", "incident_id", "category", "community_code"),
    "labels": ("channel", "source_id", "category", "flags"),
    "positions": ("channel", "source_id", "grid_code", "status", "coord_type"),
    "id_mentions": ("channel", "source_id", "party_index", "written", "true_id", "mistyped"),
    "bad_records": ("channel", "record_no", "line", "source_id", "kind"),
    "repeat_clusters": ("cluster_id", "community_code", "category", "issue", "incident_id"),
    "respondents": ("org_name", "incident_id", "claimant", "planted", "occurred_at"),
    "prior_record": ("person_id", "id_number", "key_person", "notice_code", "incident_id"),
}


def flag(value: bool) -> str:
    """Booleans in truth files are written true / false."""
    return "true" if value else "false"


class TruthWriter:
    """Open truth CSVs; rows are appended as records and incidents are produced."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._handles: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}
        self.rows: dict[str, int] = defaultdict(int)
        for name, header in TRUTH_FILES.items():
            handle = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            self._handles[name], self._writers[name] = handle, writer

    def row(self, name: str, *cells: object) -> None:
        """Append one row to a truth file."""
        self._writers[name].writerow(cells)
        self.rows[name] += 1

    def record(self, record: Record, empty_content: bool) -> None:
        """The truth rows of one readable record."""
        channel, sid = record.channel, record.source_id
        for mention in record.mentions:
            self.row("mentions", channel, sid, mention.index, mention.party_id, flag(mention.is_org))
        self.row("incidents", channel, sid, record.incident_id, record.category, record.community_code)
        flags = "" if empty_content else "|".join(record.flags)
        self.row("labels", channel, sid, record.category, flags)
        if record.position:
            self.row("positions", channel, sid, record.grid_code, record.position, record.coord_type)
        for index, written, true_id in record.id_mentions:
            self.row("id_mentions", channel, sid, index, written, true_id, flag(written != true_id))

    def close(self) -> None:
        """Flush and close every truth file."""
        for handle in self._handles.values():
            handle.close()

    def write_summary(self, summary: dict[str, Any]) -> None:
        """summary.json: counts per file and per channel (no timings, so it is deterministic)."""
        path = self.folder / "summary.json"
        path.write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
