"""Named Cypher queries: every statement lives in `cypher/<group>/<name>.cypher`, read once."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.settings import REPO_ROOT

CYPHER_DIR = REPO_ROOT / "cypher"


@dataclass(frozen=True)
class NamedQuery:
    """One Cypher statement with the header comment that documents it."""

    name: str
    group: str
    path: Path
    header: str
    text: str


class QueryCatalog:
    """All named queries under a directory, keyed by file stem (unique across groups)."""

    def __init__(self, root: Path = CYPHER_DIR) -> None:
        self.root = root
        self._queries: dict[str, NamedQuery] = {}
        for path in sorted(root.rglob("*.cypher")):
            query = _read_query(path, root)
            if query.name in self._queries:
                raise ValueError(f"duplicate query name {query.name!r}: {path} and {self._queries[query.name].path}")
            self._queries[query.name] = query

    def __getitem__(self, name: str) -> str:
        """The text of the query called `name`."""
        try:
            return self._queries[name].text
        except KeyError:
            raise KeyError(f"no Cypher file named {name}.cypher under {self.root}") from None

    def get(self, name: str) -> NamedQuery:
        """The query called `name` with its metadata."""
        return self._queries[name]

    def group(self, group: str) -> list[NamedQuery]:
        """The queries of one folder, in file-name order."""
        return [q for q in self._queries.values() if q.group == group]

    def all(self) -> list[NamedQuery]:
        """Every query in the catalog."""
        return list(self._queries.values())


def _read_query(path: Path, root: Path) -> NamedQuery:
    """Split a file into its `//` header and the statement."""
    header_lines: list[str] = []
    body_lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not body_lines and line.lstrip().startswith("//"):
            header_lines.append(line.lstrip()[2:].strip())
        elif body_lines or line.strip():
            body_lines.append(line)
    text = "\n".join(body_lines).strip().rstrip(";")
    group = path.parent.relative_to(root).as_posix()
    return NamedQuery(name=path.stem, group=group, path=path, header="\n".join(header_lines), text=text)


@lru_cache
def get_catalog() -> QueryCatalog:
    """The process-wide catalog, read from disk once."""
    return QueryCatalog()
