# The README's two commands: `make run` (set up, then start the app on its default corpus)
# and `make test` (set up, then run the whole test suite). Everything else is a step of those.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
# llama.cpp's native build crashes in the AMX path on some CPUs: build portable AVX2 code.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

.PHONY: run test install install-llm install-browser lint eval bench

run: install install-llm
	$(BIN)/python app.py

test: install install-llm install-browser
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned: a bare requirement would pull a multi-GB CUDA build.
install: $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'

install-llm: install
	$(BIN)/python -c "import llama_cpp" 2>/dev/null || \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet 'llama-cpp-python==0.3.36'
	$(BIN)/python -m assistant install-llm

install-browser: install
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

eval: install
	$(BIN)/python evalsets/build_bilingual_corpus.py --out /tmp/kabar-bilingual-corpus.jsonl
	$(BIN)/python -m assistant.eval --corpus ../shared/data/seed --corpus /tmp/kabar-bilingual-corpus.jsonl \
		--questions evalsets/bilingual_dev.jsonl --store /tmp/kabar-eval-store --answer
