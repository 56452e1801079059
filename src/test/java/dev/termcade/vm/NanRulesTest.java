package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The NaN bits WASM-4's reference engine (V8 on x86-64) leaves, worked out from its rules, not read from ours. */
class NanRulesTest {
    private static final long F1 = Float.floatToRawIntBits(1f);

    @Test
    void arithmeticKeepsTheLeftNaNQuietedElseTheRight() {
        assertEquals(0xffc00005, (int) NanRules.mul32(0xffc00005, 0x7fa00000), "both NaN: the left");
        assertEquals(0x7fe00000, (int) NanRules.add32(F1, 0x7fa00000), "only the right: the right, quieted");
        assertEquals(0x7fe00000, (int) NanRules.sub32(0x7fa00000, F1), "signalling left: quieted");
        assertEquals(0xfff8000000000005L, NanRules.add64(0xfff8000000000005L, 0x7ff0000000000003L));
        assertEquals(0x7ff8000000000003L, NanRules.div64(Double.doubleToRawLongBits(2), 0x7ff0000000000003L));
        assertEquals(Float.floatToRawIntBits(3f), (int) NanRules.add32(F1, Float.floatToRawIntBits(2f)), "numbers stay numbers");
    }

    @Test
    void minAndMaxOfANaNAreTheDefaultNaN() {
        assertEquals(0xffc00000, (int) NanRules.min32(0x7fa00000, F1));
        assertEquals(0xffc00000, (int) NanRules.max32(F1, 0xffc00005));
        assertEquals(0xfff8000000000000L, NanRules.min64(0x7ff8000000000001L, Double.doubleToRawLongBits(1)));
        assertEquals(Double.doubleToRawLongBits(-0.0), NanRules.min64(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0)));
        assertEquals(Float.floatToRawIntBits(0f), (int) NanRules.max32(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(0f)));
    }
}
