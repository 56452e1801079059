#!/usr/bin/env bash
# Rebuilds the test modules from their .wat sources (needs wabt: apt-get install wabt).
set -euo pipefail
cd "$(dirname "$0")"
for f in *.wat; do wat2wasm --debug-names "$f" -o "${f%.wat}.wasm"; done
