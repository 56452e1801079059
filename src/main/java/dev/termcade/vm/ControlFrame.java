package dev.termcade.vm;

import java.util.Arrays;

/**
 * One entry of the translator's control stack: a block, loop, if/else or the function body, the operand-stack
 * height it started at, and the forward jumps to its label that wait for the label's position.
 */
final class ControlFrame {
    enum Kind { BLOCK, LOOP, IF, ELSE, FUNCTION }

    Kind kind;
    byte[] params;
    byte[] results;
    /** Operand-stack height at entry, below the block's parameters. */
    int height;
    /** The rest of the block cannot be reached (after br, return, unreachable): nothing more is emitted. */
    boolean unreachable;
    /** No code is emitted: the block sits in code no path reaches. */
    boolean dead;
    /** A loop's label: the position of its header. */
    int loopStart;
    /** An if's jump to its else (or end) when the condition is false, or -1. */
    int elsePatch = -1;
    private int[] patches = new int[4];
    private int patchCount;

    /** The types a branch to this frame's label carries: a loop's parameters, any other block's results. */
    byte[] labelTypes() { return kind == Kind.LOOP ? params : results; }

    /** Records code word {@code pos}, a jump target to fill in once the label's position is known. */
    void addPatch(int pos) {
        if (patchCount == patches.length) patches = Arrays.copyOf(patches, patchCount * 2);
        patches[patchCount++] = pos;
    }

    /** Whether code word {@code pos} is a jump target waiting for this label. */
    boolean awaits(int pos) {
        for (int i = 0; i < patchCount; i++) if (patches[i] == pos) return true;
        return false;
    }

    /** Points every recorded forward jump at {@code target}. */
    void bindPatches(int[] code, int target) {
        for (int i = 0; i < patchCount; i++) code[patches[i]] = target;
        patchCount = 0;
    }
}
