#!/usr/bin/env bash
# Coverage-guided fuzzing of decode + validate + translate + instantiate + calls, on both engine tiers (which must
# agree on every outcome), with Jazzer's command line.
#   src/tools/fuzz.sh [SECONDS]      (default 60; e.g. 1800 for a 30-minute run)
# Seeds: the committed regression corpus, the carts, and (if present) every module of ../shared/wasm-spec.
# New interesting inputs go to target/fuzz-corpus; crashes are written to target/fuzz-findings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_TO_RUN="${1:-60}"
cd "$ROOT"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >/dev/null
SEEDS="target/fuzz-seeds"
mkdir -p target/fuzz-corpus target/fuzz-findings "$SEEDS"
cp src/test/resources/dev/termcade/fuzz/ModuleFuzzTestInputs/anyBytesLoadOrAreRejectedCleanly/* "$SEEDS"/
cp carts/*.wasm "$SEEDS"/
SPEC="$ROOT/../shared/wasm-spec/json"
if [ -d "$SPEC" ]; then
  # Modules small enough to mutate quickly, SIMD ones included.
  # (Listed to a file first: "find | head" would end find with SIGPIPE, which pipefail turns into a failure.)
  find "$SPEC" -name '*.wasm' -size -16k | sort > target/fuzz-spec-modules.txt
  while read -r f; do cp "$f" "$SEEDS/$(echo "$f" | md5sum | cut -c1-12).wasm"; done < target/fuzz-spec-modules.txt
fi
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/fuzz.classpath)" com.code_intelligence.jazzer.Jazzer \
  --target_class=dev.termcade.fuzz.ModuleFuzzTest --instrumentation_includes='dev.termcade.**' \
  -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=3000 -artifact_prefix=target/fuzz-findings/ \
  target/fuzz-corpus "$SEEDS"
