// Node counts per main label, for the health endpoint: one count-store lookup per label (the planner uses
// the count store for a labelled count in its own CALL, not inside a UNION), so it is instant at any size.
// scope: none (aggregate counts only, no case data)
// params: none
// returns: label, count
CALL () { MATCH (n:Area) RETURN count(n) AS area }
CALL () { MATCH (n:Report) RETURN count(n) AS report }
CALL () { MATCH (n:Dispute) RETURN count(n) AS dispute }
CALL () { MATCH (n:Person) RETURN count(n) AS person }
CALL () { MATCH (n:Organization) RETURN count(n) AS organization }
CALL () { MATCH (n:Warning) RETURN count(n) AS warning }
CALL () { MATCH (n:Quarantine) RETURN count(n) AS quarantine }
UNWIND [['Area', area], ['Report', report], ['Dispute', dispute], ['Person', person], ['Organization', organization], ['Warning', warning], ['Quarantine', quarantine]] AS pair
RETURN pair[0] AS label, pair[1] AS count
