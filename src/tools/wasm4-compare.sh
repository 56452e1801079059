#!/usr/bin/env bash
# Runs a WASM-4 cart on WASM-4's own runtime (the oracle, src/tools/wasm4-oracle) and on Termcade with the same
# frames and input, and compares the two 64 KiB memories: game state (everything outside the framebuffer) byte by
# byte, the framebuffer pixel by pixel. Exit 0 only when the game state is identical; 1 when it differs; 2 on
# usage errors or when a run fails.
#
#   wasm4-compare.sh [OPTIONS] CART.wasm FRAMES [INPUT]
#   wasm4-compare.sh --oracle-only OUT.bin [OPTIONS] CART.wasm FRAMES [INPUT]    (reference dump only)
#
# Options: --reference REF.bin  compare against this dump instead of running the oracle
#          --order native|web   the oracle's start/first-frame order (default native; see wasm4-oracle/README.md)
#          --bundle developer   WASM-4's developer runtime build, which also runs carts over 64 KiB
#          --disk FILE          both start with this saved disk (Termcade gets a copy, so the file never changes)
#          --snapshots ADDR     also show differences in framebuffer copies at ADDR + k*6400 as pixels (probes)
#          --keep DIR           keep both dumps (oracle.bin, termcade.bin) and screenshots in DIR
#          --budget MS          passed to Termcade's play (its per-call time limit; WASM-4 has none)
# Environment: TERMCADE=DIR runs DIR/run.sh (another checkout or build) instead of this checkout's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
termcade="${TERMCADE:-$repo}"

usage() { sed -n '7,8p' "$0" | sed 's/^# *//' >&2; exit 2; }
oracle_only="" reference="" order=native bundle=slim snapshots="" keep="" disk="" budget_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --oracle-only) oracle_only="${2:?}"; shift 2 ;;
        --reference) reference="${2:?}"; shift 2 ;;
        --order) order="${2:?}"; shift 2 ;;
        --bundle) bundle="${2:?}"; shift 2 ;;
        --snapshots) snapshots="${2:?}"; shift 2 ;;
        --disk) disk="${2:?}"; shift 2 ;;
        --keep) keep="${2:?}"; shift 2 ;;
        --budget) budget_args=(--budget "${2:?}"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        -*) echo "error: unknown option $1" >&2; usage ;;
        *) break ;;
    esac
done
[ $# -ge 2 ] && [ $# -le 3 ] || usage
cart="$1" frames="$2" input="${3:-}"
[[ "$frames" =~ ^[0-9]+$ ]] || { echo "error: FRAMES must be a whole number, got '$frames'" >&2; exit 2; }
[ -f "$cart" ] || { echo "error: $cart: no such file" >&2; exit 2; }
[ -z "$input" ] || [ -f "$input" ] || { echo "error: $input: no such file" >&2; exit 2; }
# Termcade runs from its own checkout, so paths must not depend on the current directory.
cart="$(realpath "$cart")"
[ -z "$input" ] || input="$(realpath "$input")"
[ -z "$disk" ] || [ -f "$disk" ] || { echo "error: $disk: no such file" >&2; exit 2; }

work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
work="$(realpath "$work")" # Termcade runs from its own checkout
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
input_args=()
[ -n "$input" ] && input_args=(--input "$input")
oracle_disk=() termcade_disk=()
if [ -n "$disk" ]; then
    cp "$disk" "$work/termcade.disk"
    oracle_disk=(--disk "$disk")
    termcade_disk=(--disk "$work/termcade.disk")
fi

run_oracle() { # OUT.bin [PNG]
    local png_args=()
    [ -n "${2:-}" ] && png_args=(--screenshot "$2")
    if ! "$here/wasm4-oracle/run.sh" "$cart" --frames "$frames" "${input_args[@]}" "${oracle_disk[@]}" --order "$order" --bundle "$bundle" \
            --dump-memory "$1" "${png_args[@]}"; then
        # A cart that crashes on WASM-4 still leaves a dump: compare it, but say so.
        [ -f "$1" ] || { echo "error: the oracle did not produce a memory dump" >&2; exit 2; }
        echo "note: the cart crashed on WASM-4 (above); comparing the memory at the crash" >&2
    fi
}

if [ -n "$oracle_only" ]; then
    run_oracle "$oracle_only"
    echo "reference: $oracle_only ($frames frames${input:+, input $input}, order $order)"
    exit 0
fi

if [ -n "$reference" ]; then
    cp "$reference" "$work/oracle.bin"
else
    run_oracle "$work/oracle.bin" "$work/oracle.png"
fi

if ! (cd "$termcade" && ./run.sh play "$cart" --headless --frames "$frames" "${input_args[@]}" "${termcade_disk[@]}" "${budget_args[@]}" \
        --dump-memory "$work/termcade.bin" --screenshot "$work/termcade.png") > "$work/termcade.out" 2>&1; then
    echo "note: Termcade exited non-zero:" >&2
    tail -n 5 "$work/termcade.out" >&2
fi
[ -s "$work/termcade.bin" ] || { echo "error: Termcade ($termcade) did not write a memory dump" >&2; exit 2; }

echo "cart $cart, $frames frames${input:+, input $input}: reference WASM-4 2.7.1 (order $order), candidate $termcade"
compare_args=("$work/oracle.bin" "$work/termcade.bin")
[ -n "$snapshots" ] && compare_args+=(--snapshots "$snapshots")
status=0
node "$here/wasm4-oracle/compare.mjs" "${compare_args[@]}" || status=$?
# Termcade's own screenshot must show its own framebuffer in its own palette (informational: not in the status).
if [ -s "$work/termcade.png" ] && [ -d "$repo/target/wasm4-oracle/node_modules/pngjs" ]; then
    cp "$here/wasm4-oracle/check-screenshot.mjs" "$repo/target/wasm4-oracle/"
    node "$repo/target/wasm4-oracle/check-screenshot.mjs" "$work/termcade.bin" "$work/termcade.png" || true
fi
exit "$status"
