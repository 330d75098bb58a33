"""Warnings (动态预警): four-colour, levelled, with their evidence; one open warning per target and kind."""
