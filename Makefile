# Mint Station: `make run` opens the app, `make test` runs every check and test.
# Both create .venv and install what is needed on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test lint bench dist deb clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[desktop,resolver,test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/mint.py

# The one-folder build in dist/mintstation, then its self-test; prints size and start-up.
dist: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.5'
	$(BIN)/python installer/build.py

# dist/mintstation_<version>_<arch>.deb from that build: sudo apt install ./dist/mintstation_*.deb
deb: dist
	$(BIN)/python installer/deb.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
