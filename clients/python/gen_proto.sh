#!/usr/bin/env bash
# Regenerates the Python message classes of proto/metarena/v1/metarena.proto into
# clients/python/metarena/_proto/metarena_pb2.py (or into the directory given as $1).
# Uses protoc >= 3.20 (Debian's protobuf-compiler 3.21): its output runs on protobuf 3.20 and on
# current releases alike. No gRPC stubs are generated; the client opens the stream by method path.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/clients/python/metarena/_proto}"
command -v protoc >/dev/null || { echo "protoc not found: apt-get install -y protobuf-compiler" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
protoc -I "$root/proto" --python_out="$tmp" "$root/proto/metarena/v1/metarena.proto"
mkdir -p "$out"
cp "$tmp/metarena/v1/metarena_pb2.py" "$out/metarena_pb2.py"
