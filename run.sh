#!/usr/bin/env bash
# Plays the rocket game (no arguments) or runs any termcade command: ./run.sh --help
# Builds the jar first when it is missing or older than the sources.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HOME_DIR/target/termcade.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$HOME_DIR/src/main" "$HOME_DIR/carts/include" "$HOME_DIR/src/tools/gen_ops.py" "$HOME_DIR/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  command -v mvn >/dev/null || { echo "run.sh: Maven (mvn) is needed to build termcade; install it (e.g. apt-get install maven)" >&2; exit 1; }
  echo "building termcade…" >&2
  LOG="$(mktemp)"
  if ! mvn -q -B -f "$HOME_DIR/pom.xml" -DskipTests package >"$LOG" 2>&1; then
    cat "$LOG" >&2
    rm -f "$LOG"
    echo "run.sh: build failed" >&2
    exit 1
  fi
  rm -f "$LOG"
fi
if [ "${1:-}" = bench ]; then
  # The benchmark compares against Chicory, a test-scope dependency: run it from the test classpath.
  shift
  echo "building the benchmark…" >&2
  mvn -q -B -f "$HOME_DIR/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
  exec java ${TERMCADE_JAVA_OPTS:-} -Dtermcade.home="$HOME_DIR" \
    -cp "$HOME_DIR/target/classes:$HOME_DIR/target/test-classes:$(cat "$HOME_DIR/target/bench.classpath")" dev.termcade.bench.Bench "$@"
fi
exec java ${TERMCADE_JAVA_OPTS:-} -Dtermcade.home="$HOME_DIR" -jar "$JAR" "$@"
