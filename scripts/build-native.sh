#!/usr/bin/env bash
# Builds native/build/blas.node (native/blas.c: OpenBLAS matrix products for the wasm backend;
# native/gru.c: the GRU loops on them)
# when a C compiler, Node's N-API headers, OpenBLAS's cblas.h and libopenblas are present. Run by
# `npm install`/`npm ci` (the root postinstall). It never fails the install: without them it
# prints one line and exits 0, and the wasm backend computes matrix products itself.
# CC picks the compiler (default cc).
cd "$(dirname "$0")/.." || exit 0
out=native/build/blas.node
cc="${CC:-cc}"
skip() {
  echo "metarena: native BLAS not built ($1); matrix products run on the wasm backend"
  exit 0
}
# Node's headers: next to the node binary (official builds) or the distribution's include dir
prefix="$(dirname "$(dirname "$(command -v node)")")"
include=""
for dir in "$prefix/include/node" /usr/include/node /usr/local/include/node; do
  [ -f "$dir/node_api.h" ] && include="$dir" && break
done
[ -n "$include" ] || skip "node_api.h not found"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc)"
"$cc" --version >/dev/null 2>&1 || skip "the C compiler $cc does not run"
echo '#include <cblas.h>' | "$cc" -E -x c - >/dev/null 2>&1 || skip "cblas.h not found: install libopenblas-dev"
mkdir -p native/build || skip "cannot create native/build"
tmp="$out.$$"
if log="$("$cc" -O2 -ffp-contract=off -shared -fPIC -I"$include" -DNODE_GYP_MODULE_NAME=blas native/blas.c native/gru.c -o "$tmp" -lopenblas -lm 2>&1)"; then
  mv -f "$tmp" "$out"
  echo "metarena: built $out (OpenBLAS matrix products)"
else
  rm -f "$tmp"
  skip "compile failed: $(printf '%s' "$log" | head -n 1)"
fi
exit 0
