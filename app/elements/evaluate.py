"""Measure recognition quality: category accuracy, per-flag precision/recall, top confusions.

Usage: ``python -m app.elements.evaluate [EVAL.jsonl [N_MISTAKES [dev|holdout]] | DATASET_DIR [N_MISTAKES [LIMIT]]]``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field

from app.elements.models import FLAG_NAMES
from app.elements.recognizer import Recognizer, get_recognizer

DEFAULT_EVAL_PATH = Path(__file__).resolve().parents[2] / "tests" / "data" / "recognition_eval.jsonl"
NON_DISPUTE = "(非纠纷)"


class EvalRecord(BaseModel):
    """One labelled record: the recognizer's input and the expected category and flags."""

    text: str
    channel: str
    channel_label: str | None = None
    request_type: str | None = None
    title: str = ""
    involved_count: int | None = None
    category: str | None = None  # None: not a dispute
    flags: list[str] = Field(default_factory=list)
    source_id: str | None = None
    split: str | None = None  # "holdout": written after tuning, never used to tune


class FlagScore(BaseModel):
    """Precision and recall of one flag."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when the flag was never predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the flag was never expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


class Mistake(BaseModel):
    """A record whose category or flags were wrong, for review."""

    text: str
    channel: str
    expected: str
    predicted: str
    missing_flags: list[str]
    extra_flags: list[str]


class EvaluationReport(BaseModel):
    """Evaluation results."""

    total: int = 0
    category_correct: int = 0
    dispute_correct: int = 0
    flags: dict[str, FlagScore] = Field(default_factory=lambda: {f: FlagScore() for f in FLAG_NAMES})
    confusions: Counter[tuple[str, str]] = Field(default_factory=Counter)
    mistakes: list[Mistake] = Field(default_factory=list)

    @property
    def category_accuracy(self) -> float:
        """Share of records whose category (None for non-disputes) is right."""
        return self.category_correct / self.total if self.total else 0.0

    @property
    def dispute_accuracy(self) -> float:
        """Share of records whose dispute / non-dispute decision is right."""
        return self.dispute_correct / self.total if self.total else 0.0

    def flag_micro(self) -> FlagScore:
        """All flags pooled."""
        pooled = FlagScore()
        for score in self.flags.values():
            pooled.tp += score.tp
            pooled.fp += score.fp
            pooled.fn += score.fn
        return pooled

    def top_confusions(self, n: int = 10) -> list[tuple[str, str, int]]:
        """Most frequent (expected, predicted, count) among wrong categories."""
        return [(e, p, c) for (e, p), c in self.confusions.most_common(n)]


def evaluate_records(*, records: Iterable[EvalRecord], recognizer: Recognizer) -> EvaluationReport:
    """Run the recognizer on labelled records and score it."""
    report = EvaluationReport()
    for record in records:
        elements = recognizer.recognize(
            text=record.text,
            title=record.title,
            channel=record.channel,
            channel_label=record.channel_label,
            request_type=record.request_type,
            involved_count=record.involved_count,
        )
        report.total += 1
        predicted = elements.category if elements.is_dispute else None
        report.category_correct += predicted == record.category
        report.dispute_correct += elements.is_dispute == (record.category is not None)
        if predicted != record.category:
            report.confusions[(record.category or NON_DISPUTE, predicted or NON_DISPUTE)] += 1
        expected_flags = set(record.flags)
        got_flags = {f for f in elements.flags if f in FLAG_NAMES}
        for flag in FLAG_NAMES:
            score = report.flags[flag]
            score.tp += flag in expected_flags and flag in got_flags
            score.fp += flag not in expected_flags and flag in got_flags
            score.fn += flag in expected_flags and flag not in got_flags
        if predicted != record.category or expected_flags != got_flags:
            report.mistakes.append(Mistake(
                text=record.text, channel=record.channel,
                expected=record.category or NON_DISPUTE, predicted=predicted or NON_DISPUTE,
                missing_flags=sorted(expected_flags - got_flags), extra_flags=sorted(got_flags - expected_flags),
            ))
    return report


def read_eval_file(path: Path, *, split: str | None = None) -> Iterator[EvalRecord]:
    """Records of a JSON Lines evaluation file (blank lines skipped), optionally of one split."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = EvalRecord.model_validate_json(line)
                if split is None or (record.split or "dev") == split:
                    yield record


def evaluate_file(*, path: Path, recognizer: Recognizer, split: str | None = None) -> EvaluationReport:
    """Evaluate on a JSON Lines file of EvalRecord objects (tests/data/recognition_eval.jsonl).

    split: None for every record, "dev" for those without a split, "holdout" for the held-out ones.
    """
    return evaluate_records(records=read_eval_file(path, split=split), recognizer=recognizer)


# ------------------------------------------------------------------ generated data sets


def _read_text(path: Path) -> str:
    """Decode a channel export: UTF-8 (with or without BOM) or GB18030."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _jsonl(path: Path) -> Iterator[dict]:
    """Objects of a JSON Lines file; unreadable lines are skipped (the loaders quarantine them)."""
    for line in _read_text(path).splitlines():
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            yield value


def _csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV export with a header row."""
    yield from csv.DictReader(io.StringIO(_read_text(path)))


def _channel_rows(out_dir: Path) -> Iterator[tuple[str, str, dict]]:
    """(channel, source id, recognizer inputs) for every record of the five channel files."""
    if (path := out_dir / "hotline12345.csv").exists():
        for row in _csv(path):
            yield "hotline12345", row.get("工单编号", ""), {
                "text": row.get("诉求内容", ""), "title": row.get("诉求标题", ""),
                "request_type": row.get("诉求类型") or None}
    if (path := out_dir / "police110.jsonl").exists():
        for obj in _jsonl(path):
            yield "police110", str(obj.get("JJDBH", "")), {
                "text": str(obj.get("BJNR") or ""), "channel_label": obj.get("JQLBMC")}
    if (path := out_dir / "grid.jsonl").exists():
        for obj in _jsonl(path):
            count = obj.get("involvedCount")
            yield "grid", str(obj.get("eventId", "")), {
                "text": str(obj.get("description") or ""), "title": str(obj.get("title") or ""),
                "channel_label": obj.get("eventType"), "involved_count": count if isinstance(count, int) else None}
    if (path := out_dir / "qrcode.jsonl").exists():
        for obj in _jsonl(path):
            yield "qrcode", str(obj.get("clue_id", "")), {"text": str(obj.get("content") or "")}
    if (path := out_dir / "department.csv").exists():
        for row in _csv(path):
            record = {"text": row.get("纠纷简述", ""), "channel_label": row.get("行业领域") or None}
            # The department identity is (部门, 排查编号): labels may give either form.
            yield "department", row.get("排查编号", ""), record
            yield "department", f"{row.get('部门', '')}/{row.get('排查编号', '')}", record


def read_channel_inputs(out_dir: Path, *, wanted: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], dict]:
    """Minimal reader of the five channel files: (channel, source id) -> recognizer inputs.

    Only the `wanted` keys are kept when given (large data sets); missing files are skipped.
    """
    inputs: dict[tuple[str, str], dict] = {}
    for channel, source_id, record in _channel_rows(Path(out_dir)):
        if wanted is None or (channel, source_id) in wanted:
            inputs[(channel, source_id)] = record
    return inputs


_TRUTH_CHANNELS = {"police": "police110", "hotline": "hotline12345", "110": "police110", "12345": "hotline12345"}
_NO_CATEGORY = frozenset({"", "none", "None", "null", "非纠纷"})


def read_truth_records(out_dir: Path, *, limit: int | None = None) -> Iterator[EvalRecord]:
    """EvalRecords of a generated data set: truth/labels.csv joined with the channel files.

    labels.csv columns: channel (police110 or police, hotline12345 or hotline, grid, qrcode,
    department), source_id, category (none or empty for non-disputes), flags ('|'-joined). Only
    the first `limit` labels are used when given; labels whose record cannot be found are skipped.
    """
    labels = []
    for row in _csv(Path(out_dir) / "truth" / "labels.csv"):
        channel = row.get("channel", "").strip()
        labels.append((_TRUTH_CHANNELS.get(channel, channel), row.get("source_id", "").strip(), row))
        if limit is not None and len(labels) >= limit:
            break
    inputs = read_channel_inputs(out_dir, wanted={(c, s) for c, s, _ in labels})
    for channel, source_id, row in labels:
        found = inputs.get((channel, source_id))
        if found is None:
            continue
        category = (row.get("category") or "").strip()
        yield EvalRecord(
            channel=channel, source_id=source_id,
            category=None if category in _NO_CATEGORY else category,
            flags=[f.strip() for f in (row.get("flags") or "").split("|") if f.strip()],
            **found,
        )


def evaluate_truth(
    *, out_dir: Path, recognizer: Recognizer | None = None, limit: int | None = None
) -> EvaluationReport:
    """Evaluate on a generated data set directory (five channel files plus truth/labels.csv)."""
    records = read_truth_records(out_dir, limit=limit)
    return evaluate_records(records=records, recognizer=recognizer or get_recognizer())


# ------------------------------------------------------------------ output


def print_report(report: EvaluationReport, *, mistakes: int = 0) -> None:
    """Print the report as rich tables; optionally the first `mistakes` wrong records."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    summary = Table(title=f"Recognition evaluation ({report.total} records, {datetime.now():%Y-%m-%d %H:%M})")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("category accuracy", f"{report.category_accuracy:.3f}")
    summary.add_row("dispute / non-dispute accuracy", f"{report.dispute_accuracy:.3f}")
    micro = report.flag_micro()
    summary.add_row("flags (micro) precision / recall", f"{micro.precision:.3f} / {micro.recall:.3f}")
    console.print(summary)
    flags = Table(title="Flags")
    for column in ("flag", "precision", "recall", "tp", "fp", "fn"):
        flags.add_column(column, justify="right" if column != "flag" else "left")
    for name, score in report.flags.items():
        counts = (str(score.tp), str(score.fp), str(score.fn))
        flags.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", *counts)
    console.print(flags)
    confusion = Table(title="Top confusions")
    for column in ("expected", "predicted", "count"):
        confusion.add_column(column)
    for expected, predicted, count in report.top_confusions(10):
        confusion.add_row(expected, predicted, str(count))
    console.print(confusion)
    for mistake in report.mistakes[:mistakes]:
        console.print(f"[{mistake.channel}] {mistake.expected} -> {mistake.predicted} "
                      f"-{mistake.missing_flags} +{mistake.extra_flags} {mistake.text[:80]}", markup=False)


def main(argv: list[str] | None = None) -> int:
    """Command line: evaluate a JSONL file or a generated data set directory."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_EVAL_PATH
    recognizer = get_recognizer()
    if target.is_dir():
        limit = int(args[2]) if len(args) > 2 else None
        report = evaluate_truth(out_dir=target, recognizer=recognizer, limit=limit)
    else:
        report = evaluate_file(path=target, recognizer=recognizer, split=args[2] if len(args) > 2 else None)
    print_report(report, mistakes=int(args[1]) if len(args) > 1 else 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
