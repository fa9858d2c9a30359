# Casebook: `make run` opens the app, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
FEATURES := --features casebook/custom-protocol
TARGET := $(or $(CARGO_TARGET_DIR),target)
APP := $(TARGET)/debug/casebook

.PHONY: run test bench package package-check bindings lint unit e2e ui-build setup-run setup-test harness memscan deid-report

run: setup-run ui-build
	cargo build --release -p casebook $(FEATURES)
	./target/release/casebook $(ARGS)

test: setup-test ui-build lint unit e2e package-check
	@echo "make test: every check passed"

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

ui-build:
	cd ui && npm run build

lint:
	cargo fmt --all -- --check
	cd ui && npm run check
	cargo clippy --workspace --all-targets $(FEATURES) -- -D warnings

unit:
	cargo test --workspace $(FEATURES)
	cd ui && npm test

e2e:
	cargo build -p casebook $(FEATURES)
	scripts/e2e.sh $(APP)

# Long harness runs: 1000 kills each for R13 (passphrase change), R9 (saves) and R15 (backups and
# restores), 100 for R11.
harness:
	CASEBOOK_KILLS=1000 cargo test -p casebook-core --test passphrase_change_kills --test save_kills --test draft_kills --test backup_kills -- --nocapture

# De-identification: the adversarial corpus (tests/deid/corpus.tsv) through the engine, a line per
# class: probes, secrets, leaked, flagged, over-redacted. `make unit` runs the same check.
deid-report:
	cargo test -p casebook-core --test deid_corpus -- --nocapture --test-threads 1 2>&1 | sed -n '/^De-identification report/,/^ordinary words/p'

# R28: copies of canary text per process of the app while open and 30 s after lock.
memscan: setup-test ui-build
	cargo build -p casebook $(FEATURES)
	CASEBOOK_E2E_TESTS=tests/e2e/memory.test.mjs scripts/e2e.sh $(APP)

bench: setup-test ui-build
	cargo bench -p casebook-core --bench notebook
	cargo bench -p casebook-core --bench scale
	cargo bench -p casebook-core --bench search
	cargo bench -p casebook-core --bench backup
	cargo bench -p casebook-pdf --bench export
	cargo build --release -p casebook -p casebook-hello $(FEATURES),casebook-hello/custom-protocol
	CASEBOOK_BENCH_NOTEBOOK="$$(cat $(TARGET)/tmp/scale-notebook.path)" CASEBOOK_BENCH_HELLO="$$(realpath $(TARGET)/release/casebook-hello)" \
	  CASEBOOK_E2E_TESTS=tests/e2e/bench/window.bench.mjs scripts/e2e.sh $(TARGET)/release/casebook | grep -E '^# bench:' | sed 's/^# //'
	@echo "bench: release binary size (casebook-app): $$(stat -c %s $(TARGET)/release/casebook-app) bytes ($$(du -h $(TARGET)/release/casebook-app | cut -f1)), target at most 25 MB stripped"
	@echo "bench: launcher size (casebook): $$(stat -c %s $(TARGET)/release/casebook) bytes ($$(du -h $(TARGET)/release/casebook | cut -f1))"
	@for deb in $(TARGET)/release/bundle/deb/*.deb; do [ -e "$$deb" ] && echo "bench: .deb size: $$(stat -c %s "$$deb") bytes ($$(du -h "$$deb" | cut -f1))"; done; true

# Release packages (.deb and .rpm, offline; no AppImage: its bundler downloads) under
# target/release/bundle/.
package: setup-run
	scripts/package.sh

# The .deb unpacked into a scratch root: its files are there and its binary shows the lock screen.
package-check: setup-test
	scripts/package.sh
	scripts/package-test.sh

# Rewrites ui/src/ipc/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 cargo test -p casebook-core --test bindings
