# Two commands: `make run` (set up and serve on 127.0.0.1:8000) and `make test` (set up, ruff, pytest).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
APP ?=
TOP_DIRS := config movement reports awards extraction ops templates bench tests

.PHONY: run serve test setup setup-dev data install install-dev frontend messages compilemessages migrate lint format \
        pg-test browser-check screenshots chromium bench bench-small bench-uploads clean audit backup restore pdf-deps \
        documents bench-documents worker

run: setup pdf-deps data ## set everything up and serve the portal on http://127.0.0.1:8000 (with the task worker)
	@trap 'kill $$worker 2>/dev/null; sleep 2; kill -9 $$worker 2>/dev/null' EXIT; \
	  $(MANAGE) qcluster & worker=$$!; $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: worker
worker: ## the background task worker (django-q2 on the database): sends the notification emails
	$(MANAGE) qcluster

serve:
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup-dev pdf-deps ## set up, then ruff and pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(MAKE) --no-print-directory chromium || echo "chromium could not be installed: the browser tests will be skipped"
	$(BIN)/pytest

setup: install frontend compilemessages migrate
setup-dev: install-dev frontend compilemessages migrate

var:
	mkdir -p var

$(PYTHON):
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

var/requirements.txt: pyproject.toml | var $(PYTHON)
	$(PYTHON) -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies']))" > $@

var/requirements-dev.txt: pyproject.toml | var $(PYTHON)
	$(PYTHON) -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > $@

$(VENV)/.installed: var/requirements.txt
	$(BIN)/pip install -q -r var/requirements.txt
	touch $@

$(VENV)/.installed-dev: var/requirements-dev.txt
	$(BIN)/pip install -q -r var/requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: node_modules/.package-lock.json

compilemessages: install
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules

# `make messages` refreshes every .po file; `make messages APP=reports` only that app's catalogue, and
# `make messages APP="config movement templates"` the top-level one. With APP, every other top-level
# entry is ignored (directories as `dir/**`, which only matches at the top, so <app>/templates/ is kept;
# files such as manage.py by name), so that no other catalogue is rewritten (--no-obsolete would empty it).
TOP_ENTRY_DIRS = $(patsubst %/,%,$(wildcard */))
TOP_ENTRY_FILES = $(filter-out $(TOP_ENTRY_DIRS),$(wildcard *))
CORE_CATALOGUE_DIRS := config movement templates
messages: install
	@for d in $(filter-out $(CORE_CATALOGUE_DIRS),$(APP)); do test -d $$d/locale || { \
	  echo "$$d has no locale/ directory: mkdir -p $$d/locale first (its strings would otherwise replace the top-level catalogue)"; exit 2; }; done
	@if [ -n "$(filter $(CORE_CATALOGUE_DIRS),$(APP))" ] && [ "$(sort $(filter $(CORE_CATALOGUE_DIRS),$(APP)))" != "$(CORE_CATALOGUE_DIRS)" ]; then \
	  echo 'the top-level catalogue needs all its directories: make messages APP="config movement templates"'; exit 2; fi
	$(MANAGE) makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var \
	  $(if $(APP),$(foreach d,$(filter-out $(APP),$(TOP_ENTRY_DIRS)),--ignore=$(d)/**) \
	    $(foreach f,$(TOP_ENTRY_FILES),--ignore=$(f)),)

migrate: install
	$(MANAGE) migrate -v0

data: ## the hierarchy, the demo data and the demo accounts (idempotent)
	$(MANAGE) load_admin_units --no-progress
	$(MANAGE) load_demo
	$(MANAGE) create_demo_accounts

# Debian Chromium, headless, for the browser tests and the screenshots (never `playwright install`).
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# The official documents' PDF (WeasyPrint): Pango, and Liberation Serif (metric-compatible with Times New Roman,
# every Vietnamese letter); poppler-utils (pdftoppm, pdftotext) to look at the pages. Debian packages only.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 poppler-utils
pdf-deps:
	@dpkg -s $(PDF_DEBS) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(PDF_DEBS) >/dev/null)

# The demo's documents (.docx and PDF) into var/documents/, and each PDF page as PNG (to look at them).
documents: setup pdf-deps data
	$(MANAGE) demo_documents --out var/documents
	cd var/documents && for f in *.pdf; do pdftoppm -r 80 -png "$$f" "$${f%.pdf}"; done
	@ls var/documents

# The public pages in a real browser (tests/browser: key numbers, charts drawn, no CSP error, phone width).
browser-check: setup-dev chromium
	$(BIN)/pytest -m browser tests/browser

# Screenshots of the public pages at 1280 px and 390 px into screenshots/ (git-ignored): starts a dev server
# with the demo data on a free port, takes them with Playwright + Chromium, stops the server.
screenshots: setup-dev data chromium
	$(PYTHON) scripts/screenshots.py --out screenshots

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Security audit: known vulnerabilities in the installed pinned dependencies (pip-audit; says plainly
# when its service cannot be reached, fails only on real findings; AUDIT_STRICT=1 fails when unaudited)
# and bandit on our code (medium severity and up).
audit: install-dev
	$(PYTHON) scripts/pip_audit_check.py
	$(BIN)/bandit -q -r config movement reports awards extraction ops -ll -x '*/migrations/*'

# Backup into var/backups/ (pg_dump custom format or SQLite online backup, from DATABASE_URL);
# `make backup OUTPUT=path` to choose the file; `make restore FILE=var/backups/…` (asks for confirmation).
backup: install
	$(MANAGE) backup_db $(if $(OUTPUT),--output "$(OUTPUT)",)

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<backup file>"; exit 2; }
	$(MANAGE) restore_db "$(FILE)"

# Median time of the figure extractor on a ~10 kB report text (and on a 200 kB one), then the time and peak
# memory on pathological 200 kB texts (repeated dates, digits, punctuation, award phrases …).
bench-extraction: install
	$(PYTHON) bench/extraction_bench.py
	$(PYTHON) bench/extraction_pathological.py --memory

# Time to build and render the demo's documents (.docx, PDF) and a 1,000-recipient award decision.
bench-documents: install pdf-deps
	$(PYTHON) bench/documents_bench.py

bench-uploads: install  # zip bombs against the upload readers: checked vs straight through the parsers
	$(PYTHON) bench/upload_bombs.py --paragraphs 300000 --rows 800000

# API fuzzing with schemathesis (tests/fuzz/): every operation of /api/schema/ as every role and anonymously,
# FUZZ_EXAMPLES generated examples each (the test suite runs 3); FUZZ_COVERAGE=1 adds schemathesis' coverage
# cases (about a hundred more per operation, half an hour); FUZZ_RANDOM=1 draws new examples. Prints the
# examples tried and the failures (also var/fuzz-report.json).
.PHONY: fuzz load
FUZZ_EXAMPLES ?= 20
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz -q

# Load test (docs/performance.md, "Load test (issue 7)"): gunicorn with 2 workers on a free loopback port and
# the demo data (DATABASE_URL, else var/load.sqlite3), locust headless with 100 public and staff users for
# 60 s (LOAD_USERS, LOAD_SPAWN_RATE, LOAD_RUN_TIME); CSV in var/load/; fails on any failed request.
load: install-dev
	$(PYTHON) bench/load_test.py

# National-scale benchmark (docs/performance.md): needs DATABASE_URL at PostgreSQL; generates or reuses the
# synthetic dataset (scale 1: about 7 minutes the first time), then prints the table (BENCH_ARGS="--skip-http"…).
# `make bench-small`: SQLite (var/bench_small.sqlite3), scale 0.01.
bench: install
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "make bench needs DATABASE_URL=postgres://… (or make bench-small)"; exit 2;; esac
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: bench/loadgen.py will load the server")
	$(PYTHON) bench/run_bench.py $(BENCH_ARGS)

bench-small: install
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk not installed: bench/loadgen.py will load the server")
	$(PYTHON) bench/run_bench.py --small $(BENCH_ARGS)

clean:  ## removes var/ (database included) and staticfiles/, but keeps var/backups/
	rm -rf staticfiles
	if [ -d var ]; then find var -mindepth 1 -maxdepth 1 ! -name backups -exec rm -rf {} +; fi
