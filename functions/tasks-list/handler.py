"""GET /api/tasks: the caller's tasks, filtered, sorted and paginated by cursor."""

from typing import Annotated

from fastapi import Query

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks
from shared.tasks.schemas import TaskListQuery, TaskPage

app = create_app("tasks-list")


@app.get("/api/tasks")
async def list_tasks(tasks: OwnTasks, query: Annotated[TaskListQuery, Query()]) -> TaskPage:
    return tasks.list(query)


handler = lambda_handler(app)
