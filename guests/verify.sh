#!/usr/bin/env bash
# Checks that guests/dist/ holds exactly what the sources build, then runs the module
# tests. Installs the toolchain first if it is missing (Debian 12, as root).
#   bash guests/verify.sh
# To update dist/ after changing a source: bash guests/build.sh, then commit dist/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "verify.sh: missing packages: ${missing[*]}; install them as root (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "verify.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash "$here/build.sh" "$out"

status=0
built=$(cd "$out" && find . -type f -name '*.wasm' | sort)
committed=$(cd "$here/dist" 2>/dev/null && find . -type f -name '*.wasm' | sort || true)
for f in $(printf '%s\n%s\n' "$built" "$committed" | sort -u); do
  f=${f#./}
  if [ ! -f "$here/dist/$f" ]; then
    echo "verify.sh: guests/dist/$f is missing (the sources build it)" >&2; status=1
  elif [ ! -f "$out/$f" ]; then
    echo "verify.sh: guests/dist/$f is not built by any source" >&2; status=1
  elif ! cmp -s "$out/$f" "$here/dist/$f"; then
    echo "verify.sh: guests/dist/$f differs from a fresh build ($(cmp "$out/$f" "$here/dist/$f" 2>&1 | head -1))" >&2
    status=1
  fi
done
if [ $status -ne 0 ]; then
  echo "verify.sh: rebuild with 'bash guests/build.sh' and commit guests/dist/ (toolchain: $(clang --version | head -1), wasi-libc $(dpkg-query -W -f='${Version}' wasi-libc), wabt $(wat2wasm --version))" >&2
  exit 1
fi
echo "verify.sh: guests/dist/ matches a fresh build ($(echo "$built" | wc -l) modules)"

node --no-warnings "$here/test/run.mjs" "$here/dist"
