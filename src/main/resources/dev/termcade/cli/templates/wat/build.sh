#!/bin/sh
# Builds {{name}}.wasm from {{name}}.wat with wabt's wat2wasm (Debian: apt-get install wabt).
set -e
cd "$(dirname "$0")"
wat2wasm {{name}}.wat -o {{name}}.wasm
echo "built {{name}}.wasm"
