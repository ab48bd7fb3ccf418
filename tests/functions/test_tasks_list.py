"""tasks-list (GET /api/tasks) through its Mangum handler: shape, filters, sorts, cursors."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from shared.db import get_engine
from shared.models.tasks import title_sort_key
from tests.support.accounts import Account, sign_up
from tests.support.lambda_client import invoke
from tests.support.reliability import tried
from tests.support.tasks import (
    BAD_AUTH_HEADERS,
    BAD_AUTH_IDS,
    assert_error,
    assert_task_shape,
    assert_unauthorized,
    create_task,
    database_times,
    list_all,
    list_page,
    parse_time,
)

Task = dict[str, Any]

BIG_COUNT = 125  # more than the largest page (100) and than two default pages (50)


@dataclass(frozen=True)
class Populated:
    account: Account
    tasks: list[Task]  # every task as it is now, in no particular order
    times: dict[str, tuple[datetime, datetime]]  # id -> (created_at, updated_at), microseconds


def sort_key(sort: str, times: dict[str, tuple[datetime, datetime]]) -> Callable[[Task], Any]:
    """The order the API promises: the sort column, then the id, both in the requested order.
    Times come from the database: the wire's milliseconds could tie where the rows do not."""
    if sort == "title":
        return lambda task: (title_sort_key(task["title"]), task["id"])
    column = 0 if sort == "created" else 1
    return lambda task: (times[task["id"]][column], task["id"])


def expected_ids(populated: Populated, *, status: str, sort: str, order: str) -> list[str]:
    chosen = [
        task
        for task in populated.tasks
        if status == "all" or task["completed"] == (status == "completed")
    ]
    chosen.sort(key=sort_key(sort, populated.times), reverse=order == "desc")
    return [task["id"] for task in chosen]


def ids(tasks: list[Task]) -> list[str]:
    return [task["id"] for task in tasks]


def make_cursor(*parts: Any) -> str:
    raw = json.dumps(list(parts)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture(scope="module")
def populated() -> Populated:
    """125 tasks: titles in a different order from creation, every third one completed and
    every fifth one edited later, so created, updated and title orders all differ."""
    account = sign_up()
    created = [
        create_task(account.token, f"t{(index * 37) % BIG_COUNT:03d}", f"task number {index}")
        for index in range(BIG_COUNT)
    ]
    for index, task in enumerate(created):
        if index % 3 == 0:
            toggled = invoke("tasks-toggle", token=account.token, task_id=task["id"])
            assert toggled.status == 200
        if index % 5 == 0:
            edited = invoke(
                "tasks-update",
                token=account.token,
                task_id=task["id"],
                json={"description": "edited"},
            )
            assert edited.status == 200
    tasks = list_all(account.token, limit=100)
    assert len(tasks) == BIG_COUNT
    times = database_times(account.user_id)
    for task in tasks:  # the wire shows the database's times, truncated to milliseconds
        wire = (parse_time(task["createdAt"]), parse_time(task["updatedAt"]))
        stored = tuple(
            t.replace(microsecond=t.microsecond // 1000 * 1000) for t in times[task["id"]]
        )
        assert wire == stored
    return Populated(account, tasks, times)


def test_empty_listing() -> None:
    fresh = sign_up()
    response = invoke("tasks-list", token=fresh.token)
    assert response.status == 200
    assert response.body == {"items": [], "nextCursor": None}


def test_default_page_shape_limit_and_order(populated: Populated) -> None:
    response = invoke("tasks-list", token=populated.account.token)
    assert response.status == 200
    assert response.headers["content-type"] == "application/json"
    assert set(response.body) == {"items", "nextCursor"}
    items = response.body["items"]
    assert len(items) == 50, "the default limit is 50"
    for item in items:
        assert_task_shape(item)
    assert isinstance(response.body["nextCursor"], str)
    assert response.body["nextCursor"]
    # Default: status=all, sort=created, order=desc (newest first).
    full = expected_ids(populated, status="all", sort="created", order="desc")
    assert ids(items) == full[:50]


def test_items_are_exactly_what_get_returns(populated: Populated) -> None:
    page = list_page(populated.account.token, limit=5)
    for item in page["items"]:
        fetched = invoke("tasks-get", token=populated.account.token, task_id=item["id"])
        assert fetched.body == item


@pytest.mark.parametrize("status", ["all", "pending", "completed"])
@pytest.mark.parametrize("sort", ["created", "updated", "title"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_filter_sort_and_order(populated: Populated, status: str, sort: str, order: str) -> None:
    listed = list_all(populated.account.token, status=status, sort=sort, order=order, limit=100)
    assert ids(listed) == expected_ids(populated, status=status, sort=sort, order=order)
    if status != "all":
        assert {task["completed"] for task in listed} == {status == "completed"}


def test_status_filter_partitions_the_tasks(populated: Populated) -> None:
    token = populated.account.token
    pending = set(ids(list_all(token, status="pending", limit=100)))
    completed = set(ids(list_all(token, status="completed", limit=100)))
    assert len(completed) == len(range(0, BIG_COUNT, 3))
    assert pending.isdisjoint(completed)
    assert pending | completed == set(ids(populated.tasks))


def test_sort_orders_really_differ(populated: Populated) -> None:
    """Guards the fixture: otherwise the sort tests could pass with any one sort."""
    orders = {
        tuple(expected_ids(populated, status="all", sort=sort, order="asc"))
        for sort in ("created", "updated", "title")
    }
    assert len(orders) == 3


@pytest.mark.parametrize("limit", [1, 7, 49, 50, 100])
def test_pagination_visits_every_task_once(populated: Populated, limit: int) -> None:
    token = populated.account.token
    expected = expected_ids(populated, status="all", sort="created", order="desc")
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        query: dict[str, str | int] = {"limit": limit}
        if cursor:
            query["cursor"] = cursor
        page = list_page(token, **query)
        pages += 1
        cursor = page["nextCursor"]
        if cursor is None:
            assert 1 <= len(page["items"]) <= limit, "the last page is never empty here"
            seen.extend(ids(page["items"]))
            break
        assert len(page["items"]) == limit, "every page but the last is full"
        seen.extend(ids(page["items"]))
    assert seen == expected
    assert pages == -(-BIG_COUNT // limit)


@pytest.mark.parametrize("sort", ["created", "updated", "title"])
@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("status", ["all", "pending"])
def test_pagination_in_every_sort(populated: Populated, sort: str, order: str, status: str) -> None:
    listed = list_all(populated.account.token, status=status, sort=sort, order=order, limit=13)
    assert ids(listed) == expected_ids(populated, status=status, sort=sort, order=order)


def test_no_empty_last_page_when_the_count_divides_the_limit() -> None:
    owner = sign_up()
    for index in range(6):
        create_task(owner.token, f"task {index}")
    whole = list_page(owner.token, limit=6)
    assert len(whole["items"]) == 6
    assert whole["nextCursor"] is None
    first = list_page(owner.token, limit=3)
    second = list_page(owner.token, limit=3, cursor=first["nextCursor"])
    assert len(second["items"]) == 3
    assert second["nextCursor"] is None


def test_updated_sort_reflects_updates_and_toggles() -> None:
    owner = sign_up()
    first = create_task(owner.token, "first")
    second = create_task(owner.token, "second")
    third = create_task(owner.token, "third")
    token = owner.token

    def by_updated() -> list[str]:
        return ids(list_page(token, sort="updated", order="desc")["items"])

    assert by_updated() == [third["id"], second["id"], first["id"]]
    assert (
        invoke("tasks-update", token=token, task_id=first["id"], json={"title": "1"}).status == 200
    )
    assert by_updated() == [first["id"], third["id"], second["id"]]
    assert invoke("tasks-toggle", token=token, task_id=second["id"]).status == 200
    assert by_updated() == [second["id"], first["id"], third["id"]]
    # Creation order never moves.
    created = ids(list_page(token, sort="created", order="desc")["items"])
    assert created == [third["id"], second["id"], first["id"]]
    # The status filter follows the toggle.
    assert ids(list_page(token, status="completed")["items"]) == [second["id"]]


def test_title_sort_ignores_case_and_accents() -> None:
    owner = sign_up()
    titles = ["Write report", "a very long title", "Éclair", "eclipse", "Banana", "apple", "Zebra"]
    for title in titles:
        create_task(owner.token, title)
    listed = [task["title"] for task in list_all(owner.token, sort="title", order="asc", limit=2)]
    assert listed == [
        "a very long title",
        "apple",
        "Banana",
        "Éclair",
        "eclipse",
        "Write report",
        "Zebra",
    ]
    descending = list_all(owner.token, sort="title", order="desc", limit=3)
    assert [task["title"] for task in descending] == listed[::-1]


def test_title_sort_is_served_by_the_index() -> None:
    """The keyset query for a title page walks (user_id, title_key, id), never sorts the table."""
    owner = sign_up()
    create_task(owner.token, "one")
    with get_engine().connect() as db:
        # On a tiny table the planner may sort anyway; forbidding that shows the index can serve
        # the order on its own, as it must once a user has many tasks.
        db.execute(text("SET enable_seqscan = off"))
        db.execute(text("SET enable_sort = off"))
        plan = "\n".join(
            db.execute(
                text(
                    "EXPLAIN SELECT id FROM tasks WHERE user_id = :owner "
                    "ORDER BY title_key, id LIMIT 51"
                ),
                {"owner": owner.user_id},
            ).scalars()
        )
    assert "ix_tasks_user_id_title_key" in plan
    assert "Sort" not in plan


def test_title_sort_uses_the_stored_trimmed_title() -> None:
    owner = sign_up()
    b = create_task(owner.token, "b")
    a = create_task(owner.token, "   a")
    c = create_task(owner.token, "c")
    listed = list_page(owner.token, sort="title", order="asc")["items"]
    assert ids(listed) == [a["id"], b["id"], c["id"]]
    assert [task["title"] for task in listed] == ["a", "b", "c"]


# Pagination must stay exact while tasks are added: keyset, not offset.


def _collect(token: str, first_page: dict[str, Any], **query: str | int) -> list[str]:
    seen = ids(first_page["items"])
    cursor = first_page["nextCursor"]
    while cursor:
        page = list_page(token, cursor=cursor, **query)
        seen.extend(ids(page["items"]))
        cursor = page["nextCursor"]
    return seen


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_pagination_is_stable_under_inserts(order: str) -> None:
    owner = sign_up()
    original = [create_task(owner.token, f"original {index:02d}") for index in range(30)]
    query: dict[str, str | int] = {"sort": "created", "order": order, "limit": 10}
    first = list_page(owner.token, **query)
    added = [create_task(owner.token, f"added {index}") for index in range(5)]
    seen = _collect(owner.token, first, **query)

    assert len(seen) == len(set(seen)), "a task was listed twice"
    original_ids = ids(original)
    assert [task_id for task_id in seen if task_id in set(original_ids)] == (
        original_ids if order == "asc" else original_ids[::-1]
    ), "a pre-existing task was skipped or moved"
    if order == "desc":
        # New tasks sort before page 1: they belong to a fresh listing, not to this one.
        assert seen == original_ids[::-1]
    else:
        # New tasks sort after everything: they show up at the end, once.
        assert seen == original_ids + ids(added)


def test_title_pagination_is_stable_under_inserts_on_both_sides() -> None:
    owner = sign_up()
    original = [create_task(owner.token, f"m{index:02d}") for index in range(20)]
    query: dict[str, str | int] = {"sort": "title", "order": "asc", "limit": 7}
    first = list_page(owner.token, **query)
    before_cursor = create_task(owner.token, "a-before")  # sorts before page 1's end
    after_cursor = create_task(owner.token, "z-after")  # sorts after everything
    seen = _collect(owner.token, first, **query)
    assert len(seen) == len(set(seen))
    assert seen == [*ids(original), after_cursor["id"]]
    assert before_cursor["id"] not in seen


def test_pagination_survives_deleting_the_cursor_row() -> None:
    owner = sign_up()
    original = [create_task(owner.token, f"task {index:02d}") for index in range(12)]
    query: dict[str, str | int] = {"sort": "created", "order": "asc", "limit": 5}
    first = list_page(owner.token, **query)
    last_seen = first["items"][-1]["id"]
    assert invoke("tasks-delete", token=owner.token, task_id=last_seen).status == 204
    seen = _collect(owner.token, first, **query)
    assert seen == ids(original)


def test_non_ascii_titles_paginate_by_title() -> None:
    """A title cursor carries the title: long non-ASCII titles must still make usable cursors."""
    owner = sign_up()
    titles = [prefix * 199 + suffix for prefix in ("é", "😀", "漢") for suffix in ("a", "b")]
    created = [create_task(owner.token, title) for title in titles]
    for order in ("asc", "desc"):
        listed = list_all(owner.token, sort="title", order=order, limit=1)
        assert sorted(ids(listed)) == sorted(ids(created))
        assert len(listed) == len(created)


# Titles at the extremes: U+FDFA's NFKD form is 18 characters (its sort key the longest there
# is), emoji and quotes the longest once JSON-escaped, and different titles with one sort key
# ("a" and the bold fraktur A fold to the same letters), where only the id orders them.
WORST_CASE_TITLES = [
    "\ufdfa" * 200,
    "\ufdfa" * 199 + "a",
    "\ufdfb" * 200,
    "\u3316" * 200,
    "\U0001f600" * 200,
    '"' * 200,
    "\\" * 200,
    "\U0001d56c" * 200,
    "a" * 200,
    "A" * 200,
    "\u00c9" * 200,
]
# 200 characters of up to 4 UTF-8 bytes each, quoted, with the sort, the order and the id, in
# base64: about 1,150 characters whatever the title.
SMALL_CURSOR_CHARS = 1200


def test_title_cursors_stay_small_and_exact_for_every_title() -> None:
    owner = sign_up()
    created = [create_task(owner.token, title) for title in WORST_CASE_TITLES]
    expected = ids(sorted(created, key=lambda task: (title_sort_key(task["title"]), task["id"])))
    for order in ("asc", "desc"):
        seen: list[str] = []
        cursor: str | None = None
        for _ in range(len(created) + 1):
            query: dict[str, str | int] = {"sort": "title", "order": order, "limit": 1}
            page = list_page(owner.token, **query, **({"cursor": cursor} if cursor else {}))
            seen.extend(ids(page["items"]))
            cursor = page["nextCursor"]
            if cursor is None:
                break
            assert len(cursor) <= SMALL_CURSOR_CHARS, len(cursor)
        assert seen == (expected if order == "asc" else expected[::-1])
    tried(
        "title sort through titles whose sort key expands 18 times (U+FDFA)",
        2 * len(created),
        "every task once, in order, each cursor under 1,200 characters",
    )


def test_a_forged_title_cursor_longer_than_any_title_is_400(account: Account) -> None:
    cursor = make_cursor("title", "asc", "a" * 201, _SOME_ID)
    response = invoke(
        "tasks-list", token=account.token, query={"cursor": cursor, "sort": "title", "order": "asc"}
    )
    assert_error(response, 400, "INVALID_CURSOR")


# Bad input.

BAD_QUERIES: list[dict[str, str]] = [
    {"status": "done"},
    {"status": ""},
    {"status": "ALL"},
    {"sort": "priority"},
    {"sort": "createdAt"},
    {"sort": "title; DROP TABLE tasks"},
    {"order": "up"},
    {"order": "DESC"},
    {"limit": "0"},
    {"limit": "101"},
    {"limit": "-1"},
    {"limit": "abc"},
    {"limit": "1.5"},
    {"limit": ""},
    {"limit": "99999999999999999999999"},
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=[json.dumps(q) for q in BAD_QUERIES])
def test_bad_query_is_400_validation_error(account: Account, query: dict[str, str]) -> None:
    response = invoke("tasks-list", token=account.token, query=query)
    assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_are_accepted(account: Account, limit: str) -> None:
    response = invoke("tasks-list", token=account.token, query={"limit": limit})
    assert response.status == 200


_SOME_ID = str(uuid.uuid4())

MALFORMED_CURSORS: list[tuple[str, str]] = [
    ("garbage", "not-a-cursor"),
    ("punctuation", "!!!"),
    ("one char", "a"),
    ("not base64 json", base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode()),
    ("json object", base64.urlsafe_b64encode(b'{"a":1,"b":2,"c":3,"d":4}').decode()),
    ("json number", base64.urlsafe_b64encode(b"42").decode()),
    ("empty list", make_cursor()),
    ("too few parts", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00")),
    ("too many parts", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00", _SOME_ID, 1)),
    ("bad time", make_cursor("created", "desc", "yesterday", _SOME_ID)),
    ("number time", make_cursor("created", "desc", 1700000000, _SOME_ID)),
    ("bad id", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00", "abc")),
    ("number id", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00", 5)),
    ("list id", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00", [1])),
    ("null id", make_cursor("created", "desc", "2024-01-01T00:00:00+00:00", None)),
    ("unhashable sort", make_cursor(["created"], "desc", "2024-01-01T00:00:00+00:00", _SOME_ID)),
]


@pytest.mark.parametrize(
    ("case", "cursor"), MALFORMED_CURSORS, ids=[case for case, _ in MALFORMED_CURSORS]
)
def test_malformed_cursor_is_400_invalid_cursor(account: Account, case: str, cursor: str) -> None:
    response = invoke("tasks-list", token=account.token, query={"cursor": cursor})
    assert_error(response, 400, "INVALID_CURSOR")


@pytest.mark.parametrize(
    "value",
    ["a\u0000b", "\ud800", 5, None],
    ids=["nul", "lone-surrogate", "number", "null"],
)
def test_forged_title_cursor_is_400_never_500(account: Account, value: Any) -> None:
    cursor = make_cursor("title", "asc", value, _SOME_ID)
    response = invoke(
        "tasks-list", token=account.token, query={"cursor": cursor, "sort": "title", "order": "asc"}
    )
    assert_error(response, 400, "INVALID_CURSOR")


def test_overlong_cursor_is_400(account: Account) -> None:
    response = invoke("tasks-list", token=account.token, query={"cursor": "A" * 10_000})
    assert response.status == 400
    assert response.code in {"INVALID_CURSOR", "VALIDATION_ERROR"}


@pytest.mark.parametrize(
    ("made_with", "used_with"),
    [
        ({"sort": "created", "order": "desc"}, {"sort": "title", "order": "desc"}),
        ({"sort": "created", "order": "desc"}, {"sort": "updated", "order": "desc"}),
        ({"sort": "title", "order": "asc"}, {"sort": "created", "order": "asc"}),
        ({"sort": "updated", "order": "asc"}, {"sort": "title", "order": "asc"}),
        ({"sort": "created", "order": "desc"}, {"sort": "created", "order": "asc"}),
        ({"sort": "title", "order": "asc"}, {"sort": "title", "order": "desc"}),
    ],
)
def test_cursor_from_another_sort_or_order_is_400(
    populated: Populated, made_with: dict[str, str], used_with: dict[str, str]
) -> None:
    token = populated.account.token
    cursor = list_page(token, limit=2, **made_with)["nextCursor"]
    assert cursor
    response = invoke("tasks-list", token=token, query={**used_with, "cursor": cursor})
    assert_error(response, 400, "INVALID_CURSOR")


def test_cursor_is_opaque_url_safe_text(populated: Populated) -> None:
    cursor = list_page(populated.account.token, limit=3, sort="title")["nextCursor"]
    assert cursor
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


# Authentication.


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401(headers: dict[str, str]) -> None:
    response = invoke("tasks-list", headers=headers)
    assert_unauthorized(response)


def test_401_comes_before_query_validation() -> None:
    response = invoke("tasks-list", query={"limit": "0", "cursor": "garbage"})
    assert_unauthorized(response)


def test_signed_out_token_is_401() -> None:
    owner = sign_up()
    assert invoke("tasks-list", token=owner.token).status == 200
    assert invoke("auth-sign-out", token=owner.token).status == 200
    assert_unauthorized(invoke("tasks-list", token=owner.token))
