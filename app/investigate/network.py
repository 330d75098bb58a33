"""Network analysis with networkx on an extracted subgraph: person groups and brokers."""

from itertools import combinations

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from app.caller import Caller
from app.db.graph import Graph
from app.investigate.config import get_config
from app.investigate.explore import Extract, extract, find_node
from app.investigate.models import Broker, CommunitiesAnswer, Community, NodeRef
from app.investigate.nodes import node_view

# Persons appear together through a dispute they are party to, or a phone they share.
LINK_TYPES = ["PARTY_IN", "HAS_PHONE"]


def communities(*, graph: Graph, caller: Caller, node: str, hops: int | None = None) -> CommunitiesAnswer | None:
    """Groups of persons who keep appearing together around a node, and the persons bridging them."""
    config = get_config().network
    start = find_node(graph=graph, caller=caller, node=node)
    if start is None:
        return None
    found = extract(graph=graph, caller=caller, start=start, hops=hops or config.hops, limit=config.limit,
                    types=LINK_TYPES)
    persons = person_graph(found)
    refs = {eid: _ref(found, eid, caller) for eid in persons.nodes}
    groups = _groups(persons)
    brokers = _brokers(persons, config.brokers)
    return CommunitiesAnswer(
        center=_ref(found, start["id"], caller),
        persons=persons.number_of_nodes(),
        links=persons.number_of_edges(),
        communities=[Community(id=i, size=len(g), members=[refs[m] for m in sorted(g, key=lambda m: refs[m].caption)])
                     for i, g in enumerate(groups)],
        brokers=[Broker(person=refs[eid], betweenness=round(score, 4)) for eid, score in brokers],
        truncated=found.truncated,
        note="；".join(found.notes) or None,
    )


def person_graph(found: Extract) -> nx.Graph:
    """Persons linked when they share a dispute or a phone; the weight counts shared disputes and phones."""
    g = nx.Graph()
    members: dict[str, set[str]] = {}
    for eid, n in found.nodes.items():
        if "Person" in n["labels"]:
            g.add_node(eid)
    for start, end, _ in found.edges:
        if start in g and end not in g:
            members.setdefault(end, set()).add(start)
    for persons in members.values():
        for a, b in combinations(sorted(persons), 2):
            weight = g.get_edge_data(a, b, {}).get("weight", 0)
            g.add_edge(a, b, weight=weight + 1)
    return g


def _groups(g: nx.Graph) -> list[set[str]]:
    """Greedy-modularity communities of linked persons, largest first (lone persons are no group)."""
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    if linked.number_of_edges() == 0:
        return []
    found = greedy_modularity_communities(linked, weight="weight")
    return sorted((set(c) for c in found if len(c) > 1), key=len, reverse=True)


def _brokers(g: nx.Graph, top: int) -> list[tuple[str, float]]:
    """Persons with the highest betweenness: the ones whose removal would split the network."""
    if g.number_of_edges() == 0:
        return []
    scores = nx.betweenness_centrality(g, normalized=True)
    ranked = sorted(((eid, s) for eid, s in scores.items() if s > 0), key=lambda item: -item[1])
    return ranked[:top]


def _ref(found: Extract, eid: str, caller: Caller) -> NodeRef:
    view = node_view(found.nodes[eid]["labels"], found.nodes[eid]["props"], caller)
    return NodeRef(id=view.id, label=view.label, key=view.key, caption=view.caption)
