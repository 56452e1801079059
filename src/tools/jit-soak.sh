#!/usr/bin/env bash
# Metaspace soak of the JIT tier (issue 16): simulated players load a cart, play it headless and drop it, for a
# while; prints metaspace, class space and loaded classes every --every seconds (see JitSoak for the options).
#   src/tools/jit-soak.sh [--players 20] [--seconds 600] [--frames 600] [--tier jit] [--fps 0] [--shared]
# JAVA_OPTS adds JVM flags, e.g. JAVA_OPTS=-XX:NativeMemoryTracking=summary to follow with
# `jcmd PID VM.native_memory summary.diff` (the first line printed gives the PID).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$HOME_DIR"
mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test >/dev/null
exec java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/soak.classpath)" dev.termcade.console.JitSoak "$@"
