"""Structured logs, metrics and X-Ray traces (aws-lambda-powertools), created once per container."""

from __future__ import annotations

import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "lambda-tasks"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="LambdaTasks", service=SERVICE)
# Active only on Lambda (powertools turns it off elsewhere; POWERTOOLS_TRACE_DISABLED locally and in
# tests says so outright). Only botocore (the SSM reads) is patched: psycopg 3 has no X-Ray patch,
# and patching every supported library would import them at each cold start for nothing.
tracer = Tracer(service=SERVICE, patch_modules=["botocore"])

# Most requests add no metric; powertools warns about every such flush, which is only noise.
warnings.filterwarnings("ignore", message="No application metrics to publish")


def count(metric: str) -> None:
    """Add one to a counter published with this invocation's metrics."""
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)
