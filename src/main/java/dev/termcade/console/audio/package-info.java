/**
 * Sound for WASM-4 carts played locally: {@link dev.termcade.console.audio.Wasm4Apu} is WASM-4's sound chip,
 * {@link dev.termcade.console.audio.AudioSink} where its samples go.
 *
 * <p>Wiring, all on the game thread:
 * <pre>{@code
 * AudioSink sink = muted || headless || overSsh ? AudioSink.SILENT : AudioSink.open();
 * try (Wasm4Apu apu = new Wasm4Apu(sink)) {
 *     // the cart's env.tone import:   apu.tone(frequency, duration, volume, flags)
 *     // after every update() call:    apu.tick()   (renders exactly 1/60 s, 735 stereo frames)
 * }
 * }</pre>
 * When the game pauses, stop calling {@code tick()}: the sound card runs dry into silence and the sink puts a short
 * silence in front of the next frame it gets. When the game runs ahead of real time, the sink drops what does not
 * fit its 80 ms latency target.
 */
package dev.termcade.console.audio;
