"""Fixtures of the investigators' API tests."""

from tests.auth.helpers import client

__all__ = ["client"]
