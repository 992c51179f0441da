# MDI voor QGIS - developer tasks. Works from a fresh clone on Debian 12, 13 and sid:
# `make test` / `make demo` install QGIS (apt) and the .venv when missing.
# Debian 12: QGIS 3.40 LTR from bookworm-backports; MDI_QGIS=debian for Debian's 3.22.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# QGIS 3.22 must run with Debian's interpreter, never a pyenv/conda python on PATH.
SYS_PY := /usr/bin/python3

.PHONY: help setup lint test test-quick test-matrix qt6-check demo opendata-live sample-data package translations benchmark clean

help:
	@echo "make setup        install QGIS (apt, if missing) + .venv with test tools"
	@echo "make lint         flake8 + flake8-qgis + duplicate-code check (pylint)"
	@echo "make test         setup, lint, pytest (headless, pytest-qgis) on the host's QGIS"
	@echo "make test-quick   pytest without the tests that start qgis_process, QGIS or servers"
	@echo "make test-matrix  suite + demo on QGIS 3.22, 3.40 (Debian 13) and 3.44 in chroots (root)"
	@echo "make qt6-check    every Qt name of the plugin exists in PyQt6 and PyQt5 (QGIS 4)"
	@echo "make demo         setup, run mdi:computemdi on the sample data -> output/"
	@echo "make opendata-live download open data from the LIVE CBS/PDOK services (internet)"
	@echo "make sample-data  regenerate resources/sample_data"
	@echo "make package      build the installable zip dist/mdi-<version>.zip"
	@echo "make translations update i18n/mdi_nl.ts from the code, compile i18n/mdi_nl.qm"
	@echo "make benchmark    speed + memory against QGIS-only routes (~28 min; BENCH_ARGS=--quick)"
	@echo "make clean        remove .venv, .build, output and caches"

setup:
	bash scripts/setup.sh

# flake8-qgis rules, line length and exclusions (.venv, .build, resources): .flake8;
# repeated code (8+ similar lines) in the plugin, tests, scripts and benchmarks: .pylintrc
lint: setup
	$(PY) -m flake8 .
	$(PY) -m pylint --rcfile=.pylintrc mdi_plugin tests scripts benchmarks

# junit results in .build/junit.xml (the matrix summary shows them as the host row)
# Tests run in TEST_WORKERS processes (pytest-xdist; each has its own QGIS, profile and
# PostGIS); TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= 2

test: setup lint
	@mkdir -p .build
	QT_QPA_PLATFORM=offscreen MDI_STRICT_DEPRECATIONS=1 $(PY) -m pytest -n $(TEST_WORKERS) \
		--junitxml=.build/junit.xml $(PYTEST_ARGS)

# The quick local loop: no lint, and none of the tests marked as starting another program
# (qgis_process, the QGIS desktop, PostgreSQL, ...; markers in pytest.ini). CI runs `make test`.
test-quick: setup
	QT_QPA_PLATFORM=offscreen MDI_STRICT_DEPRECATIONS=1 $(PY) -m pytest -n $(TEST_WORKERS) \
		-m "not qgis_process and not desktop and not subprocess" $(PYTEST_ARGS)

# Qt 6 / QGIS 4 readiness: the plugin's Qt names under PyQt6 (isolated venv) and PyQt5
qt6-check:
	QT_QPA_PLATFORM=offscreen $(SYS_PY) scripts/qt6_check.py

# QGIS 3.22 (bookworm) and 3.44 (sid) in cached chroots; see scripts/qgis_matrix.sh
test-matrix:
	bash scripts/qgis_matrix.sh $(MATRIX_ROWS)

demo: setup
	bash scripts/demo.sh

# mdi:downloadopendata against the live CBS, dataderden and PDOK services (needs the internet,
# unlike `make demo`, which uses the local stand-in), then the MDI with the spec it wrote.
# E.g. `make opendata-live OPENDATA_LEVEL=2 OPENDATA_GEMEENTEN=0363`.
OPENDATA_YEARS ?= 2024
OPENDATA_LEVEL ?= 0
OPENDATA_GEMEENTEN ?=
opendata-live: setup
	@mkdir -p output
	bash scripts/qgis_process.sh run mdi:downloadopendata -- YEARS=$(OPENDATA_YEARS) \
		LEVEL=$(OPENDATA_LEVEL) GEMEENTEN=$(OPENDATA_GEMEENTEN) SOURCES=0,1,2,3 \
		GEOMETRY=true OUTPUT=output/open_data.gpkg
	bash scripts/qgis_process.sh run mdi:computemdi -- INPUT=output/open_data.gpkg \
		SPEC=output/open_data_spec.json YEAR_FIELD=jaar OUTPUT=output/open_data_mdi.gpkg

sample-data:
	$(SYS_PY) scripts/mdi_sample_data.py --out resources/sample_data

package:
	$(SYS_PY) scripts/package.py --out dist

# translate new strings in i18n/mdi_nl.ts (Qt Linguist or an editor) between the two steps;
# `scripts/i18n.py check` lists what is missing (tests/test_translations.py runs it too)
translations:
	$(SYS_PY) scripts/i18n.py update
	$(SYS_PY) scripts/i18n.py compile
	$(SYS_PY) scripts/i18n.py check

# docs/benchmarks.md; data cache .build/bench-data, results .build/bench-results
benchmark: setup
	$(SYS_PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .build output dist .pytest_cache .hypothesis .qgis-settings
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
