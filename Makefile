# The two commands a newcomer needs: `make demo` and `make test`. Both install on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The versions the tests passed with (`make lock` writes it); `make test-latest` tries the newest.
LOCK := requirements.lock
LATEST := .venv-latest

.PHONY: install fmt lint test demo bench bench-instructions golden clean lock test-latest freeze

install: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $(STAMP)

# A fresh venv with the newest releases pyproject.toml allows, frozen as constraints.
lock:
	rm -rf .venv-lock
	python3 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Constraints: the versions \`make test\` passed with. Written by \`make lock\`:"; \
	  echo "# a fresh venv, pip install -e '.[dev]', pip freeze --exclude-editable"; \
	  echo "# ($$(.venv-lock/bin/python -V), $$(uname -sm)). Used as pip install -c $(LOCK)."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > $(LOCK)
	rm -rf .venv-lock

# The same suite against the newest releases pyproject.toml allows (what `pip install` gives users).
test-latest:
	test -d $(LATEST) || python3 -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	@echo 'newer than $(LOCK):'; $(LATEST)/bin/python -m pip freeze --exclude-editable | grep -vxFf $(LOCK) || true
	$(LATEST)/bin/pytest -q

# After a model changes: the core schemas `validate` builds its validators from without
# pydantic (src/dutylist/model/frozen.json); tests/model/test_frozen.py fails until it is run.
freeze: install
	$(PY) -m dutylist.model.freeze

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

demo: install
	$(BIN)/dutylist validate catalogs
	$(BIN)/dutylist audit catalogs/jinghong --fail-on none
	$(BIN)/dutylist laws catalogs/jinghong
	$(BIN)/dutylist audit catalogs/jinghong --fail-on none --by unit -o out/问题清单
	@echo "wrote out/问题清单/ (一乡镇一问题清单)"
	$(BIN)/dutylist diff examples/jinghong-2023 examples/jinghong-2024
	mkdir -p out
	$(BIN)/dutylist diff examples/jinghong-2023 examples/jinghong-2024 --format xlsx -o out/调整统计表.xlsx
	@echo "wrote out/调整统计表.xlsx"
	sh examples/history-demo.sh $(BIN)/dutylist
	$(BIN)/dutylist conform catalogs
	$(BIN)/dutylist conform catalogs --format xlsx -o out/指导目录对照表.xlsx
	@echo "wrote out/指导目录对照表.xlsx"
	$(BIN)/dutylist site catalogs -o out/site
	@echo "open out/site/index.html in a browser (the website of the lists)"

bench: install
	$(PY) benchmarks/run.py

# the audit row counted in instructions by valgrind (about four minutes)
bench-instructions: install
	DUTYLIST_BENCH_INSTRUCTIONS=1 $(PY) benchmarks/run.py --only instructions

golden: install
	DUTYLIST_UPDATE_GOLDEN=1 $(BIN)/pytest tests -k golden

clean:
	rm -rf $(VENV) $(LATEST) .venv-lock out .mypy_cache .ruff_cache .pytest_cache
