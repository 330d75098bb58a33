// Work orders not yet done in the caller's jurisdiction, by id after a cursor, for the supervision pass.
// params: scope, after_id, limit
// returns: id, case_code, unit_code, unit_name, area_code, status, dispatched_at, sign_due, reply_due, supervise_due, escalate_due, signed_at, replied_at, resolved_at, supervision_codes
MATCH (w:WorkOrder)
WHERE w.area_code STARTS WITH $scope AND w.status <> '已办结' AND w.id > $after_id
RETURN w.id AS id, w.case_code AS case_code, w.unit_code AS unit_code, w.unit_name AS unit_name,
       w.area_code AS area_code, w.status AS status, w.dispatched_at AS dispatched_at, w.sign_due AS sign_due,
       w.reply_due AS reply_due, w.supervise_due AS supervise_due, w.escalate_due AS escalate_due,
       w.signed_at AS signed_at, w.replied_at AS replied_at, w.resolved_at AS resolved_at,
       coalesce(w.supervision_codes, []) AS supervision_codes
ORDER BY id
LIMIT $limit
