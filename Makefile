# Two commands for a newcomer on a fresh Debian 12 with Python 3.11:
#   make run    set up and start the app
#   make test   set up and run the whole test suite (what CI runs)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Qt offscreen + a real window under X11, and a CJK font so Chinese does not render as boxes.
QT_DEBS := libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 \
	libxcb-sync1 libxcb-shm0 fonts-wqy-microhei
# Legacy DOC/WPS/XLS/ET go through LibreOffice; the tests convert real files with it.
# The audit store tests also run against a throw-away PostgreSQL cluster (tests/pgcluster.py).
TEST_DEBS := libreoffice-writer-nogui libreoffice-calc-nogui xvfb xauth postgresql

.PHONY: run test lint typecheck unit bench clean

run: $(VENV)/.installed debs-run
	$(BIN)/review-desk

test: $(VENV)/.installed-dev debs-test lint typecheck unit

lint:
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck:
	$(BIN)/mypy

unit:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider

bench: $(VENV)/.installed-dev
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

debs-run:
	@bash scripts/ensure-debs.sh $(QT_DEBS)

debs-test:
	@bash scripts/ensure-debs.sh $(QT_DEBS) $(TEST_DEBS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

# tests/test_wheel.py builds the wheel offline (no build isolation): [build-system] requires these.
$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q 'setuptools>=69' wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
