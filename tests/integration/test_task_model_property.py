"""Property: three users doing random interleaved creates, updates, toggles, deletes, reads and
listings (including on each other's ids) always see exactly their own tasks, as a plain model
says. Checked after every step, direct and through PgBouncer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import text

from shared.db import get_engine
from shared.models.tasks import title_sort_key
from shared.text import is_visible
from tests.support.accounts import Account, sign_up
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.tasks import (
    assert_error,
    assert_task_shape,
    list_all,
    parse_time,
    random_missing_id,
)

USERS = 3

# Any storable text but control characters (the one text rule refuses them in titles; a
# description keeps tabs and line breaks).
_TEXT = st.characters(codec="utf-8", exclude_categories=["Cc"])
_LINES = st.characters(codec="utf-8", exclude_categories=["Cc"], include_characters="\t\n\r")
titles = st.text(_TEXT, min_size=1, max_size=24).filter(is_visible)
padded_titles = st.builds(
    lambda pad, title: pad + title + pad, st.sampled_from([" ", "\t"]), titles
)
bad_titles = st.sampled_from(["", " ", "\t\n", "x" * 201, "a\u0000b", "\u200b", "a\x07b"])
descriptions = st.text(_LINES, max_size=40)
users = st.integers(min_value=0, max_value=USERS - 1)
# -1 is a random id nobody owns; otherwise an index into every id ever created, by anyone.
picks = st.one_of(st.just(-1), st.integers(min_value=0, max_value=10_000))


@dataclass(frozen=True)
class Modelled:
    title: str
    description: str
    completed: bool


def as_model(task: dict[str, Any]) -> Modelled:
    return Modelled(task["title"], task["description"], task["completed"])


def clear_tasks(accounts: list[Account]) -> None:
    with get_engine().begin() as connection:
        connection.execute(
            text("DELETE FROM tasks WHERE user_id = ANY(CAST(:ids AS uuid[]))"),
            {"ids": [account.user_id for account in accounts]},
        )


class TaskModel(RuleBasedStateMachine):
    # Set by the test on a subclass: users are signed up once per test, not once per example.
    accounts: ClassVar[list[Account]]
    not_found: ClassVar[LambdaResponse]

    def __init__(self) -> None:
        super().__init__()
        assert len(self.accounts) == USERS
        clear_tasks(self.accounts)
        self.model: list[dict[str, Modelled]] = [{} for _ in self.accounts]
        self.ever_created: list[str] = []

    # Helpers.

    def target_id(self, pick: int) -> str:
        if pick < 0 or not self.ever_created:
            return random_missing_id()
        return self.ever_created[pick % len(self.ever_created)]

    def expect_not_found(self, response: LambdaResponse) -> None:
        assert_error(response, 404, "NOT_FOUND")
        assert response.body == self.not_found.body

    def check_task(self, user: int, response: LambdaResponse, status: int = 200) -> None:
        assert response.status == status, response.body
        assert_task_shape(response.body)
        assert self.model[user][response.body["id"]] == as_model(response.body)

    # Rules.

    @rule(user=users, title=st.one_of(titles, padded_titles), description=st.none() | descriptions)
    def create(self, user: int, title: str, description: str | None) -> None:
        body: dict[str, Any] = {"title": title}
        if description is not None:
            body["description"] = description
        response = invoke("tasks-create", token=self.accounts[user].token, json=body)
        assert response.status == 201, response.body
        task_id = response.body["id"]
        assert task_id not in self.ever_created
        self.model[user][task_id] = Modelled(title.strip(), description or "", False)
        self.ever_created.append(task_id)
        self.check_task(user, response, 201)

    @rule(user=users, bad_title=bad_titles)
    def create_invalid(self, user: int, bad_title: str) -> None:
        response = invoke(
            "tasks-create", token=self.accounts[user].token, json={"title": bad_title}
        )
        assert_error(response, 400, "VALIDATION_ERROR")

    @rule(
        user=users,
        pick=picks,
        changes=st.fixed_dictionaries(
            {},
            optional={
                "title": st.one_of(titles, padded_titles),
                "description": descriptions,
                "completed": st.booleans(),
            },
        ),
    )
    def update(self, user: int, pick: int, changes: dict[str, Any]) -> None:
        task_id = self.target_id(pick)
        response = invoke(
            "tasks-update", token=self.accounts[user].token, task_id=task_id, json=changes
        )
        if not changes:
            assert_error(response, 400, "VALIDATION_ERROR")
            return
        if task_id not in self.model[user]:
            self.expect_not_found(response)
            return
        old = self.model[user][task_id]
        self.model[user][task_id] = Modelled(
            changes["title"].strip() if "title" in changes else old.title,
            changes.get("description", old.description),
            changes.get("completed", old.completed),
        )
        self.check_task(user, response)

    @rule(user=users, pick=picks, bad_title=bad_titles)
    def update_invalid(self, user: int, pick: int, bad_title: str) -> None:
        task_id = self.target_id(pick)
        response = invoke(
            "tasks-update",
            token=self.accounts[user].token,
            task_id=task_id,
            json={"title": bad_title},
        )
        # The body is judged before the id: the same 400 whoever owns the task.
        assert_error(response, 400, "VALIDATION_ERROR")

    @rule(user=users, pick=picks)
    def toggle(self, user: int, pick: int) -> None:
        task_id = self.target_id(pick)
        response = invoke("tasks-toggle", token=self.accounts[user].token, task_id=task_id)
        if task_id not in self.model[user]:
            self.expect_not_found(response)
            return
        old = self.model[user][task_id]
        self.model[user][task_id] = Modelled(old.title, old.description, not old.completed)
        self.check_task(user, response)

    @rule(user=users, pick=picks)
    def delete(self, user: int, pick: int) -> None:
        task_id = self.target_id(pick)
        response = invoke("tasks-delete", token=self.accounts[user].token, task_id=task_id)
        if task_id not in self.model[user]:
            self.expect_not_found(response)
            return
        assert response.status == 204, response.body
        assert response.body is None
        del self.model[user][task_id]

    @rule(user=users, pick=picks)
    def get(self, user: int, pick: int) -> None:
        task_id = self.target_id(pick)
        response = invoke("tasks-get", token=self.accounts[user].token, task_id=task_id)
        if task_id not in self.model[user]:
            self.expect_not_found(response)
            return
        self.check_task(user, response)

    @rule(
        user=users,
        status=st.sampled_from(["all", "pending", "completed"]),
        sort=st.sampled_from(["created", "updated", "title"]),
        order=st.sampled_from(["asc", "desc"]),
        limit=st.integers(min_value=1, max_value=5),
    )
    def list_filtered(self, user: int, status: str, sort: str, order: str, limit: int) -> None:
        listed = list_all(
            self.accounts[user].token, status=status, sort=sort, order=order, limit=limit
        )
        listed_ids = [task["id"] for task in listed]
        assert len(listed_ids) == len(set(listed_ids)), "a task was listed twice"
        expected = {
            task_id: modelled
            for task_id, modelled in self.model[user].items()
            if status == "all" or modelled.completed == (status == "completed")
        }
        assert {task["id"]: as_model(task) for task in listed} == expected
        if sort == "title":  # case and accents ignored
            keys = [title_sort_key(task["title"]) for task in listed]
            assert keys == sorted(keys, reverse=order == "desc")
        else:
            # Non-strict: wire times are milliseconds, rows that share one keep the id order.
            field = "createdAt" if sort == "created" else "updatedAt"
            times = [parse_time(task[field]) for task in listed]
            assert times == sorted(times, reverse=order == "desc")

    # After every step: each user sees exactly their model, and nobody else's ids.

    @invariant()
    def everyone_sees_exactly_their_own(self) -> None:
        for user, account in enumerate(self.accounts):
            listed = list_all(account.token, limit=100)
            seen = {task["id"]: as_model(task) for task in listed}
            assert len(seen) == len(listed), "a task was listed twice"
            assert seen == self.model[user]
            others = set().union(*(self.model[o] for o in range(len(self.accounts)) if o != user))
            assert others.isdisjoint(seen)


@pytest.fixture(scope="module")
def accounts() -> list[Account]:
    return [sign_up(name=f"Property user {index}") for index in range(USERS)]


def test_each_user_sees_exactly_their_own_tasks(via: str, accounts: list[Account]) -> None:
    not_found = invoke("tasks-get", token=accounts[0].token, task_id=random_missing_id())
    assert_error(not_found, 404, "NOT_FOUND")

    class ThisRun(TaskModel):
        pass

    ThisRun.accounts = accounts
    ThisRun.not_found = not_found
    run_state_machine_as_test(
        ThisRun,
        settings=settings(
            max_examples=20,
            stateful_step_count=20,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
