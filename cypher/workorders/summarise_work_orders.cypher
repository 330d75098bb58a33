// Closed-loop figures of the work orders dispatched in a period, per unit, per area (code prefix) or in all.
// params: scope, area, group_by ('unit', 'area' or 'all'), length (area code length of a group), date_from, date_to, as_of, ladder ({code, deadline, done_by}), satisfied
// returns: key, name, dispatched, resolved, visits_scheduled, visited, resolved_visited, rated, satisfied, mean_hours, median_hours, missed
MATCH (w:WorkOrder)
WHERE w.area_code STARTS WITH $scope AND w.area_code STARTS WITH $area
  AND ($date_from IS NULL OR w.dispatched_at >= $date_from)
  AND ($date_to IS NULL OR w.dispatched_at < $date_to)
CALL (w) {
  OPTIONAL MATCH (w)-[:FOR_DISPUTE]->(:Dispute)<-[:FOR_DISPUTE]-(v:Visit)
  WHERE v.order_id = w.id
  RETURN count(v) AS scheduled, count(v.visited_at) AS visited, count(v.satisfaction) AS rated,
         count(CASE WHEN v.satisfaction IN $satisfied THEN 1 END) AS satisfied
}
WITH w, scheduled, visited, rated, satisfied,
     CASE $group_by WHEN 'unit' THEN w.unit_code WHEN 'area' THEN left(w.area_code, $length) ELSE '*' END AS key,
     CASE WHEN w.resolved_at IS NOT NULL
          THEN duration.inSeconds(w.dispatched_at, w.resolved_at).seconds / 3600.0 END AS hours,
     [s IN $ladder WHERE w[s.deadline] <= $as_of
        AND NOT any(f IN s.done_by WHERE w[f] IS NOT NULL AND w[f] <= w[s.deadline]) | s.code] AS missed
WITH key, count(w) AS dispatched, count(hours) AS resolved, sum(scheduled) AS visits_scheduled,
     sum(visited) AS visited, count(CASE WHEN hours IS NOT NULL AND visited > 0 THEN 1 END) AS resolved_visited,
     sum(rated) AS rated, sum(satisfied) AS satisfied, avg(hours) AS mean_hours,
     percentileCont(hours, 0.5) AS median_hours, collect(missed) AS missed
OPTIONAL MATCH (u:Unit {code: key})
OPTIONAL MATCH (a:Area {code: key})
RETURN key, coalesce(u.name, a.name) AS name, dispatched, resolved, visits_scheduled, visited, resolved_visited,
       rated, satisfied, mean_hours, median_hours, missed
ORDER BY key
