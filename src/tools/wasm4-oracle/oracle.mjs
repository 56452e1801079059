// Runs a WASM-4 cart on WASM-4's own web runtime (npm package wasm4, pinned in package.json), headless in Node.js,
// frame by frame with scripted input, and writes the 64 KiB memory (and optionally a PNG) after the last frame.
//
// The page is built the way `w4 bundle --html` builds one (cart inlined as z85 JSON, runtime bundle, <wasm4-app>),
// and loaded in jsdom. The runtime's own code then does everything that matters: Runtime construction and memory
// initialisation, instantiation, _start/_initialize, start, the app's frame loop (input -> setGamepad/setMouse ->
// update -> composite), the framebuffer drawing and disk. This file only stubs what jsdom lacks (WebGL, Web Audio,
// requestAnimationFrame, the Gamepad API) and drives the frame loop one update at a time. See README.md.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "jsdom";
import { PNG } from "pngjs";
import { parseInputScript, InputScriptError, BUTTONS } from "./input-script.mjs";

const require = createRequire(import.meta.url);
const z85 = require("wasm4/lib/utils/z85.js");
const WASM4_DIR = path.dirname(require.resolve("wasm4/package.json"));

const MEMORY_SIZE = 65536;
const DISK_SIZE = 1024;
const DISK_KEY = "oracle-disk"; // localStorage key: the page's disk prefix plus "-disk", as the runtime forms it
const FRAME_MS = 1000 / 60;
const ADDR_PALETTE = 0x04;
const ADDR_DRAW_COLORS = 0x14;
const ADDR_FRAMEBUFFER = 0xa0;
const SCREEN = 160;
const PAUSE_CRASHED = 1; // Runtime.pauseState bit set by the runtime's blue screen

const USAGE = `usage: run.sh CART.wasm --frames N [--input FILE] --dump-memory OUT.bin [--screenshot OUT.png]
              [--disk FILE] [--order native|web] [--bundle slim|developer] [--trace]`;

class UsageError extends Error {}
/** A file named on the command line that cannot be used: one line, no usage text. */
class FileError extends Error {}

function parseArgs(argv) {
    const opts = { order: "native", bundle: "slim", trace: false };
    const positional = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
            return argv[++i];
        };
        switch (a) {
            case "--frames": opts.frames = value(); break;
            case "--input": opts.input = value(); break;
            case "--dump-memory": opts.dumpMemory = value(); break;
            case "--screenshot": opts.screenshot = value(); break;
            case "--disk": opts.disk = value(); break;
            case "--order": opts.order = value(); break;
            case "--bundle": opts.bundle = value(); break;
            case "--trace": opts.trace = true; break;
            case "-h": case "--help": console.log(USAGE); process.exit(0); break;
            default:
                if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
                positional.push(a);
        }
    }
    if (positional.length !== 1) throw new UsageError("expected exactly one CART.wasm");
    opts.cart = positional[0];
    if (!/^\d+$/.test(opts.frames ?? "")) throw new UsageError("--frames N (a whole number) is required");
    opts.frames = Number(opts.frames);
    if (!opts.dumpMemory && !opts.screenshot) throw new UsageError("--dump-memory OUT.bin (or --screenshot) is required");
    if (!["native", "web"].includes(opts.order)) throw new UsageError("--order is native or web");
    if (!["slim", "developer"].includes(opts.bundle)) throw new UsageError("--bundle is slim or developer");
    return opts;
}

/** The page `w4 bundle --html` would produce for this cart (minus styles and metadata, which do not run). */
function bundlePage(cart, bundle) {
    const runtimeJs = fs.readFileSync(path.join(WASM4_DIR, "assets/runtime", bundle === "slim" ? "slim" : "developer-build", "wasm4.js"), "utf8");
    const cartJson = JSON.stringify({ WASM4_CART: z85.encode(cart), WASM4_CART_SIZE: cart.length });
    // The disk prefix keys localStorage, which is empty on every run: the disk starts empty unless --disk fills it.
    const html = `<!doctype html><html><head><script id="wasm4-disk-prefix" type="text/plain">oracle</script></head>
<body><script id="wasm4-cart-json" type="application/json">${cartJson}</script><wasm4-app></wasm4-app></body></html>`;
    return { html, runtimeJs };
}

/** A WebGL context that accepts every call: the compositor only turns the framebuffer into pixels on screen. */
function fakeWebGL(canvas) {
    const handler = {
        get(target, prop) {
            if (prop in target) return target[prop];
            if (typeof prop === "string" && /^[A-Z_0-9]+$/.test(prop)) return 0; // GL enum constants
            return () => ({}); // createTexture, getExtension, ...: any object works as a handle
        },
    };
    return new Proxy({ canvas, getShaderParameter: () => true, getProgramParameter: () => true }, handler);
}

/** Installs the browser APIs the runtime touches and jsdom lacks. Returns the hooks the driver needs. */
function installStubs(window) {
    const hooks = { frameCallbacks: [], gamepads: [null, null, null, null] };

    window.HTMLCanvasElement.prototype.getContext = function (kind) {
        return kind === "webgl" ? fakeWebGL(this) : null;
    };
    // The app maps pointer coordinates through the canvas bounds; a 160x160 canvas at the origin maps 1:1.
    window.HTMLCanvasElement.prototype.getBoundingClientRect = () =>
        ({ left: 0, top: 0, right: SCREEN, bottom: SCREEN, width: SCREEN, height: SCREEN, x: 0, y: 0 });
    window.HTMLCanvasElement.prototype.toBlob = () => {};

    class AudioContext {
        constructor() { this.state = "suspended"; this.sampleRate = 44100; this.destination = {}; }
        get audioWorklet() { return { addModule: async () => {} }; }
        resume() { return Promise.resolve(); }
        suspend() { return Promise.resolve(); }
    }
    class AudioWorkletNode {
        constructor() { this.port = { postMessage() {} }; }
        connect() {}
    }
    window.AudioContext = AudioContext;
    window.AudioWorkletNode = AudioWorkletNode;
    // The runtime patches the cart's exports and decodes trace text with these; jsdom's window has neither.
    window.TextEncoder = TextEncoder;
    window.TextDecoder = TextDecoder;
    window.URL.createObjectURL = () => "blob:oracle";
    window.URL.revokeObjectURL = () => {};

    // The frame loop runs only when the driver calls these callbacks, with the timestamps it chooses.
    window.requestAnimationFrame = (cb) => { hooks.frameCallbacks.push(cb); return hooks.frameCallbacks.length; };
    window.cancelAnimationFrame = () => {};
    Object.defineProperty(window.performance, "now", { value: () => 0, configurable: true });

    // Scripted gamepads are presented as standard-mapping physical gamepads, the only input path the web runtime
    // has for all four players. buttons[0] -> X, buttons[1] -> Z, 12..15 -> up, down, left, right.
    Object.defineProperty(window.navigator, "getGamepads", { value: () => hooks.gamepads, configurable: true });
    window.matchMedia = () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
    return hooks;
}

const STANDARD_BUTTON_FOR = { X: 0, Z: 1, UP: 12, DOWN: 13, LEFT: 14, RIGHT: 15 };

function standardGamepad(index, held) {
    const buttons = Array.from({ length: 17 }, () => ({ pressed: false, value: 0 }));
    for (const [name, bit] of Object.entries(BUTTONS)) {
        if (held & bit) buttons[STANDARD_BUTTON_FOR[name]] = { pressed: true, value: 1 };
    }
    return { index, id: `oracle-gamepad-${index + 1}`, mapping: "standard", connected: true, buttons, axes: [0, 0, 0, 0] };
}

async function until(predicate, what, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 1));
    }
}

/**
 * memory.grow(0) succeeds and, in JavaScript, replaces the memory's ArrayBuffer, leaving the views the web runtime
 * keeps (its DataView, the framebuffer and DRAW_COLORS arrays) on a detached buffer: the web runtime then fails on
 * its next memory access. The native runtime's pointer into memory stays valid. For the native order those views
 * follow the current buffer.
 */
function followGrownMemory(runtime) {
    const follow = (target, name, make) => {
        let buffer = null;
        let view = null;
        Object.defineProperty(target, name, {
            configurable: true,
            get() {
                if (buffer !== runtime.memory.buffer) {
                    buffer = runtime.memory.buffer;
                    view = make(buffer);
                }
                return view;
            },
            set() {},
        });
    };
    follow(runtime, "data", (b) => new DataView(b));
    follow(runtime.framebuffer, "bytes", (b) => new Uint8Array(b, ADDR_FRAMEBUFFER, SCREEN * SCREEN / 4));
    follow(runtime.framebuffer, "drawColors", (b) => new Uint16Array(b, ADDR_DRAW_COLORS, 1));
}

function writePng(file, memory) {
    const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
    const palette = [0, 1, 2, 3].map((i) => view.getUint32(ADDR_PALETTE + 4 * i, true));
    const png = new PNG({ width: SCREEN, height: SCREEN });
    for (let i = 0; i < SCREEN * SCREEN; i++) {
        const colour = palette[(memory[ADDR_FRAMEBUFFER + (i >> 2)] >> ((i & 3) * 2)) & 3];
        png.data[4 * i] = (colour >> 16) & 0xff;
        png.data[4 * i + 1] = (colour >> 8) & 0xff;
        png.data[4 * i + 2] = colour & 0xff;
        png.data[4 * i + 3] = 0xff;
    }
    fs.writeFileSync(file, PNG.sync.write(png));
}

function readFile(file, what) {
    try {
        return fs.readFileSync(file);
    } catch (e) {
        throw new FileError(`${file}: cannot read ${what} (${e.code ?? e.message})`);
    }
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const cart = readFile(opts.cart, "the cart");
    const script = opts.input ? parseInputScript(opts.input, readFile(opts.input, "the input script").toString("utf8")) : new Map();
    const disk = opts.disk ? readFile(opts.disk, "the disk").subarray(0, DISK_SIZE) : null;

    const crashes = [];
    const virtualConsole = new VirtualConsole();
    // trace output: the runtime prints with console.log; keep stdout clean for tools, so it goes to stderr.
    virtualConsole.on("log", (...args) => { if (opts.trace) process.stderr.write(`trace: ${args.join(" ")}\n`); });
    virtualConsole.on("warn", () => {});
    virtualConsole.on("error", (...args) => crashes.push(args.map(String).join(" ")));
    virtualConsole.on("jsdomError", (e) => crashes.push(String(e.message ?? e)));

    const { html, runtimeJs } = bundlePage(cart, opts.bundle);
    const dom = new JSDOM(html, { runScripts: "outside-only", url: "https://oracle.invalid/", pretendToBeVisual: false, virtualConsole });
    const window = dom.window;
    const hooks = installStubs(window);
    window.addEventListener("unhandledrejection", (e) => crashes.push(String(e.reason?.message ?? e.reason)));
    process.on("unhandledRejection", (reason) => crashes.push(String(reason?.message ?? reason)));

    // The web runtime reads a saved disk from localStorage (z85 text, which rounds the size up to a multiple of 4).
    if (disk && opts.order === "web") window.localStorage.setItem(DISK_KEY, z85.encode(disk));

    // Defining the custom element upgrades <wasm4-app>: its constructor builds the Runtime and starts init().
    window.eval(runtimeJs);
    const app = window.document.querySelector("wasm4-app");
    const runtime = app.runtime;
    if (!runtime) throw new Error("the wasm4 bundle did not construct its Runtime (unexpected bundle layout)" + (crashes.length ? `: ${crashes[0]}` : ""));
    if (disk && opts.order === "native") {
        // The native runtime reads the disk file as it is: exactly its bytes, its size.
        new Uint8Array(runtime.diskBuffer).set(disk);
        runtime.diskSize = disk.length;
    }

    if (opts.order === "native") followGrownMemory(runtime);

    // On a trap the web runtime paints its blue screen into PALETTE and the framebuffer; the native runtime stops
    // with memory as the trap left it. In native order the dump is that memory, taken before the blue screen.
    let memoryAtCrash = null;
    const realBlueScreen = runtime.blueScreen.bind(runtime);
    runtime.blueScreen = (text) => {
        if (opts.order === "native" && memoryAtCrash === null) memoryAtCrash = new Uint8Array(runtime.memory.buffer).slice(0, MEMORY_SIZE);
        realBlueScreen(text);
    };

    let updates = 0;
    const realUpdate = runtime.update.bind(runtime);
    if (opts.order === "native") {
        // The native runtime calls start inside the first update, after that frame's input is set, and does not
        // clear the framebuffer before that first update. Same runtime code, called in the native order.
        const realStart = runtime.start.bind(runtime);
        let startPending = false;
        runtime.start = () => { startPending = true; };
        runtime.update = () => {
            updates++;
            if (!startPending) return realUpdate();
            startPending = false;
            realStart();
            const realClear = runtime.framebuffer.clear;
            runtime.framebuffer.clear = () => {};
            try { realUpdate(); } finally { runtime.framebuffer.clear = realClear; }
        };
    } else {
        runtime.update = () => { updates++; realUpdate(); };
    }
    // Both runtimes write the host pointer into memory before every update; the web app starts its pointer state at
    // (0, 0). A headless run has no pointer until the script moves it, so in the native order the app's pointer
    // starts off-screen, where the runtime's reset put the mouse (0x7fff, 0x7fff, no buttons).
    const OFF_SCREEN = 0x7fff;
    if (opts.order === "native") Object.assign(app.inputState, { mouseX: OFF_SCREEN, mouseY: OFF_SCREEN, mouseButtons: 0 });

    // init() ends by registering the frame loop; wait for it (or for a crash while loading or in start).
    await until(() => hooks.frameCallbacks.length > 0 || crashes.length > 0 || (runtime.pauseState & PAUSE_CRASHED), "the runtime to load the cart");

    const crashed = () => crashes.length > 0 || (runtime.pauseState & PAUSE_CRASHED) !== 0;
    let crashedWhen = crashed() ? "while loading" : null;
    const held = [0, 0, 0, 0];
    let timestamp = 0;
    for (let frame = 0; frame < opts.frames && crashedWhen === null; frame++) {
        for (const event of script.get(frame) ?? []) {
            if (event.kind === "button") {
                held[event.player] = event.down ? held[event.player] | event.bit : held[event.player] & ~event.bit;
                hooks.gamepads[event.player] = standardGamepad(event.player, held[event.player]);
            } else {
                // The app handles pointerdown/up/move alike, reading only these fields of the event.
                const e = new window.Event("pointermove");
                Object.assign(e, { isPrimary: true, clientX: event.x, clientY: event.y, buttons: event.buttons, pointerType: "mouse" });
                window.dispatchEvent(e);
            }
        }
        const callbacks = hooks.frameCallbacks.splice(0);
        const before = updates;
        try {
            for (const cb of callbacks) cb(timestamp);
        } catch (e) {
            // An exception out of the app's frame loop (not a trap, which blue-screens) stops the game in a browser.
            crashes.push(`the runtime's frame loop threw: ${e.message}`);
        }
        timestamp += FRAME_MS; // the same sum the app uses for its next update time: exactly one update per call
        if (crashed()) {
            crashedWhen = `in frame ${frame} (0-based)`;
        } else if (updates !== before + 1) {
            throw new Error(`frame ${frame}: the app ran ${updates - before} updates instead of 1`);
        }
    }
    // Let rejected promises from a trap in the last update surface.
    await new Promise((r) => setTimeout(r, 0));
    if (crashedWhen === null && crashed()) crashedWhen = `in frame ${opts.frames - 1} (0-based)`;

    const memory = memoryAtCrash ?? new Uint8Array(runtime.memory.buffer).slice(0, MEMORY_SIZE);
    if (opts.dumpMemory) fs.writeFileSync(opts.dumpMemory, memory);
    if (opts.screenshot) writePng(opts.screenshot, memory);
    window.close();
    if (crashedWhen !== null) {
        const cause = crashes[0] ?? "blue screen";
        const hint = cause === "Cart too big!" ? " (the release runtime's 64 KiB limit; --bundle developer runs it)" : "";
        process.stderr.write(`error: ${opts.cart}: the cart crashed on WASM-4 ${crashedWhen}: ${cause}${hint}\n`);
        process.exit(1);
    }
    process.exit(0);
}

main().catch((e) => {
    if (e instanceof UsageError) {
        process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
        process.exit(2);
    }
    if (e instanceof InputScriptError || e instanceof FileError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(2);
    }
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
});
