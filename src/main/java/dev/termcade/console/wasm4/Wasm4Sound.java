package dev.termcade.console.wasm4;

import dev.termcade.console.audio.AudioSink;
import dev.termcade.console.audio.Wasm4Apu;

/**
 * Where {@code tone} goes: the sound chip (package {@code console.audio}'s {@code Wasm4Apu}) when playing locally,
 * {@link #SILENT} headless, over SSH and with {@code --mute}. {@link #tick()} follows every {@code update}.
 */
public interface Wasm4Sound extends AutoCloseable {
    /** WASM-4's sound chip on the system's audio output (silent where the machine has none). */
    static Wasm4Sound speakers() {
        Wasm4Apu apu = new Wasm4Apu(AudioSink.open());
        return new Wasm4Sound() {
            @Override public void tone(int frequency, int duration, int volume, int flags) { apu.tone(frequency, duration, volume, flags); }
            @Override public void tick() { apu.tick(); }
            @Override public void close() { apu.close(); }
        };
    }

    void tone(int frequency, int duration, int volume, int flags);

    /** Advances the sound by one frame (1/60 s). */
    void tick();

    @Override void close();

    Wasm4Sound SILENT = new Wasm4Sound() {
        @Override public void tone(int frequency, int duration, int volume, int flags) {}
        @Override public void tick() {}
        @Override public void close() {}
    };
}
