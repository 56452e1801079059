#!/bin/sh
# Builds {{name}}.wasm from {{name}}.c with clang and lld (Debian: apt-get install clang lld).
# -mbulk-memory turns struct copies and zeroing loops into memory.copy/memory.fill instead of calls to a
# memset the cart does not have; without --allow-undefined a stray import is a link error that names it.
set -e
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -mbulk-memory -Wall -Wextra -Wl,--no-entry -o {{name}}.wasm {{name}}.c
echo "built {{name}}.wasm"
