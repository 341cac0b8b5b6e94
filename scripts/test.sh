#!/usr/bin/env bash
# Runs every test suite (TypeScript and Python) and ends with one line: "N passed, N failed".
# Installs the Debian packages the Python client's tests need when they are missing, checking
# them with the Python that runs the tests.
#
# The Python tests run once as they are (gymnasium and SB3 only if installed), and, when the
# real-library sources are present ($METARENA_PEERS, default ../shared/peers from the project
# root), once with Gymnasium 1.0.0 + Stable-Baselines3 2.4.1 and once with Gymnasium 1.3.0 on
# PYTHONPATH. A library there that does not import counts as a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

# /usr/bin/python3 is Debian's, where apt installs grpcio, numpy and protobuf
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
PEERS="${METARENA_PEERS:-../shared/peers}"
GYM_OLD="$PEERS/gymnasium-1.0.0"; GYM_NEW="$PEERS/gymnasium-1.3.0"; SB3="$PEERS/stable-baselines3-2.4.1"

need=()
has() { "$PY" -c "import $1" 2>/dev/null; }
has grpc || need+=(python3-grpcio)
has numpy || need+=(python3-numpy)
has google.protobuf || need+=(python3-protobuf)
has pytest || need+=(python3-pytest)
if [ -d "$GYM_OLD" ] || [ -d "$GYM_NEW" ]; then
  has cloudpickle || need+=(python3-cloudpickle)
  has typing_extensions || need+=(python3-typing-extensions)
fi
if [ -d "$SB3" ]; then
  has torch || need+=(python3-torch)
  has pandas || need+=(python3-pandas)
  has matplotlib || need+=(python3-matplotlib)
fi
command -v protoc >/dev/null || need+=(protobuf-compiler)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

report=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
ts_status=$?
read -r ts_pass ts_fail < <(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(r.numPassedTests, r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0));
' "$report" 2>/dev/null || echo "0 1")
rm -f "$report"

py_pass=0; py_fail=0
# pytest_pass LABEL PATHS MODULES: one run of the Python tests with PATHS (colon-separated, may
# be empty) before PYTHONPATH; MODULES must import with them, else the run counts as failed.
pytest_pass() {
  local label=$1 paths=$2 modules=$3 out status passed failed pythonpath
  pythonpath="${paths}${PYTHONPATH:+${paths:+:}$PYTHONPATH}"
  echo "python tests: $label"
  if [ -n "$modules" ] && ! PYTHONPATH="$pythonpath" "$PY" -c "import $modules" >/dev/null; then
    echo "  $modules did not import from $paths"
    py_fail=$((py_fail + 1))
    return
  fi
  out=$(cd clients/python && PYTHONPATH="$pythonpath" "$PY" -m pytest -q -p no:cacheprovider tests 2>&1); status=$?
  echo "$out"
  passed=$(echo "$out" | grep -oE '[0-9]+ passed' | tail -1 | grep -oE '[0-9]+' || echo 0)
  failed=$(echo "$out" | tail -1 | grep -oE "[0-9]+ (failed|errors?)" | grep -oE "[0-9]+" | awk '{s+=$1} END {print s+0}')
  [ -z "$passed" ] && passed=0
  [ -z "$failed" ] && failed=0
  if [ "$status" -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  py_pass=$((py_pass + passed)); py_fail=$((py_fail + failed))
}

if [ -d clients/python/tests ]; then
  pytest_pass "as installed" "" ""
  abs() { (cd "$1" && pwd); }
  if [ -d "$GYM_OLD" ] && [ -d "$SB3" ]; then
    pytest_pass "Gymnasium 1.0.0 + Stable-Baselines3 2.4.1 ($PEERS)" "$(abs "$GYM_OLD"):$(abs "$SB3")" "gymnasium, stable_baselines3"
  elif [ -d "$GYM_OLD" ]; then
    pytest_pass "Gymnasium 1.0.0 ($PEERS)" "$(abs "$GYM_OLD")" "gymnasium"
  fi
  if [ -d "$GYM_NEW" ]; then
    pytest_pass "Gymnasium 1.3.0 ($PEERS)" "$(abs "$GYM_NEW")" "gymnasium"
  fi
fi

pass=$((ts_pass + py_pass)); fail=$((ts_fail + py_fail))
[ "$ts_status" -ne 0 ] && [ "$ts_fail" = 0 ] && fail=$((fail + 1))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
