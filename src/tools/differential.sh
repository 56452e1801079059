#!/usr/bin/env bash
# Differential check: random valid modules from binaryen (wasm-opt -ttf) run in Termcade and in V8 (Node.js);
# the transcripts (import calls with exact values, results as bits, traps) must be identical. Modules use SIMD
# (binaryen's --enable-simd; Node 20's V8 runs it) besides the other WebAssembly 2.0 features the engine has.
# Termcade runs them on both engine tiers (--tier interp and jit), each checked against V8.
#   src/tools/differential.sh [COUNT] [FIRST_SEED]      (default 40 seeds from 1)
# Needs wasm-opt (apt-get install binaryen) and node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COUNT="${1:-40}"
FIRST="${2:-1}"
cd "$ROOT"
command -v wasm-opt >/dev/null || { echo "differential: wasm-opt missing (apt-get install binaryen)" >&2; exit 1; }
command -v node >/dev/null || { echo "differential: node missing" >&2; exit 1; }
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >/dev/null
DIR="target/differential"
rm -rf "$DIR" && mkdir -p "$DIR"
FEATURES="--enable-simd --disable-gc --disable-exception-handling --disable-tail-call --disable-memory64 --disable-threads --disable-typed-function-references --disable-relaxed-simd --disable-extended-const --enable-bulk-memory --disable-reference-types --enable-multivalue --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals"
files=()
for ((s = FIRST; s < FIRST + COUNT; s++)); do
  python3 -c "import random,sys; r=random.Random($s); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(6000)))" > "$DIR/seed$s.bin"
  wasm-opt -ttf "$DIR/seed$s.bin" $FEATURES -o "$DIR/seed$s.wasm" 2>/dev/null
  files+=("$DIR/seed$s.wasm")
done
node --stack-size=4000 src/tools/diff_v8.js "${files[@]}" > "$DIR/v8.txt"
# Both engine tiers: the interpreter alone, and every function compiled to JVM bytecode on its first call.
for TIER in interp jit; do
  java -Xss8m -Dtermcade.tier=$TIER -cp "target/classes:target/test-classes:$(cat target/fuzz.classpath)" dev.termcade.fuzz.DiffRunner "${files[@]}" > "$DIR/termcade-$TIER.txt"
  if diff -u "$DIR/v8.txt" "$DIR/termcade-$TIER.txt" > "$DIR/diff-$TIER.txt"; then
    echo "differential ($TIER tier): $COUNT modules (seeds $FIRST..$((FIRST + COUNT - 1))), $(grep -c '^call ' "$DIR/v8.txt") calls: 0 mismatches"
  else
    echo "differential ($TIER tier): MISMATCH, see $DIR/diff-$TIER.txt"
    head -40 "$DIR/diff-$TIER.txt"
    exit 1
  fi
done
