// Range index for open quarantine.
// params: none; returns: nothing
CREATE INDEX index_quarantine_status IF NOT EXISTS FOR (n:Quarantine) ON (n.status)
