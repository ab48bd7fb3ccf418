"""GET /api/tasks/{id}: one of the caller's tasks."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks, TaskId
from shared.tasks.schemas import TaskPublic

app = create_app("tasks-get")


@app.get("/api/tasks/{id}")
async def get_task(task_id: TaskId, tasks: OwnTasks) -> TaskPublic:
    return tasks.get(task_id)


handler = lambda_handler(app)
