"""Structured logs and metrics (aws-lambda-powertools), created once per container."""

from __future__ import annotations

import warnings

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "lambda-tasks"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="LambdaTasks", service=SERVICE)

# Most requests add no metric; powertools warns about every such flush, which is only noise.
warnings.filterwarnings("ignore", message="No application metrics to publish")


def count(metric: str) -> None:
    """Add one to a counter published with this invocation's metrics."""
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)
