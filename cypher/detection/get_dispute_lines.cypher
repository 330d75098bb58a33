// What an evidence line says about each dispute: case code, time, how many reports, from which channels.
// params: ids (dispute ids), scope
// returns: id, case_code, day (Beijing date as text), report_count, channels
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope
RETURN d.id AS id, d.case_code AS case_code,
       toString(date(datetime({datetime: d.occurred_at, timezone: '+08:00'}))) AS day, d.report_count AS report_count,
       d.channels AS channels
