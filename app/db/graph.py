"""The Neo4j driver wrapper: named queries in managed transactions, batched writes."""

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl

from app.db.catalog import QueryCatalog, get_catalog
from app.settings import Settings

T = TypeVar("T")
Row = dict[str, Any]


class Graph:
    """One driver per process; every call names its query and its database."""

    def __init__(self, driver: Driver, database: str, catalog: QueryCatalog | None = None) -> None:
        self.driver = driver
        self.database = database
        self.catalog = catalog or get_catalog()
        # Seconds spent per named query in this process: benchmarks print them.
        self.timings: Counter[str] = Counter()

    @classmethod
    def connect(cls, settings: Settings) -> "Graph":
        """Open a driver for the configured URI and check that the server answers."""
        driver = GraphDatabase.driver(
            settings.bolt_uri,
            auth=(settings.neo4j_user, settings.neo4j_password),
            max_connection_pool_size=50,
            # Schema-less first runs make the server warn about unknown labels; they are noise here.
            notifications_min_severity="OFF",
        )
        driver.verify_connectivity()
        return cls(driver, settings.neo4j_database)

    def close(self) -> None:
        """Close the driver and its pool."""
        self.driver.close()

    def read(self, name: str, /, **params: Any) -> list[Row]:
        """Run a named read query (retried on transient errors) and return its rows."""
        return self._run(name, params, RoutingControl.READ)

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run a named write query (retried on transient errors) and return its rows."""
        return self._run(name, params, RoutingControl.WRITE)

    def read_plain(self, name: str, /, **params: Any) -> list[Row]:
        """`read` for queries returning only plain values (no nodes, no temporals to convert): rows as sent.

        Skips the driver's recursive `record.data()` conversion, the bulk of the client's time for rows
        holding long nested lists.
        """
        started = time.perf_counter()
        records, _, _ = self.driver.execute_query(self.catalog[name], params, database_=self.database,
                                                  routing_=RoutingControl.READ)
        self.timings[name] += time.perf_counter() - started
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    def read_one(self, name: str, /, **params: Any) -> Row | None:
        """The first row of a named read query, or None."""
        rows = self.read(name, **params)
        return rows[0] if rows else None

    def write_batches(self, name: str, rows: Iterable[Row], /, *, batch_size: int = 2000, **params: Any) -> int:
        """UNWIND `rows` through a named write query in batches; returns the number of rows sent."""
        sent = 0
        for batch in chunked(rows, batch_size):
            self.write(name, rows=batch, **params)
            sent += len(batch)
        return sent

    def execute_write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run several statements in one managed write transaction."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def execute_read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run several statements in one managed read transaction."""
        with self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def run_in(self, tx: ManagedTransaction, name: str, /, **params: Any) -> list[Row]:
        """Run a named query inside a transaction opened by execute_read/execute_write."""
        started = time.perf_counter()
        rows = [record.data() for record in tx.run(self.catalog[name], params)]
        self.timings[name] += time.perf_counter() - started
        return rows

    def run_plain_in(self, tx: ManagedTransaction, name: str, /, **params: Any) -> list[Row]:
        """`run_in` for queries returning only plain values (as `read_plain`): rows as sent."""
        started = time.perf_counter()
        rows = [dict(zip(record.keys(), record.values(), strict=True)) for record in tx.run(self.catalog[name], params)]
        self.timings[name] += time.perf_counter() - started
        return rows

    def _run(self, name: str, params: dict[str, Any], routing: RoutingControl) -> list[Row]:
        started = time.perf_counter()
        records, _, _ = self.driver.execute_query(self.catalog[name], params, database_=self.database, routing_=routing)
        self.timings[name] += time.perf_counter() - started
        return [record.data() for record in records]


def chunked(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """Split an iterable into lists of at most `size` items, lazily."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
