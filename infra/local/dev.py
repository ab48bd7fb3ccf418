"""`make dev`: PostgreSQL (DATABASE_URL's, or embedded), migrations, the local API on :4000
running the real handlers, and the Next.js frontend on :3000 wired to it. Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import subprocess

from infra.db.migrate import upgrade
from infra.local.postgres import ensure_database, server_address
from infra.local.stack import (
    FRONTEND,
    api_environment,
    frontend_environment,
    start_local_api,
    stop,
)

API_PORT = 4000
DATABASE = "lambda_tasks"


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    if os.environ.get("DATABASE_URL"):
        database_url = os.environ["DATABASE_URL"]
    else:
        database_url = ensure_database(server_address(), DATABASE)
    upgrade(database_url)
    env = api_environment(database_url)
    api = frontend = None
    try:
        api = start_local_api(API_PORT, env)
        api_url = f"http://127.0.0.1:{API_PORT}"
        frontend = subprocess.Popen(
            ["npm", "run", "dev"],
            cwd=FRONTEND,
            env=frontend_environment(api_url, env["API_KEY"]),
            start_new_session=True,
        )
        print(
            f"\n  API       {api_url}/api   (x-api-key: {env['API_KEY']})"
            f"\n  API docs  {api_url}/api/docs"
            "\n  Frontend  http://localhost:3000\n",
            flush=True,
        )
        frontend.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(frontend)
        stop(api)


if __name__ == "__main__":
    main()
