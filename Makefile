# The project's vocabulary. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
DEV_ENV := DEBUG=true

.PHONY: run setup test lint css migrations-check install install-test clean serve-prod screenshots bench

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PIP) install --quiet --require-hashes -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## setup: install, migrate, load the starter content and create demo accounts
setup: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_starter_content
	$(DEV_ENV) $(PY) manage.py create_demo_accounts

## run: setup, then serve http://127.0.0.1:$(PORT)
run: setup
	@echo "Serving http://127.0.0.1:$(PORT)/ (admin at http://127.0.0.1:$(PORT)/admin/)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite (honours DATABASE_URL)
test: install-test
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(VENV)/bin/pytest

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: install
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

## serve-prod: gunicorn with production settings (DEBUG off) against DATABASE_URL.
## Needs SECRET_KEY and ALLOWED_HOSTS in the environment; see docs/deploy.md.
serve-prod: install
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (and ALLOWED_HOSTS): see docs/deploy.md"; exit 1; }
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

## bench: the search and load benchmarks (several minutes; need PostgreSQL); results in docs/performance/
bench: install-test
	$(PY) tests/benchmarks/search.py
	$(PY) tests/benchmarks/load.py

## screenshots: PNGs of the main pages at 375 and 1280 px wide in screenshots/, from the starter
## content in a throwaway database (needs Debian's chromium: apt-get install chromium)
screenshots: install-test
	$(DEV_ENV) $(VENV)/bin/pytest -q -s -p no:cacheprovider tests/browser/screenshots.py

## css: rebuild static/css from GOV.UK Frontend with Dart Sass (needs Node; output is committed)
css:
	./bin/build-css

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
