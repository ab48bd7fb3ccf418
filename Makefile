# The two commands: `make dev` runs lambda-tasks locally, `make test` runs every test.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: dev test setup lint test-frontend test-python bench report docs migrate package

dev: setup ## API on :4000 (real handlers, embedded or $DATABASE_URL PostgreSQL) + Next.js on :3000
	$(PY) -m infra.local.dev

test: setup lint test-frontend test-python ## everything CI runs

setup:
	@./infra/bootstrap.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy shared infra tests
	@# Every function is its own top-level `handler` module, as Lambda sees it: check one at a time.
	@for handler in functions/*/handler.py; do .venv/bin/mypy "$$handler" >/dev/null || { .venv/bin/mypy "$$handler"; exit 1; }; done
	@echo "mypy: all function handlers clean"

test-frontend:
	npm --prefix frontend run typecheck
	npm --prefix frontend run lint
	npm --prefix frontend run test:unit

test-python:
	$(PY) -m pytest

bench: setup ## benchmarks: cold start, warm latency, sign-in vs bcrypt, load, cost
	$(PY) -m tests.benchmarks.run
	@$(MAKE) --no-print-directory report

report: ## the tests' reliability rows (.local/reliability/, ignored) -> the table in docs/reliability.md
	$(PY) -m tests.support.reliability

docs: setup ## regenerate what is generated from the code: openapi.json, the error-code table, the frontend's API types
	$(PY) -m infra.deploy.openapi
	$(PY) -m infra.deploy.error_codes_doc
	npm --prefix frontend run --silent generate:api

migrate: setup ## apply migrations to $DATABASE_URL (the Neon URL on deploy)
	$(PY) -m infra.db.migrate

package: setup ## build the layer and `osls package` (see docs/deploy.md)
	$(PY) -m infra.deploy.build_layer
	npx osls package
