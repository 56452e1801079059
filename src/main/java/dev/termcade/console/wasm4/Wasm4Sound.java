package dev.termcade.console.wasm4;

/**
 * Where {@code tone} goes: the sound chip (package {@code console.audio}'s {@code Wasm4Apu}) when playing locally,
 * {@link #SILENT} headless, over SSH and with {@code --mute}. {@link #tick()} follows every {@code update}.
 */
public interface Wasm4Sound extends AutoCloseable {
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
