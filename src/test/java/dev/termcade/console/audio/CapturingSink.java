package dev.termcade.console.audio;

import java.util.Arrays;

/** Keeps every frame written, split into left and right, for tests to measure. */
final class CapturingSink implements AudioSink {
    private short[] left = new short[1 << 16];
    private short[] right = new short[1 << 16];
    private int frames;
    boolean closed;

    @Override
    public void write(short[] interleavedStereo, int count) {
        if (frames + count > left.length) {
            left = Arrays.copyOf(left, Math.max(left.length * 2, frames + count));
            right = Arrays.copyOf(right, left.length);
        }
        for (int i = 0; i < count; i++) {
            left[frames + i] = interleavedStereo[2 * i];
            right[frames + i] = interleavedStereo[2 * i + 1];
        }
        frames += count;
    }

    @Override
    public void close() {
        closed = true;
    }

    int frames() {
        return frames;
    }

    short[] left() {
        return Arrays.copyOf(left, frames);
    }

    short[] right() {
        return Arrays.copyOf(right, frames);
    }
}
