#!/usr/bin/env bash
# WASM-4's own web runtime, headless: run.sh CART.wasm --frames N [--input FILE] --dump-memory OUT.bin [--screenshot OUT.png]
# Installs the pinned npm packages (wasm4 2.7.1, jsdom, pngjs) into target/wasm4-oracle on first use. See README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
home="$repo/target/wasm4-oracle"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: the WASM-4 oracle needs Node.js 18+ and npm (Debian: apt-get install nodejs npm)" >&2
    exit 2
fi
mkdir -p "$home"
# Reinstall only when the pinned versions change; the lock keeps parallel runs from installing at once.
exec 9>"$home/.install.lock"
flock 9
if ! cmp -s "$here/package-lock.json" "$home/package-lock.json" || [ ! -d "$home/node_modules/wasm4" ]; then
    rm -f "$home/package-lock.json"
    cp "$here/package.json" "$here/package-lock.json" "$home/"
    (cd "$home" && npm ci --no-audit --no-fund --loglevel=error >&2) || { rm -f "$home/package-lock.json"; exit 2; }
fi
# ES modules resolve packages next to themselves, so the scripts run from the install directory. Replaced by
# rename, so a run that is starting meanwhile reads either the old file or the new one.
for script in "$here"/*.mjs; do
    name="$(basename "$script")"
    if ! cmp -s "$script" "$home/$name"; then
        cp "$script" "$home/.$name.tmp" && mv -f "$home/.$name.tmp" "$home/$name"
    fi
done
flock -u 9
exec node "$home/oracle.mjs" "$@"
