#!/usr/bin/env bash
# Rebuilds every cartridge from source. Installs the toolchains from Debian if they are missing:
#   rustc + libstd-rust-dev-wasm32 (Rust -> wasm32-unknown-unknown), clang + lld (C -> wasm32), wabt (wat2wasm),
#   binaryen (wasm-opt, which clang runs after linking).
set -euo pipefail
cd "$(dirname "$0")"
RUSTC=/usr/bin/rustc
need=()
[ -x "$RUSTC" ] || need+=(rustc)
[ -d /usr/lib/rustlib/wasm32-unknown-unknown ] || need+=(libstd-rust-dev-wasm32)
command -v clang >/dev/null || need+=(clang)
command -v wasm-ld >/dev/null || need+=(lld)
command -v wat2wasm >/dev/null || need+=(wabt)
# clang runs wasm-opt on what it links whenever one is on the PATH: install it so every build is the same.
command -v wasm-opt >/dev/null || need+=(binaryen)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Rust carts: one file each, no external crates. The name section stays (trap backtraces), DWARF goes.
for src in rocket/rocket.rs; do
  out="$(basename "$(dirname "$src")").wasm"
  "$RUSTC" --edition 2018 --target wasm32-unknown-unknown --crate-type cdylib \
    -C opt-level=2 -C panic=abort -C lto -C strip=debuginfo "$src" -o "$out"
  echo "built $out ($(stat -c %s "$out") bytes)"
done

# C carts: no libc; the termcade ABI's functions are imported, memory exported.
for src in snake/snake.c; do
  out="$(basename "$(dirname "$src")").wasm"
  clang --target=wasm32 -O2 -nostdlib -fno-builtin -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--export-dynamic -Wl,--allow-undefined -Wl,--strip-debug \
    -o "$out" "$src"
  echo "built $out ($(stat -c %s "$out") bytes)"
done
# The same snake with wasm SIMD enabled (clang vectorises what it can), so the carts' tests run SIMD code too.
clang --target=wasm32 -O3 -msimd128 -nostdlib -fno-builtin -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--export-dynamic -Wl,--allow-undefined -Wl,--strip-debug -o snake-simd.wasm snake/snake.c
echo "built snake-simd.wasm ($(stat -c %s snake-simd.wasm) bytes)"

# WASM-4 carts (include/wasm4.h, include/wasm4.rs). Linked as WASM-4's own templates link them: memory is
# imported as env.memory (exactly one 64 KiB page), and a 8 KiB stack sits between the framebuffer (which
# ends at 6560) and the cart's data at 14752, so the stack never runs into the console's registers.
WASM4_LINK=(--import-memory --initial-memory=65536 --max-memory=65536 -zstack-size=14752 --stack-first)
for src in spritelab/spritelab.rs; do
  out="$(basename "$(dirname "$src")").wasm"
  "$RUSTC" --edition 2018 --target wasm32-unknown-unknown --crate-type cdylib -D warnings \
    -C opt-level=s -C panic=abort -C lto -C strip=debuginfo \
    $(printf -- '-C link-arg=%s ' "${WASM4_LINK[@]}") "$src" -o "$out"
  echo "built $out ($(stat -c %s "$out") bytes)"
done
wasm4_c() { # wasm4_c SOURCE OUTPUT [EXTRA_CFLAGS...]
  local src="$1" out="$2"
  shift 2
  clang --target=wasm32 -Oz -nostdlib -mbulk-memory -Wall -Wextra -Werror "$@" \
    -Wl,--no-entry,--strip-debug$(printf ',%s' "${WASM4_LINK[@]}") -o "$out" "$src"
  echo "built $out ($(stat -c %s "$out") bytes)"
}
wasm4_c pong/pong.c pong.wasm
# Built with 128-bit SIMD: a test cart for the engine's SIMD support.
wasm4_c plasma/plasma.c plasma.wasm -msimd128
