"""Tables (SQLAlchemy Core) and their rows (frozen dataclasses).

Core, not an ORM: a task function's cold start and every warm statement cost less without one.
The schema itself is owned by the Alembic migrations in `infra/db/migrations`.
"""

from shared.models.sessions import SessionRow, sessions_table
from shared.models.tasks import TaskRow, tasks_table
from shared.models.users import UserRow, users_table

__all__ = ["SessionRow", "TaskRow", "UserRow", "sessions_table", "tasks_table", "users_table"]
