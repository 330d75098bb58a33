"""`caselink generate`: a realistic, deterministic generator of the five upstream channels.

It writes the upstream files exactly as channels.md describes them, the centre's reference data, and
the ground truth (true persons, incidents, planted clusters, labels) that precision/recall tests use.
See docs/generator.md.
"""

from __future__ import annotations

from pathlib import Path

from app.generator.engine import GenerationSummary, Generator, Progress
from app.generator.profiles import PROFILES, Profile, resolve_profile

__all__ = ["PROFILES", "GenerationSummary", "Profile", "generate", "resolve_profile"]


def generate(*, profile: str, seed: int, out: Path, scale: float = 1.0,
             on_progress: Progress | None = None) -> GenerationSummary:
    """Generate a profile's data into `out`; the same profile, seed and scale give identical files."""
    resolved = resolve_profile(profile, scale)
    return Generator(resolved, seed, Path(out), on_progress, scale).run()
