"""rate-limit buckets

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "rate_limit_buckets",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("attempts", ARRAY(sa.DateTime(timezone=True)), nullable=False),
        sa.Column("admitted", sa.Boolean, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    # The purge finds expired buckets through this index, never by scanning the table.
    op.create_index("ix_rate_limit_buckets_expires_at", "rate_limit_buckets", ["expires_at"])
    op.execute(
        """
        CREATE FUNCTION live_attempts(attempts timestamptz[], cutoff timestamptz)
        RETURNS timestamptz[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(t ORDER BY t), '{}')
            FROM unnest(attempts) AS t WHERE t > cutoff
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION live_attempts(timestamptz[], timestamptz)")
    op.drop_table("rate_limit_buckets")
