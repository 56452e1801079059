// The headless input script, the same format as Termcade's `play --headless --input`:
//   FRAME KEY down|up          player 1
//   FRAME P:KEY down|up        player P = 1..4
//   FRAME mouse X Y [BUTTONS]  BUTTONS bitmask: 1 left, 2 right, 4 middle (default 0)
// Blank lines and # comments are ignored. An event at FRAME F applies before the F-th update (0-based).

/** WASM-4 gamepad bits (wasm4.org memory map). */
export const BUTTONS = Object.freeze({ X: 1, Z: 2, LEFT: 16, RIGHT: 32, UP: 64, DOWN: 128 });

/** Key names as WASM-4 maps the keyboard: X <- x v space, Z <- z c y n, arrows or WASD. */
const KEY_TO_BUTTON = Object.freeze({
    x: "X", v: "X", space: "X",
    z: "Z", c: "Z", y: "Z", n: "Z",
    left: "LEFT", a: "LEFT", right: "RIGHT", d: "RIGHT", up: "UP", w: "UP", down: "DOWN", s: "DOWN",
});

export class InputScriptError extends Error {}

/** Returns a Map from frame number to the events applied before that frame's update, in file order. */
export function parseInputScript(fileName, text) {
    const byFrame = new Map();
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) return;
        const fail = (why) => { throw new InputScriptError(`${fileName}:${index + 1}: ${why}, got '${line}'`); };
        const words = line.split(/\s+/);
        if (!/^\d+$/.test(words[0])) fail("expected a frame number first");
        const frame = Number(words[0]);
        let event;
        if (words[1] === "mouse") {
            if (words.length < 4 || words.length > 5 || !words.slice(2).every((w) => /^-?\d+$/.test(w))) {
                fail("expected 'FRAME mouse X Y [BUTTONS]'");
            }
            const buttons = words.length === 5 ? Number(words[4]) : 0;
            if (buttons < 0 || buttons > 7) fail("mouse BUTTONS is a bitmask 0..7 (1 left, 2 right, 4 middle)");
            event = { kind: "mouse", x: Number(words[2]), y: Number(words[3]), buttons };
        } else {
            if (words.length !== 3 || !(words[2] === "down" || words[2] === "up")) fail("expected 'FRAME [P:]KEY down|up'");
            let player = 0;
            let key = words[1].toLowerCase();
            const prefixed = /^([1-4]):(.+)$/.exec(key);
            if (prefixed) {
                player = Number(prefixed[1]) - 1;
                key = prefixed[2];
            } else if (key.includes(":")) {
                fail("player is 1..4");
            }
            const button = KEY_TO_BUTTON[key];
            if (!button) fail(`unknown key '${key}' (x z left right up down, or v space / c y n / w a s d)`);
            event = { kind: "button", player, bit: BUTTONS[button], down: words[2] === "down" };
        }
        if (!byFrame.has(frame)) byFrame.set(frame, []);
        byFrame.get(frame).push(event);
    });
    return byFrame;
}
