package dev.termcade.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text the printer writes: the forms wat2wasm wants, and bounded output for any nesting. */
class WatPrinterTest {
    private static Module module(String text) { return Module.decode(Wat.toBinary(text.getBytes(StandardCharsets.UTF_8))); }

    @Test
    void localsAreGroupedUnlessNamed() {
        Module m = module("(module (func (param i32 i64) (local i32 i32 f64) (local $n i32) (local f32)))");
        String text = new WatPrinter(m).function(0);
        assertEquals("(func (;0;) (type 0) (param i32 i64)\n  (local i32 i32 f64)\n  (local $n i32)\n  (local f32)\n)\n", text);
    }

    @Test
    void floatsReadBackToTheSameBits() {
        assertEquals("1.0", WatPrinter.f32(0x3f800000));
        assertEquals("-0.0", WatPrinter.f32(0x80000000));
        assertEquals("-inf", WatPrinter.f32(0xff800000));
        assertEquals("nan", WatPrinter.f32(0x7fc00000));
        assertEquals("-nan:0x1", WatPrinter.f32(0xff800001));
        assertEquals("nan:0x8000000000001", WatPrinter.f64(0x7ff8000000000001L));
        assertEquals("1.0e-5", WatPrinter.f64(Double.doubleToLongBits(1.0e-5)));
        // Every printed f32 of a sweep parses back (with the text parser) to its bits.
        for (long bits = 0; bits <= 0xFFFFFFFFL; bits += 0x7FFF1) {
            String lit = WatPrinter.f32((int) bits);
            Module m = module("(module (global f32 (f32.const " + lit + ")))");
            assertEquals((int) bits, (int) m.globals().get(0).init().value(), lit);
        }
    }

    @Test
    void tableInitPrintsTheTableBeforeTheSegment() {
        Module m = module("(module (table 1 funcref) (table $t 1 funcref) (elem funcref) (elem $e funcref) (func (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0))))");
        assertTrue(new WatPrinter(m).function(0).contains("table.init 1 1\n"));
        Module n = module("(module (table 1 funcref) (table $t 1 funcref) (elem $e funcref) (func (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0))))");
        assertTrue(new WatPrinter(n).function(0).contains("table.init 1 0\n"), new WatPrinter(n).function(0));
    }

    @Test
    void namesThatAreNoIdentifiersAreLeftOut() {
        // A name section may hold anything: a space, a quote, or two functions of one name.
        Module m = module("(module (func $ok) (func $twice) (func $twice2) (func (call $ok)))");
        assertTrue(new WatPrinter(m).function(3).contains("call $ok"));
        assertTrue(WatPrinter.isId("_ZN4core3fmt5write17h0123456789abcdefE"));
        assertTrue(!WatPrinter.isId("has space") && !WatPrinter.isId("q\"uote") && !WatPrinter.isId("") && !WatPrinter.isId("é"));
    }

    @Test
    void deepNestingPrintsInLinearSpace() {
        int depth = 100_000;
        Module m = module("(module (func " + "block ".repeat(depth) + "end ".repeat(depth) + "))");
        String text = new WatPrinter(m).function(0);
        int longest = text.lines().mapToInt(String::length).max().orElse(0);
        assertEquals(2 * WatPrinter.MAX_INDENT + "block".length(), longest);
        assertEquals(2 * depth + 2, text.lines().count());
        // And it still reads back to the same code.
        Module back = Module.decode(Wat.toBinary(new WatPrinter(m).module().getBytes(StandardCharsets.UTF_8)));
        assertEquals(m.bodies().get(0).codeEnd() - m.bodies().get(0).codeStart(), back.bodies().get(0).codeEnd() - back.bodies().get(0).codeStart());
    }
}
