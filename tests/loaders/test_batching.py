"""A corrected re-export later in the same file starts a new batch, so its earlier version is kept."""

from loaders.model import RawRecord
from loaders.pipeline import _batches_without_repeated_keys


def _police(line: int, jjdbh: str) -> RawRecord:
    return RawRecord(channel="police110", source="f.jsonl", line=line, payload={"JJDBH": jjdbh}, raw_text="{}")


def test_a_repeated_identity_starts_a_new_batch() -> None:
    items = [_police(1, "A"), _police(2, "B"), _police(3, "A"), _police(4, "C")]
    batches = [[item.line for item in batch] for batch in _batches_without_repeated_keys(items, 10)]
    assert batches == [[1, 2], [3, 4]]


def test_batches_respect_the_size() -> None:
    items = [_police(n, str(n)) for n in range(1, 6)]
    assert [len(b) for b in _batches_without_repeated_keys(items, 2)] == [2, 2, 1]
