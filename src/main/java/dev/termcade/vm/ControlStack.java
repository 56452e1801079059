package dev.termcade.vm;

import java.util.Arrays;

/** The translator's stack of enclosing blocks; label depth 0 is the innermost. */
final class ControlStack {
    private ControlFrame[] frames = new ControlFrame[8];
    private int size;
    /** Enclosing frames that are loops. */
    private int loops;

    int size() { return size; }

    void push(ControlFrame f) {
        if (size == frames.length) frames = Arrays.copyOf(frames, size * 2);
        frames[size++] = f;
        if (f.kind == ControlFrame.Kind.LOOP) loops++;
    }

    ControlFrame pop() {
        ControlFrame f = frames[--size];
        if (f.kind == ControlFrame.Kind.LOOP) loops--;
        return f;
    }

    /** Whether code here may run more than once per call: some enclosing block is a loop. */
    boolean inLoop() { return loops > 0; }

    ControlFrame top() { return frames[size - 1]; }

    /** The frame whose label will fill in jump target word {@code pos} once bound, or null. */
    ControlFrame awaiting(int pos) {
        for (int i = 0; i < size; i++) if (frames[i].awaits(pos)) return frames[i];
        return null;
    }

    /** The function body's frame, the outermost. */
    ControlFrame function() { return frames[0]; }

    /** The frame a branch of {@code depth} (unsigned) targets, or null when there is no such label. */
    ControlFrame label(int depth) {
        return Integer.compareUnsigned(depth, size) >= 0 ? null : frames[size - 1 - depth];
    }
}
