# Ruang Runding — the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-dev lint format chromium clean bench bench-scale loadtest lighthouse scaletest

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), f"Python 3.13 is required, found {sys.version.split()[0]}"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# make run: install, migrate, load demo data, then serve the portal and run the task worker beside it.
run: export DEBUG ?= 1
# Links in e-mails point at this server, whatever PORT is (unless SITE_URL is set already).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Ruang Runding: http://$(HOST):$(PORT)/  (links in e-mails: SITE_URL=$(SITE_URL); Ctrl+C stops the server and the task worker)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker & \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

# make test: install, lint, then the whole suite (browser tests in headless Chromium included).
test: install-dev chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# make scaletest: the engines a larger deployment adds, each started by the tests themselves on a free loopback
# port (docs/scale.md): PgBouncer in transaction mode in front of PostgreSQL (127.0.0.1:5432) — a part of the
# suite (SCALETEST_SUITE=all: all of it but the browser tests), the task worker and parallel writers through
# it —, a Redis of its own for the cache, rate-limit counters and sessions, a PostgreSQL primary with a
# streaming replica of its own (initdb, pg_basebackup -R; the server programs from /usr/lib/postgresql/<v>/bin),
# and moto's S3 server (requirements-dev.txt) for private and public buckets. About 5 to 8 minutes.
scaletest: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ruangrunding
scaletest: install-dev
	@for program in pgbouncer redis-server psql; do \
	  command -v $$program >/dev/null || test -x /usr/sbin/$$program || { \
	    echo "make scaletest needs $$program: apt-get install pgbouncer redis-server postgresql-client"; exit 1; }; \
	done
	$(BIN)/python -m pytest --scale tests/scale -s -v $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): install it (Debian: apt-get install chromium) or set CHROMIUM=/path"; exit 1; \
	  fi; }

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# make bench: the topic page with 2,000 replies under load (PostgreSQL, gunicorn, wrk); prints the figures.
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py

# make bench-scale: the main pages on national-size data (docs/scale.md). FACTOR=1|10|100 measures that data
# set, generating it first if needed (100×: 1 M users, 10 M replies, 500,000 documents, 1 M usulan, 1 M
# complaints; about 10 minutes and 12 GB); without FACTOR, every data set generated so far.
bench-scale: install
	$(BIN)/python bench/scale.py $(if $(FACTOR),--factor $(FACTOR))

# make loadtest: 50 signed-in citizens writing for 60 s, a PostgreSQL restart, a mail outage, backup and restore
# (PostgreSQL on 127.0.0.1:5432; the restart needs pg_ctlcluster as root). Prints the figures; about 6 minutes.
loadtest: install
	$(BIN)/python bench/loadtest.py

# make lighthouse: Lighthouse (npm, pinned here, installed under var/) in mobile mode with Debian's Chromium on
# home, a topic, the expert list and a library search; prints the four scores.
LIGHTHOUSE_VERSION := 13.5.0
lighthouse: install chromium
	@test -x var/lighthouse/node_modules/.bin/lighthouse || npm install --silent --no-save --no-package-lock \
	  --no-audit --no-fund --prefix var/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)
	$(BIN)/python bench/lighthouse.py
