"""Every named query parses, documents itself, declares its scope, and is used by the code."""

import re

import pytest

from app.db.catalog import QueryCatalog, get_catalog
from app.db.graph import Graph
from app.settings import REPO_ROOT

CATALOG = get_catalog()
NON_SCHEMA = [q for q in CATALOG.all() if q.group != "schema"]
CODE_DIRS = ("app", "loaders", "tests", "bench")


def _code_text() -> str:
    """All Python source of the project, where query names are referenced."""
    parts = []
    for folder in CODE_DIRS:
        for path in (REPO_ROOT / folder).rglob("*.py"):
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_catalog_reads_every_file() -> None:
    files = list((REPO_ROOT / "cypher").rglob("*.cypher"))
    assert len(QueryCatalog().all()) == len(files)


@pytest.mark.parametrize("query", NON_SCHEMA, ids=lambda q: q.name)
def test_query_parses(graph: Graph, query) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run("EXPLAIN " + query.text).consume()


@pytest.mark.parametrize("query", CATALOG.all(), ids=lambda q: q.name)
def test_query_header_documents_params_and_returns(query) -> None:
    assert query.header, f"{query.path} has no header comment"
    assert "params:" in query.header and "returns:" in query.header, query.path


@pytest.mark.parametrize("query", NON_SCHEMA, ids=lambda q: q.name)
def test_query_declares_scope(query) -> None:
    """A query either filters by the caller's $scope or says in its header why it needs none."""
    assert "$scope" in query.text or re.search(r"scope: none \(.+\)", query.header), query.path


def test_every_query_is_used() -> None:
    code = _code_text()
    unused = [q.name for q in NON_SCHEMA if f'"{q.name}"' not in code]
    assert unused == []


def test_query_names_are_verb_noun() -> None:
    bad = [q.name for q in CATALOG.all() if not re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", q.name)]
    assert bad == []
