"""PUT /api/tasks/{id}: change a task's title, description or completion."""

from shared.app import create_app, lambda_handler
from shared.tasks.repository import OwnTasks, TaskId
from shared.tasks.schemas import TaskOut, TaskUpdate

app = create_app("tasks-update")


@app.put("/api/tasks/{id}")
async def update_task(task_id: TaskId, body: TaskUpdate, tasks: OwnTasks) -> TaskOut:
    return tasks.update(task_id, body)


handler = lambda_handler(app)
