"""Every way a token can be wrong is refused: tasks answer 401, get-session answers null."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from jose import jwt
from sqlalchemy import text

from shared.config import get_settings
from shared.db import get_engine
from tests.support.accounts import Account, expire_session_in_the_database, sign_up
from tests.support.lambda_client import invoke
from tests.support.reliability import tried


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.get_unverified_claims(token)
    return claims


def _sign(claims: dict[str, Any], *, key: str | None = None, algorithm: str = "HS256") -> str:
    secret = key or get_settings().jwt_secret.get_secret_value()
    token: str = jwt.encode(claims, secret, algorithm=algorithm)
    return token


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def assert_refused(token: str | None, *, raw_header: str | None = None) -> None:
    headers = {"Authorization": raw_header} if raw_header is not None else None
    tasks = invoke("tasks-list", token=token, headers=headers)
    assert tasks.status == 401
    assert tasks.body["code"] == "UNAUTHORIZED"
    assert tasks.headers["www-authenticate"] == "Bearer"
    session = invoke("auth-get-session", token=token, headers=headers)
    assert session.status == 200
    assert session.body is None


def test_the_genuine_token_is_accepted(account: Account) -> None:
    assert invoke("tasks-list", token=account.token).status == 200


def test_missing_token_is_refused() -> None:
    assert_refused(None)


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "bearer", "Bearer a.b", "Bearer ..."],
)
def test_malformed_authorization_header_is_refused(header: str) -> None:
    assert_refused(None, raw_header=header)


def test_garbage_token_is_refused() -> None:
    assert_refused("not-a-jwt-at-all")


def test_expired_token_is_refused(account: Account) -> None:
    claims = _claims(account.token) | {"iat": int(time.time()) - 3600, "exp": int(time.time()) - 1}
    assert_refused(_sign(claims))


def test_tampered_payload_is_refused(account: Account) -> None:
    header, _payload, signature = account.token.split(".")
    other = _claims(account.token) | {"sub": str(uuid.uuid4())}
    assert_refused(f"{header}.{_b64(other)}.{signature}")


def test_tampered_signature_is_refused(account: Account) -> None:
    head, payload, signature = account.token.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert_refused(f"{head}.{payload}.{flipped}")


def test_token_signed_with_another_key_is_refused(account: Account) -> None:
    assert_refused(_sign(_claims(account.token), key="another-key-" + "x" * 40))


def test_wrong_issuer_is_refused(account: Account) -> None:
    assert_refused(_sign(_claims(account.token) | {"iss": "someone-else"}))


def test_wrong_audience_is_refused(account: Account) -> None:
    assert_refused(_sign(_claims(account.token) | {"aud": "another-app"}))


def test_alg_none_is_refused(account: Account) -> None:
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(account.token))}."
    assert_refused(unsigned)


def test_other_hmac_algorithm_is_refused(account: Account) -> None:
    assert_refused(_sign(_claims(account.token), algorithm="HS512"))


@pytest.mark.parametrize("claim", ["sub", "sid", "exp", "iat", "iss", "aud", "jti"])
def test_token_missing_a_claim_is_refused(account: Account, claim: str) -> None:
    claims = _claims(account.token)
    del claims[claim]
    assert_refused(_sign(claims))


def test_session_of_another_user_is_refused(account: Account) -> None:
    other = sign_up()
    forged = _claims(account.token) | {"sid": _claims(other.token)["sid"]}
    assert_refused(_sign(forged))


def test_revoked_token_is_refused() -> None:
    account = sign_up()
    assert invoke("auth-sign-out", token=account.token).status == 200
    assert_refused(account.token)


def test_session_expired_in_the_database_is_refused() -> None:
    account = sign_up()
    expire_session_in_the_database(account)
    assert_refused(account.token)


def test_token_of_a_deleted_user_is_refused() -> None:
    account = sign_up()
    with get_engine().begin() as db:
        db.execute(text("DELETE FROM users WHERE id = :id"), {"id": account.user_id})
    assert_refused(account.token)


FORGERIES: list[Callable[[dict[str, Any]], dict[str, Any]]] = [
    lambda c: c | {"sub": "not-a-uuid"},
    lambda c: c | {"sid": 12345},
    lambda c: c | {"exp": "tomorrow"},
]


@pytest.mark.parametrize("forge", FORGERIES)
def test_ill_typed_claims_are_refused_not_500(account: Account, forge: Any) -> None:
    assert_refused(_sign(forge(_claims(account.token))))


# Every route that reads a bearer token, with a body it would otherwise accept, and what it
# answers a caller it does not know.
BEARER_CALLS: list[tuple[str, dict[str, Any], int]] = [
    ("auth-get-session", {}, 200),
    ("auth-sign-out", {}, 200),
    ("auth-list-sessions", {}, 401),
    ("auth-revoke-session", {"json": {"token": "x"}}, 401),
    ("auth-revoke-sessions", {}, 401),
    ("auth-revoke-other-sessions", {}, 401),
    ("auth-change-password", {"json": {"currentPassword": "a" * 9, "newPassword": "b" * 9}}, 401),
    ("auth-update-user", {"json": {"name": "Changed"}}, 401),
    ("auth-delete-user", {"json": {"password": "a" * 9}}, 401),
    ("tasks-list", {}, 401),
    ("tasks-create", {"json": {"title": "planted"}}, 401),
    ("tasks-get", {"task_id": str(uuid.uuid4())}, 401),
    ("tasks-update", {"task_id": str(uuid.uuid4()), "json": {"title": "x"}}, 401),
    ("tasks-toggle", {"task_id": str(uuid.uuid4())}, 401),
    ("tasks-delete", {"task_id": str(uuid.uuid4())}, 401),
]

# JSON numbers python-jose cannot turn into a time (`int(inf)` raises OverflowError) or that no
# token of ours carries: json.dumps writes the first three as Infinity, -Infinity and NaN.
UNREPRESENTABLE_TIMES: dict[str, float | int] = {
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
    "NaN": float("nan"),
    "1e308": 1e308,
    "10**400": 10**400,
    "-(10**400)": -(10**400),
    "a float": time.time() + 3600.5,
}


@pytest.mark.parametrize("claim", ["exp", "iat"])
@pytest.mark.parametrize("value", UNREPRESENTABLE_TIMES.values(), ids=UNREPRESENTABLE_TIMES)
def test_unrepresentable_times_are_refused_on_every_route_not_500(
    account: Account, claim: str, value: float
) -> None:
    token = _sign(_claims(account.token) | {claim: value})
    for function, call, status in BEARER_CALLS:
        response = invoke(function, token=token, **call)
        assert response.status == status, (function, response.status, response.body)
        if status == 401:
            assert response.code == "UNAUTHORIZED"
            assert response.headers["www-authenticate"] == "Bearer"
        elif function == "auth-get-session":
            assert response.body is None
    # As the token to revoke, it revokes nothing and is answered like any unknown token.
    revoke = invoke("auth-revoke-session", token=account.token, json={"token": token})
    assert revoke.status == 200
    assert revoke.body == {"status": True}
    assert invoke("auth-get-session", token=account.token).body is not None
    tried(
        f"a token signed with the real key whose {claim} is {json.dumps(value)[:12]}",
        len(BEARER_CALLS) + 1,
        "401 on every bearer route (get-session null, sign-out 200), never 500",
    )
