#!/usr/bin/env bash
# Decode benchmark: read N rows × (BIGINT, DOUBLE, VARCHAR, TIMESTAMP) out of DuckDB
#   - as rows of values:   Swift DuckDBValue rows   vs  Python fetchall()
#   - as typed columns:    Swift TypedColumn arrays vs  Python fetchnumpy()
# Each side runs as a whole process, alternating, one warm-up then 3 timed repetitions; prints
# medians, min–max, peak memory and the two Swift/Python ratios against the targets (materialize ≤ 1×,
# typed columns ≤ 2×). Exits non-zero only if a run crashed or read the wrong row count.
#
# usage: Benchmarks/decode/run.sh [--smoke]     (expects `swift build -c release` done)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

rows=10000000 repetitions=3 warmups=1
if [[ "${1:-}" == "--smoke" ]]; then rows=100000 repetitions=1 warmups=0; fi

bin="$root/.build/release/decode-bench"
if [[ ! -x "$bin" ]]; then
  echo "decode: $bin is missing; run 'swift build -c release' first" >&2
  exit 1
fi

# The Python peer: DuckDB's own Python API, same version as the library Swift links.
venv="$root/Benchmarks/.venv"
if ! "$venv/bin/python" -c 'import duckdb, numpy, sys; sys.exit(duckdb.__version__ != "2.0.0")' 2>/dev/null; then
  echo "decode: setting up $venv (duckdb==2.0.0, numpy)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb==2.0.0 numpy
fi
python="$venv/bin/python"

sides=(swift-materialize python-fetchall swift-columns python-fetchnumpy swift-scan)
command_for() {
  case "$1" in
    swift-materialize) echo "$bin materialize $rows" ;;
    swift-columns) echo "$bin columns $rows" ;;
    swift-scan) echo "$bin scan $rows" ;;
    python-fetchall) echo "$python $here/decode.py fetchall $rows" ;;
    python-fetchnumpy) echo "$python $here/decode.py fetchnumpy $rows" ;;
  esac
}

results="$(mktemp)"
trap 'rm -f "$results" "$results.out"' EXIT
failed=0
total=$((warmups + repetitions))
echo "decode: $rows rows, $warmups warm-up + $repetitions timed run(s) per side, alternating"
for ((run = 1; run <= total; run++)); do
  for side in "${sides[@]}"; do
    # shellcheck disable=SC2046
    start=$(date +%s%N)
    if /usr/bin/time -f "%M" -o "$results.out" $(command_for "$side") > "$results.log" 2>&1; then
      end=$(date +%s%N)
      if ((run > warmups)); then
        echo "$side $(( (end - start) / 1000000 )) $(tail -1 "$results.out")" >> "$results"
      fi
    else
      echo "decode: $side failed:" >&2
      cat "$results.log" >&2
      failed=1
    fi
  done
done
rm -f "$results.log"

"$python" - "$results" "$rows" <<'PY'
import statistics
import sys

path, rows = sys.argv[1], int(sys.argv[2])
times, memory = {}, {}
for line in open(path):
    side, ms, kb = line.split()
    times.setdefault(side, []).append(int(ms) / 1000)
    memory.setdefault(side, []).append(int(kb) / 1024)

print(f"{'side':<20}{'median s':>10}{'min–max s':>16}{'peak MB':>10}")
for side in ["swift-materialize", "python-fetchall", "swift-columns", "python-fetchnumpy", "swift-scan"]:
    if side not in times:
        print(f"{side:<20}{'failed':>10}")
        continue
    t = times[side]
    print(f"{side:<20}{statistics.median(t):>10.2f}{min(t):>8.2f}–{max(t):<7.2f}{statistics.median(memory[side]):>10.0f}")

def ratio(swift, python, target, label):
    if swift not in times or python not in times:
        print(f"{label}: not measured")
        return
    value = statistics.median(times[swift]) / statistics.median(times[python])
    verdict = "PASS" if value <= target else "FAIL"
    print(f"{label}: Swift/Python = {value:.2f} (target ≤ {target:g}) {verdict}")

print("(swift-scan only fetches the chunks, decoding nothing: DuckDB's own execution and streaming, for reference)")
ratio("swift-materialize", "python-fetchall", 1.0, "materialize vs fetchall   ")
ratio("swift-columns", "python-fetchnumpy", 2.0, "typed columns vs fetchnumpy")
PY
exit $failed
