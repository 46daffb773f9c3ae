# vnmedia developer commands. `make` alone lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test check format lint types clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install vnmedia with its dev tools

run: $(STAMP) ## Build every article in input/ into output/ (offline engines when Google is unreachable)
	$(BIN)/vnmedia build

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

format: $(STAMP) ## Reformat the code
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

lint: $(STAMP) ## Lint (ruff) without changing anything
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

types: $(STAMP) ## Type-check the library (mypy, strict)
	$(BIN)/mypy

check: lint types test ## Format check, lint, types and tests

clean: ## Remove the virtualenv, caches and output/
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
