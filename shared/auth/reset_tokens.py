"""Data access for password reset tokens: the only place that queries their table.

Only a SHA-256 of each token is stored, so a copy of the table cannot reset anyone's password.
A token is spent by deleting its row (one statement, so two concurrent resets cannot both use it).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from sqlalchemy import bindparam, delete, func
from sqlmodel import col, select

from shared.auth.session_store import insert_for_existing_user
from shared.auth.users import user_row_locked
from shared.db import DbSession
from shared.models import PasswordResetToken

PURGE_BATCH = 20

_INSERT = insert_for_existing_user(PasswordResetToken).returning(col(PasswordResetToken.token_hash))
_VALID_USER = select(col(PasswordResetToken.user_id)).where(
    col(PasswordResetToken.token_hash) == bindparam("token_hash"),
    col(PasswordResetToken.expires_at) > func.now(),
)
# The user's row first, as a deletion of the user locks it (`user_row_locked`); the reset then
# holds it while it sets the password and ends the sessions.
_CONSUME = (
    delete(PasswordResetToken)
    .where(
        col(PasswordResetToken.token_hash) == bindparam("token_hash"),
        col(PasswordResetToken.expires_at) > func.now(),
        user_row_locked(col(PasswordResetToken.user_id)),
    )
    .returning(col(PasswordResetToken.user_id))
)
_DELETE_USER_TOKENS = delete(PasswordResetToken).where(
    col(PasswordResetToken.user_id) == bindparam("uid")
)
# Bounded and served by the expires_at index: the table never grows with abandoned requests.
_PURGE_EXPIRED = delete(PasswordResetToken).where(
    col(PasswordResetToken.token_hash).in_(
        select(col(PasswordResetToken.token_hash))
        .where(col(PasswordResetToken.expires_at) < func.now())
        .order_by(col(PasswordResetToken.expires_at))
        .limit(bindparam("batch"))
        .with_for_update(skip_locked=True)
    )
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_reset_token(
    db: DbSession, *, token: str, user_id: uuid.UUID, now: datetime, expires_at: datetime
) -> bool:
    """False if the user no longer exists (deleted meanwhile): no token."""
    db.execute(_PURGE_EXPIRED, {"batch": PURGE_BATCH})
    row = PasswordResetToken(
        token_hash=token_hash(token), user_id=user_id, created_at=now, expires_at=expires_at
    )
    return db.execute(_INSERT, row.model_dump()).first() is not None


def user_of_valid_token(db: DbSession, *, token: str) -> uuid.UUID | None:
    user_id: uuid.UUID | None = db.execute(
        _VALID_USER, {"token_hash": token_hash(token)}
    ).scalar_one_or_none()
    return user_id


def consume_token(db: DbSession, *, token: str) -> uuid.UUID | None:
    """Spends the token; its user, or None if it was unknown, expired or already spent."""
    user_id: uuid.UUID | None = db.execute(
        _CONSUME, {"token_hash": token_hash(token)}
    ).scalar_one_or_none()
    return user_id


def delete_user_tokens(db: DbSession, *, user_id: uuid.UUID) -> None:
    db.execute(_DELETE_USER_TOKENS, {"uid": user_id})
