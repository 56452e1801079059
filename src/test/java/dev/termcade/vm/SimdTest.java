package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** v128 values through calls, locals, control flow, globals, host functions and memory, and a few SIMD rules. */
class SimdTest {
    private final Machine machine = new Machine();
    private static final CompiledModule SIMD = CompiledModule.load(TestModules.bytes("simd"), "simd");

    private static Instance instance() {
        // The host swaps the two halves: both must arrive and both must come back.
        Imports imports = new Imports().function("env", "swap", FunctionType.of(ValueType.V128).returning(ValueType.V128), f -> {
            Value v = f.v128(0);
            f.v128(0, v.high(), v.bits());
        });
        return Instance.builder(SIMD).withImports(imports).build();
    }

    private static Value v(String... shapeAndLanes) { return Value.parseV128(shapeAndLanes); }

    private Value call(Instance inst, String name, Value... args) { return machine.call(inst.function(name), args)[0]; }

    @Test
    void v128ArgumentsAndResultsCrossCallsWhole() {
        Instance inst = instance();
        assertEquals(Value.v128(0x2222, 0x1111), call(inst, "call_swap", Value.v128(0x1111, 0x2222)));
        assertEquals(Value.v128(0x4444, 0x3333), call(inst, "via_host", Value.v128(0x3333, 0x4444)));
    }

    @Test
    void v128LocalsStartAsZeroEvenWhereAnEarlierFrameLeftUpperHalves() {
        assertEquals(Value.v128(0, 0), call(instance(), "fresh_local_after_dirty"));
    }

    @Test
    void blocksLoopsBranchesAndSelectCarryV128() {
        Instance inst = instance();
        assertEquals(v("i32x4", "3", "30", "300", "3000"), call(inst, "count_up", Value.i32(3)));
        assertEquals(v("i32x4", "1", "10", "100", "1000"), call(inst, "count_up", Value.i32(0)));
        Value a = Value.v128(1, -1), b = Value.v128(-2, 2);
        assertEquals(a, call(inst, "early_out", a, Value.i32(1)));
        assertEquals(v("i32x4", "9", "9", "9", "9"), call(inst, "early_out", a, Value.i32(0)));
        for (String pick : List.of("pick", "pick_typed")) {
            assertEquals(a, call(inst, pick, a, b, Value.i32(5)));
            assertEquals(b, call(inst, pick, a, b, Value.i32(0)));
        }
    }

    @Test
    void mutableV128GlobalKeepsBothHalves() {
        Instance inst = instance();
        assertEquals(v("i32x4", "10", "20", "30", "40"), call(inst, "bump_global"));
        assertEquals(v("i32x4", "100", "200", "300", "400"), call(inst, "bump_global"));
    }

    @Test
    void aStoreThatDoesNotFitTrapsAndWritesNothing() {
        Instance inst = instance();
        int end = 65536;
        machine.call(inst.function("store"), Value.i32(end - 16), Value.v128(0x0102030405060708L, 0x1112131415161718L));
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("store"), Value.i32(end - 8), Value.v128(-1, -1)));
        assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, t.kind());
        assertEquals(Value.v128(0x0102030405060708L, 0x1112131415161718L), call(inst, "load", Value.i32(end - 16)));
        assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> machine.call(inst.function("load"), Value.i32(end - 15))).kind());
    }

    @Test
    void laneLoadsAndStoresTouchOneLane() {
        Instance inst = instance();
        machine.call(inst.function("store"), Value.i32(0), Value.v128(0xBEEF, 0));
        // i16 lane 5 is bits 16..31 of the upper half.
        assertEquals(Value.v128(-1, 0xFFFFFFFFBEEFFFFFL), call(inst, "load_lane", Value.i32(0), Value.v128(-1, -1)));
        // i32 lane 3 (the top 32 bits) goes to address 100 + offset 4; bytes 100..103 stay zero.
        machine.call(inst.function("store_lane"), Value.i32(100), Value.v128(-1, 0x12345678_9ABCDEF0L));
        assertEquals(Value.v128(0x12345678L << 32, 0), call(inst, "load", Value.i32(100)));
    }

    @Test
    void saturatingNarrowingAndFixedPointRules() {
        Instance inst = instance();
        assertEquals(v("i8x16", "127", "-128", "127", "-128", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
                call(inst, "add_sat_s", v("i8x16", "127", "-128", "100", "-100", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
                        v("i8x16", "1", "-1", "100", "-100", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")));
        // narrow_u reads signed i16 lanes and clamps them to 0..255.
        assertEquals(v("i8x16", "0", "0", "255", "255", "255", "0", "128", "1", "255", "2", "0", "0", "0", "0", "0", "0"),
                call(inst, "narrow_u", v("i16x8", "-1", "0", "255", "256", "32767", "-32768", "128", "1"),
                        v("i16x8", "300", "2", "0", "0", "0", "0", "0", "0")));
        // (a * b + 0x4000) >> 15, saturated: 0.5 * 0.5 = 0.25; -1 * -1 saturates; 32767^2 rounds down to 32766.
        assertEquals(v("i16x8", "8192", "32767", "32766", "0", "0", "0", "0", "0"),
                call(inst, "q15mulr", v("i16x8", "16384", "-32768", "32767", "0", "0", "0", "0", "0"),
                        v("i16x8", "16384", "-32768", "32767", "0", "0", "0", "0", "0")));
        // Pairs of products; 2^30 + 2^30 wraps.
        assertEquals(v("i32x4", "17", "53", "-2147483648", "0"),
                call(inst, "dot", v("i16x8", "1", "2", "3", "4", "-32768", "-32768", "0", "0"), v("i16x8", "5", "6", "7", "8", "-32768", "-32768", "0", "0")));
        assertEquals(v("i64x2", "0xFFFFFFFE00000001", "15"),
                call(inst, "extmul_high_u", v("i32x4", "0", "0", "0xFFFFFFFF", "3"), v("i32x4", "0", "0", "0xFFFFFFFF", "5")));
    }

    @Test
    void laneSelectionMasksAndShifts() {
        Instance inst = instance();
        assertEquals(Value.i32(0b101), call(inst, "bitmask", v("i16x8", "-1", "0", "-32768", "1", "0", "0", "0", "32767")));
        assertEquals(v("i8x16", "25", "10", "0", "0", "11", "11", "11", "11", "11", "11", "11", "11", "11", "11", "11", "11"),
                call(inst, "swizzle", v("i8x16", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25"),
                        v("i8x16", "15", "0", "16", "255", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1")));
        // The count is taken modulo the lane width: 9 shifts i8 lanes by 1.
        assertEquals(v("i8x16", "-64", "32", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
                call(inst, "shr_s", v("i8x16", "-128", "64", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), Value.i32(9)));
        Value top = v("i8x16", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-1");
        assertEquals(Value.i32(255), call(inst, "extract_u", top));
        assertEquals(Value.i32(-1), call(inst, "extract_s", top));
    }

    @Test
    void floatLaneRules() {
        Instance inst = instance();
        // pmin is b < a ? b : a, so a NaN or a -0 in a stays.
        assertEquals(v("f32x4", "nan", "1", "-0", "1"), call(inst, "pmin", v("f32x4", "nan", "1", "-0", "2"), v("f32x4", "0", "nan", "0", "1")));
        assertEquals(v("i32x4", "3", "0xFFFFFFFF", "0", "0"), call(inst, "trunc_sat_u_zero", v("f64x2", "3.9", "5e9")));
        assertEquals(v("i32x4", "0", "0", "0", "0"), call(inst, "trunc_sat_u_zero", v("f64x2", "-1.5", "nan")));
    }

    @Test
    void clangVectorisedCodeComputesWhatItsScalarBuildDoes() {
        Instance simd = Instance.builder(CompiledModule.load(TestModules.bytes("clang_simd"), "clang_simd")).build();
        Instance scalar = Instance.builder(CompiledModule.load(TestModules.bytes("clang_scalar"), "clang_scalar")).build();
        for (int alpha : new int[]{0, 1, 128, 255}) {
            assertEquals(call(scalar, "blend", Value.i32(alpha)), call(simd, "blend", Value.i32(alpha)), "blend " + alpha);
        }
        // 0.125 * (0 * 1000 + 1 * 999 + 2 * 998 + 3 * 997)
        assertEquals(748.25f, call(simd, "dot", Value.i32(4)).f32());
        assertEquals(call(scalar, "dot", Value.i32(1000)), call(simd, "dot", Value.i32(1000)));
        // |(1, -2, 3, -4)| lane 1 = 2; narrowing 300 and -300 gives 127 (lane 0) and -128 (lane 8, and the sign mask 0xFF00).
        assertEquals(2 + 127 - 128 + 0xFF00, call(simd, "intrin").i32());
    }

    @Test
    void v128ValuesAreWrittenAsShapeAndLanesAndPrintedAsHexI32Lanes() {
        Value x = v("i32x4", "1", "2", "3", "-1");
        assertEquals(Value.v128(0x00000002_00000001L, 0xFFFFFFFF_00000003L), x);
        assertEquals("0x00000001 0x00000002 0x00000003 0xffffffff", x.text());
        assertEquals(x, v("i16x8", "1", "0", "2", "0", "3", "0", "0xffff", "-1"));
        assertEquals(Value.v128(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2)), v("f64x2", "1.5", "-2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v("i32x4", "1", "2"));
        assertEquals("i32x4 takes 4 lanes, got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v("i8x16", "256", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"));
        assertThrows(IllegalArgumentException.class, () -> v("v128", "1"));
    }

    @Test
    void callArgumentsTakeAV128AsSeveralWords() {
        FunctionType t = FunctionType.of(ValueType.I32, ValueType.V128, ValueType.F32);
        Value[] args = Value.parseArguments("f", t, List.of("7", "i64x2", "1", "2", "0.5"));
        assertEquals(Value.i32(7), args[0]);
        assertEquals(Value.v128(1, 2), args[1]);
        assertEquals(Value.f32(0.5f), args[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.parseArguments("f", t, List.of("7", "i64x2", "1", "2")));
        assertTrue(e.getMessage().startsWith("f takes 3 argument(s)"), e.getMessage());
    }
}
