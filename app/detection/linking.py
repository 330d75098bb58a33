"""Similar-dispute links per block: each block read once, all its pairs scored at once (numpy), same rule as `compare`.

A block is what `find_similar_candidates` gives one probe: the disputes of a community (plus the street-level
disputes of its street) or, for a dispute without a community, of its whole street, in one category group. Probes
of one block share one read spanning all their windows; the pair rule (`similarity.compare`) is applied to the
probe × member matrix: the keyword Jaccard from a keyword incidence product, the same place, the window, the
related-category factor and the direction (earlier first, ties by id). Scores are rounded by Python's `round`.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from app.db.graph import chunked
from app.detection.context import Run
from app.detection.models import DisputeFacts, SimilarityRules

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICRO = timedelta(microseconds=1)
KEYWORDS, SAME_PLACE, RELATED = 1, 2, 4
REASONS = {code: "+".join(name for bit, name in ((KEYWORDS, "keywords"), (SAME_PLACE, "same_place"),
                                                 (RELATED, "related_category")) if code & bit)
           for code in range(8)}
BLOCKS_PER_READ = 200


def micros(value: datetime) -> int:
    """Epoch microseconds of an instant, exactly (the unit of the block rows' `at`)."""
    return (value - EPOCH) // MICRO


@dataclass
class Members:
    """Every dispute read for a run's blocks, once each, as parallel columns (index = position)."""

    ids: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    at: list[int] = field(default_factory=list)
    category: list[str | None] = field(default_factory=list)
    place: list[str | None] = field(default_factory=list)
    community: list[str | None] = field(default_factory=list)
    street: list[str | None] = field(default_factory=list)
    grid: list[str | None] = field(default_factory=list)
    keywords: list[list[int]] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    # The stored `link_digest` (None: none valid) and `link_writes` counter, as read (see `link_digests`).
    digest: list[int | None] = field(default_factory=list)
    writes: list[int] = field(default_factory=list)

    def add(self, row: dict[str, Any]) -> int:
        """The position of a dispute row, added on first sight."""
        found = self.index.get(row["id"])
        if found is not None:
            return found
        position = len(self.ids)
        self.index[row["id"]] = position
        self.ids.append(row["id"])
        self.at.append(row["at"])
        self.category.append(row["category"])
        # Empty place keys never make a same-place link (compare tests truthiness).
        self.place.append(row["place_key"] or None)
        self.community.append(row["community_code"])
        self.street.append(row["street_code"])
        self.grid.append(row["grid_code"])
        vocabulary = self.vocabulary
        self.keywords.append(sorted({vocabulary.setdefault(k, len(vocabulary)) for k in row["keywords"]}))
        self.digest.append(row.get("link_digest"))
        self.writes.append(row.get("link_writes") or 0)
        return position


@dataclass
class Links:
    """Similar pairs as arrays of member positions (source earlier), rounded scores and reason codes."""

    source: np.ndarray
    target: np.ndarray
    score: np.ndarray
    reason: np.ndarray

    def __len__(self) -> int:
        return len(self.source)

    def rows(self, ids: list[str]) -> list[dict[str, Any]]:
        """The links as `merge_similar_links` rows, sorted by source and target id."""
        rows = [{"source": ids[s], "target": ids[t], "score": score, "reason": REASONS[r]}
                for s, t, score, r in zip(self.source.tolist(), self.target.tolist(), self.score.tolist(),
                                          self.reason.tolist(), strict=True)]
        return sorted(rows, key=lambda row: (row["source"], row["target"]))


def block_key(f: DisputeFacts, rules: SimilarityRules) -> tuple[str, str, str] | None:
    """(community, street, group) for a community dispute, ("", street, group) for a street-level one."""
    if not f.category or not (f.community_code or f.street_code):
        return None
    return f.community_code or "", f.street_code or "", rules.group_of(f.category) or ""


def read_blocks(run: Run, probes: list[DisputeFacts], *, narrow: bool = False,
                period: tuple[datetime, datetime] | None = None) -> tuple[Members, dict[tuple, list[int]],
                                                                        dict[tuple, list[int]]]:
    """Read every block the probes need once (its span covers all their windows); members and probes per block.

    `narrow` (on arrival, few probes per block) reads only the probes and the members sharing a keyword or the
    place with one of them: no rule can link the others. With a `period` (a full pass) the probes are every
    member of the block's own community (or street, without one) that occurred in the period: `probes` then
    need only stand for each block's earliest and latest dispute.
    """
    rules = run.rules.similarity
    window = timedelta(days=rules.window_days)
    by_block: dict[tuple, list[DisputeFacts]] = {}
    for f in probes:
        if (key := block_key(f, rules)) is not None:
            by_block.setdefault(key, []).append(f)
    params = [
        {"key": "|".join(key), "community_code": key[0] or None, "street_area": key[1] if key[0] else None,
         "street_block": None if key[0] else key[1], "categories": rules.members(found[0].category),
         "start": min(f.occurred_at for f in found) - window, "end": max(f.occurred_at for f in found) + window,
         "probes": [f.id for f in found] if narrow else None,
         "keywords": sorted({k for f in found for k in f.keywords}) if narrow else None,
         "places": sorted({f.place_key for f in found if rules.precise_place(f.place_key)}) if narrow else None}
        for key, found in by_block.items()
    ]
    members = Members()
    block_members: dict[str, list[int]] = {row["key"]: [] for row in params}
    for batch in chunked(params, BLOCKS_PER_READ):
        for row in run.graph.read_plain("list_block_disputes", blocks=batch, scope=run.scope):
            block_members[row["block"]].append(members.add(row))
    members_of = {key: block_members["|".join(key)] for key in by_block}
    if period is None:
        probes_of = {key: [members.index[f.id] for f in found if f.id in members.index]
                     for key, found in by_block.items()}
    else:
        low, high = micros(period[0]), micros(period[1])
        probes_of = {key: [m for m in members_of[key] if low <= members.at[m] <= high
                           and (members.community[m] or "") == key[0] and (members.street[m] or "") == key[1]]
                     for key in by_block}
    return members, members_of, probes_of


def score_blocks(members: Members, members_of: dict[tuple, list[int]], probes_of: dict[tuple, list[int]],
                 rules: SimilarityRules) -> Links:
    """The similar pairs of every block's probes with its members, each pair once."""
    at = np.asarray(members.at, dtype=np.int64)
    category = _codes(members.category)
    # Only building-level places make same-place links (as `compare`).
    place = _codes(p if rules.precise_place(p) else None for p in members.place)
    estate = _codes(rules.estate_of(p) for p in members.place)
    bare = np.asarray([p is not None and rules.estate_of(p) == p for p in members.place], dtype=bool)
    size = np.asarray([len(k) for k in members.keywords], dtype=np.int64)
    found: list[tuple[np.ndarray, ...]] = []
    for key, member_list in members_of.items():
        block = np.asarray(sorted(set(member_list)), dtype=np.int64)
        # A probe changed since its facts were read may be missing from its block: it has no pairs there.
        probes = np.asarray(probes_of[key], dtype=np.int64)
        probes = probes[np.isin(probes, block)]
        if len(probes):
            found.append(_block_pairs(probes, block, members, at, category, (place, estate, bare), size, rules))
    return _unique_links(found, at, np.asarray(_ranks(members.ids), dtype=np.int64), rules)


def _block_pairs(probes: np.ndarray, block: np.ndarray, members: Members, at: np.ndarray, category: np.ndarray,
                 places: tuple[np.ndarray, np.ndarray, np.ndarray], size: np.ndarray,
                 rules: SimilarityRules) -> tuple[np.ndarray, ...]:
    """`compare` over probes × block members: positions, unrounded scores and reason codes of the similar pairs.

    `places` are the building-level place codes, the estate codes (-1: none) and whether a member names only
    its estate.
    """
    place, estate, bare = places
    incidence = _incidence(members, block)
    local = np.searchsorted(block, probes)
    shared = (incidence[local] @ incidence.T).astype(np.int64)
    union = size[probes][:, None] + size[block][None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)
    within = np.abs(at[probes][:, None] - at[block][None, :]) <= rules.window_days * 86_400_000_000
    keyword_ok = jaccard >= rules.min_jaccard
    if rules.same_estate_min_jaccard is not None:
        same_estate = (estate[probes][:, None] == estate[block][None, :]) & (estate[probes] >= 0)[:, None] & (
            bare[probes][:, None] != bare[block][None, :])
        keyword_ok |= same_estate & (jaccard >= rules.same_estate_min_jaccard)
    if rules.other_building_min_jaccard is not None:
        # Two different buildings (or sites): a keyword link needs the higher Jaccard (as `keywords_similar`).
        other = (place[probes][:, None] != place[block][None, :]) & (place[probes] >= 0)[:, None] & (
            place[block] >= 0)[None, :]
        keyword_ok &= ~other | (jaccard >= rules.other_building_min_jaccard)
    place_ok = (place[probes][:, None] == place[block][None, :]) & (place[probes] >= 0)[:, None] & (
        shared >= rules.same_place_min_shared)
    similar = within & (keyword_ok | place_ok) & (probes[:, None] != block[None, :])
    rows, cols = np.nonzero(similar)
    a, b = probes[rows], block[cols]
    score = np.where(keyword_ok[rows, cols], jaccard[rows, cols], 0.0)
    score = np.where(place_ok[rows, cols], np.maximum(score, rules.same_place_score), score)
    related = category[a] != category[b]
    score = np.where(related, score * rules.related_category_factor, score)
    reason = keyword_ok[rows, cols] * KEYWORDS + place_ok[rows, cols] * SAME_PLACE + related * RELATED
    return a, b, score, reason


def _incidence(members: Members, block: np.ndarray) -> np.ndarray:
    """Block members × the block's keywords, 1 where a member has the keyword."""
    lists = [members.keywords[i] for i in block.tolist()]
    lengths = np.fromiter((len(k) for k in lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter((k for keywords in lists for k in keywords), dtype=np.int64, count=int(lengths.sum()))
    columns, local = np.unique(flat, return_inverse=True)
    matrix = np.zeros((len(block), len(columns)), dtype=np.float32)
    matrix[np.repeat(np.arange(len(block)), lengths), local] = 1.0
    return matrix


def _unique_links(found: list[tuple[np.ndarray, ...]], at: np.ndarray, rank: np.ndarray,
                  rules: SimilarityRules) -> Links:
    """Each pair once, pointing from the earlier dispute (ties by id) to the later, scores rounded as `round`."""
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return Links(empty, empty, np.zeros(0), empty)
    a, b, score, reason = (np.concatenate(parts) for parts in zip(*found, strict=True))
    a_first = (at[a] < at[b]) | ((at[a] == at[b]) & (rank[a] < rank[b]))
    source, target = np.where(a_first, a, b), np.where(a_first, b, a)
    pair = source * len(at) + target
    _, first = np.unique(pair, return_index=True)
    values, inverse = np.unique(score[first], return_inverse=True)
    rounded = np.asarray([round(float(v), 4) for v in values.tolist()])
    return Links(source[first], target[first], rounded[inverse.reshape(-1)] if len(first) else np.zeros(0),
                 reason[first].astype(np.int64))


def link_digests(members: Members, links: Links, rule_version: str) -> list[int]:
    """Each member's digest of its links: both ends' ids in link direction, score, reason and the rule version.

    An order-free 64-bit sum of one mixed value per link, so equal digests mean equal link sets (but for a 2**-64
    chance). A full pass stores it on its probes (`Dispute.link_digest`) once their stored links are the computed
    ones; the next pass reads back only the stored links of probes whose digest differs.
    """
    salt = np.uint64(_hash64(rule_version))
    ends = np.fromiter((_hash64(i) for i in members.ids), dtype=np.uint64, count=len(members.ids))
    value = _mix(_mix(ends[links.source] ^ salt) + ends[links.target])
    value = _mix(_mix(value ^ links.score.astype(np.float64).view(np.uint64)) + links.reason.astype(np.uint64))
    total = np.zeros(len(members.ids), dtype=np.uint64)
    np.add.at(total, links.source, value)
    np.add.at(total, links.target, value)
    return _mix(total ^ salt).view(np.int64).tolist()


def _hash64(text: str) -> int:
    """A 64-bit hash of a string, the same in every process (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer: every input bit changes about half the output bits (uint64 arithmetic wraps)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _codes(values: Iterable[str | None]) -> np.ndarray:
    """Equal values get equal codes; None gets -1 (never equal to anything)."""
    codes: dict[str, int] = {}
    return np.asarray([-1 if v is None else codes.setdefault(v, len(codes)) for v in values], dtype=np.int64)


def _ranks(ids: list[str]) -> list[int]:
    """Each id's position in string order (the tie-break of the link direction)."""
    rank = [0] * len(ids)
    for n, position in enumerate(sorted(range(len(ids)), key=ids.__getitem__)):
        rank[position] = n
    return rank


def window_rows(members: Members, links: Links, rules: SimilarityRules, end: datetime,
                days: int) -> tuple[dict[tuple[str, str], list[dict]], dict[tuple[str, str], list[dict]]]:
    """The disputes of each (community, group) and (street, group) in the `days` up to `end`, with their links.

    Community rows are `list_repeat_blocks` rows (id, grid, at in epoch ms, similar: linked disputes of the
    community block in the window); street rows are `count_street_repeats` disputes (id, community, at in epoch ms,
    similar: linked disputes of the street block in the window). Valid when every dispute of the window was a probe
    of the links (a full pass whose period covers the window).
    """
    high = micros(end)
    low = high - days * 86_400_000_000
    inside = [m for m in range(len(members.ids)) if low < members.at[m] <= high]
    group = {m: rules.group_of(members.category[m]) for m in inside}
    similar: dict[int, list[int]] = {m: [] for m in inside}
    for a, b in zip(links.source.tolist(), links.target.tolist(), strict=True):
        if a in similar and b in similar and group[a] == group[b]:
            similar[a].append(b)
            similar[b].append(a)
    communities: dict[tuple[str, str], list[dict]] = {}
    streets: dict[tuple[str, str], list[dict]] = {}
    ids = members.ids
    for m in inside:
        community, street = members.community[m], members.street[m]
        if community:
            communities.setdefault((community, group[m]), []).append({
                "id": ids[m], "grid": members.grid[m], "at": members.at[m] // 1000,
                "similar": [ids[o] for o in similar[m] if members.community[o] == community]})
        if street:
            streets.setdefault((street, group[m]), []).append({
                "id": ids[m], "at": members.at[m] // 1000, "community": community,
                "similar": [ids[o] for o in similar[m] if members.street[o] == street]})
    return communities, streets
