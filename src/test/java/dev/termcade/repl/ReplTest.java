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
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.WasmBuilder;
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
    void infoNamesTheFunctionsRunningAsJvmBytecode() throws Exception {
        dev.termcade.vm.Tier.setDefault(dev.termcade.vm.Tier.JIT);
        try {
            // In the JIT tier a call compiles its function at once: resize, and the fmin and fmax it calls.
            Run r = run("load " + ROCKET + "\ninfo\nresize(800, 600)\ninfo\n");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("JIT tier (jit): 0 of 13 functions run as JVM bytecode\n"), r.out());
            assertTrue(r.out().contains("JIT tier (jit): 3 of 13 functions run as JVM bytecode: resize, fmin, fmax\n"), r.out());
        } finally {
            dev.termcade.vm.Tier.setDefault(null);
        }
    }

    @Test
    void theTierCommandChoosesWhatRunsCompiled() throws Exception {
        // basics defines 12 functions; fac(5) = 120, sum(4) = 0 + 1 + 2 + 3 = 6 (the sum of i below n).
        Run r = run("load " + BASICS + "\ntier jit\nfac(5)\ninfo\ntier interp\ninfo\nfac(5)\nsum(4)\ntier\ntier jit\ninfo\nsum(4)\ninfo\n");
        assertEquals(0, r.code(), r.err());
        String[] infos = r.out().lines().filter(l -> l.startsWith("JIT tier")).toArray(String[]::new);
        assertEquals(List.of(
                // jit: the call compiled fac at once
                "JIT tier (jit): 1 of 12 functions run as JVM bytecode: fac",
                // interp: fac's compiled code is kept but no longer runs
                "JIT tier (interp): 0 of 12 functions run as JVM bytecode",
                // back to jit: fac runs compiled again; sum, called while interp, was not compiled then
                "JIT tier (jit): 1 of 12 functions run as JVM bytecode: fac",
                // the next call compiles it
                "JIT tier (jit): 2 of 12 functions run as JVM bytecode: fac, sum"), List.of(infos));
        assertEquals(List.of("i64: 120", "i64: 120", "i32: 6", "i32: 6"), r.out().lines().filter(l -> l.matches("i(32|64): .*")).toList());
        assertTrue(r.out().contains("tier: interp (the interpreter only)\n* basics: 0 of 12 functions run as JVM bytecode\n"), r.out());
        assertTrue(r.out().contains("tier: jit (every function compiled to JVM bytecode on its first call)\n* basics: 0 of 12 functions run as JVM bytecode\n"), r.out());
    }

    @Test
    void theTierCommandAppliesToModulesLoadedLaterAndRefusesOtherNames() throws Exception {
        Run r = run("tier interp\nload " + BASICS + "\nfac(3)\ninfo\ntier fast\ntier jit interp\n");
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("tier: interp (the interpreter only)\n"), r.out());
        assertTrue(r.out().contains("JIT tier (interp): 0 of 12 functions run as JVM bytecode\n"), r.out());
        assertEquals("error: unknown tier 'fast' (expected interp, jit or auto)\n"
                + "error: Unmatched argument at index 2: 'interp' (usage: tier [interp|jit|auto])\n", r.err());
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
        assertEquals(List.of("tier", "time", "toggle_boost(", "toggle_shoot(", "toggle_turn_left(", "toggle_turn_right(", "trace"), repl.complete("t"));
        assertEquals(List.of("auto", "interp", "jit"), repl.complete("tier "));
        assertEquals(List.of("interp"), repl.complete("tier in"));
        assertEquals(List.of("mem", "mem.find", "mem.read", "mem.save", "mem.write", "modules"), repl.complete("m"));
        assertEquals(List.of("update"), repl.complete("call up"));
        assertEquals(List.of("rocket"), repl.complete("use r"));
        assertEquals(List.of("on", "off"), repl.complete("trace o").stream().sorted((a, b) -> b.compareTo(a)).toList());
        assertTrue(repl.complete("load " + ROOT.resolve("carts") + "/ro").contains(ROOT.resolve("carts") + "/rocket.wasm"), repl.complete("load carts/ro").toString());
        assertEquals(List.of("__data_end", "__heap_base"), repl.complete("global __"));
        // from the declarations: an enum's values, an option, another command's names, an alias's arguments
        assertEquals(List.of("u16", "u32", "u64", "u8"), repl.complete("mem.read u"));
        assertEquals(List.of("--strict"), repl.complete("load --"));
        assertEquals(List.of("mem.find", "mem.read", "mem.save", "mem.write"), repl.complete("help mem."));
        assertEquals(List.of("ms", "ms!"), repl.complete("help ms"));
        assertEquals(List.of("update"), repl.complete("c up"));
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
        assertTrue(r.out().matches("(?s).*i32: 499500\ntime: [0-9.]+ ms, [0-9]{4,} wasm instructions\n.*"), r.out());
    }

    // ---- hostile input ----

    /** No Java exception text, class or stack frame reaches the user. */
    static void assertNoJava(String text) {
        for (String bad : new String[]{"Exception", "java.", "at dev.termcade", "out of bounds for length", "Index "}) {
            assertFalse(text.contains(bad), "'" + bad + "' in: " + text);
        }
    }

    @Test
    void quotedArgumentsOfAnyLengthAreFine() throws Exception {
        for (int n : new int[]{2_000, 20_000, 60_000}) {
            String text = "ab\\\"c".repeat(n / 5);
            Run r = run("load " + BASICS + "\nmem.write str 0 \"" + text + "\"\nmem.read str 0 6\nmem.find \"" + text.substring(0, 600) + "\"\n");
            assertEquals(0, r.code(), n + ": " + r.err());
            assertTrue(r.out().contains("str: \"ab\\\"cab\""), r.out().lines().filter(l -> l.startsWith("str")).findFirst().orElse(r.out()));
            assertTrue(r.out().contains("0x00000000"), "found at 0");
        }
        Run huge = run("load " + BASICS + "\nmem.write str 0 \"" + "x".repeat(300_000) + "\"\nsum(4)\n");
        assertTrue(huge.err().contains("outside memory"), huge.err());
        assertTrue(huge.out().contains("i32: 6"), "the REPL goes on: " + huge.out());
        assertNoJava(huge.err());
        Run open = run("load " + BASICS + "\nmem.write str 0 \"never closed\n");
        assertTrue(open.err().contains("unterminated"), open.err());
    }

    @Test
    void addressesNearTwoToTheSixtyThreeGetRangeErrors() throws Exception {
        String[] commands = {"mem 0x7fffffffffffffff", "mem 9223372036854775807 16", "mem 0x7ffffffffffffff0 32", "mem 0xffffffffffffffff",
                "mem 18446744073709551616", "mem -1", "mem 0 -5", "mem.read i32 9223372036854775807", "mem.read u64 0x7ffffffffffffffc",
                "mem.read str 65530 9223372036854775807", "mem.read cstr 0x8000000000000000", "mem.write i32 9223372036854775806 1",
                "mem.write str 9223372036854775807 \"hi\"", "mem.save " + "/nonexistent/x 9223372036854775800 100", "mem 99999999999999999999999999"};
        for (String c : commands) {
            Run r = run("load " + BASICS + "\n" + c + "\n");
            assertEquals(1, r.code(), c + ": " + r.out());
            assertEquals(1, r.err().strip().lines().count(), c + ": " + r.err());
            assertTrue(r.err().contains("outside memory") || r.err().contains("must be between 0 and 9223372036854775807"), c + ": " + r.err());
            assertNoJava(r.err());
        }
    }

    @Test
    void findingNothingIsAnError() throws Exception {
        Run r = run("load " + BASICS + "\nmem.find \"\"\n");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("mem.find needs at least one byte"), r.err());
    }

    @Test
    void writesThatDoNotFitTheirTypeAreRefused() throws Exception {
        String[][] fits = {{"u8", "255", "255"}, {"u8", "0xff", "255"}, {"i8", "-128", "-128"}, {"i8", "127", "127"},
                {"u16", "65535", "65535"}, {"i16", "-32768", "-32768"}, {"u32", "4294967295", "4294967295"},
                {"i32", "-2147483648", "-2147483648"}, {"u64", "18446744073709551615", "18446744073709551615"},
                {"i64", "-9223372036854775808", "-9223372036854775808"}};
        for (String[] f : fits) {
            Run r = run("load " + BASICS + "\nmem.write " + f[0] + " 100 " + f[1] + "\nmem.read " + f[0] + " 100\n");
            assertEquals(0, r.code(), f[0] + " " + f[1] + ": " + r.err());
            assertTrue(r.out().contains(f[0] + ": " + f[2]), f[0] + " " + f[1] + ": " + r.out());
        }
        String[][] refused = {{"u8", "300"}, {"u8", "256"}, {"u8", "-1"}, {"i8", "-200"}, {"i8", "128"}, {"i8", "-129"},
                {"u16", "65536"}, {"i16", "-32769"}, {"i16", "32768"}, {"u32", "4294967296"}, {"i32", "2147483648"}, {"i32", "-2147483649"},
                {"u64", "18446744073709551616"}, {"u64", "-1"}, {"i64", "9223372036854775808"}, {"i64", "-9223372036854775809"}};
        for (String[] f : refused) {
            Run r = run("load " + BASICS + "\nmem.write u64 100 0\nmem.write " + f[0] + " 100 " + f[1] + "\nmem.read u64 100\n");
            assertEquals(1, r.code(), f[0] + " " + f[1] + " was written: " + r.out());
            assertTrue(r.err().contains("does not fit in " + f[0]), r.err());
            assertTrue(r.out().contains("u64: 0"), "memory unchanged: " + r.out());
        }
    }

    @Test
    void floatLiteralsAreRoundedOnceAndNanKeepsItsSign() throws Exception {
        String[][] cases = {
                // f32 nearest to 1 + 2^-24 + 1e-32 is 1 + 2^-23 (0x3f800001); via a double it would round to 1.0
                {"f32", "1.00000005960464477539062500000001", "u32", "1065353217"},
                {"f32", "1.000000059604644775390625", "u32", "1065353216"}, // the exact tie goes to even
                {"f32", "0x1.0000018p0", "u32", "1065353217"},
                {"f32", "-nan", "u32", "4290772992"}, // 0xffc00000
                {"f32", "nan", "u32", "2143289344"}, // 0x7fc00000
                {"f32", "-nan:0x1", "u32", "4286578689"}, // 0xff800001
                {"f32", "3.4028235677973366e38", "u32", "2139095039"}, // below the overflow threshold: MAX_VALUE
                {"f32", "1e-46", "u32", "0"},
                {"f64", "-nan", "u64", "18444492273895866368"}, // 0xfff8000000000000
                {"f64", "-0", "u64", "9223372036854775808"}};
        for (String[] c : cases) {
            Run r = run("load " + BASICS + "\nmem.write " + c[0] + " 8 " + c[1] + "\nmem.read " + c[2] + " 8\n");
            assertEquals(0, r.code(), c[1] + ": " + r.err());
            assertTrue(r.out().contains(c[2] + ": " + c[3] + "\n"), c[1] + ": " + r.out());
        }
        Run bad = run("load " + BASICS + "\nmem.write f32 8 nan:0x800000\n");
        assertEquals(1, bad.code(), "a payload wider than 23 bits: " + bad.out());
    }

    @Test
    void negativeFuelIsRefused() throws Exception {
        Run r = run("fuel -5\n");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("fuel must be between 0 and"), r.err());
    }

    private static Path startLoop(Path dir) throws Exception {
        WasmBuilder b = new WasmBuilder().memory(1);
        b.start(b.func(new byte[0], new byte[0], WasmBuilder.code(0x03, 0x40, 0x0C, 0x00, 0x0B)));
        return Files.write(dir.resolve("spin_start.wasm"), b.build());
    }

    @Test
    void aStartSectionThatLoopsIsStoppedByTheTimeoutOrCtrlC(@TempDir Path dir) throws Exception {
        Path spin = startLoop(dir);
        StringWriter out = new StringWriter(), err = new StringWriter();
        Repl timed = new Repl(new PrintWriter(out), new PrintWriter(err), false).timeout(100);
        assertFalse(timed.execute("load " + spin));
        assertTrue(err.toString().contains("interrupted: the start section did not return within 100 ms"), err.toString());
        assertTrue(timed.execute("load " + BASICS), "the REPL goes on: " + err);

        StringWriter err2 = new StringWriter();
        Repl plain = new Repl(new PrintWriter(new StringWriter()), new PrintWriter(err2), false);
        Thread ctrlC = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            plain.interrupt();
        });
        ctrlC.start();
        assertFalse(plain.execute("load " + spin));
        ctrlC.join();
        assertTrue(err2.toString().contains("interrupted by Ctrl-C"), err2.toString());
    }

    @Test
    void modulesGetTheMemoryCap(@TempDir Path dir) throws Exception {
        WasmBuilder b = new WasmBuilder().memory(0);
        b.export("grow", b.func(new byte[]{WasmBuilder.I32}, new byte[]{WasmBuilder.I32}, WasmBuilder.code(0x20, 0x00, 0x40, 0x00)));
        Path grow = Files.write(dir.resolve("grow.wasm"), b.build());
        Run byDefault = run("load " + grow + "\ngrow(32767)\ngrow(16)\n");
        assertTrue(byDefault.out().contains("i32: -1\ni32: 0\n"), "2 GiB refused, 1 MiB granted: " + byDefault.out());
        StringWriter out = new StringWriter();
        Repl small = new Repl(new PrintWriter(out), new PrintWriter(new StringWriter()), false).limits(new ResourceLimits(8, 1000));
        small.execute("load " + grow);
        small.execute("grow(16)");
        small.execute("grow(8)");
        assertTrue(out.toString().contains("i32: -1\ni32: 0\n"), out.toString());
    }

    /** Random command lines from hostile pieces: every one ends in output or one error line, never an escaped exception. */
    @Test
    void randomHostileCommandLinesNeverEscape() throws Exception {
        String[] commands = {"mem", "mem.read", "mem.write", "mem.find", "mem.save", "global", "call", "fac", "sum", "swap", "load", "use",
                "dis", "ir", "fuel", "trace", "help", "time", "exports", "info", "modules", "div", "grow", "load_"};
        String[] pieces = {"0", "-1", "0x7fffffffffffffff", "9223372036854775807", "18446744073709551616", "-9223372036854775809",
                "0xffffffffffffffff", "65536", "65535", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64", "str", "cstr",
                "nan", "-nan", "nan:0x1", "nan:0xffffffffff", "inf", "-inf", "1e999", "0x1p-149", "0x", "-", "+", "_", "1_000", "\"\"",
                "\"a\\\"b\"", "\"unterminated", "(", ")", "(1,", ",,", "counter", "basics", "as", "--strict", "/dev/null", "\u001b[2J", "\u009b"};
        java.util.Random rnd = new java.util.Random(5);
        StringWriter out = new StringWriter(), err = new StringWriter();
        Repl repl = new Repl(new PrintWriter(out), new PrintWriter(err), false).timeout(100);
        assertTrue(repl.execute("load " + BASICS));
        for (int n = 0; n < 3000; n++) {
            StringBuilder line = new StringBuilder(commands[rnd.nextInt(commands.length)]);
            boolean shorthand = rnd.nextInt(4) == 0;
            line.append(shorthand ? "(" : " ");
            for (int k = rnd.nextInt(5); k > 0; k--) line.append(pieces[rnd.nextInt(pieces.length)]).append(shorthand ? "," : " ");
            if (shorthand) line.append(")");
            String l = line.toString();
            if (l.startsWith("mem.save") || l.startsWith("load ") || l.startsWith("load(")) continue; // no files from random words
            repl.execute(l);
        }
        assertNoJava(err.toString());
        assertTrue(repl.execute("sum(4)"), "still answering: " + err);
    }
}
