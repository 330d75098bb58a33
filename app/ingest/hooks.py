"""What runs after every ingest batch on the disputes it created or changed."""

from app.detection.service import post_ingest_hook as detect_on_arrival
from app.scoring.service import post_ingest_hook as score_on_arrival
from app.workorders.service import post_ingest_hook as check_recurrence_on_arrival
from loaders.pipeline import PostIngestHook


def post_ingest_hooks() -> list[PostIngestHook]:
    """Scoring, detection and the recurrence check on arrival, so a record's warnings exist right after its load."""
    return [score_on_arrival, detect_on_arrival, check_recurrence_on_arrival]
