"""Graph exploration: a capped neighbourhood, the hidden connections between two nodes, a dispute's elements."""

import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import networkx as nx

from app.caller import Caller
from app.db.graph import Graph
from app.investigate.config import get_config
from app.investigate.models import NodeRef, NodeView, PathsAnswer, PathView, Subgraph
from app.investigate.nodes import edge_view, node_view, parse_node

Row = dict[str, Any]


@dataclass
class Extract:
    """Nodes and relationships read from the graph, keyed by element id (never shown as such)."""

    nodes: dict[str, Row] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Row] = field(default_factory=dict)
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    def add_node(self, element_id: str, labels: list[str], props: Row) -> None:
        """Keep a node (the first reading wins)."""
        self.nodes.setdefault(element_id, {"labels": labels, "props": props})

    def add_edge(self, source: str, target: str, rel_type: str, props: Row) -> None:
        """Keep a relationship between two kept nodes."""
        self.edges.setdefault((source, target, rel_type), props)


def find_node(*, graph: Graph, caller: Caller, node: str) -> Row | None:
    """A node given as `Label:key`, or None when unknown or outside the caller's jurisdiction."""
    label, key = parse_node(node)
    return graph.read_one("find_node", label=label, key=key, scope=caller.scope)


def extract(*, graph: Graph, caller: Caller, start: Row, hops: int, limit: int,
            types: list[str] | None = None) -> Extract:
    """Breadth-first expansion from a found node, one query per hop, capped per node and in total."""
    config = get_config().neighbourhood
    found = Extract()
    found.add_node(start["id"], start["labels"], start["props"])
    frontier = [start["id"]]
    for hop in range(hops):
        expandable = [i for i in frontier if hop == 0 or not set(found.nodes[i]["labels"]) & config.leaf_labels]
        if not expandable:
            break
        rows = graph.read("expand_neighbourhood", ids=expandable, scope=caller.scope, types=types or [],
                          per_node=config.per_node + 1)
        frontier = _take_hop(found, rows, config.per_node, limit)
    return found


def _take_hop(found: Extract, rows: list[Row], per_node: int, limit: int) -> list[str]:
    """Add one hop's rows; returns the new frontier."""
    per_source: Counter[str] = Counter()
    frontier = []
    for row in rows:
        per_source[row["source"]] += 1
        if per_source[row["source"]] > per_node:
            _cut(found, f"部分节点的关联超过{per_node}个，仅取最近的{per_node}个")
            continue
        if row["target"] not in found.nodes:
            if len(found.nodes) >= limit:
                _cut(found, f"节点数达到上限{limit}，未全部展开")
                continue
            found.add_node(row["target"], row["labels"], row["props"])
            frontier.append(row["target"])
        start, end = (row["source"], row["target"]) if row["outgoing"] else (row["target"], row["source"])
        found.add_edge(start, end, row["type"], row["rel_props"])
    return frontier


def _cut(found: Extract, note: str) -> None:
    found.truncated = True
    if note not in found.notes:
        found.notes.append(note)


def to_subgraph(found: Extract, caller: Caller) -> Subgraph:
    """The extract as the API shows it: `Label:key` ids, masked identifiers."""
    views = {eid: node_view(n["labels"], n["props"], caller) for eid, n in found.nodes.items()}
    edges = [edge_view(views[s].id, views[t].id, rel_type, props, caller)
             for (s, t, rel_type), props in found.edges.items() if s in views and t in views]
    return Subgraph(nodes=list(views.values()), edges=edges, truncated=found.truncated,
                    note="；".join(found.notes) or None)


def neighbourhood(*, graph: Graph, caller: Caller, node: str, hops: int = 1,
                  limit: int | None = None) -> Subgraph | None:
    """The visible subgraph within `hops` of a node, capped; None when the node is not visible."""
    config = get_config().neighbourhood
    start = find_node(graph=graph, caller=caller, node=node)
    if start is None:
        return None
    limit = min(limit or config.default_limit, config.max_limit)
    return to_subgraph(extract(graph=graph, caller=caller, start=start, hops=hops, limit=limit), caller)


def paths(*, graph: Graph, caller: Caller, source: str, target: str, max_hops: int | None = None) -> PathsAnswer | None:
    """The shortest connections between two nodes through visible case links; None when a node is not visible."""
    config = get_config().path
    start = find_node(graph=graph, caller=caller, node=source)
    end = find_node(graph=graph, caller=caller, node=target)
    if start is None or end is None:
        return None
    rows = graph.read("find_shortest_paths", source=start["id"], target=end["id"], scope=caller.scope,
                      max_hops=min(max_hops or config.max_hops, config.max_hops), max_paths=config.max_paths)
    found = [_path_view(row, caller) for row in rows]
    return PathsAnswer(
        source=_ref(node_view(start["labels"], start["props"], caller)),
        target=_ref(node_view(end["labels"], end["props"], caller)),
        length=len(found[0].edges) if found else None,
        paths=found,
    )


def _ref(view: NodeView) -> NodeRef:
    return NodeRef(id=view.id, label=view.label, key=view.key, caption=view.caption)


def _path_view(row: Row, caller: Caller) -> PathView:
    views = {n["id"]: node_view(n["labels"], n["props"], caller) for n in row["nodes"]}
    edges = [edge_view(views[r["source"]].id, views[r["target"]].id, r["type"], r["props"], caller)
             for r in row["rels"]]
    return PathView(nodes=[_ref(views[n["id"]]) for n in row["nodes"]], edges=edges)


def elements_graph(*, graph: Graph, caller: Caller, dispute_id: str) -> Subgraph | None:
    """A dispute's element graph: parties, organizations, place, area chain, phones, reports, category, keywords."""
    rows = graph.read("get_dispute_elements", id=dispute_id, scope=caller.scope)
    if not rows:
        start = graph.read_one("find_node", label="Dispute", key=dispute_id, scope=caller.scope)
        if start is None:
            return None
        return to_subgraph(_single(start), caller)
    found = Extract()
    for row in rows:
        for end in (row["source"], row["target"]):
            found.add_node(end["id"], end["labels"], end["props"])
        found.add_edge(row["source"]["id"], row["target"]["id"], row["type"], row["props"])
    return to_subgraph(found, caller)


def _single(start: Row) -> Extract:
    found = Extract()
    found.add_node(start["id"], start["labels"], start["props"])
    return found


def to_graphml(subgraph: Subgraph) -> bytes:
    """The subgraph as GraphML (networkx), lists and maps as JSON text since GraphML holds scalars only."""
    g = nx.MultiDiGraph()
    for node in subgraph.nodes:
        g.add_node(node.id, label=node.label, key=node.key, caption=node.caption, **_scalars(node.props))
    for edge in subgraph.edges:
        g.add_edge(edge.source, edge.target, type=edge.type, **_scalars(edge.props))
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue()


def _scalars(props: Row) -> Row:
    out: Row = {}
    for key, value in props.items():
        if value is None or key in ("label", "key", "caption", "type"):
            continue
        if isinstance(value, bool | int | float | str):
            out[key] = value
        elif isinstance(value, date | datetime):  # ISO 8601, as Gephi and yEd read times (not JSON-quoted)
            out[key] = value.isoformat()
        else:
            out[key] = json.dumps(value, ensure_ascii=False, default=str)
    return out

