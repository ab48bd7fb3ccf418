"""POST /api/tasks: add a task to the caller's list."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import OwnTasks
from shared.tasks.schemas import TaskCreate, TaskPublic

app = create_app("tasks-create")


@app.post("/api/tasks", status_code=201)
async def create_task(body: TaskCreate, tasks: OwnTasks) -> TaskPublic:
    return tasks.create(body)


handler = lambda_handler(app)
