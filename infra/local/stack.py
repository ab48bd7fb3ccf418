"""Starts the pieces of a local lambda-tasks: database, local API Gateway, frontend."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from infra import ROOT
from infra.local.gateway import DEFAULT_API_KEY
from infra.local.postgres import LOCAL, wait_for_port

FRONTEND = ROOT / "frontend"


def _local_secret(variable: str, file_name: str) -> str:
    """The variable if set, else a random value kept in .local/ so it survives a restart."""
    if os.environ.get(variable):
        return os.environ[variable]
    path = LOCAL / file_name
    if not path.exists():
        LOCAL.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def local_jwt_secret() -> str:
    """JWT_SECRET if set, else one kept in .local/ so local sessions survive a restart."""
    return _local_secret("JWT_SECRET", "jwt-secret")


def local_password_pepper() -> str:
    """PASSWORD_PEPPER if set, else one kept in .local/ so local passwords keep verifying."""
    return _local_secret("PASSWORD_PEPPER", "password-pepper")


def api_environment(database_url: str, *, trust_source_ip_header: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        JWT_SECRET=local_jwt_secret(),
        PASSWORD_PEPPER=local_password_pepper(),
        # Mail stays on this machine: each message is a file, and its link is printed.
        EMAIL_TRANSPORT=os.environ.get("EMAIL_TRANSPORT", "outbox"),
        EMAIL_OUTBOX_DIR=os.environ.get("EMAIL_OUTBOX_DIR", str(LOCAL / "outbox")),
        API_KEY=os.environ.get("API_KEY", DEFAULT_API_KEY),
        CORS_ORIGINS=os.environ.get("CORS_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"),
    )
    if trust_source_ip_header:
        env["LOCAL_TRUST_SOURCE_IP_HEADER"] = "1"
    return env


def start_local_api(
    port: int, env: dict[str, str], *, log: Path | None = None
) -> subprocess.Popen[bytes]:
    output = log.open("ab") if log else None
    process = subprocess.Popen(
        [sys.executable, "-m", "infra.local.gateway", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
        start_new_session=True,  # its own process group, so `stop` reaches all of it
    )
    wait_for_port("127.0.0.1", port, timeout=60)
    return process


def frontend_environment(api_url: str, api_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NEXT_PUBLIC_API_URL=api_url,
        NEXT_PUBLIC_API_KEY=api_key,
        NEXT_TELEMETRY_DISABLED="1",
    )
    return env


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Stops a process and everything it started (npm leaves next-server behind otherwise)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
