"""Fixtures of the auth tests."""

from tests.auth.helpers import client

__all__ = ["client"]
