// The similarity links a full pass may rewrite: each probe's outgoing links, and its incoming links from disputes
// that are not probes themselves (outside the period, or without category or area; a probe's outgoing links are
// read from the probe). Only links to disputes in scope, as `delete_stale_similar_links` and `merge_similar_links`.
// Parallel flat lists per probe (other id, score, reason, whether the link has the current rule version): the
// client reads a few hundred thousand probes with millions of links.
// params: ids (probe dispute ids), start, end (the full pass's period), rule_version, scope
// returns: id, out_ids, out_scores, out_reasons, out_current, in_ids, in_scores, in_reasons, in_current
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope
WITH d,
     [(d)-[s:SIMILAR_TO]->(o:Dispute) WHERE o.area_code STARTS WITH $scope
      | [o.id, s.score, s.reason, s.rule_version = $rule_version]] AS outgoing,
     [(o:Dispute)-[s:SIMILAR_TO]->(d) WHERE o.area_code STARTS WITH $scope
        AND NOT coalesce(o.occurred_at >= $start AND o.occurred_at <= $end AND coalesce(o.category, '') <> ''
                         AND (coalesce(o.community_code, '') <> '' OR coalesce(o.street_code, '') <> ''), false)
      | [o.id, s.score, s.reason, s.rule_version = $rule_version]] AS incoming
RETURN d.id AS id, [x IN outgoing | x[0]] AS out_ids, [x IN outgoing | x[1]] AS out_scores,
       [x IN outgoing | x[2]] AS out_reasons, [x IN outgoing | x[3]] AS out_current,
       [x IN incoming | x[0]] AS in_ids, [x IN incoming | x[1]] AS in_scores,
       [x IN incoming | x[2]] AS in_reasons, [x IN incoming | x[3]] AS in_current
