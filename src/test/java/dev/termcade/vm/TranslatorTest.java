package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden disassembly: the register code is the engine's contract with the interpreter, so changes are deliberate. */
class TranslatorTest {
    private static final CompiledModule BASICS = CompiledModule.load(TestModules.bytes("basics"), "basics");

    @Test
    void loopBecomesFusedCompareBranchAndImmediateAdds() {
        assertEquals(String.join("\n",
                "func[2] sum (i32) -> (i32)  ; locals r0..r2, r3 = 0, frame 7 slots",
                "    0: br_i32_ge_s      r1, r0, @18",
                "    4: i32_add          r2, r2, r1",
                "    8: i32_add_i        r1, r1, 1",
                // The branch back to the loop's test runs the test negated (see FusedInstructionsTest).
                "   12: br_i32_lt_s      r1, r0, @4",
                "   16: br               @18",
                "   18: return_1         r2",
                "   20: return            ; after OSR",
                ""), BASICS.disassemble(2));
    }

    @Test
    void recursionAndMultiValueReturn() {
        assertEquals(String.join("\n",
                "func[10] swap (i32 i64) -> (i64 i32)  ; locals r0..r1, r2 = 0, frame 6 slots",
                "    0: mov2             r3, r1, r4, r0",
                "    5: mov2             r0, r3, r1, r4",
                "   10: return",
                ""), BASICS.disassemble(10));
    }

    @Test
    void constantAddressesFoldIntoTheOffsetAndI64ConstantsAreImmediates() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0,
                1, 5, 1, 0x60, 0, 1, 0x7E,                       // type () -> i64
                3, 2, 1, 0,                                       // one function
                5, 3, 1, 0, 1,                                    // memory 1
                10, 17, 1, 15, 0,                                 // code: one body, no locals
                0x41, 0x10,                                       // i32.const 16
                0x29, 3, 8,                                       // i64.load offset=8
                0x42, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x1F, // i64.const 0xFFFFFFFFFF
                0x7E,                                             // i64.mul
                0x0B};
        assertEquals(String.join("\n",
                "func[0] () -> (i64)  ; no locals, r0 = 0, frame 4 slots",
                "    0: i64_load         r1, r0, offset=24",
                "    4: i64_mul_l        r1, r1, 1099511627775 (0xffffffffff)",
                "    9: return_1         r1",
                ""), CompiledModule.load(wasm).disassemble(0));
    }

    @Test
    void globalsAndConstantsUseImmediates() {
        assertEquals(String.join("\n",
                "func[9] bump () -> (i32)  ; no locals, r0 = 0, frame 4 slots",
                "    0: global_get       r1, global[0]",
                "    3: i32_add_i        r1, r1, 1",
                "    7: global_set       global[0], r1",
                "   10: global_get       r1, global[0]",
                "   13: return_1         r1",
                ""), BASICS.disassemble(9));
    }
}
