package dev.termcade.repl;

import static dev.termcade.repl.ReplTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text in the REPL: {@code load x.wat}, definitions typed at the prompt, and {@code dis} giving text back. */
class ReplWatTest {
    @TempDir
    Path tmp;

    @Test
    void loadsTextFiles() throws Exception {
        Path wat = tmp.resolve("twice.wat");
        Files.writeString(wat, "(module (func (export \"twice\") (param i64) (result i64) (i64.shl (local.get 0) (i64.const 1))))");
        ReplTest.Run r = run("load " + wat + "\ntwice(21)\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("as twice:"), r.out());
        assertTrue(r.out().contains("i64: 42"), r.out());
    }

    @Test
    void definitionsAtThePromptAreCallableAtOnceAndSeeEachOther() throws Exception {
        ReplTest.Run r = run("(func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)\n"
                + "(func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)\n"
                + "add(40, 2)\n"
                + "(func (export \"sumsq\") (param i32 i32) (result i32) (i32.add (call $sq (local.get 0)) (call $sq (local.get 1))))\n"
                + "sumsq(3, 4)\n"
                + "(memory (export \"mem\") (data \"Hi\"))\n"
                + "mem 0 2\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scratch: 2 definitions, exports add\n"), r.out());
        assertTrue(r.out().contains("i32: 42\n"), r.out());
        assertTrue(r.out().contains("i32: 25\n"), r.out());
        assertTrue(r.out().contains("00000000  48 69"), r.out());
    }

    @Test
    void aBadDefinitionNamesItsColumnAndChangesNothing() throws Exception {
        ReplTest.Run r = run("(func (export \"one\") (result i32) i32.const 1)\n"
                + "(func (export \"two\") (result i32) i32.cnst 2)\n"
                + "one()\n");
        assertEquals(1, r.code());
        assertEquals("error: 1:35: unknown operator 'i32.cnst'\n", r.err());
        assertTrue(r.out().contains("i32: 1\n"), r.out());
    }

    @Test
    void disPrintsTextThatParsesBack() throws Exception {
        ReplTest.Run r = run("(func (export \"f\") (param f32) (result f32) (local i32 i32 f64) (f32.mul (local.get 0) (f32.const 0.1)))\ndis f\n");
        assertEquals(0, r.code(), r.err());
        String dis = r.out().substring(r.out().indexOf("(func"));
        assertTrue(dis.contains("  (local i32 i32 f64)\n"), dis);
        assertTrue(dis.contains("f32.const 0.1\n"), dis);
        // The printed function, in a module with its type, encodes the same instructions.
        String back = "(module (type (func (param f32) (result f32))) " + dis + ")";
        String typed = "(module (func (param f32) (result f32) (local i32 i32 f64) (f32.mul (local.get 0) (f32.const 0.1))))";
        byte[] a = Wat.toBinaryWithoutNames(back.getBytes(StandardCharsets.UTF_8));
        byte[] b = Wat.toBinaryWithoutNames(typed.getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(b), java.util.HexFormat.of().formatHex(a));
    }

    @Test
    void disOfBlocksNested100kDeepIsBoundedAndTheSessionGoesOn() throws Exception {
        int depth = 100_000;
        Path deep = tmp.resolve("deep.wat");
        Files.writeString(deep, "(module (func (export \"f\") (result i32) " + "block ".repeat(depth) + "end ".repeat(depth) + "i32.const 7))");
        ReplTest.Run r = run("load " + deep + "\ndis f\nf()\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().filter(l -> l.startsWith(" ")).mapToInt(String::length).max().orElse(0) < 80, "indentation is capped");
        assertTrue(r.out().endsWith("i32: 7\n"), r.out().substring(r.out().length() - 200));
    }
}
