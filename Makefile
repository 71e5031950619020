# `make demo` and `make test` are all the set-up a fresh machine needs:
# each creates .venv and installs redline into it when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FIX := fixtures

.PHONY: demo test lint bench fixtures clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== redline check $(FIX)/appendix-r-v6.18.docx"
	@# exit 1 is what check is for here: 6.18 carries the planted wrong totals of fixtures/CHANGES.md
	@$(VENV)/bin/redline check $(FIX)/appendix-r-v6.18.docx || echo "(exit $$?: 6.18 states footer figures its rows do not give)"
	@echo
	@echo "== redline check $(FIX)/appendix-r-v6.19.docx"
	@$(VENV)/bin/redline check $(FIX)/appendix-r-v6.19.docx
	@echo
	@echo "== redline diff $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx"
	@$(VENV)/bin/redline diff $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx
	@echo
	@echo "== redline annex $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx"
	@mkdir -p out
	@for o in out/annex-6.18-6.19.docx out/annex-6.18-6.19.html; do \
	  $(VENV)/bin/redline annex $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx --mp MP089 -o $$o || exit 1; done
	@$(VENV)/bin/redline annex $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx --mp MP089 --tracked \
	  -o out/annex-6.18-6.19-tracked.docx
	@$(VENV)/bin/redline annex $(FIX)/appendix-r-v6.18.docx $(FIX)/appendix-r-v6.19.docx --mp MP089 \
	  -o out/annex-6.18-6.19.pdf || echo "(PDF needs LibreOffice: apt install libreoffice-writer-nogui)"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check $(wildcard redline tests bench fixtures)
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/speed_table.py --run
	$(PY) bench/bench_memory.py
	$(PY) bench/bench_annex.py

fixtures: $(STAMP)
	$(PY) fixtures/build_fixtures.py
	$(PY) fixtures/annexes/build_annexes.py  # --pdf also renders both PDF forms (LibreOffice, word-style-pdf)
	$(PY) fixtures/build_sec.py
	$(PY) fixtures/handtyped_sec_annex.py
	@if command -v soffice >/dev/null 2>&1; then $(PY) fixtures/make_pdfs.py; \
	$(PY) fixtures/make_pdfs.py $(FIX)/sec/6.18/section-a.docx $(FIX)/sec/6.18/section-h.docx \
	  $(FIX)/sec/6.19/section-a.docx $(FIX)/sec/6.19/section-h.docx $(FIX)/sec/annex-mp999-handtyped.docx; \
	else echo "soffice not found: fixture PDFs not rebuilt"; fi

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
