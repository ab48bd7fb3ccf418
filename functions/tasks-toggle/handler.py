"""PATCH /api/tasks/{id}/complete: flip a task between pending and completed."""

from shared.app import create_app, lambda_handler
from shared.tasks.repository import OwnTasks, TaskId
from shared.tasks.schemas import TaskOut

app = create_app("tasks-toggle")


@app.patch("/api/tasks/{id}/complete")
async def toggle_task(task_id: TaskId, tasks: OwnTasks) -> TaskOut:
    return tasks.toggle(task_id)


handler = lambda_handler(app)
