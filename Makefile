# One command to run the site, one to test it. See README.md.
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres
SQLITE_TEST_URL ?= sqlite:///$(CURDIR)/test.sqlite3
DEV := DEBUG=true

.PHONY: install chromium run seed test test-postgres test-sqlite lint format check-migrations clean

$(BIN)/python:
	@PY=$$(scripts/find-python) && echo "Creating $(VENV) with $$PY" && "$$PY" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

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

test-postgres: install chromium
	@DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -c "import django, os; \
	os.environ['DJANGO_SETTINGS_MODULE'] = 'bhp.settings_test'; django.setup(); \
	from django.db import connection; connection.ensure_connection()" \
	|| { echo "PostgreSQL is not reachable at $(PG_TEST_URL): the tests need it."; exit 1; }
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_ARGS)

# Browser tests check pages, not the database, so they run once: on PostgreSQL.
test-sqlite: install
	DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	DJANGO_SETTINGS_MODULE=bhp.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=bhp.settings_test $(BIN)/python manage.py check

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 media staticfiles artifacts
