// Benchmark bulk load into an empty graph: the person and organization pools, before create_detection_bench_disputes.
// scope: none (benchmark fixture; never called by the service)
// params: persons ([{pid, name}]), organizations ([{key, name}])
// returns: created
CALL {
  UNWIND $persons AS person
  CREATE (:Person {pid: person.pid, name: person.name})
}
CALL {
  UNWIND $organizations AS org
  CREATE (:Organization {key: org.key, name: org.name})
}
RETURN size($persons) + size($organizations) AS created
