"""Ingest: channel files and API posts into the graph, quarantine, reports."""
