"""Twenty function instances sign up the same email at the same instant."""

from __future__ import annotations

from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import PASSWORD, unique_email
from tests.support.fleet import call_simultaneously


def test_twenty_simultaneous_sign_ups_make_exactly_one_account() -> None:
    email = unique_email("race")
    calls = [
        {"json": {"email": email if i % 2 else email.upper(), "password": PASSWORD, "name": "R"}}
        for i in range(20)
    ]
    responses = call_simultaneously("auth-sign-up", calls)
    statuses = sorted(response.status for response in responses)
    assert statuses == [200] + [422] * 19
    assert {r.code for r in responses if r.status == 422} == {
        "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"
    }
    with get_engine().connect() as db:
        rows = db.execute(
            text("SELECT count(*) FROM users WHERE lower(email) = :email"), {"email": email}
        ).scalar_one()
    assert rows == 1
