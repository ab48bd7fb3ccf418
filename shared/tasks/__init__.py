"""Tasks: every query is one user's, through `UserTasks` (see `repository`)."""
