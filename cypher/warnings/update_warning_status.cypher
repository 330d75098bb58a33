// Change the status of warnings (acknowledge, downgrade, close, reopen) together with their history.
// params: rows ({id, props: {status, history_json, updated_at, ...}}), scope
// returns: id, status
UNWIND $rows AS row
MATCH (w:Warning {id: row.id})
WHERE w.area_code STARTS WITH $scope
SET w += row.props
RETURN w.id AS id, w.status AS status
