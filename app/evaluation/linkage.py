"""Person-linkage and incident-merge precision and recall against a generator's ground truth.

Both are pairwise: a pair of mentions (or reports) is predicted linked when they resolved to the
same person (dispute), and truly linked when the truth gives them the same person (incident).
Only items present in both the graph and the truth are counted.
"""

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.db.graph import Graph

TRUTH_CHANNELS = {"police": "police110", "hotline": "hotline12345"}


@dataclass(frozen=True)
class PairScore:
    """Pairwise precision and recall of a clustering."""

    items: int
    predicted_pairs: int
    true_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        """Share of predicted pairs that are true."""
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        """Share of true pairs that were predicted."""
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def pair_score(predicted: dict[str, str], truth: dict[str, str]) -> PairScore:
    """Pairwise scores of two clusterings given as item -> cluster id."""
    items = predicted.keys() & truth.keys()
    pred = Counter(predicted[i] for i in items)
    true = Counter(truth[i] for i in items)
    both = Counter((predicted[i], truth[i]) for i in items)
    return PairScore(
        items=len(items),
        predicted_pairs=sum(_pairs(n) for n in pred.values()),
        true_pairs=sum(_pairs(n) for n in true.values()),
        correct_pairs=sum(_pairs(n) for n in both.values()),
    )


def person_linkage(*, graph: Graph, data: Path) -> PairScore:
    """How well parties were resolved to persons, against truth/mentions.csv."""
    truth = {}
    for row in _rows(data / "truth" / "mentions.csv"):
        if row["is_org"].lower() == "true" or not row["person_id"]:
            continue
        truth[f"{_report_key(row)}|{row['party_index']}"] = row["person_id"]
    predicted = {row["party_key"]: row["pid"] for row in graph.read("list_party_resolutions")}
    return pair_score(predicted, truth)


def incident_merge(*, graph: Graph, data: Path) -> PairScore:
    """How well reports were merged into disputes, against truth/incidents.csv."""
    truth = {_report_key(row): row["incident_id"] for row in _rows(data / "truth" / "incidents.csv")
             if row["incident_id"]}
    predicted = {row["report_key"]: row["dispute_id"] for row in graph.read("list_report_disputes")}
    return pair_score(predicted, truth)


def _report_key(row: dict[str, str]) -> str:
    return f"{TRUTH_CHANNELS.get(row['channel'], row['channel'])}|{row['source_id']}"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pairs(n: int) -> int:
    return n * (n - 1) // 2
