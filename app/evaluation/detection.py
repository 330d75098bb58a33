"""Detection quality against the planted clusters of a generated data set.

- repeat: planted repeat clusters (community, category) against red repeat warnings on communities
  (grid and street warnings are other levels) — red is the configured count of a planted cluster
  (10 or more similar disputes);
- respondent: organizations whose true disputes and claimants (planted, or recurring naturally as a property
  company's do) reach the orange thresholds in the windows the rule looks at when they arrive in order,
  against respondent warnings (orange or red);
- prior_record: planted prior-record persons (by ID number) against prior-record warnings.
"""

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.db.graph import Graph
from app.detection.models import COLOURS, RespondentRules, load_rules

SEVERE = {"red", "orange"}
COMMUNITY_CODE_LENGTH = 12


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
    series = {key for row in rows if row["kind"] == "repeat" and row["colour"] == "red"
              if _is_community_series(key := row["id"].split(":", 2)[2])}
    planted_orgs = _respondents_at_threshold(_rows(truth / "respondents.csv"))
    orgs = {row["target_key"] for row in rows if row["kind"] == "respondent" and row["colour"] in SEVERE}
    planted_people = {row["id_number"] for row in _rows(truth / "prior_record.csv")}
    people = {row["id_number"] for row in rows if row["kind"] == "prior_record" and row["id_number"]}
    return {
        "repeat": set_score(series, planted_series),
        "respondent": set_score(orgs, planted_orgs),
        "prior_record": set_score(people, planted_people),
    }


def _is_community_series(series: str) -> bool:
    """A repeat series of a community (12-digit code): the level the planted clusters are; grid and street
    series are other levels the truth does not describe."""
    code = series.split("|", 1)[0]
    return len(code) == COMMUNITY_CODE_LENGTH


def _respondents_at_threshold(rows: list[dict[str, str]]) -> set[str]:
    """Organizations whose true disputes and claimants leave an orange or red warning, as the rule keeps one
    when incidents arrive in order (app/detection/respondent.py): at each incident, the most severe colour of
    the windows ending at the organization's incidents of the window before it; a colour replaces the last
    one, no colour leaves it (the nightly pass, not the arrival, closes a warning)."""
    rules = load_rules().respondent
    by_org: dict[str, dict[str, tuple[datetime, set[str]]]] = {}
    for row in rows:
        _, claimants = by_org.setdefault(row["org_name"], {}).setdefault(
            row["incident_id"], (datetime.fromisoformat(row["occurred_at"]), set()))
        claimants.update([row["claimant"]] if row["claimant"] else [])
    return {org for org, incidents in by_org.items() if _arrival_colour(rules, list(incidents.values())) in SEVERE}


def _arrival_colour(rules: RespondentRules, incidents: list[tuple[datetime, set[str]]]) -> str | None:
    """The colour an organization's warning has after its incidents arrived in order."""
    window = timedelta(days=rules.window_days)
    incidents.sort(key=lambda incident: incident[0])
    kept: str | None = None
    for latest, _ in incidents:
        drafts = []
        for end, _ in incidents:
            if latest - window < end <= latest:
                claimants = {c for when, names in incidents if end - window < when <= end for c in names}
                disputes = sum(1 for when, _ in incidents if end - window < when <= end)
                colour, _ = rules.colour_for(claimants=len(claimants), disputes=disputes, people=len(claimants))
                if colour is not None:
                    drafts.append(COLOURS.index(colour))
        kept = COLOURS[min(drafts)] if drafts else kept
    return kept


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
