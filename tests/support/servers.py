"""Servers only the tests start: a throw-away database per run, and PgBouncer in transaction mode
(what Neon's pooled endpoint is) in front of the test server."""

from __future__ import annotations

import shutil
import socket
import subprocess
from contextlib import closing
from pathlib import Path

import psycopg

from infra.local.postgres import (
    LOCAL,
    ServerAddress,
    own_by_service_user,
    run_as_service_user,
    wait_for_port,
)

PGBOUNCER_POOL_SIZE = 10


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def recreate_database(server: ServerAddress, name: str) -> str:
    """A fresh, empty database on `server`; returns its URL."""
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def drop_database(server: ServerAddress, name: str) -> None:
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PgBouncer:
    """PgBouncer in transaction mode in front of `server`: what Neon's pooled endpoint is."""

    def __init__(
        self,
        server: ServerAddress,
        *,
        pool_size: int = PGBOUNCER_POOL_SIZE,
        port: int | None = None,
    ) -> None:
        self.server = server
        self.port = port or free_port()
        self.pool_size = pool_size
        self.folder = LOCAL / f"pgbouncer-{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str) -> str:
        return ServerAddress(
            "127.0.0.1", self.port, self.server.user, self.server.password, database
        ).url()

    def server_connections(self, database: str) -> int:
        """How many server connections PgBouncer holds to `database` right now."""
        admin = ServerAddress("127.0.0.1", self.port, self.server.user, None, "pgbouncer")
        # The admin console speaks only the simple query protocol (a client-side cursor).
        with (
            psycopg.connect(admin.url(), autocommit=True) as db,
            psycopg.ClientCursor(db) as cursor,
        ):
            cursor.execute("SHOW SERVERS")
            names = [column.name for column in cursor.description or []]
            position = names.index("database")
            return sum(1 for row in cursor.fetchall() if row[position] == database)

    def _config(self) -> str:
        password = f" password={self.server.password}" if self.server.password else ""
        return "\n".join(
            [
                "[databases]",
                f"* = host={self.server.host} port={self.server.port}{password}",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                f"listen_port = {self.port}",
                "unix_socket_dir =",
                "auth_type = trust",
                # The admin console (`SHOW SERVERS`) tells exactly which server connections
                # PgBouncer holds, whatever else is connected to the database.
                f"admin_users = {self.server.user}",
                f"auth_file = {self.folder / 'userlist.txt'}",
                "pool_mode = transaction",
                f"default_pool_size = {self.pool_size}",
                "max_client_conn = 2000",
                "server_connect_timeout = 3",
                "query_wait_timeout = 30",
                "ignore_startup_parameters = extra_float_digits,options",
                f"logfile = {self.folder / 'pgbouncer.log'}",
                f"pidfile = {self.folder / 'pgbouncer.pid'}",
                "",
            ]
        )

    def start(self) -> PgBouncer:
        binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        if not Path(binary).exists():
            raise RuntimeError("pgbouncer is not installed (the test command installs it)")
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "userlist.txt").write_text(f'"{self.server.user}" ""\n')
        (self.folder / "pgbouncer.ini").write_text(self._config())
        own_by_service_user(self.folder)
        self.process = run_as_service_user(
            [binary, str(self.folder / "pgbouncer.ini")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port("127.0.0.1", self.port)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
