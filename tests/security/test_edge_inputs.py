"""Bad input at the edges: headers that cannot be stored, bodies that cannot be parsed, refused
preflights, invisible or control text, other spellings of an id; and the headers every answer
carries. Each function through its Mangum handler with real API Gateway events."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import PASSWORD, Account, unique_email
from tests.support.lambda_client import invoke
from tests.support.reliability import tried
from tests.support.tasks import assert_error, create_task

DEEP = "[" * 30_000 + "]" * 30_000
NOT_UTF8 = b'{"title": "caf\xe9"}'


def _stored_user_agent(token_owner_email: str) -> str | None:
    with get_engine().connect() as db:
        agent: str | None = db.execute(
            text(
                "SELECT s.user_agent FROM sessions s JOIN users u ON u.id = s.user_id "
                "WHERE u.email = :email ORDER BY s.created_at DESC LIMIT 1"
            ),
            {"email": token_owner_email},
        ).scalar_one()
    return agent


@pytest.mark.parametrize(
    ("agent", "stored"),
    [
        ("Mozilla/5.0\x00 evil", "Mozilla/5.0 evil"),
        ("agent\x07\x1b[31m\x9b", "agent[31m"),
        ("Navigateur ünïcode ✓", "Navigateur ünïcode ✓"),
        ("\x00\x01", None),
    ],
)
def test_unstorable_user_agent_is_cleaned_for_sign_up_and_sign_in(
    agent: str, stored: str | None
) -> None:
    email = unique_email("agent")
    body = {"email": email, "password": PASSWORD, "name": "Agent"}
    signed_up = invoke("auth-sign-up", json=body, headers={"User-Agent": agent})
    assert signed_up.status == 200, signed_up.body
    assert _stored_user_agent(email) == stored
    signed_in = invoke(
        "auth-sign-in", json={"email": email, "password": PASSWORD}, headers={"User-Agent": agent}
    )
    assert signed_in.status == 200, signed_in.body
    assert _stored_user_agent(email) == stored
    tried("NUL or control characters in User-Agent", 2, "200, stored cleaned")


@pytest.mark.parametrize("function", ["auth-sign-up", "auth-sign-in", "tasks-create"])
@pytest.mark.parametrize(("case", "raw"), [("nested 30,000 deep", DEEP), ("not UTF-8", NOT_UTF8)])
def test_unparsable_bodies_are_400_invalid_json(
    account: Account, function: str, case: str, raw: str | bytes
) -> None:
    response = invoke(
        function, token=account.token, raw_body=raw, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "INVALID_JSON")
    tried(f"body {case}", 1, "400 INVALID_JSON")


def test_an_unparsable_update_is_400_and_changes_nothing(account: Account) -> None:
    task = create_task(account.token, "Keep me")
    response = invoke(
        "tasks-update",
        token=account.token,
        task_id=task["id"],
        raw_body=DEEP,
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "INVALID_JSON")
    assert invoke("tasks-get", token=account.token, task_id=task["id"]).body == task


PREFLIGHTS = {
    "origin": {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    "method": {"Origin": "http://localhost:3000", "Access-Control-Request-Method": "TRACE"},
    "header": {
        "Origin": "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-evil",
    },
}


@pytest.mark.parametrize("refused", sorted(PREFLIGHTS))
def test_a_refused_preflight_answers_in_the_one_error_format(refused: str) -> None:
    from infra.deploy.serverless_yml import route_for
    from infra.local import runtime
    from infra.local.apigw_event import build_event, response_headers
    from tests.support.lambda_client import response_json

    route = route_for("tasks-create")
    event = build_event(
        "OPTIONS", route.resource, resource=route.resource, headers=PREFLIGHTS[refused]
    )
    result = runtime.invoke("tasks-create", event)
    assert result["statusCode"] == 400
    assert response_headers(result)["content-type"] == "application/json"
    assert response_headers(result)["x-content-type-options"] == "nosniff"
    body = response_json(result)
    assert body["code"] == "CORS_REJECTED"
    assert body["message"]
    tried(f"CORS preflight with a refused {refused}", 1, "400 CORS_REJECTED, JSON")


def test_every_answer_carries_nosniff(account: Account) -> None:
    answers = [
        invoke("tasks-list", token=account.token),
        invoke("tasks-list"),
        invoke("tasks-get", token=account.token, task_id=str(uuid.uuid4())),
        invoke(
            "tasks-create",
            token=account.token,
            raw_body="{",
            headers={"Content-Type": "application/json"},
        ),
        invoke("auth-get-session"),
        invoke("auth-sign-in", json={"email": "x"}),
    ]
    assert {a.headers.get("x-content-type-options") for a in answers} == {"nosniff"}


def test_auth_answers_with_a_token_session_or_user_are_never_cached() -> None:
    email = unique_email("cache")
    body = {"email": email, "password": PASSWORD, "name": "Cache"}
    signed_up = invoke("auth-sign-up", json=body)
    signed_in = invoke("auth-sign-in", json={"email": email, "password": PASSWORD})
    session = invoke("auth-get-session", token=signed_in.body["token"])
    signed_out = invoke("auth-sign-out", token=signed_in.body["token"])
    for answer in (signed_up, signed_in, session, signed_out):
        assert answer.status == 200
        assert answer.headers["cache-control"] == "no-store"


INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u200d\u200c", "\u3164", "\u2800", " \u200b\t"]
CONTROL = ["a\x07b", "a\x1bb", "a\x85b", "a\x9bb", "a\x7fb", "line\nbreak", "tab\there"]


@pytest.mark.parametrize("title", INVISIBLE + CONTROL)
def test_invisible_or_control_titles_are_400_and_nothing_is_stored(
    account: Account, title: str
) -> None:
    response = invoke("tasks-create", token=account.token, json={"title": title})
    assert_error(response, 400, "VALIDATION_ERROR")
    tried(
        "title blank once invisible characters are removed, or with control characters",
        1,
        "400 VALIDATION_ERROR, nothing stored",
    )


@pytest.mark.parametrize("name", INVISIBLE + CONTROL)
def test_invisible_or_control_names_are_400(name: str) -> None:
    body = {"email": unique_email("name"), "password": PASSWORD, "name": name}
    assert_error(invoke("auth-sign-up", json=body), 400, "VALIDATION_ERROR")
    tried(
        "name blank once invisible characters are removed, or with control characters",
        1,
        "400 VALIDATION_ERROR, no account",
    )


def test_descriptions_keep_tabs_and_line_breaks_but_refuse_other_controls(
    account: Account,
) -> None:
    kept = invoke(
        "tasks-create", token=account.token, json={"title": "ok", "description": "a\tb\nc\r\nd"}
    )
    assert kept.status == 201
    assert kept.body["description"] == "a\tb\nc\r\nd"
    refused = invoke(
        "tasks-create", token=account.token, json={"title": "ok", "description": "bell\x07"}
    )
    assert_error(refused, 400, "VALIDATION_ERROR")
