#!/usr/bin/env bash
# Rebuilds every bundled tool module, byte for byte reproducibly, into OUT_DIR
# (default: guests/dist). Needs clang 14, lld, wasi-libc and wabt (see verify.sh).
#   bash guests/build.sh [OUT_DIR]
set -euo pipefail
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/dist}
mkdir -p "$out/examples"
out=$(cd "$out" && pwd)
cd "$here"

# C modules: one directory each, built from its *.c plus common/*.c.
modules=(http_fetch json_query text_stats)

# Fixed flags. No -g and --strip-debug: no DWARF, so no paths or build ids; the name
# section stays (function names in the host's trap backtraces cost a few KiB).
# No SIMD (Endive's compiler has none): -mno-simd128, and checked below.
cflags=(--target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -mno-simd128
        -Wall -Wextra -Wno-unused-parameter -Werror
        "-ffile-prefix-map=$here/=" "-fdebug-prefix-map=$here/=")
ldflags=(-Wl,--strip-debug -Wl,-z,stack-size=1048576)

for m in "${modules[@]}"; do
  srcs=$(ls common/*.c "$m"/*.c | sort)
  # shellcheck disable=SC2086
  clang "${cflags[@]}" $srcs "${ldflags[@]}" -o "$out/$m.wasm"
done
# The examples in docs/TOOL-ABI.md (also small fixtures for host tests).
# shellcheck disable=SC2046
clang "${cflags[@]}" $(ls common/*.c examples/greet.c | sort) "${ldflags[@]}" -o "$out/examples/greet.wasm"
wat2wasm hello.wat -o "$out/examples/hello.wasm"
chmod 644 "$out"/*.wasm "$out"/examples/*.wasm

# Every module must validate without SIMD and import only from wasi_snapshot_preview1
# and nacre.
for f in "$out"/*.wasm "$out"/examples/*.wasm; do
  if ! wasm-validate --disable-simd "$f" >/dev/null; then
    echo "build.sh: $f uses an instruction outside the allowed features (SIMD?)" >&2; exit 1
  fi
  bad=$(wasm-objdump -x -j Import "$f" | grep -- '<- ' | grep -v -E '<- (wasi_snapshot_preview1|nacre)\.' || true)
  if [ -n "$bad" ]; then echo "build.sh: $f has a foreign import: $bad" >&2; exit 1; fi
done
