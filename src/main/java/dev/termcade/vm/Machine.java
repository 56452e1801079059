package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.ValType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * What runs wasm code: the register stack (a {@code long[]} plus parallel arrays for v128 upper halves and
 * references), the call frames, the call depth limit, fuel and the interrupt flag. Every call from the host goes
 * through a machine: {@link #call} with typed values, or {@link #callRaw} with raw bits, allocating nothing (the
 * per-frame path). Any instance's functions may run on any machine.
 * <p>
 * One machine runs one call at a time: give each thread that calls wasm its own. A machine used from a second
 * thread while a call runs on the first throws {@link IllegalStateException} (a host function calling back into
 * wasm on its own thread is fine: {@link HostFrame#machine()}). {@link #interrupt} is the one method for other
 * threads: it stops the running call with a trap. Wasm-to-wasm calls never recurse on the Java stack, so deep
 * wasm recursion ends in a "call stack exhausted" trap, not a {@link StackOverflowError}.
 */
public final class Machine {
    /** Host-to-wasm re-entry does use the Java stack; this bounds it. */
    private static final int MAX_HOST_REENTRY = 200;
    private static final VarHandle RUNNING_ON;

    static {
        try {
            RUNNING_ON = MethodHandles.lookup().findVarHandle(Machine.class, "runningOn", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
    /** The thread running a call on this machine, or null between calls (claimed through {@link #RUNNING_ON}). */
    private volatile Thread runningOn;

    /** A machine with an empty register stack, no fuel limit, counting off, and room for 50,000 nested calls. */
    public Machine() {}

    public int maxCallDepth() { return maxCallDepth; }
    /** Nested wasm calls allowed before a "call stack exhausted" trap. */
    public void maxCallDepth(int frames) { this.maxCallDepth = frames; }
    /** Register slots (locals and operands of all active frames) allowed before a "call stack exhausted" trap. */
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
        // A result the host function does not write reads as zero, not as whatever the slot held before (which
        // differs between the tiers and would leak earlier values).
        for (int i = fn.type.paramCount(); i < width; i++) {
            stack[base + i] = 0;
            high[base + i] = 0;
            refs[base + i] = null;
        }
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

    /**
     * Calls {@code fn} with typed arguments, checked against its signature; returns its results. For a call made every
     * frame prefer {@link #callRaw}, which allocates nothing.
     */
    public Value[] call(WasmFunction fn, Value... args) {
        FuncType t = signature(fn);
        if (args.length != t.paramCount()) throw new IllegalArgumentException(fn.name + " takes " + t.paramCount() + " argument(s) " + t + ", got " + args.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i].type().code != t.param(i)) throw new IllegalArgumentException("argument " + (i + 1) + " of " + fn.name + " must be " + ValType.name(t.param(i)) + ", got " + args[i]);
        }
        boolean outermost = claim();
        int base = top;
        int width = Math.max(t.paramCount(), t.resultCount());
        int savedDepth = depth;
        try {
            ensureStack(base + width + 16);
            for (int i = 0; i < args.length; i++) {
                stack[base + i] = args[i].bits();
                high[base + i] = args[i].high();
                refs[base + i] = args[i].ref();
            }
            top = base + width;
            callAt(fn, base, null);
            Value[] results = new Value[t.resultCount()];
            for (int i = 0; i < results.length; i++) results[i] = Value.of(t.result(i), stack[base + i], high[base + i], refs[base + i]);
            return results;
        } finally {
            depth = savedDepth;
            top = base;
            release(outermost);
        }
    }

    /** Calls {@code fn}, which takes no arguments; returns the raw bits of its first result (0 if none). Allocates nothing. */
    public long callRaw(WasmFunction fn) { return callRaw(fn, 0, 0, 0, 0); }

    /**
     * Calls {@code fn} with one argument's raw bits (an i32 in the low 32 bits, an f64 as
     * {@link Double#doubleToRawLongBits}); returns the raw bits of its first result (0 if none). Numbers only
     * (no v128 or references, which {@link #call} takes). Allocates nothing.
     */
    public long callRaw(WasmFunction fn, long a) { return callRaw(fn, 1, a, 0, 0); }

    /** {@link #callRaw(WasmFunction, long)} with two arguments. */
    public long callRaw(WasmFunction fn, long a, long b) { return callRaw(fn, 2, a, b, 0); }

    /** {@link #callRaw(WasmFunction, long)} with three arguments. */
    public long callRaw(WasmFunction fn, long a, long b, long c) { return callRaw(fn, 3, a, b, c); }

    private long callRaw(WasmFunction fn, int argc, long a0, long a1, long a2) {
        FuncType t = signature(fn);
        if (t.paramCount() != argc) throw new IllegalArgumentException(fn.name + " takes " + t.paramCount() + " argument(s), got " + argc);
        for (int i = 0; i < argc; i++) {
            if (!ValType.isNum(t.param(i))) throw new IllegalArgumentException(fn.name + " takes " + ValType.name(t.param(i)) + " arguments; use Machine.call");
        }
        boolean outermost = claim();
        int base = top;
        int width = Math.max(argc, t.resultCount());
        int savedDepth = depth;
        try {
            ensureStack(base + width + 16);
            stack[base] = a0;
            stack[base + 1] = a1;
            stack[base + 2] = a2;
            top = base + width;
            callAt(fn, base, null);
            return t.resultCount() == 0 ? 0 : stack[base];
        } finally {
            depth = savedDepth;
            top = base;
            release(outermost);
        }
    }

    private static FuncType signature(WasmFunction fn) {
        if (fn == null) throw new IllegalArgumentException("no function to call (an export that does not exist?)");
        return fn.type;
    }

    /**
     * Marks this machine as running a call on the calling thread; false if it already was (a host function calling
     * back in), so only the outermost call releases it.
     */
    private boolean claim() {
        Thread me = Thread.currentThread();
        while (true) {
            Thread running = runningOn;
            if (running == me) return false;
            if (running != null) {
                throw new IllegalStateException("this machine is running a call on thread '" + running.getName()
                        + "'; a machine runs one call at a time: give each thread its own Machine");
            }
            if (RUNNING_ON.compareAndSet(this, null, me)) return true;
        }
    }

    private void release(boolean outermost) {
        if (outermost) runningOn = null;
    }
}
