package dev.termcade.vm;

/**
 * A function's register code compiled to JVM bytecode (by {@link JitCompiler}, into a hidden class that extends
 * this one). One object per compiled code variant, shared by every instance of the module: the instance is an
 * argument, so the class holds nothing but the code it was made from and its links to the module's other compiled
 * functions ({@link #callees}).
 *
 * <p>Entered two ways: {@link #run}, with the arguments in the register stack (from the interpreter, the host, or
 * a loop header: OSR), or, from compiled code, through the {@link JitCallTarget} entry of its arity with the
 * arguments as JVM arguments.
 */
abstract class JitCode extends JitCallTarget {
    /** Entry point value of {@code entryPc} for a call (anything else is an OSR entry at that loop header). */
    static final int CALL_ENTRY = -1;

    /** The register code this was compiled from, for the rare instructions it hands to {@link RareOps#exec}. */
    final int[] code;
    final CompiledFunction function;
    /** Whether this is the metered variant (the code spends fuel), which calls the metered variant of its callees. */
    final boolean metered;
    /** Whether the loop headers are entry points (OSR); a large function may be compiled without them. */
    final boolean osrEntries;
    /** Bytes of bytecode of the method holding the function's code (HotSpot compiles methods up to 8000, inlines hot ones up to 325). */
    final int bytecodeSize;
    /**
     * What each direct call site calls ({@code call} of a function of this module): the callee's compiled code once
     * linked, until then an {@link JitRuntime.Unlinked} that calls through the runtime and links the site when the
     * callee has been compiled. Only this module's code: nothing here keeps another module alive.
     */
    final JitCallTarget[] callees;

    /** {@code siteCallees}: the function index that each direct call site calls. */
    protected JitCode(int[] code, CompiledFunction function, boolean osrEntries, int bytecodeSize, int[] siteCallees) {
        this.code = code;
        this.function = function;
        this.metered = code != function.code;
        this.osrEntries = osrEntries;
        this.bytecodeSize = bytecodeSize;
        this.callees = new JitCallTarget[siteCallees.length];
        for (int site = 0; site < siteCallees.length; site++) callees[site] = new JitRuntime.Unlinked(this, site, siteCallees[site]);
    }

    /**
     * Runs the function with its frame at {@code fp} of the machine's register stack, leaving the results at
     * {@code fp}. {@code entryPc} is {@link #CALL_ENTRY} (arguments at fp) or the pc of a loop header whose
     * interpreted state (every slot of the frame) is in the register stack: on-stack replacement. The caller has
     * counted the call (depth, Java stack budget).
     */
    abstract void run(Machine m, Instance inst, int fp, int entryPc);
}
