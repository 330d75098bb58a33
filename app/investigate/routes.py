"""Investigators' routes: related cases, graph exploration, person profiles, timelines, search."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel

from app.audit import service as audit
from app.caller import Caller
from app.db.graph import Graph
from app.deps import CallerDep, GraphDep
from app.investigate import explore, network, persons, related, search
from app.investigate.models import (
    CommunitiesAnswer,
    PathsAnswer,
    PersonProfile,
    RelatedAnswer,
    SearchAnswer,
    Subgraph,
    Timeline,
)
from app.investigate.nodes import NodeKeyError, parse_node

router = APIRouter(tags=["investigate"])
# Looking these up is looking up a person: such requests are written to the audit trail.
PERSONAL_LABELS = frozenset({"Person", "Phone", "IdNumber", "KeyPersonEntry"})

Limit = Annotated[int | None, Query(ge=1, le=1000, description="at most this many items (capped by config)")]
Kinds = Annotated[str | None, Query(description="comma-separated kinds (default all): " + ", ".join(
    related.RELATED_KINDS))]
NodeParam = Annotated[str, Query(description="`Label:key`, e.g. Person:P…, Dispute:D…, Phone:138…")]
Hops = Annotated[int, Query(ge=1, le=3)]


def _not_found(what: str) -> HTTPException:
    """The same 404 for an unknown id and an id outside the caller's jurisdiction."""
    return HTTPException(404, f"{what} not found")


def _kinds(kinds: str | None) -> list[str]:
    try:
        return related.parse_kinds(kinds)
    except ValueError as error:
        raise HTTPException(422, str(error)) from error


def _audit_node(graph: Graph, caller: Caller, request: Request, action: str, *nodes: str) -> None:
    """Audit a graph request that starts from (or ends at) a person or a personal identifier."""
    personal = [n for n in nodes if n.partition(":")[0] in PERSONAL_LABELS]
    if personal:
        audit.record(graph=graph, caller=caller, action=action, target=" ".join(personal), path=request.url.path)


def _json(answer: BaseModel) -> Response:
    """A model written straight to JSON: FastAPI would validate it again, in one more thread-pool hop."""
    return Response(answer.model_dump_json(), media_type="application/json")


def _check_nodes(*nodes: str) -> None:
    try:
        for node in nodes:
            parse_node(node)
    except NodeKeyError as error:
        raise HTTPException(422, str(error)) from error


@router.get("/disputes/{dispute_id}/related", response_model=RelatedAnswer,
            summary="Every connected dispute, ranked, with why and the path")
def dispute_related(dispute_id: str, graph: GraphDep, caller: CallerDep, limit: Limit = None,
                    kinds: Kinds = None) -> Response:
    """Same party, shared phone or ID, same place, similar and resolved similar cases, same incident."""
    answer = related.related_for_dispute(graph=graph, caller=caller, dispute_id=dispute_id, limit=limit,
                                         kinds=_kinds(kinds))
    if answer is None:
        raise _not_found(f"dispute {dispute_id}")
    return _json(answer)


@router.get("/reports/{channel}/{source_id}/related", response_model=RelatedAnswer,
            summary="Related cases of the dispute a report belongs to")
def report_related(channel: str, source_id: str, graph: GraphDep, caller: CallerDep, limit: Limit = None,
                   kinds: Kinds = None) -> Response:
    """As for a dispute; the report itself is left out of `same_incident` (department: `部门|排查编号`)."""
    answer = related.related_for_report(graph=graph, caller=caller, channel=channel, source_id=source_id,
                                        limit=limit, kinds=_kinds(kinds))
    if answer is None:
        raise _not_found(f"report {channel}/{source_id}")
    return _json(answer)


@router.get("/disputes/{dispute_id}/elements-graph", response_model=Subgraph, summary="A dispute's element graph")
def elements_graph(dispute_id: str, graph: GraphDep, caller: CallerDep) -> Subgraph:
    """Parties, respondent organizations, place, area chain, phones, reports, category and keywords."""
    answer = explore.elements_graph(graph=graph, caller=caller, dispute_id=dispute_id)
    if answer is None:
        raise _not_found(f"dispute {dispute_id}")
    return answer


@router.get("/graph/neighbourhood", response_model=Subgraph, summary="The capped subgraph around a node")
def neighbourhood(node: NodeParam, request: Request, graph: GraphDep, caller: CallerDep, hops: Hops = 1,
                  limit: Limit = None) -> Response:
    """Nodes and relationships within `hops` of the node, inside the caller's jurisdiction."""
    _check_nodes(node)
    answer = explore.neighbourhood(graph=graph, caller=caller, node=node, hops=hops, limit=limit)
    if answer is None:
        raise _not_found(node)
    _audit_node(graph, caller, request, "graph.neighbourhood", node)
    return _json(answer)


@router.get("/graph/path", response_model=PathsAnswer, summary="Shortest connections between two nodes")
def path(request: Request, graph: GraphDep, caller: CallerDep,
         source: Annotated[str, Query(alias="from", description="`Label:key`")],
         target: Annotated[str, Query(alias="to", description="`Label:key`")],
         max_hops: Annotated[int, Query(ge=1, le=6)] = 6) -> PathsAnswer:
    """All shortest paths (through parties, phones, ID numbers, places, reports, similar cases)."""
    _check_nodes(source, target)
    answer = explore.paths(graph=graph, caller=caller, source=source, target=target, max_hops=max_hops)
    if answer is None:
        raise _not_found("node")
    _audit_node(graph, caller, request, "graph.path", source, target)
    return answer


@router.get("/graph/communities", response_model=CommunitiesAnswer,
            summary="Groups of persons who keep appearing together, and brokers")
def communities(node: NodeParam, request: Request, graph: GraphDep, caller: CallerDep,
                hops: Annotated[int | None, Query(ge=1, le=6)] = None) -> CommunitiesAnswer:
    """Greedy-modularity groups and betweenness brokers of the persons around a node."""
    _check_nodes(node)
    answer = network.communities(graph=graph, caller=caller, node=node, hops=hops)
    if answer is None:
        raise _not_found(node)
    _audit_node(graph, caller, request, "graph.communities", node)
    return answer


@router.get("/graph/export.graphml", summary="The subgraph around a node as GraphML",
            response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def export_graphml(node: NodeParam, request: Request, graph: GraphDep, caller: CallerDep, hops: Hops = 2,
                   limit: Limit = None) -> Response:
    """The neighbourhood written by networkx, for Gephi, yEd or Cytoscape."""
    _check_nodes(node)
    answer = explore.neighbourhood(graph=graph, caller=caller, node=node, hops=hops, limit=limit)
    if answer is None:
        raise _not_found(node)
    _audit_node(graph, caller, request, "graph.export", node)
    filename = "caselink-" + node.partition(":")[0].lower() + ".graphml"
    return Response(explore.to_graphml(answer), media_type="application/graphml+xml",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/persons/{pid}", response_model=PersonProfile, summary="A person's profile")
def person(pid: str, request: Request, graph: GraphDep, caller: CallerDep) -> PersonProfile:
    """Identifiers (masked per role), disputes by role, notices, warnings and linked persons. Audited."""
    answer = persons.profile(graph=graph, caller=caller, pid=pid)
    if answer is None:
        raise _not_found(f"person {pid}")
    audit.record(graph=graph, caller=caller, action="person.profile", target=f"Person:{pid}", path=request.url.path)
    return answer


@router.get("/persons/{pid}/timeline", response_model=Timeline, summary="A person's timeline")
def person_timeline(pid: str, request: Request, graph: GraphDep, caller: CallerDep, limit: Limit = None) -> Timeline:
    """Reports of the person's disputes, notices, warnings and key-person listing, newest first. Audited."""
    answer = persons.person_timeline(graph=graph, caller=caller, pid=pid, limit=limit)
    if answer is None:
        raise _not_found(f"person {pid}")
    audit.record(graph=graph, caller=caller, action="person.timeline", target=f"Person:{pid}",
                 path=request.url.path)
    return answer


@router.get("/areas/{code}/timeline", response_model=Timeline, summary="An area's timeline")
def area_timeline(code: str, graph: GraphDep, caller: CallerDep, limit: Limit = None,
                  start: Annotated[datetime | None, Query(alias="from")] = None,
                  end: Annotated[datetime | None, Query(alias="to")] = None) -> Timeline:
    """Disputes (with their reports) and warnings of the area inside the caller's jurisdiction, newest first."""
    answer = persons.area_timeline(graph=graph, caller=caller, code=code, start=start, end=end, limit=limit)
    if answer is None:
        raise _not_found(f"area {code}")
    return answer


@router.get("/search", response_model=SearchAnswer, summary="Search names, phones, ID numbers, cases and text")
def search_route(request: Request, graph: GraphDep, caller: CallerDep,
                 q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = None) -> SearchAnswer:
    """Exact phone / ID / case-code matches first, then full-text hits; searches finding persons are audited."""
    try:
        answer = search.search(graph=graph, caller=caller, q=q, limit=limit)
    except search.EmptyQuery as error:
        raise HTTPException(422, str(error)) from error
    if search.finds_persons(answer):
        audit.record(graph=graph, caller=caller, action="search", target=q, path=request.url.path)
    return answer
