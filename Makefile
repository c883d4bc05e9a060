# Tessera — the two commands a newcomer needs are `make demo` and `make test`.
# Every target installs what is missing first (make setup), so a fresh Debian machine needs nothing else.

SWIFT        ?= swift
SWIFT_FLAGS  ?=
BIN          := .build/debug/tessera
DEMO_DIR     ?= $(CURDIR)/.build/demo

.PHONY: setup build release test demo bench bench-smoke clean

## setup: the Debian packages the build links (SQLite), and DuckDB 2.0.0 (system libduckdb or the pinned PyPI wheel) into .deps/
setup:
	@scripts/setup-system.sh
	@scripts/setup-duckdb.sh

## build: debug build of the tessera binary
build: setup
	$(SWIFT) build $(SWIFT_FLAGS)

## release: optimized build (used by the benchmarks)
release: setup
	$(SWIFT) build -c release $(SWIFT_FLAGS)

## test: every unit and end-to-end test (with a throwaway PostgreSQL server), then a tiny run of every benchmark
test: build
	@scripts/setup-openlineage-validator.sh
	scripts/postgres-test-cluster.sh run -- $(SWIFT) test $(SWIFT_FLAGS)
	@$(MAKE) --no-print-directory bench-smoke

## demo: scaffold a mesh with `tessera init` into .build/demo, validate it, plan and run it
demo: build
	@rm -rf "$(DEMO_DIR)"
	@$(BIN) init "$(DEMO_DIR)"
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) validate
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) plan
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) run
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) check
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) query "select * from sales.daily_revenue order by order_date limit 5"
	@cd "$(DEMO_DIR)" && $(CURDIR)/$(BIN) runs
	@echo
	@echo "The full multi-domain demo (tessera demo) is coming; for now this is the project 'tessera init' writes: validated, planned, run (loaded, built, checked, published), checked again and queried."
	@echo "Look around: ls $(DEMO_DIR)   and try:   $(BIN) plan --project $(DEMO_DIR) --verbose   or   $(BIN) runs show --project $(DEMO_DIR) <run id>"

## bench: the benchmarks at full size (see docs/performance.md)
bench: release
	@Benchmarks/run.sh

## bench-smoke: every benchmark at a tiny size, so that none silently breaks
bench-smoke: release
	@Benchmarks/run.sh --smoke

clean:
	rm -rf .build
