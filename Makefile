# CaseLink: `make run` serves everything, `make test` runs the whole suite. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAUNCHER_JAR := neo4j-launcher/target/neo4j-launcher.jar
WEB_DIST := app/workbench/static/dist/workbench.js
PYTEST_ARGS ?=

.PHONY: run test test-all install launcher web lint bench clean

run: install launcher web
	$(BIN)/caselink run

test: install launcher web
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

test-all: install launcher web
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

launcher: $(LAUNCHER_JAR)

$(LAUNCHER_JAR): neo4j-launcher/pom.xml $(shell find neo4j-launcher/src -name '*.java')
	@command -v java >/dev/null || { echo "Java 17 is required: apt-get install openjdk-17-jdk-headless"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is required: apt-get install maven"; exit 1; }
	cd neo4j-launcher && mvn -q -B package -DskipTests
	touch $@

web: $(WEB_DIST)

$(WEB_DIST): $(wildcard web/package.json web/package-lock.json web/build.mjs web/src/*)
	@if [ -f web/package.json ]; then \
	  command -v npm >/dev/null || { echo "Node.js and npm are required: apt-get install nodejs npm"; exit 1; }; \
	  cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build; \
	fi

lint: install
	$(BIN)/ruff check app loaders tests bench

bench: install launcher
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) neo4j-launcher/target var web/node_modules app/workbench/static/dist
