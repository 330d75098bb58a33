"""Similar disputes: blocked candidates, pairwise keyword Jaccard or the same place, SIMILAR_TO links."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from app.db.values import native_row
from app.detection.context import Run
from app.detection.models import DisputeFacts, SimilarityRules, SimilarLink


def jaccard(left: Iterable[str], right: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B| of two keyword sets (0 when both are empty)."""
    a, b = set(left), set(right)
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def compare(first: DisputeFacts, second: DisputeFacts, rules: SimilarityRules) -> SimilarLink | None:
    """The similarity link between two disputes of one block, or None when they are not similar."""
    if first.id == second.id or rules.group_of(first.category) != rules.group_of(second.category):
        return None
    if abs((first.occurred_at - second.occurred_at).total_seconds()) > rules.window_days * 86400:
        return None
    shared = set(first.keywords) & set(second.keywords)
    keyword_score = jaccard(first.keywords, second.keywords)
    same_place = bool(first.place_key) and first.place_key == second.place_key
    reasons, score = [], 0.0
    if keyword_score >= rules.min_jaccard:
        reasons.append("keywords")
        score = keyword_score
    if same_place and len(shared) >= rules.same_place_min_shared:
        reasons.append("same_place")
        score = max(score, rules.same_place_score)
    if not reasons:
        return None
    if first.category != second.category:
        # Related categories only: the link holds but weighs a little less.
        reasons.append("related_category")
        score *= rules.related_category_factor
    earlier, later = ordered(first, second)
    return SimilarLink(source=earlier.id, target=later.id, score=round(score, 4), reason="+".join(reasons))


def ordered(first: DisputeFacts, second: DisputeFacts) -> tuple[DisputeFacts, DisputeFacts]:
    """The two disputes earlier first (ties broken by id), the direction of SIMILAR_TO."""
    if (first.occurred_at, first.id) <= (second.occurred_at, second.id):
        return first, second
    return second, first


def series(ids: Iterable[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components of the similarity links among `ids`, largest first (singletons dropped)."""
    members = set(ids)
    parent = {node: node for node in members}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        if a in members and b in members:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for node in sorted(members):
        groups.setdefault(find(node), []).append(node)
    found = [group for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: (-len(group), group[0]))


def link_similar(run: Run, facts: list[DisputeFacts]) -> int:
    """Find each dispute's block candidates, score them, and MERGE the similar pairs; returns the links."""
    rules = run.rules.similarity
    probes = [f for f in facts if f.category and (f.community_code or f.street_code)]
    if not probes:
        return 0
    window = timedelta(days=rules.window_days)
    rows = [
        {"id": f.id, "community_code": f.community_code,
         "street_area": f.street_code if f.community_code else None,
         "street_block": None if f.community_code else f.street_code,
         "categories": rules.members(f.category), "start": f.occurred_at - window, "end": f.occurred_at + window,
         "keywords": f.keywords, "place_key": f.place_key}
        for f in probes
    ]
    candidates: dict[str, list[DisputeFacts]] = {f.id: [] for f in probes}
    for row in run.graph.read("find_similar_candidates", rows=rows, scope=run.scope):
        candidates[row.pop("probe")].append(DisputeFacts(**native_row(row)))
    links: dict[tuple[str, str], SimilarLink] = {}
    keep: dict[str, list[str]] = {}
    for probe in probes:
        found = [link for c in candidates[probe.id] if (link := compare(probe, c, rules))]
        keep[probe.id] = sorted({link.source if link.target == probe.id else link.target for link in found})
        links.update({(link.source, link.target): link for link in found})
    _write_links(run, keep, list(links.values()))
    return len(links)


def _write_links(run: Run, keep: dict[str, list[str]], links: list[SimilarLink]) -> None:
    stale = [{"id": dispute_id, "keep": others} for dispute_id, others in keep.items()]
    rows = [link.model_dump() for link in sorted(links, key=lambda link: (link.source, link.target))]
    graph, scope, version = run.graph, run.scope, run.rules.version

    def work(tx: Any) -> None:
        graph.run_in(tx, "delete_stale_similar_links", rows=stale, scope=scope)
        graph.run_in(tx, "merge_similar_links", rows=rows, scope=scope, rule_version=version)

    graph.execute_write(work)
