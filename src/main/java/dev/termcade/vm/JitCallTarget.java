package dev.termcade.vm;

/**
 * What compiled code calls at a wasm call of up to {@link #MAX_ARGS} arguments: the arguments' slot bits as JVM
 * arguments, the callee's frame at {@code fp} of the register stack (for what never leaves it: references, v128 high
 * halves, spilled operands), the first result as the return value (all results, when there are several, also at
 * {@code fp}). The caller passes its own call depth and Java stack budget ({@link Machine#depth},
 * {@link Machine#jitStackLeft}, which compiled code keeps in JVM locals and writes to the machine only before a call
 * through the runtime), so that a direct call neither reads nor writes them in memory. A compiled function ({@link JitCode}) overrides the one method of its arity with an entry that counts
 * the call as {@link JitRuntime#callFunction} does and runs its code without going through the register stack;
 * {@link JitRuntime.Unlinked} stands in for a callee that is not compiled yet.
 *
 * <p>One method per arity rather than one taking an array, so that a call allocates nothing and HotSpot can inline
 * a call site's one callee.
 */
abstract class JitCallTarget {
    /** Calls with more arguments go through the register stack ({@link JitRuntime#call}). */
    static final int MAX_ARGS = 6;

    long call0(Machine m, Instance inst, int fp, int depth, int stackLeft) { throw arity(0); }
    long call1(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0) { throw arity(1); }
    long call2(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1) { throw arity(2); }
    long call3(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2) { throw arity(3); }
    long call4(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3) { throw arity(4); }
    long call5(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3, long a4) { throw arity(5); }
    long call6(Machine m, Instance inst, int fp, int depth, int stackLeft, long a0, long a1, long a2, long a3, long a4, long a5) { throw arity(6); }

    /** The name and JVM descriptor of the entry for {@code args} arguments. */
    static String entryName(int args) { return "call" + args; }

    static String entryDescriptor(int args) {
        return "(Ldev/termcade/vm/Machine;Ldev/termcade/vm/Instance;III" + "J".repeat(args) + ")J";
    }

    private InternalEngineError arity(int args) {
        return new InternalEngineError(getClass().getName() + " has no entry for " + args + " arguments", null);
    }
}
