"""The tables, one SQLModel class each: the single definition of their columns, constraints,
indexes and server defaults. `SQLModel.metadata` is Alembic's target: a test fails on any drift
between these classes and `infra/db/migrations`."""

from sqlmodel import SQLModel

from shared.models.password_reset_tokens import PasswordResetToken
from shared.models.rate_limits import RateLimitBucket
from shared.models.tasks import Task, TaskBase
from shared.models.user_sessions import SessionBase, UserSession
from shared.models.users import User, UserBase

metadata = SQLModel.metadata

__all__ = [
    "PasswordResetToken",
    "RateLimitBucket",
    "SessionBase",
    "Task",
    "TaskBase",
    "User",
    "UserBase",
    "UserSession",
    "metadata",
]
