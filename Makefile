# One command to run the site, one to test it. See README.md.
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres
SQLITE_TEST_URL ?= sqlite:///$(CURDIR)/test.sqlite3
DEV := DEBUG=true

.PHONY: install lock upgrade chromium run seed test test-postgres test-sqlite lint format \
	check-migrations clean bench bench-setup loadtest wrk nginx bench-http-cache

$(BIN)/python:
	@PY=$$(scripts/find-python) && echo "Creating $(VENV) with $$PY" && "$$PY" -m venv $(VENV)

# Every install comes from a lock in requirements/, each package pinned with its hashes:
# production.txt (the site: the Docker image), dev.txt (it plus tests and tools: this .venv),
# bench.txt (dev.txt plus locust). The project itself is not installed: manage.py, pytest and
# gunicorn all run it from this checkout.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --require-hashes -r

$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(PIP_INSTALL) $<
	@touch $@

# After changing the dependencies in pyproject.toml, `make lock` brings the locks in line
# and keeps every other pin; `make upgrade` moves every package to the newest release that
# pyproject.toml allows. The locks are universal: one file for every platform and every
# Python from 3.12 on (pyproject's requires-python; uv would otherwise lock for the Python
# running it), with markers where they differ. Each larger lock keeps the pins of the one
# before it, so installing bench.txt over dev.txt only adds packages.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.12 \
	--generate-hashes --custom-compile-command "make lock"

lock: install
	$(LOCK) $(LOCK_ARGS) -o requirements/production.txt
	$(LOCK) $(LOCK_ARGS) --extra dev -c requirements/production.txt -o requirements/dev.txt
	$(LOCK) $(LOCK_ARGS) --extra dev --extra bench -c requirements/dev.txt -o requirements/bench.txt

upgrade: LOCK_ARGS = --upgrade
upgrade: lock

# A developer checkout runs in DEBUG mode, so plain `manage.py` commands work too.
# Production never has this file: it sets real environment variables instead.
.env:
	@printf '# Development settings; see .env.example for every variable.\nDEBUG=true\n' > $@
	@echo "Wrote .env for development (DEBUG=true)."

install: $(VENV)/.installed .env

run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

seed: install
	$(DEV) $(BIN)/python manage.py seed_demo

test: lint check-migrations test-postgres test-sqlite

# The browser tests drive Debian's Chromium; no test downloads a browser of its own.
chromium:
	@[ -x /usr/bin/chromium ] || { \
		[ "$$(id -u)" = 0 ] || { echo "The browser tests need Chromium: run 'sudo apt-get install -y chromium', then make test again."; exit 1; }; \
		echo "Installing Debian's Chromium for the browser tests."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test-postgres: install chromium nginx
	@DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -c "import django, os; \
	os.environ['DJANGO_SETTINGS_MODULE'] = 'bhp.settings_test'; django.setup(); \
	from django.db import connection; connection.ensure_connection()" \
	|| { echo "PostgreSQL is not reachable at $(PG_TEST_URL): the tests need it."; exit 1; }
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_ARGS)

# Browser tests check pages, not the database, so they run once: on PostgreSQL.
test-sqlite: install
	DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

# lint-imports checks the layers' contracts in pyproject.toml ([tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	DJANGO_SETTINGS_MODULE=bhp.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=bhp.settings_test $(BIN)/python manage.py check

# Benchmarks: production settings under gunicorn on PostgreSQL, each page's throughput
# measured by wrk against a bare Django hello-world (bench/bare) just before it; the load
# test with staff saving is driven by locust. Needs
# PostgreSQL and Redis; the database is created if missing and filled once (100,000 articles).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bhp_bench
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/1
BENCH_PORT ?= 8500
# A smaller, quicker run (e.g. BENCH_ARTICLES=5000 BENCH_SECONDS=2) to try the bench out;
# the figures in docs/performance.md are from the defaults.
BENCH_ARTICLES ?= 100000
BENCH_SECONDS ?= 10
# Production settings, except plain http on loopback and a throwaway key.
BENCH_ENV := DJANGO_SETTINGS_MODULE=bench.settings DEBUG=false SECURE_SSL_REDIRECT=false \
	SECRET_KEY=bench-only-never-deployed-5f0c8b1e9d7a4c2b8e6f3a1d0c9b7e5a \
	ALLOWED_HOSTS=127.0.0.1,localhost,testserver LOG_LEVEL=WARNING \
	DATABASE_URL=$(BENCH_DATABASE_URL) CACHE_URL=$(BENCH_CACHE_URL) MEDIA_ROOT=$(CURDIR)/bench-media

$(VENV)/.installed-bench: requirements/bench.txt $(VENV)/.installed
	$(PIP_INSTALL) $<
	@touch $@

bench-setup: install $(VENV)/.installed-bench
	$(BIN)/python scripts/ensure-database $(BENCH_DATABASE_URL)
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(BIN)/python manage.py bench_data --articles $(BENCH_ARTICLES)

# The bench drives load with Debian's wrk (a Python load generator would take half of the
# CPU it measures).
wrk:
	@command -v wrk >/dev/null || { \
		[ "$$(id -u)" = 0 ] || { echo "The bench needs wrk: run 'sudo apt-get install -y wrk', then make bench again."; exit 1; }; \
		echo "Installing Debian's wrk for the bench."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: bench-setup wrk nginx
	$(BENCH_ENV) $(BIN)/python manage.py bench --port $(BENCH_PORT) --seconds $(BENCH_SECONDS)
	$(BENCH_ENV) $(BIN)/python manage.py bench_http_cache --port $(BENCH_HTTP_CACHE_PORT) --seconds $(BENCH_SECONDS)
	$(BENCH_ENV) $(BIN)/python manage.py loadtest --port $(BENCH_PORT)
	$(BENCH_ENV) $(BIN)/python manage.py bench_wordpress

# Debian's nginx: tests/test_scale_out.py runs deploy/nginx.conf, and the HTTP cache bench
# measures it (as an ordinary process with its own folders: pages from its cache beside a
# file it serves from disk).
BENCH_HTTP_CACHE_PORT ?= 8510

nginx:
	@[ -x /usr/sbin/nginx ] || { \
		[ "$$(id -u)" = 0 ] || { echo "The HTTP cache's tests and bench need nginx: run 'sudo apt-get install -y nginx-light', then make again."; exit 1; }; \
		echo "Installing Debian's nginx for the HTTP cache's tests and bench."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; }

bench-http-cache: bench-setup wrk nginx
	$(BENCH_ENV) $(BIN)/python manage.py bench_http_cache --port $(BENCH_HTTP_CACHE_PORT) --seconds $(BENCH_SECONDS)

loadtest: bench-setup
	$(BENCH_ENV) $(BIN)/python manage.py loadtest --port $(BENCH_PORT)

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 media staticfiles artifacts bench-media
