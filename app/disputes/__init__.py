"""Disputes (案件): one incident with its reports, parties, recognised elements, flags and risk score."""
