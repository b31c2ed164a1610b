# Everything goes through the virtual environment that `make setup` creates from the hash-pinned lock.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements.lock | cut -c1-12)

.PHONY: setup site build test browser check lint serve eval bench golden fuzz lock clean

setup: $(STAMP)

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

site: setup          ## extract seeds/, update content/, render docs/, build site/ (mkdocs --strict)
	$(PY) -m generator build

test: setup browser  ## the whole test suite (real spaCy model, real articles, a real browser)
	$(PY) -m pytest

browser:             ## Debian's chromium for the browser tests (installed when missing and possible)
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } \
	  || echo "chromium is not installed and could not be installed: browser tests will be SKIPPED"

check: setup         ## validate every YAML file in content/ and briefing.yml
	$(PY) -m generator check

lint: setup          ## ruff (lint rules in pyproject.toml) and mypy (types), as CI runs them
	$(PY) -m ruff check .
	$(PY) -m mypy

PORT ?= 8000

serve: setup         ## live preview on http://127.0.0.1:$(PORT) (`make serve PORT=8001` for another port)
	$(PY) -m generator serve --port $(PORT)

DATA ?= ../shared/data

eval: setup          ## accuracy on the gold sets in $(DATA)/eval (precision / recall / F1 tables)
	$(PY) -m generator.evaluate $(DATA)/eval

bench: setup         ## speed, scale and memory figures on the corpora in $(DATA)/corpus (about 90 minutes)
	$(PY) -m tools.bench $(DATA)/corpus --preview bbc $(BENCH)

golden: setup        ## rewrite tests/golden/docs/ (the pages the seeds render to) after a meant change
	$(PY) -m tools.golden

lock:                ## re-pin requirements.lock from requirements.in (needs pip-tools)
	$(PY) -m pip install --quiet pip-tools && $(VENV)/bin/pip-compile --generate-hashes --strip-extras \
	  --allow-unsafe -o requirements.lock requirements.in

clean:
	rm -rf docs site site.building site.previous .cache .pytest_cache

fuzz: setup          ## extraction over every text in $(DATA): date rules on all, the whole extractor on a sample (FUZZ=--limit 0 for all)
	$(PY) -m tools.fuzz.sweep $(DATA) $(FUZZ)
