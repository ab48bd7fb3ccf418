"""Sign-up and sign-in, and the one way a session is started (token signed, row inserted)."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from shared.auth.account_guard import AccountGuard
from shared.auth.passwords import hash_password, needs_rehash
from shared.auth.schemas import (
    SignInBody,
    SignInResult,
    SignUpBody,
    SignUpResult,
    UserPublic,
)
from shared.auth.session_store import add_session
from shared.auth.token_issuer import issue_token
from shared.auth.users import add_user, find_user_by_email, set_password_hash
from shared.config import get_settings
from shared.db import DbSession
from shared.errors import ApiError, ErrorCode
from shared.models import User
from shared.models.columns import utc_now
from shared.observability import count
from shared.request_context import Caller


def _user_already_exists() -> ApiError:
    return ApiError(
        ErrorCode.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL,
        "An account with this email already exists.",
    )


def _invalid_email_or_password() -> ApiError:
    return ApiError(ErrorCode.INVALID_EMAIL_OR_PASSWORD, "Invalid email or password.")


def start_session(db: DbSession, *, user_id: uuid.UUID, caller: Caller) -> str | None:
    """Inserts a new session row for the user and returns its signed token; None if the user
    no longer exists (deleted while this request checked the password): no session."""
    now = utc_now()
    expires_at = now + timedelta(seconds=get_settings().session_ttl_seconds)
    session = add_session(
        db,
        user_id=user_id,
        now=now,
        expires_at=expires_at,
        ip_address=caller.ip_address,
        user_agent=caller.user_agent,
    )
    if session is None:
        return None
    return issue_token(user_id=user_id, session_id=session.id, issued_at=now, expires_at=expires_at)


def sign_up(db: DbSession, *, body: SignUpBody, caller: Caller) -> SignUpResult:
    # Cheap pre-check to skip bcrypt for the common case; the unique index decides races.
    if find_user_by_email(db, email=body.email) is not None:
        raise _user_already_exists()
    now = utc_now()
    # bcrypt before the transaction: none is open while it runs.
    user = User(
        id=uuid.uuid4(),
        email=body.email,
        name=body.name,
        image=body.image,
        password_hash=hash_password(body.password),
        created_at=now,
        updated_at=now,
    )
    with db.transaction():
        try:
            add_user(db, user=user)
        except IntegrityError:
            raise _user_already_exists() from None
        token = start_session(db, user_id=user.id, caller=caller)
        if token is None:
            # The user row was inserted by this very transaction: nothing else can have deleted it.
            raise RuntimeError("a user inserted in this transaction is gone")
    count("SignUp")
    return SignUpResult(token=token, user=UserPublic.model_validate(user, from_attributes=True))


def sign_in(db: DbSession, *, body: SignInBody, caller: Caller) -> SignInResult:
    user = find_user_by_email(db, email=body.email)
    guard = AccountGuard.from_settings()
    matched = guard.check_password(
        db, email=body.email, user=user, password=body.password, client_ip=caller.ip_address
    )
    if not matched or user is None:
        count("SignInFailure")
        raise _invalid_email_or_password()
    # A hash from before the pepper is replaced now, while the plain password is at hand, in one
    # transaction with the new session (hashed first: bcrypt never runs inside a transaction).
    # Without one, the session insert is a statement on its own.
    new_hash = hash_password(body.password) if needs_rehash(user.password_hash) else None
    with db.transaction() if new_hash is not None else nullcontext():
        if new_hash is not None:
            set_password_hash(db, user_id=user.id, password_hash=new_hash)
        token = start_session(db, user_id=user.id, caller=caller)
        if token is None:
            # Deleted while the password was checked: the answer an unknown email gets.
            raise _invalid_email_or_password()
    count("SignInSuccess")
    return SignInResult(token=token, user=UserPublic.model_validate(user, from_attributes=True))
