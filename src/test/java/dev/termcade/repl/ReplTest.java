package dev.termcade.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the REPL the way a script or CI does: lines on stdin, assertions on stdout/stderr and the exit code. */
class ReplTest {
    static final Path ROOT = Path.of(System.getProperty("termcade.root", "."));
    static final Path ROCKET = ROOT.resolve("carts/rocket.wasm");
    static final Path BASICS = ROOT.resolve("src/test/resources/wasm/basics.wasm");

    record Run(int code, String out, String err, Repl repl) {}

    static Run run(String script) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Repl repl = new Repl(new PrintWriter(out), new PrintWriter(err), false);
        int code = repl.runScript(new BufferedReader(new StringReader(script)));
        return new Run(code, out.toString(), err.toString(), repl);
    }

    @Test
    void rocketRunsWithLoggingStubsLikeTheTalk() throws Exception {
        Run r = run("load " + ROCKET + "\nresize(800, 600)\nupdate(0.016)\ndraw()\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("env.clear_screen()"), r.out());
        assertTrue(r.out().contains("env.draw_player(400.0, 300.0, -1.5707963267948966)"), r.out());
        assertTrue(r.out().contains("env.draw_score(0.0)"), r.out());
        assertFalse(r.out().contains("env.sin("), "maths comes from the console ABI, not stubs");
    }

    @Test
    void v128ArgumentsAreShapeAndLanesAndResultsPrintAsHexLanes() throws Exception {
        Path simd = ROOT.resolve("src/test/resources/wasm/simd.wasm");
        Run r = run("load " + simd + "\ncall dot i16x8 1 2 3 4 0 0 0 0 i16x8 5 6 7 8 0 0 0 0\ncall_swap(i64x2 1 0x200000000)\nglobal g i8x16 1 0 0 0 2 0 0 0 3 0 0 0 4 0 0 0\nbump_global()\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("v128: 0x00000011 0x00000035 0x00000000 0x00000000"), r.out());
        assertTrue(r.out().contains("v128: 0x00000000 0x00000002 0x00000001 0x00000000"), r.out());
        assertTrue(r.out().contains("v128: 0x00000001 0x00000002 0x00000003 0x00000004\nv128: 0x0000000a 0x00000014 0x0000001e 0x00000028"), r.out());
    }

    @Test
    void hexdumpOfADataSegment() throws Exception {
        Run r = run("load " + BASICS + " as b\nmem 16 16\nmem.read i32 16\nmem.read str 16 5\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("00000010  48 65 6c 6c 6f 2c 20 54  65 72 6d 63 61 64 65 21  |Hello, Termcade!|\n00000020\n"), r.out());
        assertTrue(r.out().contains("i32: 1819043144"), r.out());
        assertTrue(r.out().contains("str: \"Hello\""), r.out());
    }

    @Test
    void callsPrintTypedResultsAndTrapsPrintBacktracesWithoutEndingTheSession() throws Exception {
        Run r = run("load " + BASICS + "\nfac(20)\ncall swap 3 -9\ncrash()\nsum(4)\n");
        assertTrue(r.out().contains("i64: 2432902008176640000"), r.out());
        assertTrue(r.out().contains("i64: -9\ni32: 3"), r.out());
        assertTrue(r.err().contains("trap: unreachable\n  0: func[12] inner\n  1: func[11] crash"), r.err());
        assertTrue(r.out().contains("i32: 6"), "the REPL goes on after a trap: " + r.out());
        assertEquals(1, r.code(), "a failed command makes the script fail");
    }

    @Test
    void errorsAreOneLineAndBoundsAreChecked() throws Exception {
        Run r = run("load " + BASICS + "\nmem 70000 4\nmem.read i64 65535\nfac(1, 2)\nglobal counter 5\nglobal counter\nnope\n");
        String[] errs = r.err().strip().split("\n");
        assertEquals(4, errs.length, r.err());
        for (String e : errs) assertTrue(e.startsWith("error: "), e);
        assertTrue(r.out().contains("i32: 5"), r.out());
    }

    @Test
    void globalsAndMemoryWrites(@TempDir Path tmp) throws Exception {
        Path saved = tmp.resolve("mem.bin");
        Run r = run("load " + BASICS + "\nmem.write u8 16 0x4a\nmem.read cstr 16\nmem.find \"Termcade\"\nmem.find 48 65\nmem.save " + saved + " 16 16\nbump()\nglobals\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cstr: \"Jello, Termcade!\""), r.out());
        assertTrue(r.out().contains("0x00000017"), r.out());
        assertEquals(16, Files.size(saved));
        assertTrue(r.out().contains("counter: mut i32: 8"), r.out());
    }

    @Test
    void oneModuleImportsAnothersExports(@TempDir Path tmp) throws Exception {
        // A module importing "b.fac" resolves to the loaded module named b.
        byte[] user = {0, 'a', 's', 'm', 1, 0, 0, 0,
                1, 6, 1, 0x60, 1, 0x7E, 1, 0x7E,                 // type (i64) -> i64
                2, 9, 1, 1, 'b', 3, 'f', 'a', 'c', 0, 0,          // import b.fac
                7, 7, 1, 3, 'f', 'a', 'c', 0, 0};                 // export "fac" = func 0
        Path f = tmp.resolve("user.wasm");
        Files.write(f, user);
        Run r = run("load " + BASICS + " as b\nload --strict " + f + "\nfac(5)\nmodules\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("i64: 120"), r.out());
        assertTrue(r.out().contains("* user"), r.out());
    }

    @Test
    void strictLoadRefusesUnresolvedImports() throws Exception {
        Run r = run("load --strict " + BASICS + "\n");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown import env.callback"), r.err());
    }

    @Test
    void completion() throws Exception {
        Run r = run("load " + ROCKET + "\n");
        Repl repl = r.repl();
        assertEquals(List.of("time", "toggle_boost(", "toggle_shoot(", "toggle_turn_left(", "toggle_turn_right(", "trace"), repl.complete("t"));
        assertEquals(List.of("mem", "mem.find", "mem.read", "mem.save", "mem.write", "modules"), repl.complete("m"));
        assertEquals(List.of("update"), repl.complete("call up"));
        assertEquals(List.of("rocket"), repl.complete("use r"));
        assertEquals(List.of("on", "off"), repl.complete("trace o").stream().sorted((a, b) -> b.compareTo(a)).toList());
        assertTrue(repl.complete("load " + ROOT.resolve("carts") + "/ro").contains(ROOT.resolve("carts") + "/rocket.wasm"), repl.complete("load carts/ro").toString());
        assertEquals(List.of("__data_end", "__heap_base"), repl.complete("global __"));
    }

    @Test
    void fuelLimitsEachCall() throws Exception {
        Run r = run("load " + BASICS + "\nfuel 500\nsum(1000)\nsum(10)\nfuel off\nsum(1000)\n");
        assertTrue(r.err().contains("out of fuel"), r.err());
        assertTrue(r.out().contains("i32: 45\n") && r.out().contains("i32: 499500"), r.out());
    }

    @Test
    void timeReportsInstructions() throws Exception {
        Run r = run("load " + BASICS + "\ntime sum(1000)\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*i32: 499500\ntime: [0-9.]+ ms, [0-9]{4,} register instructions\n.*"), r.out());
    }
}
