package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Module;

/**
 * A function body translated to register code (see {@link Op}). Shared by every instance; its only state is the
 * metered code, translated the first time a metering machine calls it, and the JIT tier's: hotness, and the code
 * compiled to JVM bytecode (see {@link JitRuntime}).
 */
final class CompiledFunction {
    final Module module;
    final int index;
    final String name;
    final FuncType type;
    final int[] code;
    final int numParams;
    final int numLocals;
    final int frameSize;
    final boolean hasRefLocals;
    /**
     * What the constant slots hold, which follow the zero slot ({@code numLocals + k} holds {@code constants[k]}):
     * written at every entry, read by instructions in loops instead of a CONST per use.
     */
    final long[] constants;
    final byte[] localTypes;
    /** {@link #code} with a {@link Op#FUEL} starting every basic block; null until first needed. */
    private volatile int[] meteredCode;

    /**
     * The tier that runs this function (its module's). Plain, not volatile: the interpreter reads it at every call,
     * and a module's tier is chosen before it runs (a later change reaches other threads at their next
     * synchronisation).
     */
    Tier tier = Tier.AUTO;
    /** Uses (calls, loop iterations) left before the interpreter asks the JIT tier to compile this function. */
    int heat = JitRuntime.HOT_THRESHOLD;
    /** Whether the code's last word is the translator's OSR exit (a function with a loop: see Interpreter.jump). */
    final boolean endsInOsrExit;
    /** {@link #code} and {@link #meteredCode()} compiled to JVM bytecode; null until compiled. */
    volatile JitCode jit, jitMetered;
    /**
     * Java stack a compiled frame of this function may take, in words: its code's JVM locals (two words a slot),
     * its call entry's (two words an argument), and the frames' fixed parts and operand stacks.
     */
    final int jitStackWords;
    /** Why each variant (plain, metered) could not be compiled; null while not refused. */
    private volatile String refusedPlain, refusedMetered;
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    CompiledFunction(Module module, int index, String name, FuncType type, int[] code, byte[] localTypes, int frameSize,
                     boolean endsInOsrExit, long[] constants) {
        this.module = module;
        this.constants = constants;
        this.endsInOsrExit = endsInOsrExit;
        this.index = index;
        this.name = name;
        this.type = type;
        this.code = code;
        this.numParams = type.paramCount();
        // Slots zeroed at entry: the locals and the zero slot after them.
        this.numLocals = localTypes.length + 1;
        this.frameSize = frameSize;
        this.localTypes = localTypes;
        boolean refs = false;
        for (int i = numParams; i < localTypes.length; i++) refs |= dev.termcade.wasm.ValType.isRef(localTypes[i]);
        this.hasRefLocals = refs;
        this.jitStackWords = 2 * frameSize + 2 * numParams + 64;
    }

    boolean refused(boolean metered) { return (metered ? refusedMetered : refusedPlain) != null; }

    void refuse(boolean metered, String why) {
        if (metered) refusedMetered = why;
        else refusedPlain = why;
    }

    /** Marks a variant as waiting for the background compiler; false if it already was. */
    boolean markQueued(boolean metered) {
        int bit = metered ? 2 : 1;
        for (;;) {
            int q = queued.get();
            if ((q & bit) != 0) return false;
            if (queued.compareAndSet(q, q | bit)) return true;
        }
    }

    void unmarkQueued(boolean metered) { queued.getAndUpdate(q -> q & ~(metered ? 2 : 1)); }

    int wasmBodyBytes() {
        var body = module.bodies().get(index - module.importedFunctionCount());
        return body.codeEnd() - body.codeStart();
    }

    /** Whether this function runs as JVM bytecode (its plain code variant is compiled). */
    public boolean isJitCompiled() { return jit != null; }

    /**
     * Compiles the plain code variant now if it was not (whatever the tier), for {@code inspect} and tests; null
     * when compiled, else why it stays interpreted.
     */
    public String compileForJit() {
        JitRuntime.compileNow(this, false);
        return refusedPlain;
    }

    /**
     * The code a machine that spends fuel or counts instructions runs: the same translation plus one
     * {@link Op#FUEL} per basic block, so code that is never metered pays nothing. Translated once, on first use
     * (two threads racing here translate twice and keep either: the results are equal).
     */
    int[] meteredCode() {
        int[] metered = meteredCode;
        if (metered == null) meteredCode = metered = Translator.translateMetered(this);
        return metered;
    }
}
