package dev.termcade.vm;

import dev.termcade.wasm.ValType;
import java.util.Arrays;

/**
 * The execution state of one thread: the shared register stack (a {@code long[]} plus a parallel
 * {@code Object[]} for references) and the call frames. Wasm-to-wasm calls never recurse on the Java stack, so
 * deep wasm recursion ends in a "call stack exhausted" trap, not a {@link StackOverflowError}.
 */
public final class Machine {
    private static final ThreadLocal<Machine> CURRENT = ThreadLocal.withInitial(Machine::new);
    /** Host-to-wasm re-entry does use the Java stack; this bounds it. */
    private static final int MAX_HOST_REENTRY = 200;

    long[] stack = new long[1024];
    Object[] refs = new Object[1024];
    /** Bits 64..127 of the v128 held in the same slot of {@link #stack} (which holds bits 0..63). */
    long[] high = new long[1024];
    int[] framePc = new int[64];
    int[] frameFp = new int[64];
    WasmFunction[] frameFn = new WasmFunction[64];
    int depth;
    int top;
    int reentry;
    final HostFrame hostFrame = new HostFrame(this);

    /** Java stack left for compiled (JIT tier) frames, in words; see {@link JitRuntime}. */
    int jitStackLeft = JitRuntime.JAVA_STACK_WORDS;

    private int maxCallDepth = 50_000;
    private int maxStackSlots = 4 << 20;
    volatile boolean interrupted;
    /** When set, calls run their functions' metered code, counting instructions and spending fuel. */
    boolean metered;
    private boolean counting;
    private boolean fuelLimited;
    long executed;
    /** Fuel left while {@link #fuelLimited}; otherwise it only decreases from {@code Long.MAX_VALUE} as blocks run. */
    long fuel = Long.MAX_VALUE;
    private volatile String interruptReason = "interrupted";

    /** The machine of the calling thread. */
    public static Machine current() { return CURRENT.get(); }

    public int maxCallDepth() { return maxCallDepth; }
    public void maxCallDepth(int frames) { this.maxCallDepth = frames; }
    public void maxStackSlots(int slots) { this.maxStackSlots = slots; }

    /**
     * Asks the code running on this machine to stop at its next loop iteration or call with an
     * {@link Trap.Kind#INTERRUPTED} trap. Safe to call from any thread.
     */
    public void interrupt(String reason) {
        interruptReason = reason;
        interrupted = true;
    }

    public void clearInterrupt() { interrupted = false; }

    /**
     * Counts executed wasm instructions from now on (slower), or stops counting. A basic block is counted whole
     * when it starts, so a block left by a trap counts the instructions after the trapping one too.
     */
    public void countInstructions(boolean on) {
        counting = on;
        metered = counting || fuelLimited;
    }

    /** Wasm instructions executed while counting was on (structure: block, loop, else and end, not counted). */
    public long instructionsExecuted() { return executed; }

    /**
     * Limits the wasm instructions calls may execute from now on; {@code -1} removes the limit. Fuel is spent a basic
     * block at a time, before the block runs: a block that needs more than is left traps before it starts.
     */
    public void fuel(long instructions) {
        fuel = instructions < 0 ? Long.MAX_VALUE : instructions;
        fuelLimited = instructions >= 0;
        metered = counting || fuelLimited;
    }

    /** Fuel left, or {@code Long.MAX_VALUE} when there is no limit. */
    public long fuelLeft() { return fuelLimited ? fuel : Long.MAX_VALUE; }

    /** Spends the fuel of a basic block of {@code instructions} wasm instructions about to run, or traps. */
    void spendFuel(int instructions) {
        long left = fuel - instructions;
        if (left < 0) {
            fuel = 0;
            throw new Trap(Trap.Kind.OUT_OF_FUEL);
        }
        fuel = left;
        executed += instructions;
    }

    Trap interruptTrap() {
        interrupted = false;
        return new Trap(Trap.Kind.INTERRUPTED, interruptReason);
    }

    void ensureStack(int needed) {
        if (needed <= stack.length) return;
        if (needed > maxStackSlots) throw new Trap(Trap.Kind.CALL_STACK_EXHAUSTED, "call stack exhausted (register stack over " + maxStackSlots + " slots)");
        int n = (int) Math.min(Math.max((long) needed, (long) stack.length * 2), maxStackSlots);
        stack = Arrays.copyOf(stack, n);
        refs = Arrays.copyOf(refs, n);
        high = Arrays.copyOf(high, n);
    }

    /** Records a new frame; returns its depth. */
    int pushFrame(int pc, int fp, WasmFunction fn) {
        int d = depth + 1;
        checkCallDepth(d);
        if (d >= framePc.length) {
            // Compiled frames count in depth without a slot here, so depth may have jumped past the arrays' end.
            int n = Math.max(framePc.length * 2, d + 1);
            framePc = Arrays.copyOf(framePc, n);
            frameFp = Arrays.copyOf(frameFp, n);
            frameFn = Arrays.copyOf(frameFn, n);
        }
        framePc[d] = pc;
        frameFp[d] = fp;
        frameFn[d] = fn;
        depth = d;
        return d;
    }

    /** Traps when a call would make the wasm call stack {@code d} frames deep, more than {@link #maxCallDepth()}. */
    void checkCallDepth(int d) {
        if (d > maxCallDepth) throw new Trap(Trap.Kind.CALL_STACK_EXHAUSTED, "call stack exhausted (deeper than " + maxCallDepth + " calls)");
    }

    /** Calls {@code fn} with arguments already at {@code base}; results are left at {@code base}. */
    void callAt(WasmFunction fn, int base, Instance caller) {
        if (fn.host != null) {
            callHost(fn, base, caller);
        } else if (!JitRuntime.runFromHost(this, fn, base)) {
            Interpreter.run(this, fn, base);
        }
    }

    private void callHost(WasmFunction fn, int base, Instance caller) {
        int savedTop = top;
        int savedBase = hostFrame.base;
        Instance savedCaller = hostFrame.caller;
        int width = Math.max(fn.type.paramCount(), fn.type.resultCount());
        ensureStack(base + width + 16);
        top = base + width;
        hostFrame.base = base;
        hostFrame.caller = caller;
        if (++reentry > MAX_HOST_REENTRY) {
            reentry--;
            throw new Trap(Trap.Kind.CALL_STACK_EXHAUSTED, "call stack exhausted (host functions re-entered wasm " + MAX_HOST_REENTRY + " times)");
        }
        try {
            fn.host.call(hostFrame);
        } catch (Trap | InternalEngineError e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new Trap(Trap.Kind.CALL_STACK_EXHAUSTED, "call stack exhausted (in host function " + fn.name + ")");
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) throw (Error) e;
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Trap(Trap.Kind.HOST_ERROR, "host function " + fn.name + " failed: " + msg, e);
        } finally {
            reentry--;
            top = savedTop;
            hostFrame.base = savedBase;
            hostFrame.caller = savedCaller;
        }
    }

    /** Calls {@code fn} with up to three raw arguments, returning its first result's bits: nothing is allocated. */
    long invokeRaw(WasmFunction fn, int argc, long a0, long a1, long a2) {
        if (fn.type.paramCount() != argc) throw new IllegalArgumentException(fn.name + " takes " + fn.type.paramCount() + " argument(s), got " + argc);
        for (int i = 0; i < argc; i++) {
            byte t = fn.type.param(i);
            if (ValType.isRef(t) || t == ValType.V128) throw new IllegalArgumentException(fn.name + " takes " + ValType.name(t) + " arguments; use Instance.invoke");
        }
        int base = top;
        int width = Math.max(argc, fn.type.resultCount());
        int savedDepth = depth;
        ensureStack(base + width + 16);
        stack[base] = a0;
        stack[base + 1] = a1;
        stack[base + 2] = a2;
        top = base + width;
        try {
            callAt(fn, base, null);
            return fn.type.resultCount() == 0 ? 0 : stack[base];
        } finally {
            depth = savedDepth;
            top = base;
        }
    }

    /**
     * Calls a function from the host with raw argument bits (v128 upper halves through {@code highArgs}, references
     * through {@code refArgs}); returns the results' bits, their upper halves and references replacing the arguments'.
     */
    long[] invoke(WasmFunction fn, long[] args, long[] highArgs, Object[] refArgs) {
        int base = top;
        int width = Math.max(fn.type.paramCount(), fn.type.resultCount());
        int savedDepth = depth;
        ensureStack(base + width + 16);
        for (int i = 0; i < fn.type.paramCount(); i++) {
            stack[base + i] = args[i];
            high[base + i] = highArgs == null ? 0 : highArgs[i];
            refs[base + i] = refArgs == null ? null : refArgs[i];
        }
        top = base + width;
        try {
            callAt(fn, base, null);
            long[] out = new long[fn.type.resultCount()];
            for (int i = 0; i < out.length; i++) out[i] = stack[base + i];
            if (highArgs != null) {
                for (int i = 0; i < out.length; i++) highArgs[i] = high[base + i];
            }
            if (refArgs != null) {
                for (int i = 0; i < out.length; i++) refArgs[i] = refs[base + i];
            }
            return out;
        } finally {
            depth = savedDepth;
            top = base;
        }
    }
}
