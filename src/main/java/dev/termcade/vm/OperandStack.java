package dev.termcade.vm;

import java.util.Arrays;

/**
 * The wasm value stack during translation, one entry per height: its type and where the value is. Entry h owns
 * frame slot {@code numLocals + 1 + h}; a value may also be deferred (a local not yet copied, or a constant not yet
 * written) so that later instructions read the local's slot or take the constant as an immediate.
 */
final class OperandStack {
    /** The value is in the entry's own slot. */
    static final int STACK = 0;
    /** Deferred {@code local.get}: the value is the local whose slot is {@link #value}. */
    static final int LOCAL = 1;
    /** Deferred constant: the value's bits are {@link #value}. */
    static final int CONST = 2;

    byte[] type = new byte[16];
    int[] kind = new int[16];
    long[] value = new long[16];
    int height;
    /** The greatest height reached: the frame needs that many slots for the stack. */
    int maxHeight;

    void push(byte t, int k, long v) {
        if (height == type.length) {
            int n = height * 2;
            type = Arrays.copyOf(type, n);
            kind = Arrays.copyOf(kind, n);
            value = Arrays.copyOf(value, n);
        }
        type[height] = t;
        kind[height] = k;
        value[height] = v;
        height++;
        if (height > maxHeight) maxHeight = height;
    }
}
