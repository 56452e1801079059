// Writes a deterministic random input script (the --input format) for trying carts nobody has scripted yet:
// presses and releases of every button for every player, held for 1..40 frames, and mouse moves and clicks.
// Usage: node random-input.mjs SEED FRAMES [PLAYERS] > input.txt   (PLAYERS 1..4, default 1)
const [seedArg, framesArg, playersArg] = process.argv.slice(2);
if (!/^\d+$/.test(seedArg ?? "") || !/^\d+$/.test(framesArg ?? "") || (playersArg && !/^[1-4]$/.test(playersArg))) {
    process.stderr.write("usage: random-input.mjs SEED FRAMES [PLAYERS 1..4] > input.txt\n");
    process.exit(2);
}
const frames = Number(framesArg);
const players = Number(playersArg ?? 1);
let state = (Number(seedArg) >>> 0) || 1;
const next = (n) => { // xorshift32, then a value in [0, n)
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % n;
};
const KEYS = ["x", "z", "left", "right", "up", "down"];
const events = [];
for (let player = 1; player <= players; player++) {
    for (const key of KEYS) {
        let frame = next(30);
        while (frame < frames) {
            const name = player === 1 ? key : `${player}:${key}`;
            const held = 1 + next(40);
            events.push([frame, `${name} down`], [frame + held, `${name} up`]);
            frame += held + 1 + next(90);
        }
    }
}
for (let frame = next(60); frame < frames; frame += 1 + next(45)) {
    const buttons = next(4) === 0 ? [1, 2, 4][next(3)] : 0;
    events.push([frame, `mouse ${next(170) - 5} ${next(170) - 5} ${buttons}`]);
}
events.sort((a, b) => a[0] - b[0]);
console.log(`# random input: seed ${seedArg}, ${frames} frames, ${players} player(s)`);
for (const [frame, what] of events) if (frame < frames) console.log(`${frame} ${what}`);
