package dev.termcade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Trap;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.WasmException;

/**
 * Coverage-guided fuzzing of everything a file goes through: decode, validate, translate, instantiate, and a
 * call of each export. Property: any input either loads or is rejected with the project's own exception, and
 * any code either returns or traps, within bounded time (fuel) and memory (resource limits).
 *
 * <p>Without JAZZER_FUZZ=1 this replays the regression corpus in ModuleFuzzTestInputs; with it, it fuzzes.
 */
public class ModuleFuzzTest {
    private static final ResourceLimits LIMITS = new ResourceLimits(64, 10_000);

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
        Machine m = Machine.current();
        m.fuel(200_000);
        try {
            Imports stubs = new Imports().fallback(imp -> imp.kind() == ExternKind.FUNC
                    ? new WasmFunction(cm.module().types().get(imp.typeIndex()), imp.qualifiedName(), f -> { }) : null);
            Instance inst = cm.instantiate(stubs, LIMITS);
            for (var e : inst.exports().entrySet()) {
                if (!(e.getValue() instanceof WasmFunction)) continue;
                WasmFunction f = (WasmFunction) e.getValue();
                dev.termcade.vm.Value[] args = new dev.termcade.vm.Value[f.type().paramCount()];
                for (int i = 0; i < args.length; i++) args[i] = dev.termcade.vm.Value.zero(f.type().param(i));
                try {
                    Instance.invoke(f, args);
                } catch (Trap expected) {
                    // traps are a fine outcome
                }
            }
        } catch (Trap | WasmException expected) {
            // unlinkable or trapping in start/segments: fine
        } finally {
            m.fuel(-1);
        }
    }
}
