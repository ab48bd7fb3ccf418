"""DELETE /api/tasks/{id}: remove one of the caller's tasks."""

from fastapi import Response

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks, TaskId

app = create_app("tasks-delete")


@app.delete("/api/tasks/{id}", status_code=204, response_class=Response)
async def delete_task(task_id: TaskId, tasks: OwnTasks) -> None:
    tasks.delete(task_id)


handler = lambda_handler(app)
