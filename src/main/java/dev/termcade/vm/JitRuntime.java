package dev.termcade.vm;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The JIT tier's runtime: the engine helpers compiled code calls (memory accessors, calls, traps), the hooks through
 * which the interpreter counts hotness and hands calls and loops over to compiled code, and the background compiler
 * thread.
 *
 * <p>Compiled code runs on the Java stack (the interpreter does not), so each machine has a budget of Java stack
 * ({@link Machine#jitStackLeft}, in words) that compiled frames draw on; when it runs out, calls go to the
 * interpreter, which does not recurse, and deep wasm recursion still ends in the interpreter's "call stack
 * exhausted" trap at {@link Machine#maxCallDepth()}, counted the same way in both tiers. Calls between compiled
 * functions pass the depth and the budget as JVM arguments ({@link JitCallTarget}); the machine's fields are
 * current only where the runtime, the interpreter or the host may read them.
 */
final class JitRuntime {

    /** Calls plus loop iterations after which an AUTO-tier function is queued for compilation. */
    static final int HOT_THRESHOLD = Integer.getInteger("termcade.jit.threshold", 300);
    /** Java stack compiled frames may take on one machine, in 8-byte words (a quarter of a default 1 MiB thread stack). */
    static final int JAVA_STACK_WORDS = 32 * 1024;
    /** Diagnostics: -Dtermcade.jit.log=true prints each compilation (or refusal) to stderr. */
    private static final boolean LOG = Boolean.getBoolean("termcade.jit.log");

    private JitRuntime() {}

    // ---- memory, as the interpreter's loop accesses it (Interpreter.ea checks bounds) ----

    static long loadI32(byte[] mem, long base, int off) { return (int) LittleEndian.I32.get(mem, Interpreter.ea(mem, base, off, 4)); }
    static long loadU32(byte[] mem, long base, int off) { return (int) LittleEndian.I32.get(mem, Interpreter.ea(mem, base, off, 4)) & 0xFFFFFFFFL; }
    static long loadI64(byte[] mem, long base, int off) { return (long) LittleEndian.I64.get(mem, Interpreter.ea(mem, base, off, 8)); }
    static long loadS8(byte[] mem, long base, int off) { return mem[Interpreter.ea(mem, base, off, 1)]; }
    static long loadU8(byte[] mem, long base, int off) { return mem[Interpreter.ea(mem, base, off, 1)] & 0xFF; }
    static long loadS16(byte[] mem, long base, int off) { return (short) LittleEndian.I16.get(mem, Interpreter.ea(mem, base, off, 2)); }
    static long loadU16(byte[] mem, long base, int off) { return (short) LittleEndian.I16.get(mem, Interpreter.ea(mem, base, off, 2)) & 0xFFFF; }
    static void store8(byte[] mem, long base, int off, long v) { mem[Interpreter.ea(mem, base, off, 1)] = (byte) v; }
    static void store16(byte[] mem, long base, int off, long v) { LittleEndian.I16.set(mem, Interpreter.ea(mem, base, off, 2), (short) v); }
    static void store32(byte[] mem, long base, int off, long v) { LittleEndian.I32.set(mem, Interpreter.ea(mem, base, off, 4), (int) v); }
    static void store64(byte[] mem, long base, int off, long v) { LittleEndian.I64.set(mem, Interpreter.ea(mem, base, off, 8), v); }

    static Trap trap(int kind) { return new Trap(Trap.Kind.values()[kind]); }

    /** The trap of a memory access out of bounds, as {@link Interpreter#ea} throws it. */
    static Trap outOfBounds() { return new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS); }

    // ---- calls ----

    /** {@code call f} from compiled code: arguments at {@code nfp}, results left there. */
    static void call(Machine m, Instance inst, int funcIndex, int nfp) {
        callFunction(m, inst, inst.functions[funcIndex], nfp);
    }

    static void callIndirect(Machine m, Instance inst, int typeIndex, int tableIndex, int elem, int nfp) {
        callFunction(m, inst, RareOps.indirectTarget(inst, typeIndex, tableIndex, elem), nfp);
    }

    /**
     * {@code call_indirect} from compiled code: traps as the interpreter does (index outside the table, null
     * element, type mismatch), then returns the target's compiled code for the machine's mode when the target is a
     * function of this instance and is compiled, else null: the call then goes through {@link #callIndirect}, which
     * looks the target up again, counts its hotness and runs it wherever it runs.
     */
    static JitCode indirectCallee(Machine m, Instance inst, int typeIndex, int tableIndex, int elem) {
        WasmFunction f = RareOps.indirectTarget(inst, typeIndex, tableIndex, elem);
        CompiledFunction cf = f.code;
        if (cf == null || f.instance != inst) return null;
        return m.metered ? cf.jitMetered : cf.jit;
    }

    /**
     * The callee of a direct call site of compiled code while the callee has no compiled code of the caller's
     * variant (not yet, or refused): writes the arguments to the register stack and calls through
     * {@link #callFunction}, which counts the call and runs the callee wherever it runs; once the callee has been
     * compiled, links the site to its code so that later calls go straight there.
     */
    static final class Unlinked extends JitCallTarget {
        private final JitCode caller;
        private final int site;
        private final int funcIndex;

        Unlinked(JitCode caller, int site, int funcIndex) {
            this.caller = caller;
            this.site = site;
            this.funcIndex = funcIndex;
        }

        // Each arity writes its last argument and leaves the others to the next smaller one.
        @Override long call0(Machine m, Instance inst, int fp, int depth, int stackLeft) { return call(m, inst, fp, depth, stackLeft); }
        @Override long call1(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0) {
            m.stack[fp] = a0;
            return call0(m, inst, fp, depth, stackLeft);
        }
        @Override long call2(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1) {
            m.stack[fp + 1] = a1;
            return call1(m, inst, fp, depth, stackLeft, a0);
        }
        @Override long call3(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2) {
            m.stack[fp + 2] = a2;
            return call2(m, inst, fp, depth, stackLeft, a0, a1);
        }
        @Override long call4(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3) {
            m.stack[fp + 3] = a3;
            return call3(m, inst, fp, depth, stackLeft, a0, a1, a2);
        }
        @Override long call5(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3, long a4) {
            m.stack[fp + 4] = a4;
            return call4(m, inst, fp, depth, stackLeft, a0, a1, a2, a3);
        }
        @Override long call6(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3, long a4, long a5) {
            m.stack[fp + 5] = a5;
            return call5(m, inst, fp, depth, stackLeft, a0, a1, a2, a3, a4);
        }

        private long call(Machine m, Instance inst, int fp, int depth, int stackLeft) {
            // The caller's frame state, which compiled code keeps to itself, for the runtime and the interpreter.
            m.depth = depth;
            m.jitStackLeft = stackLeft;
            WasmFunction callee = inst.functions[funcIndex];
            callFunction(m, inst, callee, fp);
            JitCode compiled = caller.metered ? callee.code.jitMetered : callee.code.jit;
            if (compiled != null) caller.callees[site] = compiled;
            return m.stack[fp];
        }
    }

    /**
     * A wasm-to-wasm call made by compiled code or by the interpreter handing a call to compiled code: counts a frame
     * against {@link Machine#maxCallDepth()} as the interpreter's own calls do, checks for an interrupt, and runs the
     * callee compiled when it is and the Java stack budget allows, else interpreted. Host functions and other
     * instances' functions go through {@link Machine#callAt}, as from the interpreter.
     */
    static void callFunction(Machine m, Instance inst, WasmFunction callee, int nfp) {
        CompiledFunction cf = callee.code;
        if (cf == null || callee.instance != inst) {
            m.callAt(callee, nfp, inst);
            return;
        }
        if (m.interrupted) throw m.interruptTrap();
        int depth = m.depth;
        m.checkCallDepth(depth + 1);
        m.depth = depth + 1;
        try {
            if (!runCompiled(m, compiledFor(m, cf), inst, nfp, JitCode.CALL_ENTRY)) Interpreter.run(m, callee, nfp);
        } finally {
            m.depth = depth;
        }
    }

    /**
     * The interpreter's question at a wasm call to its own instance: run the callee inline (true), or hand the
     * call to {@link #callFunction} because compiled code is ready and the Java stack budget allows (false).
     * Counts the call towards the callee's hotness.
     */
    static boolean interprets(Machine m, CompiledFunction callee) {
        JitCode jit = compiledFor(m, callee);
        return jit == null || m.jitStackLeft < callee.jitStackWords;
    }

    /** A call from the host ({@link Machine#callAt}): runs compiled code if there is some; false to interpret. */
    static boolean runFromHost(Machine m, WasmFunction fn, int base) {
        return runCompiled(m, compiledFor(m, fn.code), fn.instance, base, JitCode.CALL_ENTRY);
    }

    /**
     * Runs {@code jit} (if not null) within the machine's Java stack budget; false when it did not run. Compiled
     * code keeps its frames' depth and budget in JVM locals and leaves the machine's stale (see {@link
     * JitCallTarget}): both are restored here, whether the code returns or traps.
     */
    private static boolean runCompiled(Machine m, JitCode jit, Instance inst, int fp, int entryPc) {
        if (jit == null) return false;
        int cost = jit.function.jitStackWords;
        int left = m.jitStackLeft, depth = m.depth;
        if (left < cost) return false;
        m.jitStackLeft = left - cost;
        try {
            jit.run(m, inst, fp, entryPc);
        } finally {
            m.jitStackLeft = left;
            m.depth = depth;
        }
        return true;
    }

    /**
     * The interpreter at a loop header of {@code fn} whose hotness countdown ran out: queues it for compilation, and
     * when compiled code is ready continues the loop there (on-stack replacement: the frame at {@code fp} is the
     * whole state). Returns true when the function has run to its end, its results at {@code fp}.
     */
    static boolean loopIsHot(Machine m, WasmFunction fn, int fp, int pc) {
        // The countdown is below zero: in AUTO this queues the function for the compiler.
        JitCode jit = compiledFor(m, fn.code);
        if (jit != null && jit.osrEntries && runCompiled(m, jit, fn.instance, fp, pc)) {
            JitStats.osrEntry();
            return true;
        }
        if (fn.code.heat < 0) fn.code.heat = fn.code.tier == Tier.INTERP ? Integer.MAX_VALUE : HOT_THRESHOLD;
        return false;
    }

    /**
     * The compiled code for the machine's mode (metered or not), or null while there is none: counts a use towards
     * hotness, compiles at once in the JIT tier, queues a hot function for the background compiler in AUTO.
     */
    static JitCode compiledFor(Machine m, CompiledFunction cf) {
        Tier tier = cf.tier;
        if (tier == Tier.INTERP) return null;
        boolean metered = m.metered;
        JitCode jit = metered ? cf.jitMetered : cf.jit;
        if (jit != null) return jit;
        if (tier == Tier.AUTO) {
            if (--cf.heat < 0) {
                cf.heat = HOT_THRESHOLD;
                BackgroundCompiler.submit(cf, metered);
            }
            return null;
        }
        return compileNow(cf, metered);
    }

    /** Compiles one variant of {@code cf} unless that was tried before; the code, or null if it is not compilable. */
    static JitCode compileNow(CompiledFunction cf, boolean metered) {
        synchronized (cf) {
            JitCode done = metered ? cf.jitMetered : cf.jit;
            if (done != null || cf.refused(metered)) return done;
            long start = System.nanoTime();
            try {
                JitCode jit = JitCompiler.compile(cf, metered ? cf.meteredCode() : cf.code);
                if (metered) cf.jitMetered = jit;
                else cf.jit = jit;
                return jit;
            } catch (JitCompiler.Refused e) {
                cf.refuse(metered, e.getMessage());
                return null;
            } catch (RuntimeException | LinkageError e) {
                // A bug of the compiler: the function stays interpreted, which is never a wrong answer.
                cf.refuse(metered, "compiler error: " + e);
                return null;
            } finally {
                JitStats.record(cf, System.nanoTime() - start);
                if (LOG) {
                    JitCode made = metered ? cf.jitMetered : cf.jit;
                    System.err.printf("jit: func[%d] %s%s: %s in %.2f ms%n", cf.index, cf.name == null ? "" : cf.name, metered ? " (metered)" : "",
                            made == null ? "refused" : "compiled, " + made.bytecodeSize + " bytes of bytecode" + (made.osrEntries ? "" : " without OSR entries"),
                            (System.nanoTime() - start) / 1e6);
                }
            }
        }
    }

    /**
     * What compiled code throws when it fails: a trap gets this function's frame in its backtrace (unless the code
     * was entered by OSR, where the interpreter's frame adds it), anything else but an engine error or a JVM error
     * is an engine bug.
     */
    static Throwable failure(Throwable t, JitCode code, Instance inst, int entryPc) {
        String frame = Interpreter.frameName(inst.functions[code.function.index]);
        boolean ownFrame = entryPc == JitCode.CALL_ENTRY;
        if (t instanceof Trap) {
            if (ownFrame) ((Trap) t).addFrame(frame);
            return t;
        }
        if (t instanceof InternalEngineError) return t;
        if (t instanceof StackOverflowError) {
            Trap trap = new Trap(Trap.Kind.CALL_STACK_EXHAUSTED, "call stack exhausted (the host's Java stack)");
            if (ownFrame) trap.addFrame(frame);
            return trap;
        }
        if (t instanceof RuntimeException) return new InternalEngineError("in " + frame + " (compiled code)", t);
        return t;
    }

    /** The single daemon thread that compiles hot functions; the game thread never waits for it. */
    static final class BackgroundCompiler {
        private record Job(CompiledFunction function, boolean metered) {}

        private static final BlockingQueue<Job> QUEUE = new ArrayBlockingQueue<>(256);

        static {
            Thread t = new Thread(BackgroundCompiler::work, "termcade-jit");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            t.start();
        }

        private BackgroundCompiler() {}

        /** Queues a variant for compilation; when the queue is full the function simply asks again when next hot. */
        static void submit(CompiledFunction cf, boolean metered) {
            if (cf.refused(metered) || !cf.markQueued(metered)) return;
            if (!QUEUE.offer(new Job(cf, metered))) cf.unmarkQueued(metered);
        }

        private static void work() {
            for (;;) {
                try {
                    Job job = QUEUE.take();
                    compileNow(job.function(), job.metered());
                    job.function().unmarkQueued(job.metered());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
