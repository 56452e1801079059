// Checks a --screenshot PNG against the memory dump of the same run: 160x160, each pixel the palette colour
// (PALETTE at 0x04, low 24 bits) of its framebuffer entry. Prints one line; exit 0 when it matches, 1 when not.
// Usage (after run.sh has installed pngjs): node target/wasm4-oracle/check-screenshot.mjs DUMP.bin SHOT.png
import fs from "node:fs";
import { PNG } from "pngjs";

const [dumpFile, pngFile] = process.argv.slice(2);
if (!pngFile) {
    process.stderr.write("usage: check-screenshot.mjs DUMP.bin SHOT.png\n");
    process.exit(2);
}
const memory = fs.readFileSync(dumpFile);
let png;
try {
    png = PNG.sync.read(fs.readFileSync(pngFile));
} catch (e) {
    console.log(`screenshot ${pngFile}: not a readable PNG (${e.message})`);
    process.exit(1);
}
if (png.width !== 160 || png.height !== 160) {
    console.log(`screenshot ${pngFile}: ${png.width}x${png.height}, expected 160x160`);
    process.exit(1);
}
const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
const palette = [0, 1, 2, 3].map((i) => view.getUint32(0x04 + 4 * i, true) & 0xffffff);
const hex = (c) => "#" + c.toString(16).padStart(6, "0");
let wrong = 0;
let first = "";
for (let i = 0; i < 160 * 160; i++) {
    const expected = palette[(memory[0xa0 + (i >> 2)] >> ((i & 3) * 2)) & 3];
    const actual = (png.data[4 * i] << 16) | (png.data[4 * i + 1] << 8) | png.data[4 * i + 2];
    if (actual !== expected || png.data[4 * i + 3] !== 0xff) {
        if (wrong++ === 0) first = `, first at (${i % 160}, ${Math.floor(i / 160)}): png ${hex(actual)} alpha ${png.data[4 * i + 3]}, memory ${hex(expected)}`;
    }
}
console.log(wrong === 0 ? `screenshot: matches the framebuffer in the palette` : `screenshot: ${wrong} pixels differ from the framebuffer in the palette${first}`);
process.exit(wrong === 0 ? 0 : 1);
