#!/usr/bin/env bash
# Regenerates the static protobufjs code for proto/metarena/v1/*.proto into src/wire/gen/
# (or into the directory given as $1): metarena.js (ES module, encode/decode without reflection)
# and metarena.d.ts (its types). Run as `npm run proto:gen`.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-src/wire/gen}"
mkdir -p "$out"
bin=node_modules/.bin
"$bin/pbjs" -t static-module -w es6 --force-number --no-beautify --no-delimited --no-verify --no-convert \
  --keep-case -o "$out/metarena.js" proto/metarena/v1/*.proto
# Node's ESM resolver needs the extension of protobufjs/minimal; 64-bit integers are read as plain
# numbers whether or not the optional "long" package is installed (exact up to 2^53).
sed -i -E \
  -e 's#from "protobufjs/minimal"#from "protobufjs/minimal.js"#' \
  -e 's#r\.(u?int64)\(\)#$num(r.\1())#g' \
  -e 's#r\.(u?int64s)\((m\.[A-Za-z0-9_]+)\);#$nums(r, "\1", \2);#g' \
  -e 's#^(const \$Reader = .*)$#\1\nconst $num = (v) => (typeof v === "number" ? v : v.toNumber());\nconst $nums = (r, f, a) => { const s = a.length; r[f](a); for (let i = s; i < a.length; i++) a[i] = $num(a[i]); };#' \
  "$out/metarena.js"
"$bin/pbts" --no-comments -o "$out/metarena.d.ts" "$out/metarena.js"
sed -i -e '/^import Long = require("long");$/d' "$out/metarena.d.ts"
