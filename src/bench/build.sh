#!/usr/bin/env bash
# Builds the benchmark workloads: C -> wasm32 with clang (committed), and a large generated module for load time
# (committed gzipped as wasm/large.wasm.gz).
# Needs clang, lld and python3 (apt-get install clang lld).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p wasm
for src in c/*.c; do
  name="$(basename "$src" .c)"
  extra=""
  [ "$name" = bulk ] && extra="-mbulk-memory"
  clang --target=wasm32 -O2 -nostdlib -fno-builtin $extra -Wl,--no-entry -Wl,--export=run -Wl,--strip-debug \
    -Wl,-z,stack-size=1048576 -o "wasm/$name.wasm" "$src"
done
python3 gen_large.py > /tmp/termcade_large.c
clang --target=wasm32 -O1 -nostdlib -fno-builtin -Wl,--no-entry -Wl,--export-all -Wl,--strip-debug -o /tmp/termcade_large.wasm /tmp/termcade_large.c
# Committed compressed: 2.4 MB of wasm is 0.35 MB gzipped.
gzip -9 -n -c /tmp/termcade_large.wasm > wasm/large.wasm.gz
ls -la wasm
