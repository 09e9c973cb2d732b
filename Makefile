# Two commands do all set-up from a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_ARGS ?=
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: install demo test lint typecheck unit web-postgres browser bench clean messages screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/cakupan demo $(DEMO_ARGS)

# Headless Chromium for the browser tests, from Debian's packages when we can install them;
# without it those tests are skipped, the rest still run.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "no chromium: browser tests will be skipped"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The web suite again with the app database on PostgreSQL, when a server answers there
# (pytest-django makes and drops its own test database); skipped, saying so, when none does.
web-postgres: $(STAMP)
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" \
	    '$(POSTGRES_URL)' 2>/dev/null; then \
	  echo "The web suite on PostgreSQL ($(POSTGRES_URL))"; \
	  CAKUPAN_DATABASE_URL='$(POSTGRES_URL)' $(BIN)/pytest tests/cakupan_web; \
	else echo "PostgreSQL does not answer at $(POSTGRES_URL): the web suite on PostgreSQL is skipped"; fi

test: $(STAMP) browser lint typecheck unit web-postgres

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench_import_register.py
	$(BIN)/python benchmarks/bench_read_workbook.py
	$(BIN)/python benchmarks/bench_demo_build.py
	$(BIN)/python benchmarks/bench_build_stages.py
	$(BIN)/python benchmarks/bench_matching.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_documents.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_web_import.py
	$(BIN)/python benchmarks/bench_scale.py

# The main pages, desktop and phone width, as an admin sees the test demo (README, docs).
screenshots: $(STAMP) browser
	mkdir -p docs/screenshots
	CAKUPAN_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q \
	  tests/cakupan_web/test_workspace_browser.py -k accessibility

# Recompile the UI translations after editing src/cakupan_web/locale/*/LC_MESSAGES/django.po
messages: $(STAMP)
	cd src/cakupan_web && ../../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) cakupan-data .pytest_cache .mypy_cache .ruff_cache
