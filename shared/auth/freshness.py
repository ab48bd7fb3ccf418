"""A fresh session, as Better Auth's `session.freshAge` defines it: signed in (not merely kept
alive) within the last day (`session_fresh_age_seconds`).

Routes that need one name it: `FreshSession` (`shared.api.deps`) is Better Auth's
`freshSessionMiddleware` (list-sessions). delete-user asks only when no password is given, after
its other checks, so its service calls `is_fresh` itself, as Better Auth's `deleteUser` does.
"""

from __future__ import annotations

from datetime import timedelta

from shared.auth.session_store import LiveSession
from shared.config import get_settings
from shared.errors import ApiError, ErrorCode
from shared.models.columns import utc_now


def is_fresh(live: LiveSession) -> bool:
    age = utc_now() - live.session.created_at
    return age < timedelta(seconds=get_settings().session_fresh_age_seconds)


def require_fresh(live: LiveSession) -> LiveSession:
    """The session if it is fresh, else 403 `SESSION_NOT_FRESH` (`freshSessionMiddleware`)."""
    if not is_fresh(live):
        raise ApiError(ErrorCode.SESSION_NOT_FRESH, "Sign in again to see your sessions.")
    return live
