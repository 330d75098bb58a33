// Make an organization that a record's text names as the respondent a party of the dispute (role appended).
// params: rows ({dispute_id, org_key, name, role, report_key}), scope
// returns: linked
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope
MERGE (o:Organization {key: row.org_key})
ON CREATE SET o.name = row.name, o.search_text = row.name
MERGE (o)-[link:PARTY_IN]->(d)
SET link.roles = CASE WHEN row.role IN coalesce(link.roles, []) THEN link.roles
                      ELSE coalesce(link.roles, []) + row.role END,
    link.named_in = CASE WHEN row.report_key IN coalesce(link.named_in, []) THEN link.named_in
                         ELSE coalesce(link.named_in, []) + row.report_key END
RETURN count(link) AS linked
