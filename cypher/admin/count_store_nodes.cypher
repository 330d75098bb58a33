// Node counts per main label, for the health endpoint (count store, no scan).
// scope: none (aggregate counts only, no case data)
// params: none
// returns: label, count
UNWIND ['Area', 'Report', 'Dispute', 'Person', 'Organization', 'Warning', 'Quarantine'] AS label
CALL (label) {
  MATCH (n) WHERE label IN labels(n)
  RETURN count(n) AS count
}
RETURN label, count
