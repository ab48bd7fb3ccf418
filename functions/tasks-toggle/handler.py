"""PATCH /api/tasks/{id}/complete: flip a task between pending and completed."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks, TaskId
from shared.tasks.schemas import TaskPublic

app = create_app("tasks-toggle")


@app.patch("/api/tasks/{id}/complete")
async def toggle_task(task_id: TaskId, tasks: OwnTasks) -> TaskPublic:
    return tasks.toggle(task_id)


handler = lambda_handler(app)
