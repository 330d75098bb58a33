"""Fixtures of the statistics tests."""

from tests.auth.helpers import client

__all__ = ["client"]
