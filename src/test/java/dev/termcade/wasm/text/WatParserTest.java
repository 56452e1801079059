package dev.termcade.wasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Instance;
import dev.termcade.vm.Machine;
import dev.termcade.vm.Value;
import dev.termcade.wasm.ConstExpr;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.SegmentMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The text format's forms one by one; expected values are worked out by hand from the spec, not from our output. */
class WatParserTest {
    private static byte[] wasm(String text) { return Wat.toBinary(text.getBytes(StandardCharsets.UTF_8)); }

    private static Module module(String text) { return Module.decode(wasm(text)); }

    private static Value call(String text, String export, Value... args) {
        Instance i = Instance.builder(CompiledModule.load(wasm(text))).build();
        return new Machine().call(i.function(export), args)[0];
    }

    private static WatException error(String text) {
        return assertThrows(WatException.class, () -> wasm(text));
    }

    private static int f32(String literal) throws Exception { return WatNumbers.f32(literal); }

    private static long f64(String literal) throws Exception { return WatNumbers.f64(literal); }

    @Test
    void f32LiteralsAreRoundedOnceFromTheExactValue() throws Exception {
        // 1 + 2^-24 is exactly half-way between 1 and the next f32 (1 + 2^-23): ties go to even, i.e. 1.0.
        assertEquals(0x3f800000, f32("1.000000059604644775390625"));
        // A hair above half-way rounds up; rounding through a double first would give 1.0 (issue 12).
        assertEquals(0x3f800001, f32("1.00000005960464477539062500000001"));
        assertEquals(0x3f800001, f32("0x1.00000100000000000001p0"));
        assertEquals(0x3f800000, f32("0x1.000001p0"));
        // Smallest subnormal, largest finite, and one that overflows.
        assertEquals(0x00000001, f32("0x1p-149"));
        assertEquals(0x7f7fffff, f32("0x1.fffffep127"));
        assertThrows(WatNumbers.BadNumber.class, () -> f32("0x1p128"));
        assertThrows(WatNumbers.BadNumber.class, () -> f32("1e39"));
    }

    @Test
    void specialFloatsKeepSignAndPayload() throws Exception {
        assertEquals(0x7fc00000, f32("nan"));
        assertEquals(0xffc00000, f32("-nan"));
        assertEquals(0x7f800001, f32("nan:0x1"));
        assertEquals(0xff800000, f32("-inf"));
        assertEquals(0x80000000, f32("-0.0"));
        assertEquals(0xfff0000000000001L, f64("-nan:0x1"));
        assertEquals(0x7ff8000000000000L, f64("+nan"));
        assertThrows(WatNumbers.BadNumber.class, () -> f32("nan:0x800000")); // payload wider than 23 bits
        assertThrows(WatNumbers.BadNumber.class, () -> f32("nan:0x0"));
    }

    @Test
    void numbersTakeUnderscoresOnlyBetweenDigits() throws Exception {
        assertEquals(1_000_000, WatNumbers.integer("1_000_000", 32));
        assertEquals(-1, (int) WatNumbers.integer("0xffff_ffff", 32));
        assertEquals(Long.MIN_VALUE, WatNumbers.integer("-0x8000_0000_0000_0000", 64));
        assertEquals(0x40490fdb, f32("3.141_592_7"));
        assertEquals(0x3ff8000000000000L, f64("0x1.8")); // hex float without an exponent
        assertEquals(0x4059000000000000L, f64("1e2"));
        for (String bad : new String[]{"_1", "1_", "1__0", "0x_1", "1._5", "1.e", "0x", "+-1", "1x"}) {
            assertThrows(WatNumbers.BadNumber.class, () -> WatNumbers.f64(bad), bad);
        }
        assertThrows(WatNumbers.BadNumber.class, () -> WatNumbers.integer("4294967296", 32));
        assertThrows(WatNumbers.BadNumber.class, () -> WatNumbers.integer("-2147483649", 32));
    }

    @Test
    void foldedFlatAndMixedFormsComputeTheSame() {
        String folded = "(module (func (export \"f\") (param i32 i32) (result i32) (i32.sub (i32.mul (local.get 0) (i32.const 10)) (local.get 1))))";
        String flat = "(module (func (export \"f\") (param i32 i32) (result i32) local.get 0 i32.const 10 i32.mul local.get 1 i32.sub))";
        String mixed = "(module (func (export \"f\") (param i32 i32) (result i32) (i32.mul (local.get 0) (i32.const 10)) local.get 1 i32.sub))";
        for (String text : new String[]{folded, flat, mixed}) assertEquals(67, call(text, "f", Value.i32(7), Value.i32(3)).i32());
        assertArrayEquals(codeOf(wasm(flat)), codeOf(wasm(folded)));
    }

    /** The code section of a small module (everything from its id on). */
    private static byte[] codeOf(byte[] wasm) {
        Module m = Module.decode(wasm);
        var body = m.bodies().get(0);
        return java.util.Arrays.copyOfRange(wasm, body.codeStart(), body.codeEnd());
    }

    @Test
    void labelsResolveToDepthsAndIfHasThenAndElse() {
        String text = "(module (func (export \"f\") (param i32) (result i32)"
                + " (block $out (result i32)"
                + "   (block $in"
                + "     (br_if $in (i32.eqz (local.get 0)))"
                + "     (br $out (i32.const 10)))"
                + "   (if (result i32) (i32.const 1) (then (i32.const 20)) (else (i32.const 30))))))";
        assertEquals(10, call(text, "f", Value.i32(1)).i32());
        assertEquals(20, call(text, "f", Value.i32(0)).i32());
        // br $out from inside $in is depth 1: 0x0c 0x01.
        assertTrue(HexFormat.of().formatHex(codeOf(wasm(text))).contains("41 0a 0c 01".replace(" ", "")));
        String flat = "(module (func (export \"f\") (result i32) block $a (result i32) i32.const 5 br $a end $a))";
        assertEquals(5, call(flat, "f").i32());
    }

    @Test
    void abbreviationsExpandAsTheSpecSays() {
        Module m = module("(module"
                + " (func $imp (import \"env\" \"log\") (param i32))"
                + " (memory (export \"mem\") (data \"ab\" \"\\63\"))"
                + " (table $t (export \"tab\") funcref (elem $f $imp))"
                + " (global $g (export \"g\") (mut i64) (i64.const -1))"
                + " (func $f (export \"f\") (export \"f2\") (result i32) (i32.const 1)))");
        assertEquals(1, m.imports().size());
        assertEquals("env.log", m.imports().get(0).qualifiedName());
        // Exports in order of appearance; the imported function is index 0, $f index 1.
        assertEquals("mem tab g f f2", String.join(" ", m.exports().stream().map(e -> e.name()).toArray(String[]::new)));
        assertEquals(1, m.export("f").index());
        assertEquals(ExternKind.MEMORY, m.export("mem").kind());
        // (memory (data ...)): one page, min = max, the data at offset 0.
        assertEquals(1, m.memories().get(0).min());
        assertEquals(1, m.memories().get(0).max());
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), m.data().get(0).bytes());
        // (table funcref (elem ...)): two slots, $f then $imp.
        assertEquals(2, m.tables().get(0).limits().min());
        assertEquals(SegmentMode.ACTIVE, m.elements().get(0).mode());
        assertEquals(1, m.elements().get(0).items()[0].index());
        assertEquals(0, m.elements().get(0).items()[1].index());
        assertEquals(ConstExpr.Kind.CONST, m.globals().get(0).init().kind());
        assertEquals(-1L, m.globals().get(0).init().value());
    }

    @Test
    void namesBecomeTheNameSection() {
        Module m = module("(module (func $add (param $a i32) (param $b i32) (result i32) (local $sum i32) local.get $a local.get $b i32.add))");
        assertEquals("add", m.functionName(0));
        assertEquals("a", m.localName(0, 0));
        assertEquals("sum", m.localName(0, 2));
        // Without names, as wat2wasm writes by default: no custom section at all.
        assertEquals(0, Module.decode(Wat.toBinaryWithoutNames("(module (func $f))".getBytes(StandardCharsets.UTF_8))).customSections().size());
    }

    @Test
    void stringsTakeEveryEscape() {
        Module m = module("(module (memory 1) (data (i32.const 0) \"\\t\\n\\r\\\"\\'\\\\\\41\\u{e9}\\u{1F600}\"))");
        assertEquals("09 0a 0d 22 27 5c 41 c3 a9 f0 9f 98 80".replace(" ", ""), HexFormat.of().formatHex(m.data().get(0).bytes()));
    }

    @Test
    void moduleBinaryAndQuoteAndBareFields() {
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertArrayEquals(empty, wasm("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")"));
        assertArrayEquals(wasm("(module (func (export \"x\")))"), wasm("(module quote \"(func (export \\\"x\\\"))\")"));
        assertArrayEquals(wasm("(module (memory 1) (func))"), wasm("(memory 1) (func)"));
        assertArrayEquals(empty, wasm(";; nothing but (; nested (; block ;) ;) comments\n(module)"));
    }

    @Test
    void errorsNameLineColumnAndTheToken() {
        WatException e = error("(module\n  (func (result i32)\n    i32.const 1\n    i32.ad))");
        assertEquals("4:5: unknown operator 'i32.ad'", e.getMessage());
        assertEquals("x.wat:4:5: unknown operator 'i32.ad'", e.inFile("x.wat").getMessage());
        assertEquals("1:24: unknown label $nope", error("(module (func block br $nope end))").getMessage());
        assertTrue(error("(module (func block $a end $b))").getMessage().contains("mismatching label $b"));
        assertTrue(error("(module (func (block $a end)))").getMessage().contains("unexpected 'end'"));
        assertTrue(error("(module (func $f) (func $f))").getMessage().contains("duplicate func $f"));
        assertTrue(error("(module (func (local $x i32) (local $x i64)))").getMessage().contains("duplicate local $x"));
        assertTrue(error("(module (func) (import \"a\" \"b\" (func)))").getMessage().contains("import after func"));
        assertTrue(error("(module (func (i32.const 4294967296)))").getMessage().contains("constant out of range"));
        assertTrue(error("(module (memory 1) (func (i32.load align=3 (i32.const 0))))").getMessage().contains("alignment"));
        assertTrue(error("(module (func (export \"\\ff\")))").getMessage().contains("malformed UTF-8"));
        assertEquals("1:9: unclosed '(' (the text ends before its ')')", error("(module (func").getMessage());
        assertTrue(error("(module (func block))").getMessage().contains("'block' has no 'end'"));
        assertEquals("1:9: unclosed string", error("(module \"unterminated)").getMessage());
    }

    @Test
    void nestingAsDeepAsMemoryAllowsNeedsNoJavaStack() {
        int depth = 100_000;
        String folded = "(module (func (export \"f\") (result i32) " + "(block (result i32) ".repeat(depth) + "(i32.const 42)" + ")".repeat(depth) + "))";
        String flat = "(module (func (export \"f\") (result i32) " + "block (result i32) ".repeat(depth) + "i32.const 42 " + "end ".repeat(depth) + "))";
        byte[] a = wasm(folded);
        assertArrayEquals(a, wasm(flat));
        assertEquals(depth + 3, codeOf(a).length - 2 * depth); // depth x (02 7f), i32.const 42 (41 2a), depth ends + final end
    }
}
