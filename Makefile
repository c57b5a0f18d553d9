# Two commands for a newcomer: `make run` (the demo on http://127.0.0.1:8000) and `make test`.
# Everything else here is what those two need, plus translations and the deployment check.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
VPY := $(VENV)/bin/python
# The pinned packages are installed again only when a requirements file changes (content hash).
STAMP := $(VENV)/.requirements.sha256
REQUIREMENTS := requirements.txt requirements-dev.txt
# python3.11 where it exists (Debian 12 and most servers), else whatever python3 is (>= 3.11 required).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
MANAGE := $(VPY) manage.py
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help venv run test messages check-deploy prod-smoke

help:
	@echo "make run           set up .venv, migrate, load the demo data, serve http://$(HOST_PORT)"
	@echo "make test          set up the same way and run every test suite this machine can run"
	@echo "make messages      update and compile the zh_Hans translations (locale/)"
	@echo "make check-deploy  manage.py check --deploy with the production settings"
	@echo "make prod-smoke    gunicorn + Celery worker and beat with the production settings, a bounded burst"

venv:
	@set -e; \
	if [ ! -x "$(VPY)" ]; then \
	  if ! "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	    echo "error: Python 3.11 or newer is needed; '$(PYTHON)' is $$("$(PYTHON)" --version 2>/dev/null || echo "missing or not runnable")." >&2; \
	    echo "       Install python3.11 (Debian/Ubuntu: apt-get install python3 python3-venv) or run make PYTHON=/path/to/python3.11" >&2; \
	    exit 1; \
	  fi; \
	  echo "creating $(VENV) with $$("$(PYTHON)" --version)"; \
	  "$(PYTHON)" -m venv "$(VENV)" || { rm -rf "$(VENV)"; echo "error: '$(PYTHON) -m venv' failed (Debian/Ubuntu: apt-get install python3-venv)" >&2; exit 1; }; \
	fi; \
	if ! "$(VPY)" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
	  echo "error: $(VENV) was made with $$("$(VPY)" --version 2>&1); Python 3.11+ is needed: rm -rf $(VENV) and run make again" >&2; \
	  exit 1; \
	fi; \
	want=$$(cat $(REQUIREMENTS) | sha256sum | cut -d' ' -f1); \
	if [ "$$(cat $(STAMP) 2>/dev/null)" != "$$want" ]; then \
	  echo "installing the pinned packages into $(VENV)"; \
	  "$(VPY)" -m pip install --disable-pip-version-check -q -r requirements-dev.txt; \
	  echo "$$want" > $(STAMP); \
	fi

run: venv
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) runserver $(HOST_PORT)

test: venv
	bash scripts/test.sh

# scripts/messages.sh: makemessages + compilemessages, and a count of what is left to translate.
messages: venv
	bash scripts/messages.sh

# The production settings with throwaway values for whatever the environment does not set.
check-deploy: venv
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(VPY) -c 'import secrets; print(secrets.token_urlsafe(64))')}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-cppcc.example.org}" \
	CELERY_BROKER_URL="$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}" \
	$(MANAGE) check --deploy --fail-level WARNING --settings=cppcc.settings.production

# Production settings on loopback: PostgreSQL, Redis, gunicorn, worker, beat, a bounded burst (not in `make test`).
prod-smoke: venv
	bash scripts/prod_smoke.sh
