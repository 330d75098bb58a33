"""Detection quality against the planted clusters of a generated data set.

- repeat: planted repeat clusters (community, category) against red repeat warnings on the
  community — red is the configured count of a planted cluster (10 or more similar disputes);
- respondent: organizations that the truth shows in at least the orange thresholds' claimants or
  disputes (planted or recurring naturally, as a property company does) against respondent warnings
  (orange or red);
- prior_record: planted prior-record persons (by ID number) against prior-record warnings.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from app.db.graph import Graph
from app.detection.models import load_rules

SEVERE = {"red", "orange"}


@dataclass(frozen=True)
class SetScore:
    """Precision and recall of a predicted set against a true set."""

    predicted: int
    true: int
    correct: int

    @property
    def precision(self) -> float:
        """Share of predictions that are planted."""
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of planted cases that were predicted."""
        return self.correct / self.true if self.true else 1.0


def set_score(predicted: set, true: set) -> SetScore:
    """Scores of two sets."""
    return SetScore(len(predicted), len(true), len(predicted & true))


def detection_quality(*, graph: Graph, data: Path) -> dict[str, SetScore]:
    """Per warning kind, precision and recall against the data set's truth files."""
    rows = graph.read("list_detection_warnings", kinds=["repeat", "respondent", "prior_record"])
    similarity = load_rules().similarity
    truth = data / "truth"
    clusters = _rows(truth / "repeat_clusters.csv")
    planted_series = {f"{row['community_code']}|{similarity.group_of(row['category'])}" for row in clusters}
    series = {row["id"].split(":", 2)[2] for row in rows if row["kind"] == "repeat" and row["colour"] == "red"}
    planted_orgs = _respondents_at_threshold(_rows(truth / "respondents.csv"))
    orgs = {row["target_key"] for row in rows if row["kind"] == "respondent" and row["colour"] in SEVERE}
    planted_people = {row["id_number"] for row in _rows(truth / "prior_record.csv")}
    people = {row["id_number"] for row in rows if row["kind"] == "prior_record" and row["id_number"]}
    return {
        "repeat": set_score(series, planted_series),
        "respondent": set_score(orgs, planted_orgs),
        "prior_record": set_score(people, planted_people),
    }


def _respondents_at_threshold(rows: list[dict[str, str]]) -> set[str]:
    """Organizations whose true disputes or claimants reach the configured orange respondent thresholds."""
    orange = load_rules().respondent.thresholds["orange"]
    incidents: dict[str, set[str]] = {}
    claimants: dict[str, set[str]] = {}
    for row in rows:
        incidents.setdefault(row["org_name"], set()).add(row["incident_id"])
        claimants.setdefault(row["org_name"], set()).add(row["claimant"])
    return {
        org for org in incidents
        if len(incidents[org]) >= orange.disputes or len(claimants[org]) >= orange.claimants
    }


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
