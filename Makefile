# Tessera — the two commands a newcomer needs are `make demo` and `make test`.
# Every target installs what is missing first (make setup), so a fresh Debian machine needs nothing else.

SWIFT        ?= swift
SWIFT_FLAGS  ?=
BIN          := .build/debug/tessera
DEMO_DIR     ?= $(CURDIR)/.build/demo

.PHONY: setup build release test demo bench bench-smoke format lint clean openapi

## setup: the Debian packages the build links (SQLite), DuckDB 2.0.0 (system libduckdb or the pinned PyPI wheel) into .deps/, and the web UI's browser tests (Debian's chromium and chromium-driver, Selenium in .deps/web-venv)
setup:
	@scripts/setup-system.sh
	@scripts/setup-duckdb.sh
	@scripts/setup-web-test.sh

## build: debug build of the tessera binary
build: setup
	$(SWIFT) build $(SWIFT_FLAGS)

## release: optimized build (used by the benchmarks)
release: setup
	$(SWIFT) build -c release $(SWIFT_FLAGS)

## test: the formatting check, every unit and end-to-end test (with a throwaway PostgreSQL server), then a tiny run of every benchmark
test: lint build
	@scripts/setup-openlineage-validator.sh
	@scripts/setup-api-validators.sh
	@scripts/setup-pg-clients.sh
	@scripts/setup-web-test.sh
	scripts/postgres-test-cluster.sh run -- $(SWIFT) test $(SWIFT_FLAGS)
	@$(MAKE) --no-print-directory bench-smoke

## demo: build, then `tessera demo`: a four-domain sample mesh with ~1M generated orders, run over two days, and a tour of what to try next
demo: build
	@$(BIN) demo "$(DEMO_DIR)" --force

## bench: the benchmarks at full size (see docs/performance.md); e.g. BENCH_ARGS="--reps 3 -w W3"
bench: release
	@Benchmarks/run.sh $(BENCH_ARGS)

## bench-smoke: every benchmark at a tiny size, so that none silently breaks
bench-smoke: release
	@Benchmarks/run.sh --smoke

# The Swift files the formatter owns (.swift-format: 4 spaces, 120 columns, layout only).
SWIFT_FILES := Package.swift Sources Tests Benchmarks/decode/Sources Benchmarks/w4-catalog/Sources Benchmarks/w4b-lineage/Sources Benchmarks/w9-web/Sources

## format: lay out every Swift file as .swift-format says
format:
	$(SWIFT) format --in-place --recursive --configuration .swift-format $(SWIFT_FILES)

## lint: fail when a Swift file is not laid out as `make format` would (part of `make test`)
lint:
	@$(SWIFT) format lint --strict --recursive --configuration .swift-format $(SWIFT_FILES) \
		|| { echo "lint: run 'make format' and commit the result" >&2; exit 1; }

## openapi: after editing docs/api/openapi.json, embed it in the server (Sources/TesseraServer/OpenAPIDocument.swift)
openapi:
	@scripts/embed-openapi.sh

clean:
	rm -rf .build

.PHONY: bi-check
## bi-check: Apache Superset (pinned, from PyPI into .deps/superset-venv) against `tessera serve --pg-port`: add the database, SQL Lab, a dataset and charts, each result checked (not part of `make test`: downloads a few hundred MB the first time; about 2–3 minutes)
bi-check: build
	@scripts/bi-check.sh $(BIN)
