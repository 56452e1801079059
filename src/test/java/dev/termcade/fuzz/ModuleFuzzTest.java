package dev.termcade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Tier;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Watchdog;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.WasmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of everything a file goes through: decode, validate, translate, instantiate, and a
 * call of each export. Property: any input either loads or is rejected with the project's own exception, and
 * any code either returns or traps, within bounded time and memory (resource limits).
 *
 * <p>Calls run the unmetered code games run (fuel would switch to metered code): time is bounded the way
 * players' calls are, by a {@link Watchdog} deadline that interrupts the loop.
 *
 * <p>Every input runs on both engine tiers (the interpreter alone, and every function compiled to JVM bytecode on
 * its first call), and the tiers must agree on every outcome: results, trap kinds and backtraces.
 *
 * <p>Without JAZZER_FUZZ=1 this replays the regression corpus in ModuleFuzzTestInputs; with it, it fuzzes.
 */
public class ModuleFuzzTest {
    private static final ResourceLimits LIMITS = new ResourceLimits(64, 10_000);
    /** Per call (instantiation included): long enough for real work, short enough for many executions a second. */
    private static final long DEADLINE_MS = 5;
    /** Each fuzzing thread's machine, and its deadline timer. */
    private static final ThreadLocal<Machine> MACHINE = ThreadLocal.withInitial(Machine::new);
    private static final ThreadLocal<Watchdog.Timer> TIMER = ThreadLocal.withInitial(() -> Watchdog.timer(MACHINE.get(), "fuzz deadline: "));

    /** Entry point for Jazzer's command line (src/tools/fuzz.sh): long runs with a seeded corpus. */
    public static void fuzzerTestOneInput(byte[] data) {
        new ModuleFuzzTest().anyBytesLoadOrAreRejectedCleanly(data);
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesLoadOrAreRejectedCleanly(byte[] data) {
        List<String> interpreted = outcomes(data, Tier.INTERP);
        List<String> compiled = outcomes(data, Tier.JIT);
        // Both tiers must agree call by call, unless a deadline cut either run short (where is a matter of timing).
        if (!interpreted.contains(INTERRUPTED) && !compiled.contains(INTERRUPTED)) {
            if (!interpreted.equals(compiled)) throw new AssertionError("tiers disagree:\ninterp " + interpreted + "\njit    " + compiled);
        }
    }

    private static final String INTERRUPTED = "interrupted";

    /** Loads, instantiates and calls each export on one tier; the outcome of each step. */
    private static List<String> outcomes(byte[] data, Tier tier) {
        List<String> out = new ArrayList<>();
        CompiledModule cm;
        try {
            cm = CompiledModule.load(data).tier(tier);
        } catch (WasmException rejected) {
            out.add("rejected");
            return out;
        }
        Machine machine = MACHINE.get();
        Watchdog.Timer timer = TIMER.get();
        try {
            Imports stubs = new Imports().fallback(imp -> imp.kind() == ExternKind.FUNC
                    ? new WasmFunction(imp.functionType(), imp.qualifiedName(), f -> { }) : null);
            Instance inst = timer.within("instantiation", DEADLINE_MS,
                    () -> Instance.builder(cm).withImports(stubs).withLimits(LIMITS).withMachine(machine).build());
            for (var e : inst.exports().entrySet()) {
                if (!(e.getValue() instanceof WasmFunction)) continue;
                WasmFunction f = (WasmFunction) e.getValue();
                dev.termcade.vm.Value[] args = new dev.termcade.vm.Value[f.type().paramCount()];
                for (int i = 0; i < args.length; i++) args[i] = dev.termcade.vm.Value.zero(f.type().param(i));
                try {
                    out.add(e.getKey() + " " + Arrays.toString(timer.within(e.getKey(), DEADLINE_MS, () -> machine.call(f, args))));
                } catch (Trap t) {
                    // traps are a fine outcome
                    out.add(t.kind() == Trap.Kind.INTERRUPTED ? INTERRUPTED : e.getKey() + " trap " + t.kind() + " " + t.backtrace());
                }
            }
        } catch (Trap t) {
            // trapping in start/segments: fine
            out.add(t.kind() == Trap.Kind.INTERRUPTED ? INTERRUPTED : "start trap " + t.kind());
        } catch (WasmException unlinkable) {
            out.add("unlinkable");
        }
        return out;
    }
}
