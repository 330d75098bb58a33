"""What one loader run needs from the reference data: the area index, the recogniser, the channels."""

import json
from dataclasses import dataclass
from typing import Any

from shapely.geometry import shape

from app.db.graph import Graph
from app.elements.models import Elements, PartyFacts
from app.elements.recognizer import Recognizer
from app.settings import Settings
from loaders.areas import Area, AreaIndex, AreaResolver
from loaders.base import ChannelLoader
from loaders.channels import get_loader
from loaders.model import StandardReport


@dataclass
class IngestRuntime:
    """Reference-derived helpers, built once per loader run from the current graph."""

    areas: AreaResolver
    recognizer: Recognizer

    @classmethod
    def from_graph(cls, graph: Graph, *, settings: Settings) -> "IngestRuntime":
        """Build the area index and the recogniser from what the graph holds now."""
        areas = [_area(row) for row in graph.read("list_areas")]
        index = AreaIndex(areas)
        libraries = {row["library"]: row["words"] for row in graph.read("list_keyword_libraries")}
        recognizer = Recognizer(
            keyword_libraries=libraries or None,
            area_names=[area.name for area in areas],
        )
        return cls(areas=AreaResolver(index, settings.caselink_city_code), recognizer=recognizer)

    @staticmethod
    def loader(channel: str) -> ChannelLoader:
        """The reader and mapper of one channel."""
        return get_loader(channel)

    def recognise(self, report: StandardReport) -> Elements:
        """Element recognition of one report."""
        return self.recognizer.recognize(
            text=report.text,
            title=report.title,
            channel=report.channel,
            channel_label=report.channel_label,
            request_type=report.request_type,
            parties=[
                PartyFacts(**party.model_dump(include={"name", "role", "age", "occupation"}))
                for party in report.parties
            ],
            involved_count=report.involved_count,
            reported_at=report.reported_at,
            address=report.address,
        )

    @staticmethod
    def keyword_rows(elements: Elements) -> list[dict[str, Any]]:
        """One row per (library, word) hit of a report, with positions and negation."""
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for hit in elements.keyword_hits:
            row = grouped.setdefault(
                (hit.library, hit.word),
                {"library": hit.library, "word": hit.word, "positions": [], "negated": True},
            )
            row["positions"].append(hit.start)
            row["negated"] = row["negated"] and hit.negated
        return list(grouped.values())


def _area(row: dict[str, Any]) -> Area:
    geometry = shape(json.loads(row["geometry"])) if row.get("geometry") else None
    return Area(code=row["code"], name=row["name"], level=row["level"], parent=row["parent"], geometry=geometry)
