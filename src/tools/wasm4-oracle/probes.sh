#!/usr/bin/env bash
# Rebuilds the probe carts (wat2wasm, Debian package wabt) and their WASM-4 reference dumps, as listed in
# src/test/resources/wasm4-probes/probes.txt. Usage: probes.sh [NAME...] (default: every probe).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(cd "$here/../../test/resources/wasm4-probes" && pwd)"
command -v wat2wasm >/dev/null || { echo "error: wat2wasm missing (apt-get install wabt)" >&2; exit 2; }

grep -v '^\s*\(#\|$\)' "$dir/probes.txt" | while read -r name frames input; do
    if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
    wat2wasm "$dir/$name.wat" -o "$dir/$name.wasm"
    args=("$dir/$name.wasm" --frames "$frames" --dump-memory "$dir/$name.oracle.bin")
    [ -n "${input:-}" ] && args+=(--input "$dir/$input")
    "$here/run.sh" "${args[@]}"
    echo "$name: $frames frames${input:+, input $input} -> $name.oracle.bin"
done
