# The two commands a newcomer needs: `make demo` and `make test`. Both install on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install fmt lint test demo bench golden clean

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

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
	$(BIN)/dutylist audit catalogs/jinghong --fail-on none --by unit -o out/问题清单
	@echo "wrote out/问题清单/ (一乡镇一问题清单)"
	$(BIN)/dutylist diff examples/jinghong-2023 examples/jinghong-2024
	mkdir -p out
	$(BIN)/dutylist diff examples/jinghong-2023 examples/jinghong-2024 --format xlsx -o out/调整统计表.xlsx
	@echo "wrote out/调整统计表.xlsx"
	$(BIN)/dutylist site catalogs -o out/site
	@echo "open out/site/index.html in a browser (the website of the lists)"

bench: install
	$(PY) benchmarks/run.py

golden: install
	DUTYLIST_UPDATE_GOLDEN=1 $(BIN)/pytest tests -k golden

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
