#!/usr/bin/env bash
# Rebuilds the test modules from their .wat sources (needs wabt: apt-get install wabt) and the C one (clang, lld).
set -euo pipefail
cd "$(dirname "$0")"
for f in *.wat; do wat2wasm --debug-names "$f" -o "${f%.wat}.wasm"; done
for simd in simd scalar; do
  clang --target=wasm32 -O3 $([ "$simd" = simd ] && echo -msimd128) -nostdlib -Wl,--no-entry -o "clang_$simd.wasm" clang_simd.c
done
