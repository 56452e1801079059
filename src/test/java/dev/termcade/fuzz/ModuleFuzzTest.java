package dev.termcade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Trap;
import dev.termcade.vm.Watchdog;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.WasmException;

/**
 * Coverage-guided fuzzing of everything a file goes through: decode, validate, translate, instantiate, and a
 * call of each export. Property: any input either loads or is rejected with the project's own exception, and
 * any code either returns or traps, within bounded time and memory (resource limits).
 *
 * <p>Calls run the unmetered code games run (fuel would switch to metered code): time is bounded the way
 * players' calls are, by a {@link Watchdog} deadline that interrupts the loop.
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
        CompiledModule cm;
        try {
            cm = CompiledModule.load(data);
        } catch (WasmException rejected) {
            return;
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
                    timer.within(e.getKey(), DEADLINE_MS, () -> machine.call(f, args));
                } catch (Trap expected) {
                    // traps are a fine outcome
                }
            }
        } catch (Trap | WasmException expected) {
            // unlinkable or trapping in start/segments: fine
        }
    }
}
