package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only wasm traps are traps: memory is bounds-checked where it is accessed, and engine bugs are not disguised. */
class EngineErrorTest {
    private final Machine machine = new Machine();
    private static Instance basics() {
        CompiledModule m = CompiledModule.load(TestModules.bytes("basics"), "basics");
        return Instance.builder(m).withImports(new Imports().function("env", "callback",
                FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> { })).build();
    }

    @Test
    void loadsTrapExactlyWhereTheAccessLeavesMemory() {
        Instance inst = basics();  // one page: 65536 bytes
        assertEquals(0, machine.call(inst.function("load"), Value.i32(65532))[0].i32());
        for (int address : new int[]{65533, 65536, -1, Integer.MIN_VALUE}) {
            Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("load"), Value.i32(address)));
            assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, t.kind(), "address " + Integer.toUnsignedString(address));
        }
    }

    @Test
    void aCorruptRegisterIsAnInternalErrorNotATrap() {
        Instance inst = basics();
        CompiledFunction load = inst.function("load").code;
        // "i32_load r1, r0, 0": point the address register far outside the register stack.
        assertEquals(Op.I32_LOAD, load.code[0]);
        load.code[2] = 50_000_000;
        InternalEngineError e = assertThrows(InternalEngineError.class, () -> machine.call(inst.function("load"), Value.i32(0)));
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("internal error"), e.getMessage());
        assertTrue(e.getMessage().contains("load"), e.getMessage());
    }
}
