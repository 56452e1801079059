#!/bin/sh
# Builds {{name}}.wasm from {{name}}.rs with rustc alone, no cargo or crates
# (Debian: apt-get install rustc libstd-rust-dev-wasm32; with rustup: rustup target add wasm32-unknown-unknown).
set -e
cd "$(dirname "$0")"
"${RUSTC:-rustc}" --edition 2018 --target wasm32-unknown-unknown --crate-type cdylib \
  -C opt-level=2 -C panic=abort -C lto -C strip=debuginfo -o {{name}}.wasm {{name}}.rs
echo "built {{name}}.wasm"
