"""Two sessions of one user revoking each other's at one instant: one of them always survives.

Each revoking statement checks that its caller's session is still live after it has waited for
the other, and the two never deadlock (a deadlock would be a 500). Each call runs on its own
instance (a process of its own), as Lambda scales out.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from jose import jwt

from tests.support.accounts import sign_in, sign_up
from tests.support.fleet import Call, call_in_rounds, call_simultaneously
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.locks import other_transaction, wait_until_blocked
from tests.support.reliability import tried


def _is_live(token: str) -> bool:
    return invoke("auth-get-session", token=token).body is not None


def _check_round(tokens: list[str], answers: list[LambdaResponse]) -> None:
    assert all(answer.status in {200, 401} for answer in answers), [a.body for a in answers]
    survivors = [token for token in tokens if _is_live(token)]
    assert len(survivors) == 1, "exactly one of the two sessions is left"
    # The survivor's call is the one that went through; the other heard that its session ended.
    for token, answer in zip(tokens, answers, strict=True):
        assert answer.status == (200 if token in survivors else 401), answer.body


def test_the_second_revoker_sees_the_first_ones_revocation(
    via: str, direct_database_url: str
) -> None:
    """Both calls are held at the user's third session (its row locked elsewhere) until both
    wait: without a fresh look at its own session, each would then revoke the other's."""
    account = sign_up()
    tokens = [account.token, sign_in(account)]
    third = sign_in(account)
    calls = [{"token": token} for token in tokens]
    with ThreadPoolExecutor(max_workers=1) as thread:
        with other_transaction(direct_database_url) as holding:
            holding.execute(
                "SELECT 1 FROM sessions WHERE id = %s FOR UPDATE",
                (jwt.get_unverified_claims(third)["sid"],),
            )
            answers = thread.submit(call_simultaneously, "auth-revoke-other-sessions", calls)
            wait_until_blocked(direct_database_url, waiting=2)
        _check_round(tokens, answers.result())
    assert not _is_live(third)
    tried(
        f"two revoke-other-sessions of one user held until both wait, then released ({via})",
        2,
        "one 200 whose session survives, one 401 whose session was revoked",
    )


ROUNDS = 12


def test_simultaneous_revoke_other_sessions_always_leave_one(via: str) -> None:
    users = []
    for _ in range(ROUNDS):
        account = sign_up()
        users.append([account.token, sign_in(account)])
    rounds: list[list[Call]] = [
        [("auth-revoke-other-sessions", {"token": token}) for token in tokens] for tokens in users
    ]
    for tokens, answers in zip(users, call_in_rounds(rounds), strict=True):
        assert all(answer.status in {200, 401} for answer in answers), [a.body for a in answers]
        assert any(_is_live(token) for token in tokens), "both sessions ended"
    tried(
        f"two sessions of one user calling revoke-other-sessions at one instant ({via})",
        ROUNDS * 2,
        "no 500; at least one session survives every round",
    )
