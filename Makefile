# The project's vocabulary. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
DEV_ENV := DEBUG=true
TEST_WORKERS ?= 2

.PHONY: run setup test lint css migrations-check install install-test install-bench clean serve-prod screenshots bench

$(VENV)/.installed: requirements.txt
	./bin/system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PIP) install --quiet --require-hashes -r requirements-test.txt
	touch $@

# The search libraries the search benchmark compares with ours: for `bench` only, never `run` or `test`.
$(VENV)/.installed-bench: $(VENV)/.installed-test requirements-bench.txt
	$(PIP) install --quiet --require-hashes -r requirements-bench.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

install-bench: $(VENV)/.installed-bench

## setup: install, migrate, load the starter content and create demo accounts
setup: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_starter_content
	$(DEV_ENV) $(PY) manage.py create_demo_accounts

## run: setup, then serve http://127.0.0.1:$(PORT)
run: setup
	@echo "Serving http://127.0.0.1:$(PORT)/ (admin at http://127.0.0.1:$(PORT)/admin/)"
	$(DEV_ENV) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite (honours DATABASE_URL), in TEST_WORKERS processes (2)
test: install-test
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: install
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

## serve-prod: gunicorn with production settings (DEBUG off) against DATABASE_URL, for a check on this machine:
## plain http (no redirect to https) and uploads served by Django unless SECURE_SSL_REDIRECT / SERVE_MEDIA say
## otherwise. Needs SECRET_KEY and ALLOWED_HOSTS in the environment; see docs/deploy.md.
SERVE_PROD_ENV := DEBUG=false SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} SERVE_MEDIA=$${SERVE_MEDIA:-true}
serve-prod: install
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (and ALLOWED_HOSTS): see docs/deploy.md"; exit 1; }
	$(SERVE_PROD_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_PROD_ENV) PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

## bench: the search, load and first-hour benchmarks (about 35 minutes; need PostgreSQL, wrk and a clean
## working tree); results in docs/performance/
bench: install-bench
	@command -v wrk >/dev/null || { echo "The load benchmark needs wrk: apt-get install wrk"; exit 1; }
	$(PY) tests/benchmarks/search.py
	$(PY) tests/benchmarks/load.py
	$(PY) tests/benchmarks/first_hour.py

## screenshots: PNGs of the main pages at 375 and 1280 px wide in screenshots/, from the starter
## content in a throwaway database (needs Debian's chromium: apt-get install chromium)
screenshots: install-test
	$(DEV_ENV) $(VENV)/bin/pytest -q -s -p no:cacheprovider tests/browser/screenshots.py

## css: rebuild static/css from GOV.UK Frontend with Dart Sass (needs Node; output is committed)
css:
	./bin/build-css

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
