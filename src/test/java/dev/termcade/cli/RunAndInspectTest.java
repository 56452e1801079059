package dev.termcade.cli;

import static dev.termcade.cli.RobustnessTest.assertClean;
import static dev.termcade.cli.RobustnessTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --preload} links modules as wasmtime does; {@code inspect} says what is imported and prints limits in words. */
class RunAndInspectTest {
    static final Path LINK = Path.of(System.getProperty("termcade.root", ".")).resolve("src/test/resources/wasm/link");
    static final String APP = LINK.resolve("app.wat").toString(), LIB = "lib=" + LINK.resolve("lib.wat");

    @Test
    void preloadLinksFunctionsAndGlobalsByName() {
        // go(x) = lib.twice(x) + lib.base = 2 * 21 + 100
        RobustnessTest.Result r = cli("run", APP, "--preload", LIB, "--invoke", "go", "21");
        assertEquals(0, r.code(), r.all());
        assertEquals("142\n", r.out());
    }

    @Test
    void consoleMathsIsRealNotAStub() {
        RobustnessTest.Result r = cli("run", APP, "--preload", LIB, "--invoke", "s", "1");
        assertEquals(0, r.code(), r.all());
        assertEquals(Math.sin(1) + "\n", r.out()); // 0.8414709848078965, already the shortest round-trip form
    }

    @Test
    void withoutThePreloadTheMissingImportIsNamedWithTheFix() {
        RobustnessTest.Result r = cli("run", APP, "--invoke", "go", "21");
        assertEquals(1, r.code());
        assertEquals("error: " + APP + ": unknown import lib.twice (function (i32) -> (i32)) (--preload NAME=FILE links a module; --stub-imports stands in for the rest)\n", r.err());
    }

    @Test
    void aPreloadWithoutNameIsOneClearLine() {
        RobustnessTest.Result r = cli("run", APP, "--preload", LINK.resolve("lib.wat").toString(), "--invoke", "go", "1");
        assertEquals(1, r.code());
        assertEquals("error: --preload takes NAME=FILE, got '" + LINK.resolve("lib.wat") + "'\n", r.err());
        assertClean(r);
    }

    @Test
    void stubImportsStandInForGlobalsToo() {
        RobustnessTest.Result r = cli("run", APP, "--stub-imports", "--invoke", "go", "21");
        assertEquals(0, r.code(), r.all());
        // twice is a stub returning 0 and base a fresh zero global: 0 + 0
        assertEquals("note: lib.base is a fresh global set to zero\nlib.twice(21)\n0\n", r.out());
    }

    @Test
    void floatResultsAreWrittenAsTheTextFormatDoes() {
        RobustnessTest.Result r = cli("run", APP, "--preload", LIB, "--invoke", "s", "0.0000477");
        assertEquals(0, r.code(), r.all());
        // the shortest digits that round-trip, as Python's repr gives them (4.769999998191144e-05); Java prints 4.769999998191144E-5
        assertEquals("0.00004769999998191144\n", r.out());
    }

    @Test
    void inspectSaysImportedAndPrintsLimitsInWords() {
        RobustnessTest.Result r = cli("inspect", LINK.resolve("imports.wat").toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  env.memory: memory min 17, max none (pages)\n"), r.out());
        assertTrue(r.out().contains("  env.t: table funcref min 2, max 10 (elements)\n"), r.out());
        assertTrue(r.out().contains("Memory[0]: min 17, max none (pages), imported\n"), r.out());
        assertTrue(r.out().contains("Table[0]: funcref min 2, max 10 (elements), imported\n"), r.out());
        assertTrue(r.out().contains("Global[0]: i32, imported\nGlobal[1]: mut i32 = i32.const 5\n"), r.out());
    }

    @AfterEach
    void tierBackToTheDefault() { Tier.setDefault(null); }

    @Test
    void tierOptionPicksTheEngineTierAndRefusesUnknownOnes() {
        RobustnessTest.Result r = cli("run", APP, "--preload", LIB, "--tier", "jit", "--invoke", "go", "21");
        assertEquals(0, r.code(), r.all());
        assertEquals("142\n", r.out());
        assertEquals(Tier.JIT, Tier.defaultTier());
        RobustnessTest.Result bad = cli("run", APP, "--tier=fast", "--invoke", "go", "21");
        assertEquals(2, bad.code());
        assertEquals("error: Invalid value for option '--tier': unknown tier 'fast' (expected interp, jit or auto) (see: termcade run --help)\n", bad.err());
    }

    @Test
    void inspectNamesTheFunctionsTheJitTierCannotCompile(@TempDir Path dir) throws Exception {
        // 3000 additions make a method far over HotSpot's 8000 bytes; the small function compiles.
        StringBuilder wat = new StringBuilder("(module (func $small (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n(func $big (param i32) (result i32) local.get 0");
        for (int i = 0; i < 3000; i++) wat.append(" i32.const 7 i32.add");
        wat.append("))");
        Path file = dir.resolve("big.wat");
        Files.writeString(file, wat);
        RobustnessTest.Result r = cli("inspect", file.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*JIT tier: 1 of 2 functions compile to JVM bytecode; these stay interpreted:\n"
                + "  func\\[1\\] big: \\d+ bytes of bytecode, over HotSpot's limit of 8000\n.*"), r.out());
    }
}
