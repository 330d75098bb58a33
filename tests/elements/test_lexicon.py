"""CaseLink's jieba tokenizer: built quietly (no "Building prefix dict…" lines on the CLI's stderr)."""

import logging

import jieba
import pytest

import app.elements.lexicon  # noqa: F401  (importing it quiets jieba's logger)


def test_building_a_tokenizer_writes_nothing_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    assert logging.getLogger("jieba").getEffectiveLevel() >= logging.INFO
    jieba.Tokenizer().initialize()
    assert "prefix dict" not in capfd.readouterr().err
