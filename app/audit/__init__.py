"""The audit trail of lookups of personal data."""
