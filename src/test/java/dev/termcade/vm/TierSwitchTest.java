package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Changing a loaded module's tier ({@link CompiledModule#tier(Tier)}, what the REPL's {@code tier} command does)
 * takes effect at the next call: seen from inside, by whether compiled code (a hidden class extending
 * {@link JitCode}) is on the Java stack when the function calls the host.
 */
class TierSwitchTest {
    private static final String WAT = "(module (import \"env\" \"h\" (func $h)) (func (export \"f\") (call $h)))";
    /** Function f's index: after the one import. */
    private static final int F = 1;

    @Test
    void interpStopsCompiledCodeRunningAndJitOrAutoResumeIt() {
        List<Boolean> compiledOnStack = new ArrayList<>();
        Imports imports = new Imports().function("env", "h", FunctionType.of(), frame -> compiledOnStack.add(StackWalker
                .getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES))
                .walk(frames -> frames.anyMatch(f -> JitCode.class.isAssignableFrom(f.getDeclaringClass())))));
        CompiledModule cm = CompiledModule.load(Wat.toBinary(WAT.getBytes(StandardCharsets.UTF_8)), "switch").tier(Tier.JIT);
        Machine machine = new Machine();
        Instance inst = Instance.builder(cm).withImports(imports).withMachine(machine).build();
        WasmFunction f = inst.function("f");

        machine.call(f);
        assertTrue(cm.isJitCompiled(F));
        cm.tier(Tier.INTERP);
        machine.call(f);
        assertFalse(cm.isJitCompiled(F), "compiled code is kept but does not run in the interp tier");
        cm.tier(Tier.JIT);
        machine.call(f);
        cm.tier(Tier.AUTO);
        machine.call(f);
        assertTrue(cm.isJitCompiled(F));
        assertEquals(List.of(true, false, true, true), compiledOnStack, "compiled code on the stack at each call (jit, interp, jit, auto)");
    }
}
