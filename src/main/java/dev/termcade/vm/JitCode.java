package dev.termcade.vm;

/**
 * A function's register code compiled to JVM bytecode (by {@link JitCompiler}, into a hidden class that extends
 * this one). One object per compiled code variant, shared by every instance of the module: the instance is an
 * argument, so the class holds nothing but the code it was made from.
 */
abstract class JitCode {
    /** Entry point value of {@code entryPc} for a call (anything else is an OSR entry at that loop header). */
    static final int CALL_ENTRY = -1;

    /** The register code this was compiled from, for the rare instructions it hands to {@link RareOps#exec}. */
    final int[] code;
    final CompiledFunction function;
    /** Whether the loop headers are entry points (OSR); a large function may be compiled without them. */
    final boolean osrEntries;
    /** Bytes of bytecode of {@link #run} (HotSpot compiles methods up to 8000, inlines hot ones up to 325). */
    final int bytecodeSize;

    protected JitCode(int[] code, CompiledFunction function, boolean osrEntries, int bytecodeSize) {
        this.code = code;
        this.function = function;
        this.osrEntries = osrEntries;
        this.bytecodeSize = bytecodeSize;
    }

    /**
     * Runs the function with its frame at {@code fp} of the machine's register stack, leaving the results at
     * {@code fp}. {@code entryPc} is {@link #CALL_ENTRY} (arguments at fp) or the pc of a loop header whose
     * interpreted state (every slot of the frame) is in the register stack: on-stack replacement.
     */
    abstract void run(Machine m, Instance inst, int fp, int entryPc);
}
