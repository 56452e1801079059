package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden disassembly: the register code is the engine's contract with the interpreter, so changes are deliberate. */
class TranslatorTest {
    private static final CompiledModule BASICS = CompiledModule.load(TestModules.bytes("basics"), "basics");

    @Test
    void loopBecomesFusedCompareBranchAndImmediateAdds() {
        assertEquals(String.join("\n",
                "func[2] sum (i32) -> (i32)  ; locals r0..r2, frame 6 slots",
                "    0: check",
                "    1: br_i32_ge_s      r1, r0, @15",
                "    5: i32_add          r2, r2, r1",
                "    9: i32_add_i        r1, r1, 1",
                "   13: br               @0",
                "   15: return_1         r2",
                ""), BASICS.function(2).disassemble());
    }

    @Test
    void recursionAndMultiValueReturn() {
        assertEquals(String.join("\n",
                "func[10] swap (i32 i64) -> (i64 i32)  ; locals r0..r1, frame 5 slots",
                "    0: mov              r2, r1",
                "    3: mov              r3, r0",
                "    6: mov              r0, r2",
                "    9: mov              r1, r3",
                "   12: return",
                ""), BASICS.function(10).disassemble());
    }

    @Test
    void globalsAndConstantsUseImmediates() {
        assertEquals(String.join("\n",
                "func[9] bump () -> (i32)  ; locals r0..r-1, frame 3 slots",
                "    0: global_get       r0, global[0]",
                "    3: i32_add_i        r0, r0, 1",
                "    7: global_set       global[0], r0",
                "   10: global_get       r0, global[0]",
                "   13: return_1         r0",
                ""), BASICS.function(9).disassemble());
    }
}
