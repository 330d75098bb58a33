// The highest notice code of one prefix and year (TSH-2025-), to number the next one.
// scope: none (codes are numbered city-wide; only the code is returned)
// params: prefix (e.g. 'TSH-2025-')
// returns: code
MATCH (n:Notice)
WHERE n.code STARTS WITH $prefix
RETURN n.code AS code
ORDER BY size(n.code) DESC, n.code DESC
LIMIT 1
