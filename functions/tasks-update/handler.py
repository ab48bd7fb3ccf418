"""PUT /api/tasks/{id}: change a task's title, description or completion."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks, TaskId
from shared.tasks.schemas import TaskPublic, TaskUpdate

app = create_app("tasks-update")


@app.put("/api/tasks/{id}")
async def update_task(task_id: TaskId, body: TaskUpdate, tasks: OwnTasks) -> TaskPublic:
    return tasks.update(task_id, body)


handler = lambda_handler(app)
