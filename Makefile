# vnmedia developer commands. `make` alone lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test check format lint types mutate clean

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

# Mutation testing runs in a venv of its own: mutmut needs vnmedia *not* installed (so its
# mutated copy in mutants/ is the one imported), and click < 8.2 (gTTS pins it).
MUTATE_VENV := .venv-mutate
$(MUTATE_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(MUTATE_VENV)
	$(MUTATE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MUTATE_VENV)/bin/python -m pip install --quiet '.[dev]' 'mutmut>=3.3,<4' 'click>=8.1,<8.2' 'pytest>=8,<9'
	$(MUTATE_VENV)/bin/python -m pip uninstall --quiet --yes vnmedia
	touch $@

mutate: $(MUTATE_VENV)/.installed ## Mutation testing of the riskiest modules (a few minutes; not in CI)
	rm -rf mutants
	$(MUTATE_VENV)/bin/mutmut run --max-children 2 || true
	$(MUTATE_VENV)/bin/python bench/mutation_scores.py

clean: ## Remove the virtualenv, caches and output/
	rm -rf $(VENV) $(MUTATE_VENV) mutants output .pytest_cache .mypy_cache .ruff_cache
