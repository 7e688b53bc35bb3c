# ZIB-Portal — every task a developer needs. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_SYS ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test processes (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

.PHONY: help install run serve migrate demo superuser test test-fast lint format check messages lock bench clean

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[1mmake %-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON_SYS) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies
	@mkdir -p var
	@$(MANAGE) compilemessages_py >/dev/null

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content from the seed (idempotent)
	$(MANAGE) load_demo

superuser: install ## Create an admin account (asks for name and password)
	$(MANAGE) createsuperuser

run: migrate ## Install, migrate, load demo content if empty, serve on http://127.0.0.1:8000
	$(MANAGE) load_demo --if-empty
	@echo ""
	@echo "  ZIB-Portal:   http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  No admin account yet? Run 'make superuser' in another terminal."
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (browser tests need Chromium)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install ## Check code style (ruff, djhtml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	find zib -name '*.html' -print0 | xargs -0 $(VENV)/bin/djhtml --check

format: install ## Format code and templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	find zib -name '*.html' -print0 | xargs -0 $(VENV)/bin/djhtml

check: install ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

messages: install ## Update the gettext catalogues from code and templates (needs GNU gettext), compile them
	cd zib && ../$(PY) ../manage.py makemessages --all --no-obsolete --add-location=file \
		--ignore='*/tests/*' --ignore='static/*' --ignore='locale/*'
	$(MANAGE) compilemessages_py
	$(MANAGE) catalogue_status

lock: ## Re-pin dependencies after changing requirements*.in
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-header -o requirements.lock requirements.in
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-header -o requirements-dev.lock requirements-dev.in

bench: install ## Load benchmark: a large data set, gunicorn, wrk; prints a table
	$(PY) bench/run.py

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
