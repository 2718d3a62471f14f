# Two commands for a fresh machine with Python 3.11: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DATA   ?= data
OUT    ?= public

.PHONY: demo test lint venv dev demo-archive serve clean bench live-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	$(BIN)/regwatch demo --data $(DATA) --out $(OUT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check crawlers normalize publish regwatch tests data/demo/pack.py data/demo/partners.py

# Rebuild the bundled archive's WARC snapshots from the plain pages in data/demo/pages.
demo-archive: $(VENV)/.installed
	$(BIN)/python data/demo/pack.py

# One entry page per source from the real internet, parsed by its spider (not run in CI).
live-check: $(VENV)/.installed
	$(BIN)/python -m crawlers.live_check

serve: $(VENV)/.installed
	$(BIN)/regwatch serve --out $(OUT)

# Scale: a synthetic ten-year archive timed against baselines of the same run (bench/run.py,
# docs/scale.md). Not part of `make test`; BENCH_YEARS, BENCH_ANNOUNCEMENTS and BENCH_MEASURES
# make it smaller, BENCH_WORK=DIR keeps its work folder.
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run

clean:
	rm -rf $(OUT) $(OUT).builds $(DATA)/archive $(DATA)/crawls $(DATA)/corpus $(DATA)/releases $(DATA)/state $(DATA)/httpcache
