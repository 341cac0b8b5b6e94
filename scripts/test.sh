#!/usr/bin/env bash
# Runs every test suite (TypeScript and Python) and ends with one line: "N passed, N failed".
# Installs the Debian packages the Python client's tests need when they are missing.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
python3 -c 'import grpc' 2>/dev/null || need+=(python3-grpcio)
python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
python3 -c 'import google.protobuf' 2>/dev/null || need+=(python3-protobuf)
python3 -c 'import pytest' 2>/dev/null || need+=(python3-pytest)
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
if [ -d clients/python/tests ]; then
  # /usr/bin/python3 is Debian's, where apt installs grpcio, numpy and protobuf
  PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
  out=$(cd clients/python && "$PY" -m pytest -q tests 2>&1); py_status=$?
  echo "$out"
  py_pass=$(echo "$out" | grep -oE '[0-9]+ passed' | tail -1 | grep -oE '[0-9]+' || echo 0)
  py_fail=$(echo "$out" | grep -oE "[0-9]+ (failed|error)" | grep -oE "[0-9]+" | awk "{s+=\$1} END {print s+0}")
  [ -z "$py_fail" ] && py_fail=0
  if [ "$py_status" -ne 0 ] && [ "$py_fail" = 0 ]; then py_fail=1; fi
fi

pass=$((ts_pass + py_pass)); fail=$((ts_fail + py_fail))
[ "$ts_status" -ne 0 ] && [ "$ts_fail" = 0 ] && fail=$((fail + 1))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
