#!/usr/bin/env bash
# The probe carts in src/test/resources/wasm4-probes (listed in probes.txt):
#   probes.sh [NAME...]           rebuild NAME.wasm (wat2wasm, Debian package wabt) and NAME.oracle.bin on WASM-4
#   probes.sh --check [NAME...]   run each probe on Termcade (this checkout, or $TERMCADE) and compare it with
#                                 NAME.oracle.bin; exit 0 only when every game state matches
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(cd "$here/../../test/resources/wasm4-probes" && pwd)"
check=""
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
[ -n "$check" ] || command -v wat2wasm >/dev/null || { echo "error: wat2wasm missing (apt-get install wabt)" >&2; exit 2; }

failed=0
while read -r name frames input snapshots; do
    if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
    input_args=()
    [ "$input" != "-" ] && input_args=(--input "$dir/$input")
    if [ -z "$check" ]; then
        wat2wasm "$dir/$name.wat" -o "$dir/$name.wasm"
        "$here/run.sh" "$dir/$name.wasm" --frames "$frames" "${input_args[@]}" --dump-memory "$dir/$name.oracle.bin"
        echo "$name: $frames frames${input_args[1]:+, input $input} -> $name.oracle.bin"
    else
        compare_args=(--reference "$dir/$name.oracle.bin")
        [ "$snapshots" != "-" ] && compare_args+=(--snapshots "$snapshots")
        [ "$input" != "-" ] && positional_input=("$dir/$input") || positional_input=()
        echo "== $name"
        if ! "$here/../wasm4-compare.sh" "${compare_args[@]}" "$dir/$name.wasm" "$frames" "${positional_input[@]}"; then
            failed=$((failed + 1))
        fi
    fi
done < <(grep -v '^\s*\(#\|$\)' "$dir/probes.txt")
[ -z "$check" ] || { echo "probes: $failed with differing game state"; [ "$failed" -eq 0 ]; }
