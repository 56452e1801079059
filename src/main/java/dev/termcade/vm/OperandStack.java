package dev.termcade.vm;

import dev.termcade.wasm.ValType;
import dev.termcade.wasm.WasmValidationException;
import java.util.Arrays;
import java.util.function.Function;

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
    /** Makes the validation error for a problem, at the translator's position. */
    private final Function<String, WasmValidationException> invalid;

    OperandStack(Function<String, WasmValidationException> invalid) { this.invalid = invalid; }

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

    // ---- validation: pops check types against the innermost block's frame ----

    /**
     * Pops a value of type {@code expected} (UNKNOWN accepts any) within {@code frame}; returns its index, or -1
     * when the frame is unreachable and its part of the stack is empty (the polymorphic stack of the spec).
     */
    int pop(ControlFrame frame, byte expected) {
        if (height == frame.height) {
            if (frame.unreachable) return -1;
            throw invalid.apply("type mismatch: expected " + (expected == 0 ? "a value" : ValType.name(expected)) + " but the stack is empty");
        }
        height--;
        byte actual = type[height];
        if (expected != 0 && actual != 0 && actual != expected) {
            throw invalid.apply("type mismatch: expected " + ValType.name(expected) + ", found " + ValType.name(actual));
        }
        return height;
    }

    int popRef(ControlFrame frame) {
        int idx = pop(frame, ValType.UNKNOWN);
        if (idx >= 0 && type[idx] != 0 && !ValType.isRef(type[idx])) throw invalid.apply("type mismatch: expected a reference, found " + ValType.name(type[idx]));
        return idx;
    }

    void popTypes(ControlFrame frame, byte[] ts) {
        for (int i = ts.length - 1; i >= 0; i--) pop(frame, ts[i]);
    }

    /**
     * Pops the types {@code ts} then pushes them back (entries keep their kinds); returns the index of the first.
     * In unreachable code the re-pushed entries get the label's types ({@code retype}, as for br_if) or keep what
     * was popped, unknown included (as br_table does, so its labels may differ).
     */
    int checkTop(ControlFrame frame, byte[] ts, boolean retype) {
        int saved = height;
        popTypes(frame, ts);
        int first = height;
        int real = saved - first;
        if (real == ts.length) {
            height = saved;
            if (retype) for (int i = 0; i < ts.length; i++) if (ts[i] != 0) type[first + i] = ts[i];
            return first;
        }
        byte[] popped = Arrays.copyOfRange(type, first, saved);
        height = first;
        for (int i = 0; i < ts.length; i++) {
            int k = i - (ts.length - real);
            push(retype ? ts[i] : k >= 0 ? popped[k] : ValType.UNKNOWN, STACK, 0);
        }
        return first;
    }
}
