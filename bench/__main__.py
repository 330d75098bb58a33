"""`make bench` / `python -m bench`: run the benchmarks one after the other and print their figures.

Each benchmark is also a command of its own (see docs/benchmarks.md):
    python -m bench.bench_ingest --profile city --scale 1.0
    python bench/bench_recognition.py --count 5000
    python -m bench.bench_detection
    python -m bench.bench_api
"""

import runpy
import sys

BENCHMARKS = ("bench.bench_recognition", "bench.bench_ingest", "bench.bench_detection", "bench.bench_api")


def main() -> None:
    """Run every benchmark module as if called from the command line with its defaults."""
    for name in BENCHMARKS:
        print(f"\n=== {name}", flush=True)
        sys.argv = [name]
        runpy.run_module(name, run_name="__main__")


if __name__ == "__main__":
    main()
