// Draws a memory dump's framebuffer and its probe snapshot pages (framebuffer copies at ADDR + k*6400) side by side
// as one PNG, 4x enlarged, in the dump's palette, for looking at probe results.
// Usage (after run.sh has installed pngjs): node target/wasm4-oracle/render-pages.mjs DUMP.bin OUT.png [ADDR PAGES]
import fs from "node:fs";
import { PNG } from "pngjs";

const [dumpFile, outFile, addrArg, pagesArg] = process.argv.slice(2);
if (!outFile) {
    process.stderr.write("usage: render-pages.mjs DUMP.bin OUT.png [SNAPSHOT_ADDR PAGES]\n");
    process.exit(2);
}
const memory = fs.readFileSync(dumpFile);
const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
const palette = [0, 1, 2, 3].map((i) => view.getUint32(0x04 + 4 * i, true));
const bases = [0xa0];
for (let k = 0; k < Number(pagesArg ?? 0); k++) bases.push(Number(addrArg) + k * 6400);

const SCALE = 4, SIZE = 160, GAP = 4, PER_ROW = 3;
const width = Math.min(bases.length, PER_ROW) * (SIZE + GAP) * SCALE;
const height = Math.ceil(bases.length / PER_ROW) * (SIZE + GAP) * SCALE;
const png = new PNG({ width, height });
png.data.fill(0x40);
bases.forEach((base, n) => {
    const left = (n % PER_ROW) * (SIZE + GAP) * SCALE;
    const top = Math.floor(n / PER_ROW) * (SIZE + GAP) * SCALE;
    for (let i = 0; i < SIZE * SIZE; i++) {
        const colour = palette[(memory[base + (i >> 2)] >> ((i & 3) * 2)) & 3];
        for (let dy = 0; dy < SCALE; dy++) {
            for (let dx = 0; dx < SCALE; dx++) {
                const o = 4 * ((top + Math.floor(i / SIZE) * SCALE + dy) * width + left + (i % SIZE) * SCALE + dx);
                png.data[o] = colour >> 16; png.data[o + 1] = (colour >> 8) & 0xff; png.data[o + 2] = colour & 0xff; png.data[o + 3] = 0xff;
            }
        }
    }
});
fs.writeFileSync(outFile, PNG.sync.write(png));
