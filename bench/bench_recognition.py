"""Benchmark element recognition: texts per second, single process.

Run: ``.venv/bin/python bench/bench_recognition.py [--count 5000]``. The texts are the evaluation
set's, varied (address prefix, title, HTML, emoji, a long tail) so that no two are identical.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.elements import get_recognizer  # noqa: E402

EVAL_PATH = ROOT / "tests" / "data" / "recognition_eval.jsonl"
PREFIXES = ("", "山城区红旗街道长风小区3号楼", "淇滨区天山路街道书苑小区7号楼", "淇县朝歌街道城关社区")
SUFFIXES = ("", "请尽快处理。", "<br>已电话回访，群众不满意。", "😡😡", "双方并未动手。")


def make_texts(count: int) -> list[dict]:
    """`count` distinct recognizer inputs built from the evaluation set."""
    base = [json.loads(line) for line in EVAL_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    inputs = []
    for i in range(count):
        record = base[i % len(base)]
        variant = i // len(base)
        text = PREFIXES[variant % len(PREFIXES)] + record["text"] + SUFFIXES[i % len(SUFFIXES)]
        inputs.append({
            "text": f"{text}（第{i}号记录）",
            "title": record["text"][:12] if i % 3 == 0 else "",
            "channel": record["channel"],
            "channel_label": record.get("channel_label"),
            "request_type": record.get("request_type"),
        })
    return inputs


def main() -> int:
    """Warm up, then time recognition of all texts and print the rate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    started = time.perf_counter()
    recognizer = get_recognizer()
    recognizer.recognize(text="预热：楼上漏水，物业不管。", channel="grid")
    startup = time.perf_counter() - started
    inputs = make_texts(args.count)
    chars = sum(len(i["text"]) + len(i["title"]) for i in inputs)
    started, cpu_started = time.perf_counter(), time.process_time()
    for kwargs in inputs:
        recognizer.recognize(**kwargs)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(f"start-up (taxonomy, lexicons, jieba): {startup:.2f} s")
    print(f"{args.count} texts, {chars / args.count:.0f} chars on average, {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    # CPU time is the figure to compare: wall time also counts other processes sharing the cores.
    print(f"{args.count / cpu:,.0f} texts per CPU second ({chars / cpu / 1000:,.0f} k chars/s); "
          f"{args.count / elapsed:,.0f} texts/s wall clock; single process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
