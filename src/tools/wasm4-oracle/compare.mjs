// Compares two 64 KiB WASM-4 memory dumps: REFERENCE (the oracle) and CANDIDATE (Termcade).
// Usage: node compare.mjs REFERENCE.bin CANDIDATE.bin [--snapshots ADDR] [--max-lines N]
// Prints the bytes that differ outside the framebuffer (game state), named by the memory map, and the framebuffer
// pixels that differ as a count, a list and an ASCII map. Exit 0 only when the game state is identical.
// --snapshots ADDR: the probes copy framebuffers to ADDR + k*6400; differences there are also shown as pixels.
import fs from "node:fs";

const MEMORY_SIZE = 65536;
const FRAMEBUFFER = 0xa0;
const FRAMEBUFFER_SIZE = 6400;
const SCREEN = 160;
// Map cells: 4x8 pixels each, so the map is 40 columns by 20 rows.
const CELL_W = 4;
const CELL_H = 8;

const REGIONS = [
    [0x00, 0x04, "reserved"], [0x04, 0x14, "PALETTE"], [0x14, 0x16, "DRAW_COLORS"],
    [0x16, 0x17, "GAMEPAD1"], [0x17, 0x18, "GAMEPAD2"], [0x18, 0x19, "GAMEPAD3"], [0x19, 0x1a, "GAMEPAD4"],
    [0x1a, 0x1c, "MOUSE_X"], [0x1c, 0x1e, "MOUSE_Y"], [0x1e, 0x1f, "MOUSE_BUTTONS"], [0x1f, 0x20, "SYSTEM_FLAGS"],
    [0x20, 0x21, "NETPLAY"], [0x21, 0xa0, "reserved"], [0xa0, 0x19a0, "FRAMEBUFFER"], [0x19a0, MEMORY_SIZE, "user"],
];

function regionName(address) {
    return REGIONS.find(([from, to]) => address >= from && address < to)[2];
}

const hex = (n, width) => "0x" + n.toString(16).padStart(width, "0");

function pixel(memory, base, i) {
    return (memory[base + (i >> 2)] >> ((i & 3) * 2)) & 3;
}

/** Pixels of the 160x160 2bpp image at base that differ: [{x, y, reference, candidate}]. */
function pixelDiffs(reference, candidate, base) {
    const diffs = [];
    for (let i = 0; i < SCREEN * SCREEN; i++) {
        const a = pixel(reference, base, i);
        const b = pixel(candidate, base, i);
        if (a !== b) diffs.push({ x: i % SCREEN, y: Math.floor(i / SCREEN), reference: a, candidate: b });
    }
    return diffs;
}

/** One character per 4x8 cell: '.' same, 1-9 that many differing pixels, '#' ten or more. */
function asciiMap(diffs) {
    const cols = SCREEN / CELL_W;
    const rows = SCREEN / CELL_H;
    const counts = new Array(cols * rows).fill(0);
    for (const d of diffs) counts[Math.floor(d.y / CELL_H) * cols + Math.floor(d.x / CELL_W)]++;
    const lines = [];
    for (let r = 0; r < rows; r++) {
        let line = "";
        for (let c = 0; c < cols; c++) {
            const n = counts[r * cols + c];
            line += n === 0 ? "." : n < 10 ? String(n) : "#";
        }
        lines.push(`  |${line}|  y ${String(r * CELL_H).padStart(3)}`);
    }
    return lines;
}

function describePixels(title, diffs, maxLines) {
    const out = [`${title}: ${diffs.length} pixels differ`];
    if (diffs.length === 0) return out;
    const xs = diffs.map((d) => d.x);
    const ys = diffs.map((d) => d.y);
    out.push(`  bounding box x ${Math.min(...xs)}..${Math.max(...xs)}, y ${Math.min(...ys)}..${Math.max(...ys)}` +
        " (each map character is 4x8 pixels; digits count differing pixels, # is 10 or more)");
    out.push(...asciiMap(diffs));
    for (const d of diffs.slice(0, maxLines)) {
        out.push(`  (${d.x}, ${d.y}): reference colour ${d.reference}, candidate ${d.candidate}`);
    }
    if (diffs.length > maxLines) out.push(`  ... ${diffs.length - maxLines} more`);
    return out;
}

/** Runs of differing bytes outside the framebuffer, grouped by contiguous address. */
function byteRuns(reference, candidate, skip) {
    const runs = [];
    for (let a = 0; a < MEMORY_SIZE; a++) {
        if (skip(a) || reference[a] === candidate[a]) continue;
        const last = runs[runs.length - 1];
        if (last && last.to === a && regionName(last.from) === regionName(a)) last.to = a + 1;
        else runs.push({ from: a, to: a + 1 });
    }
    return runs;
}

function bytesOf(memory, run) {
    const shown = Math.min(run.to - run.from, 16);
    const bytes = [...memory.subarray(run.from, run.from + shown)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    return run.to - run.from > shown ? bytes + " ..." : bytes;
}

function main() {
    const args = process.argv.slice(2);
    let snapshots = null;
    let maxLines = 12;
    const files = [];
    for (let i = 0; i < args.length; i++) {
        if (args[i] === "--snapshots") snapshots = Number(args[++i]);
        else if (args[i] === "--max-lines") maxLines = Number(args[++i]);
        else files.push(args[i]);
    }
    if (files.length !== 2 || (snapshots !== null && !Number.isInteger(snapshots))) {
        process.stderr.write("usage: compare.mjs REFERENCE.bin CANDIDATE.bin [--snapshots ADDR] [--max-lines N]\n");
        process.exit(2);
    }
    const [reference, candidate] = files.map((f) => {
        const bytes = fs.readFileSync(f);
        if (bytes.length !== MEMORY_SIZE) {
            process.stderr.write(`error: ${f}: ${bytes.length} bytes, expected a ${MEMORY_SIZE}-byte memory dump\n`);
            process.exit(2);
        }
        return bytes;
    });

    const inFramebuffer = (a) => a >= FRAMEBUFFER && a < FRAMEBUFFER + FRAMEBUFFER_SIZE;
    const snapshotPages = [];
    if (snapshots !== null) {
        for (let base = snapshots; base + FRAMEBUFFER_SIZE <= MEMORY_SIZE; base += FRAMEBUFFER_SIZE) snapshotPages.push(base);
    }
    const inSnapshot = (a) => snapshotPages.some((base) => a >= base && a < base + FRAMEBUFFER_SIZE);

    const out = [];
    const stateRuns = byteRuns(reference, candidate, inFramebuffer);
    const stateBytes = stateRuns.reduce((n, r) => n + (r.to - r.from), 0);
    out.push(`game state (memory outside the framebuffer): ${stateBytes === 0 ? "identical" : `${stateBytes} bytes differ`}`);
    const plainRuns = stateRuns.filter((r) => !inSnapshot(r.from));
    for (const run of plainRuns.slice(0, maxLines)) {
        const span = run.to - run.from === 1 ? hex(run.from, 4) : `${hex(run.from, 4)}..${hex(run.to - 1, 4)}`;
        out.push(`  ${span} ${regionName(run.from)}: reference ${bytesOf(reference, run)} | candidate ${bytesOf(candidate, run)}`);
    }
    if (plainRuns.length > maxLines) out.push(`  ... ${plainRuns.length - maxLines} more runs`);
    snapshotPages.forEach((base, page) => {
        const diffs = pixelDiffs(reference, candidate, base);
        if (diffs.length > 0) out.push(...describePixels(`snapshot page ${page} at ${hex(base, 4)}`, diffs, maxLines));
    });
    out.push(...describePixels("framebuffer", pixelDiffs(reference, candidate, FRAMEBUFFER), maxLines));
    console.log(out.join("\n"));
    process.exit(stateBytes === 0 ? 0 : 1);
}

main();
