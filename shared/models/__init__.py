"""Table rows. The schema itself is owned by the Alembic migrations in `infra/migrations`."""

from shared.models.sessions import SessionRow
from shared.models.tasks import TaskRow
from shared.models.users import UserRow

__all__ = ["SessionRow", "TaskRow", "UserRow"]
