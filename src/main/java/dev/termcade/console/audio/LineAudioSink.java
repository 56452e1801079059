package dev.termcade.console.audio;

import javax.sound.sampled.SourceDataLine;

/**
 * A {@link SourceDataLine} fed without ever blocking: each write goes in only as far as the line has room and the
 * queue stays under {@link #MAX_QUEUED_MS}, so a game running faster than real time drops sound instead of
 * growing the delay (or stalling in {@code SourceDataLine.write}), and one running slower gets a short silence
 * cushion after each underrun instead of a click on every frame.
 */
final class LineAudioSink implements AudioSink {
    static final int BYTES_PER_FRAME = 4; // two 16-bit samples

    /** Most sound kept waiting in the line; above it the newest frames are dropped. */
    static final int MAX_QUEUED_MS = 80;

    /** Silence put in front after the line ran dry (and at the start), so the next tick arrives before it drains. */
    static final int UNDERRUN_CUSHION_MS = 35;

    /** The line's own buffer: larger than the queue target, so {@code available()} never is what limits us. */
    static final int LINE_BUFFER_MS = 200;

    private final SourceDataLine line;
    private final int maxQueuedBytes = bytesFor(MAX_QUEUED_MS);
    private final int cushionBytes = bytesFor(UNDERRUN_CUSHION_MS);
    private byte[] bytes = new byte[Math.max(cushionBytes, Wasm4Apu.FRAMES_PER_TICK * BYTES_PER_FRAME)];
    private long droppedFrames;

    LineAudioSink(SourceDataLine line) {
        this.line = line;
    }

    static int lineBufferBytes() {
        return bytesFor(LINE_BUFFER_MS);
    }

    private static int bytesFor(int ms) {
        return AudioSink.SAMPLE_RATE * ms / 1000 * BYTES_PER_FRAME;
    }

    @Override
    public void write(short[] interleavedStereo, int frames) {
        int free = line.available();
        int queued = line.getBufferSize() - free;
        if (queued <= 0) {
            int silence = Math.min(cushionBytes, free) / BYTES_PER_FRAME * BYTES_PER_FRAME;
            java.util.Arrays.fill(bytes, 0, silence, (byte) 0);
            queued += line.write(bytes, 0, silence);
            free -= silence;
        }
        int room = Math.min(free, maxQueuedBytes - queued) / BYTES_PER_FRAME;
        int accepted = Math.max(0, Math.min(frames, room));
        droppedFrames += frames - accepted;
        if (accepted == 0) return;
        int length = accepted * BYTES_PER_FRAME;
        if (bytes.length < length) bytes = new byte[length]; // only when a caller writes more than ever before
        for (int i = 0, b = 0; i < accepted * 2; i++, b += 2) {
            short s = interleavedStereo[i];
            bytes[b] = (byte) s;
            bytes[b + 1] = (byte) (s >> 8);
        }
        line.write(bytes, 0, length);
    }

    /** Frames thrown away so far because the game ran ahead of the sound card. */
    long droppedFrames() {
        return droppedFrames;
    }

    @Override
    public void close() {
        // No drain(): quitting must not wait for queued sound.
        line.stop();
        line.flush();
        line.close();
    }
}
