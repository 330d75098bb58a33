"""Similar disputes: blocked candidates, pairwise keyword Jaccard or the same place, SIMILAR_TO links."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import numpy as np

from app.db.graph import chunked
from app.detection.context import Run
from app.detection.linking import REASONS, Links, Members, block_key, link_digests, read_blocks, score_blocks
from app.detection.models import DisputeFacts, SimilarityRules, SimilarLink

READ_BATCH = 5000
WRITE_BATCH = 10000


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
    # Only a building-level place: an estate or street name is shared by disputes about different issues.
    same_place = rules.precise_place(first.place_key) and first.place_key == second.place_key
    reasons, score = [], 0.0
    if rules.keywords_similar(keyword_score, first.place_key, second.place_key):
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


def series(ids: Iterable[str], links: Iterable[tuple[str, str]], min_links: int = 1) -> list[list[str]]:
    """Connected components of the similarity links among `ids`, largest first (singletons dropped).

    With `min_links` > 1 only the k-core counts (members with at least that many links to other members, peeled
    until none is left with fewer): one link is not enough to chain a dispute about another issue into a series.
    """
    members = set(ids)
    pairs = [(a, b) for a, b in links if a in members and b in members and a != b]
    if min_links > 1:
        members = _core(members, pairs, min_links)
    parent = {node: node for node in members}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        if a in members and b in members:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for node in sorted(members):
        groups.setdefault(find(node), []).append(node)
    found = [group for group in groups.values() if len(group) > 1]
    return sorted(found, key=lambda group: (-len(group), group[0]))


def _core(members: set[str], links: list[tuple[str, str]], k: int) -> set[str]:
    """The members left after repeatedly removing those with fewer than `k` distinct linked members."""
    adjacent: dict[str, set[str]] = {node: set() for node in members}
    for a, b in links:
        adjacent[a].add(b)
        adjacent[b].add(a)
    alive = set(members)
    weak = [node for node in alive if len(adjacent[node]) < k]
    while weak:
        node = weak.pop()
        if node not in alive:
            continue
        alive.discard(node)
        for other in adjacent[node]:
            if other in alive:
                adjacent[other].discard(node)
                if len(adjacent[other]) < k:
                    weak.append(other)
    return alive


def link_similar(run: Run, facts: list[DisputeFacts]) -> int:
    """Read each block the disputes fall in once, score every probe against it, write the links; returns them.

    A probe's links that the rule no longer supports are deleted before its links are merged.
    """
    members, members_of, probes_of = read_blocks(run, facts, narrow=True)
    links = score_blocks(members, members_of, probes_of, run.rules.similarity)
    # Every probe, even one without candidates: its links that no longer hold are deleted.
    keep: dict[str, set[str]] = {f.id: set() for f in facts if block_key(f, run.rules.similarity)}
    for source, target in zip(links.source.tolist(), links.target.tolist(), strict=True):
        first, second = members.ids[source], members.ids[target]
        if first in keep:
            keep[first].add(second)
        if second in keep:
            keep[second].add(first)
    _write_links(run, {dispute_id: sorted(others) for dispute_id, others in keep.items()}, links.rows(members.ids))
    return len(links)


def link_period(run: Run, facts: list[DisputeFacts], start: datetime, end: datetime) -> tuple[Members, Links]:
    """`link_similar` for every dispute of [start, end] (a full pass): only the links that change are written.

    `facts` need only stand for each block's earliest and latest dispute of the period. A probe whose stored link
    digest equals the digest of its computed links has exactly those links: nothing is read or written for it. The
    existing links of the other probes are read once; a link is merged only when it is new or its score, reason or
    rule version differs, and deleted when the rule no longer supports its pair (as `link_similar` would); then their
    digests are stored. Returns the members and links.
    """
    members, members_of, probes_of = read_blocks(run, facts, period=(start, end))
    links = score_blocks(members, members_of, probes_of, run.rules.similarity)
    digests = link_digests(members, links, run.rules.version)
    probes = sorted({p for found in probes_of.values() for p in found})
    moved = [p for p in probes if members.digest[p] != digests[p]]
    stale, changed = _link_changes(run, members, links, (probes, moved), start, end)
    deletes, merges = list(chunked(stale, WRITE_BATCH)), list(chunked(changed, WRITE_BATCH))
    for batch in deletes:
        run.graph.write("delete_similar_links", rows=batch, scope=run.scope)
    for batch in merges:
        run.graph.write("merge_similar_links", rows=batch, scope=run.scope, rule_version=run.rules.version)
    if not run.scope:
        # A scoped pass does not read links leaving its scope: only a whole pass knows a probe's full link set.
        _store_digests(run, members, digests, moved, deletes + merges)
    return members, links


def _store_digests(run: Run, members: Members, digests: list[int], moved: list[int],
                   batches: list[list[dict]]) -> None:
    """Store the digests of the probes whose links were read, expecting their write counter to count only our writes.

    A write batch counts once for its sources and once for its targets (merge_similar_links, delete_similar_links).
    """
    own: Counter[str] = Counter()
    for batch in batches:
        own.update({row["source"] for row in batch})
        own.update({row["target"] for row in batch})
    rows = [{"id": members.ids[p], "digest": digests[p], "writes": members.writes[p] + own[members.ids[p]]}
            for p in moved]
    for batch in chunked(rows, WRITE_BATCH):
        run.graph.write("set_link_digests", rows=batch, scope=run.scope)


def _link_changes(run: Run, members: Members, links: Links, probes: tuple[list[int], list[int]], start: datetime,
                  end: datetime) -> tuple[list[dict], list[dict]]:
    """The stored links to delete (their pair no longer similar) and the links to merge (new/changed).

    `probes` are every probe and those whose links are read (`moved`); the links of the others are as computed.
    """
    size, ids = len(members.ids), members.ids
    stored = _stored_links(run, members, sorted(ids[p] for p in probes[1]), start, end)
    wanted = links.source * size + links.target
    # Only links read back can be compared: a link is read from its source when that is a probe, else from its target.
    probe, moved = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    probe[probes[0]], moved[probes[1]] = True, True
    changed = moved[links.source] | (~probe[links.source] & moved[links.target])
    source, target, score, reason, current = stored.arrays()
    # Ends outside every block the probes read (-1) are never wanted: those links are stale.
    known = (source >= 0) & (target >= 0)
    same_pair, at = _find(wanted, np.where(known, source * size + target, -1))
    reverse, _ = _find(wanted, np.where(known, target * size + source, -1))
    gone = ~same_pair & ~reverse
    stale = [{"source": s, "target": t} for s, t in zip(stored.source_ids(gone), stored.target_ids(gone), strict=True)]
    if len(wanted):
        unchanged = same_pair & current & (links.score[at] == score) & (links.reason[at] == reason)
        changed[at[unchanged]] = False
    keep = np.flatnonzero(changed)
    subset = Links(links.source[keep], links.target[keep], links.score[keep], links.reason[keep])
    return stale, subset.rows(ids)


class _Stored:
    """The stored links read for a full pass, as arrays of member positions (-1: not a member) and properties."""

    def __init__(self, members: Members) -> None:
        self.members = members
        self.source: list[int] = []
        self.target: list[int] = []
        self.other_ids: list[str] = []
        self.here_ids: list[str] = []
        self.outgoing: list[bool] = []
        self.score: list[float] = []
        self.reason: list[str] = []
        self.current: list[bool] = []

    def add(self, here: str, others: list[str], scores: list, reasons: list, current: list, outgoing: bool) -> None:
        """One probe's links in one direction."""
        position, index = self.members.index[here], self.members.index
        there = [index.get(other, -1) for other in others]
        self.source.extend(there if not outgoing else [position] * len(others))
        self.target.extend([position] * len(others) if not outgoing else there)
        self.other_ids.extend(others)
        self.here_ids.extend([here] * len(others))
        self.outgoing.extend([outgoing] * len(others))
        self.score.extend(scores)
        self.reason.extend(reasons)
        self.current.extend(current)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Source and target positions, scores, reason codes and whether the rule version is current."""
        codes = {name: code for code, name in REASONS.items()}
        return (np.asarray(self.source, dtype=np.int64), np.asarray(self.target, dtype=np.int64),
                np.asarray([np.nan if s is None else s for s in self.score], dtype=np.float64),
                np.asarray([codes.get(r, -1) for r in self.reason], dtype=np.int64),
                np.asarray(self.current, dtype=bool))

    def source_ids(self, mask: np.ndarray) -> list[str]:
        """The source ids of the masked links."""
        return [h if o else x for h, x, o, m in zip(self.here_ids, self.other_ids, self.outgoing, mask.tolist(),
                                                    strict=True) if m]

    def target_ids(self, mask: np.ndarray) -> list[str]:
        """The target ids of the masked links."""
        return [x if o else h for h, x, o, m in zip(self.here_ids, self.other_ids, self.outgoing, mask.tolist(),
                                                    strict=True) if m]


def _stored_links(run: Run, members: Members, probes: list[str], start: datetime, end: datetime) -> _Stored:
    stored = _Stored(members)
    for batch in chunked(probes, READ_BATCH):
        for row in run.graph.read_plain("list_probe_links", ids=batch, start=start, end=end,
                                        rule_version=run.rules.version, scope=run.scope):
            stored.add(row["id"], row["out_ids"], row["out_scores"], row["out_reasons"], row["out_current"], True)
            stored.add(row["id"], row["in_ids"], row["in_scores"], row["in_reasons"], row["in_current"], False)
    return stored


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which keys are in the sorted array, and where (a valid position even when absent)."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.int64)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys, at


def _write_links(run: Run, keep: dict[str, list[str]], rows: list[dict[str, Any]]) -> None:
    stale = [{"id": dispute_id, "keep": others} for dispute_id, others in keep.items()]
    graph, scope, version = run.graph, run.scope, run.rules.version

    def work(tx: Any) -> None:
        graph.run_in(tx, "delete_stale_similar_links", rows=stale, scope=scope)
        graph.run_in(tx, "merge_similar_links", rows=rows, scope=scope, rule_version=version)

    graph.execute_write(work)
