"""A write that finds its user being deleted answers as if the user never existed, never 500.

Each deterministic test holds a transaction that has deleted the user (its cascade done, not
yet committed) on a connection of its own, starts the write in a thread, waits until the write
is waiting for that transaction, then commits the delete: the write meets the delete at its
worst moment every time. Straight to PostgreSQL and through PgBouncer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import Account, sign_up
from tests.support.fleet import Call, call_in_rounds
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.locks import other_transaction, wait_until_blocked
from tests.support.mail import request_reset_token, ses_outbox
from tests.support.reliability import tried
from tests.support.tasks import assert_error, assert_unauthorized


def _rows(table: str, user_id: str) -> int:
    assert table in {"sessions", "tasks", "password_reset_tokens"}
    with get_engine().connect() as db:
        return int(
            db.execute(
                text(f"SELECT count(*) FROM {table} WHERE user_id = CAST(:uid AS uuid)"),
                {"uid": user_id},
            ).scalar_one()
        )


@contextmanager
def _deleted_meanwhile(database_url: str, account: Account) -> Iterator[None]:
    """The block's call runs into a deletion of the account that commits once it waits for it."""
    with other_transaction(database_url) as deleting:
        deleted = deleting.execute("DELETE FROM users WHERE id = %s", (account.user_id,)).rowcount
        assert deleted == 1
        yield
        wait_until_blocked(database_url, waiting=1)
        deleting.commit()


def _during_delete(
    database_url: str, account: Account, call: Callable[[], LambdaResponse]
) -> LambdaResponse:
    with ThreadPoolExecutor(max_workers=1) as thread:
        with _deleted_meanwhile(database_url, account):
            answer = thread.submit(call)
        return answer.result()


def test_sign_in_meeting_the_delete_is_401(via: str, direct_database_url: str) -> None:
    account = sign_up()
    response = _during_delete(
        direct_database_url,
        account,
        lambda: invoke("auth-sign-in", json={"email": account.email, "password": account.password}),
    )
    assert_error(response, 401, "INVALID_EMAIL_OR_PASSWORD")
    assert _rows("sessions", account.user_id) == 0
    tried(
        f"sign-in whose session insert meets a committing delete of the user ({via})",
        1,
        "401 INVALID_EMAIL_OR_PASSWORD, no session row",
    )


def test_task_create_meeting_the_delete_is_401(via: str, direct_database_url: str) -> None:
    account = sign_up()
    response = _during_delete(
        direct_database_url,
        account,
        lambda: invoke("tasks-create", token=account.token, json={"title": "too late"}),
    )
    assert_unauthorized(response)
    assert _rows("tasks", account.user_id) == 0
    tried(
        f"task create whose insert meets a committing delete of its user ({via})",
        1,
        "401 UNAUTHORIZED, no task row",
    )


def test_reset_request_meeting_the_delete_answers_as_for_no_account(
    via: str, direct_database_url: str
) -> None:
    account = sign_up()
    with ses_outbox() as outbox:
        response = _during_delete(
            direct_database_url,
            account,
            lambda: invoke(
                "auth-request-password-reset",
                json={"email": account.email, "redirectTo": "http://localhost:3000/reset"},
            ),
        )
        assert outbox.to(account.email) == []
    unknown = invoke("auth-request-password-reset", json={"email": "nobody-" + account.email})
    assert response.status == 200
    assert response.body == unknown.body
    assert _rows("password_reset_tokens", account.user_id) == 0
    tried(
        f"reset request whose token insert meets a committing delete of the user ({via})",
        1,
        "the answer an unknown address gets, no mail, no token row",
    )


def test_reset_meeting_the_delete_is_invalid_token_not_a_deadlock(
    via: str, direct_database_url: str
) -> None:
    """A reset that spent its token before a delete of the user locked the user's row would then
    wait for that row while the delete's cascade waits for the token: a deadlock. Here a third
    transaction holds the user's row until the delete, then the reset, both wait for it."""
    account = sign_up()
    token = request_reset_token(account.email)
    with (
        ThreadPoolExecutor(max_workers=2) as threads,
        other_transaction(direct_database_url) as holding,
        other_transaction(direct_database_url) as deleting,
    ):
        holding.execute("SELECT 1 FROM users WHERE id = %s FOR NO KEY UPDATE", (account.user_id,))
        deleted = threads.submit(
            lambda: deleting.execute("DELETE FROM users WHERE id = %s", (account.user_id,))
        )
        wait_until_blocked(direct_database_url, waiting=1)
        reset = threads.submit(
            invoke, "auth-reset-password", json={"token": token, "newPassword": "a whole new one"}
        )
        wait_until_blocked(direct_database_url, waiting=2)
        holding.commit()
        assert deleted.result().rowcount == 1
        deleting.commit()
        response = reset.result()
    assert_error(response, 400, "INVALID_TOKEN")
    tried(
        f"password reset between a delete of its user and that delete's cascade ({via})",
        1,
        "400 INVALID_TOKEN, no deadlock",
    )


ROUNDS = 4
SIGN_INS = 2


def test_sign_ins_racing_delete_user_never_500() -> None:
    accounts = [sign_up() for _ in range(ROUNDS)]
    rounds: list[list[Call]] = [
        [
            ("auth-delete-user", {"token": account.token, "json": {"password": account.password}}),
            *[
                ("auth-sign-in", {"json": {"email": account.email, "password": account.password}})
                for _ in range(SIGN_INS)
            ],
        ]
        for account in accounts
    ]
    for account, (deleted, *sign_ins) in zip(accounts, call_in_rounds(rounds), strict=True):
        assert deleted.status == 200, deleted.body
        for signed_in in sign_ins:
            assert signed_in.status in {200, 401}, signed_in.body
            if signed_in.status == 401:
                assert signed_in.code == "INVALID_EMAIL_OR_PASSWORD"
            else:
                # Signed in just before the delete: the session went with the user.
                assert invoke("auth-get-session", token=signed_in.body["token"]).body is None
        assert _rows("sessions", account.user_id) == 0
    tried(
        f"delete-user and {SIGN_INS} sign-ins of the same user at one instant, each on its own"
        " instance",
        ROUNDS * (SIGN_INS + 1),
        "no 500: a sign-in is 401 or its session goes with the user",
    )
