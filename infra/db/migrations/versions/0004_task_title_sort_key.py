"""tasks.title_key: sort by title ignoring case and accents, with an index

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

from shared.models.tasks import title_sort_key

revision = "0004"
down_revision = "0003"

_BATCH = 1000


def upgrade() -> None:
    op.add_column("tasks", sa.Column("title_key", sa.Text(collation="C"), nullable=True))
    connection = op.get_bind()
    # The key is Python's (shared.models.tasks.title_sort_key), so existing rows are filled here.
    while True:
        rows = connection.execute(
            sa.text("SELECT id, title FROM tasks WHERE title_key IS NULL LIMIT :batch"),
            {"batch": _BATCH},
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE tasks SET title_key = :key WHERE id = :id"),
            [{"id": row.id, "key": title_sort_key(row.title)} for row in rows],
        )
    op.alter_column("tasks", "title_key", nullable=False)
    op.create_index("ix_tasks_user_id_title_key", "tasks", ["user_id", "title_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_tasks_user_id_title_key", table_name="tasks")
    op.drop_column("tasks", "title_key")
