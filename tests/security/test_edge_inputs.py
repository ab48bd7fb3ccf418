"""Bad input at the edges: headers that cannot be stored, bodies that cannot be parsed, refused
preflights, invisible or control text, other spellings of an id; and the headers every answer
carries. Each function through its Mangum handler with real API Gateway events."""

from __future__ import annotations

import email
import email.policy
import pathlib
import uuid
from collections.abc import Iterator
from email.headerregistry import Address

import pytest
from sqlalchemy import text

from shared.auth.passwords import hash_password
from shared.db import get_engine
from tests.support.accounts import PASSWORD, Account, sign_up, unique_email
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


# Email addresses: only a plain address, so the reset mail's `To:` can only ever name it.

HEADER_INJECTION_EMAILS = [
    "x1<attacker@evil.com>",
    "a1,attacker@evil.com",
    "Victim <victim@example.com>",
    "a1;attacker@evil.com",
    '"a b"@example.com',
    "a(comment)@example.com",
    "a:b@example.com",
    "a b@example.com",
    "a\tb@example.com",
    "a\r\nbcc:attacker@evil.com",
    "a\x7fb@example.com",
    "a@[127.0.0.1]",
    "a..b@example.com",
    ".a@example.com",
    "a.@example.com",
    "a@-example.com",
    "a@example-.com",
    "a@exa_mple.com",
    "a@example..com",
    "a\\b@example.com",
    "x" * 65 + "@example.com",
]
# SES cannot deliver a non-ASCII local part (that needs SMTPUTF8); an IDN domain is taken in its
# ASCII (xn--) form only (see shared/email_address.py).
UNDELIVERABLE_EMAILS = ["üser@example.com", "用户@example.com", "user@bücher.de"]
# The routes that store an address or mail one. Sign-in only looks addresses up (below).
EMAIL_ROUTES = ["auth-sign-up", "auth-request-password-reset"]


def _email_body(function: str, email: str) -> dict[str, str]:
    if function == "auth-request-password-reset":
        return {"email": email, "redirectTo": "http://localhost:3000/reset"}
    return {"email": email, "password": PASSWORD, "name": "Mallory"}


@pytest.mark.parametrize("function", EMAIL_ROUTES)
@pytest.mark.parametrize("email", HEADER_INJECTION_EMAILS + UNDELIVERABLE_EMAILS)
def test_an_address_that_is_not_one_plain_deliverable_address_is_400(
    function: str, email: str
) -> None:
    from tests.support.mail import ses_outbox

    with ses_outbox() as outbox:
        response = invoke(function, json=_email_body(function, email))
        assert_error(response, 400, "INVALID_EMAIL")
        assert outbox.messages() == []
    tried(
        "email with a display name, a list, quotes, brackets, whitespace or a non-ASCII part",
        1,
        "400 INVALID_EMAIL, no account, no mail",
    )


@pytest.mark.parametrize("email", HEADER_INJECTION_EMAILS + UNDELIVERABLE_EMAILS)
def test_sign_in_with_an_address_no_account_can_have_signs_nobody_in(email: str) -> None:
    response = invoke("auth-sign-in", json=_email_body("auth-sign-in", email))
    assert (response.status, response.code) in {
        (400, "INVALID_EMAIL"),
        (401, "INVALID_EMAIL_OR_PASSWORD"),
    }


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("O'Brien+{u}@Example.CO.UK", "o'brien+{u}@example.co.uk"),
        ("  first.last-x_y.{u}@sub.example.com ", "first.last-x_y.{u}@sub.example.com"),
        ("{u}@XN--BCHER-KVA.de", "{u}@xn--bcher-kva.de"),
    ],
)
def test_plain_addresses_are_accepted_and_mailed_to_exactly(given: str, stored: str) -> None:
    from tests.support.mail import ses_outbox

    unique = uuid.uuid4().hex[:8]
    given, stored = given.format(u=unique), stored.format(u=unique)
    signed_up = invoke("auth-sign-up", json=_email_body("auth-sign-up", given))
    assert signed_up.status == 200, signed_up.body
    assert signed_up.body["user"]["email"] == stored
    with ses_outbox() as outbox:
        asked = invoke(
            "auth-request-password-reset", json=_email_body("auth-request-password-reset", given)
        )
        assert asked.status == 200, asked.body
        assert [message.to for message in outbox.messages()] == [[stored]]


@pytest.mark.parametrize(
    ("stored", "sign_in_status"),
    [("x1<attacker@evil.com>", 200), ("üser@example.com", 200), ("a b@example.com", 400)],
)
def test_an_odd_address_stored_before_the_rule_never_500s(stored: str, sign_in_status: int) -> None:
    """Sign-in looks addresses up by the rule they were stored under (the account stays usable);
    nothing is ever mailed to one."""
    from tests.support.mail import ses_outbox

    address = f"{uuid.uuid4().hex[:6]}{stored}"
    with get_engine().begin() as db:
        db.execute(
            text(
                "INSERT INTO users (id, email, name, password_hash, created_at, updated_at)"
                " VALUES (:id, :email, 'Old', :hash, now(), now())"
            ),
            {"id": uuid.uuid4(), "email": address, "hash": hash_password(PASSWORD)},
        )
    signed_in = invoke("auth-sign-in", json={"email": address, "password": PASSWORD})
    if sign_in_status == 200:
        assert signed_in.status == 200, signed_in.body
    else:
        assert_error(signed_in, 400, "INVALID_EMAIL")
    with ses_outbox() as outbox:
        asked = invoke(
            "auth-request-password-reset", json=_email_body("auth-request-password-reset", address)
        )
        assert_error(asked, 400, "INVALID_EMAIL")
        assert outbox.messages() == []
    tried(
        "sign-in or reset for an odd address stored before the email rule",
        2,
        "sign-in by the rule it was stored under, reset 400 with no mail, never 500",
    )


@pytest.fixture
def outbox_transport(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> Iterator[pathlib.Path]:
    from shared.config import get_settings

    monkeypatch.setenv("EMAIL_TRANSPORT", "outbox")
    monkeypatch.setenv("EMAIL_OUTBOX_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.parametrize("to", HEADER_INJECTION_EMAILS + UNDELIVERABLE_EMAILS)
def test_the_mailer_never_builds_a_recipient_from_anything_but_one_plain_address(
    to: str, outbox_transport: pathlib.Path
) -> None:
    """Defence in depth: even an address that skipped the schema never reaches a `To:`."""
    from shared.mailer import send_email

    with pytest.raises(ValueError, match="address"):
        send_email(to=to, subject="Reset", text="link")
    assert list(outbox_transport.iterdir()) == []
    tried("mailer given a display name, a list or a non-ASCII address", 1, "refused, nothing sent")


@pytest.mark.parametrize("to", HEADER_INJECTION_EMAILS + UNDELIVERABLE_EMAILS)
def test_ses_is_never_given_anything_but_one_plain_address(to: str) -> None:
    from shared.mailer import send_email
    from tests.support.mail import ses_outbox

    with ses_outbox() as outbox:
        with pytest.raises(ValueError, match="address"):
            send_email(to=to, subject="Reset", text="link")
        assert outbox.messages() == []
    tried("mailer given a display name, a list or a non-ASCII address", 1, "refused, nothing sent")


def test_the_outbox_message_names_exactly_the_address(outbox_transport: pathlib.Path) -> None:
    from shared.mailer import send_email

    send_email(to="ada+x@example.com", subject="Réinitialiser", text="link")
    [written] = outbox_transport.iterdir()
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses == (Address(username="ada+x", domain="example.com"),)
    assert message["Subject"] == "Réinitialiser"


# Profile images: a URL a browser may load as an image, nothing it would run or read locally.

BAD_IMAGES = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "just some text",
    "/relative/path.png",
    "//evil.example/x.png",
    "ftp://example.com/x.png",
    "http://example.com/x.png",
    "http://localhost.evil.example/x.png",
    "https://",
    "https:///x.png",
    "https:example.com/x.png",
    "https://user:secret@example.com/x.png",
    "https://exa mple.com/x.png",
    "https://example.com/\\x.png",
    "https://example.com:99999/x.png",
    "https://example.com/" + "x" * 2049,
]
GOOD_IMAGES = [
    "https://example.com/ada.png",
    "HTTPS://Example.com/A.png?size=64#top",
    "http://localhost:3000/avatar.png",
    "http://127.0.0.1/avatar.png",
    "http://[::1]:8080/avatar.png",
    "https://example.com/" + "x" * (2048 - len("https://example.com/")),
]


@pytest.fixture(scope="module")
def image_token() -> str:
    return sign_up().token


@pytest.mark.parametrize("image", BAD_IMAGES)
def test_update_user_refuses_an_image_that_is_not_an_https_url(
    image_token: str, image: str
) -> None:
    response = invoke("auth-update-user", token=image_token, json={"image": image})
    assert_error(response, 400, "VALIDATION_ERROR")
    user = invoke("auth-get-session", token=image_token).body["user"]
    assert user["image"] is None
    tried(
        "profile image javascript:, data:, vbscript:, file:, plain text or not https",
        1,
        "400 VALIDATION_ERROR, nothing stored",
    )


@pytest.mark.parametrize("image", GOOD_IMAGES)
def test_update_user_keeps_an_https_image_and_null_clears_it(image_token: str, image: str) -> None:
    assert invoke("auth-update-user", token=image_token, json={"image": image}).status == 200
    assert invoke("auth-get-session", token=image_token).body["user"]["image"] == image
    assert invoke("auth-update-user", token=image_token, json={"image": None}).status == 200
    assert invoke("auth-get-session", token=image_token).body["user"]["image"] is None


def test_sign_up_takes_an_image_by_the_same_rule() -> None:
    """Better Auth's sign-up body has an optional `image` and stores it: so does this one."""
    refused = invoke(
        "auth-sign-up",
        json={**_email_body("auth-sign-up", unique_email("img")), "image": "javascript:alert(1)"},
    )
    assert_error(refused, 400, "VALIDATION_ERROR")
    image = "https://example.com/new.png"
    kept = invoke(
        "auth-sign-up", json={**_email_body("auth-sign-up", unique_email("img")), "image": image}
    )
    assert kept.status == 200, kept.body
    assert kept.body["user"]["image"] == image
    none = invoke(
        "auth-sign-up", json={**_email_body("auth-sign-up", unique_email("img")), "image": None}
    )
    assert none.status == 200, none.body
    assert none.body["user"]["image"] is None
    tried("sign-up with a javascript: image", 1, "400 VALIDATION_ERROR, no account")


# A lone surrogate ("\ud800" in the event's JSON) outside the body: Mangum cannot encode it.

ORIGIN = "http://localhost:3000"


SURROGATE_PLACES: list[tuple[str, str, dict[str, str], dict[str, str], str | None]] = [
    # (where, function, headers, query, task id)
    ("header value", "tasks-list", {"X-Note": "a\ud800b"}, {}, None),
    ("header name", "tasks-list", {"X-\udfff": "b"}, {}, None),
    ("authorization header", "tasks-list", {"Authorization": "Bearer \ud800"}, {}, None),
    ("query value", "tasks-list", {}, {"status": "\ud800"}, None),
    ("query name", "tasks-list", {}, {"\ud800": "x"}, None),
    ("path", "tasks-get", {}, {}, "\ud800"),
    ("header on sign-in", "auth-sign-in", {"User-Agent": "\udc80"}, {}, None),
]


@pytest.mark.parametrize(
    ("where", "function", "headers", "query", "task_id"),
    SURROGATE_PLACES,
    ids=[place[0] for place in SURROGATE_PLACES],
)
def test_a_lone_surrogate_outside_the_body_is_400_in_the_one_format(
    account: Account,
    where: str,
    function: str,
    headers: dict[str, str],
    query: dict[str, str],
    task_id: str | None,
) -> None:
    response = invoke(
        function,
        token=None if "Authorization" in headers else account.token,
        headers={"Origin": ORIGIN, **headers},
        query=query,
        task_id=task_id,
        json={"email": account.email, "password": PASSWORD} if function == "auth-sign-in" else None,
    )
    assert_error(response, 400, "VALIDATION_ERROR")
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/json"
    tried(f"lone surrogate in the event's {where}", 1, "400 VALIDATION_ERROR, JSON with CORS")


def test_a_lone_surrogate_in_a_text_body_reaches_the_text_rule(account: Account) -> None:
    """The body reads as the same text the JSON escape `\\ud800` would give: the field's rule
    refuses it, as it refuses that escape."""
    response = invoke(
        "tasks-create",
        token=account.token,
        raw_body='{"title": "a\ud800"}',
        headers={"Content-Type": "application/json", "Origin": ORIGIN},
    )
    assert_error(response, 400, "VALIDATION_ERROR")
    assert response.headers["access-control-allow-origin"] == ORIGIN
    tried("lone surrogate in the event's text body", 1, "400 VALIDATION_ERROR")
