package dev.termcade.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termcade.vm.Value;
import org.junit.jupiter.api.Test;

/** Floats as the text format writes them: the shortest decimal that reads back to the same bits, never Java's E. */
class NumberTextTest {
    @Test
    void shortestDigitsThatRoundTrip() {
        assertEquals("0.1", NumberText.of(Value.f64(0.1)));
        assertEquals("0.1", NumberText.of(Value.f32(0.1f)));
        assertEquals("0.3", NumberText.of(Value.f32(0.1f + 0.2f))); // the f32 sum is the f32 nearest 0.3
        assertEquals("0.30000000000000004", NumberText.of(Value.f64(0.1 + 0.2)));
        // Java 17 prints 2.82879384806159008E17: two digits more than needed
        assertEquals("282879384806159000.0", NumberText.of(Value.f64(2.82879384806159E17)));
    }

    @Test
    void plainForModerateExponentsElseLowerCaseE() {
        assertEquals("0.000001", NumberText.of(Value.f64(1e-6)));
        assertEquals("1e-7", NumberText.of(Value.f64(1e-7)));
        assertEquals("100000000000000000000.0", NumberText.of(Value.f64(1e20)));
        assertEquals("1e21", NumberText.of(Value.f64(1e21)));
        assertEquals("1.7976931348623157e308", NumberText.of(Value.f64(Double.MAX_VALUE)));
        assertEquals("5e-324", NumberText.of(Value.f64(Double.MIN_VALUE)));
        assertEquals("1e-45", NumberText.of(Value.f32(Float.MIN_VALUE)));
        assertEquals("3.4028235e38", NumberText.of(Value.f32(Float.MAX_VALUE)));
        assertEquals("-4.77e-8", NumberText.of(Value.f64(-4.77e-8)));
    }

    @Test
    void zeroesInfinitiesNansAndIntegers() {
        assertEquals("-0.0", NumberText.of(Value.f64(-0.0)));
        assertEquals("0.0", NumberText.of(Value.f32(0f)));
        assertEquals("3.0", NumberText.of(Value.f64(3)));
        assertEquals("-inf", NumberText.of(Value.f32(Float.NEGATIVE_INFINITY)));
        assertEquals("nan", NumberText.of(Value.f64(Double.NaN)));
        assertEquals("nan:0x1", NumberText.of(Value.f32Bits(0x7f800001)));
        assertEquals("i64: -7", NumberText.typed(Value.i64(-7)));
    }
}
