package dev.termcade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Hostile carts and bad input through the real command line: one clear line, a non-zero exit, no Java traces. */
class RobustnessTest {
    static final Path ROOT = Path.of(System.getProperty("termcade.root", "."));
    static final Path WASM = ROOT.resolve("src/test/resources/wasm");

    record Result(int code, String out, String err) {
        String all() { return out + err; }
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static void assertClean(Result r) {
        assertFalse(r.all().contains("Exception"), r.all());
        assertFalse(r.all().contains("at dev.termcade"), r.all());
        assertFalse(r.all().contains("at java."), r.all());
    }

    @TempDir
    static Path tmp;

    static Path badFile(String name) throws Exception {
        Path p = tmp.resolve(name);
        byte[] rocket = Files.readAllBytes(ROOT.resolve("carts/rocket.wasm"));
        switch (name) {
            case "empty.wasm": Files.write(p, new byte[0]); break;
            case "text.wasm": Files.writeString(p, "this is not wasm\n"); break;
            case "truncated.wasm": Files.write(p, java.util.Arrays.copyOf(rocket, 300)); break;
            case "corrupt.wasm": {
                byte[] b = rocket.clone();
                for (int i = 600; i < 604; i++) b[i] = (byte) 0xFF;
                Files.write(p, b);
                break;
            }
            case "invalid.wasm":
                // (func (result i32) i32.add) — type mismatch
                Files.write(p, new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7F, 3, 2, 1, 0, 10, 5, 1, 3, 0, 0x6A, 0x0B});
                break;
            case "dir.wasm": Files.createDirectories(p); break;
            default: break; // missing
        }
        return p;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandRejectsEveryBadFileInOneLine() {
        String[] files = {"missing.wasm", "dir.wasm", "empty.wasm", "text.wasm", "truncated.wasm", "corrupt.wasm", "invalid.wasm"};
        String[][] commands = {{"play", "%s", "--headless", "--frames", "1"}, {"run", "%s", "--invoke", "x"}, {"inspect", "%s"},
                {"serve", "--cart", "%s", "--port", "0"}};
        return Stream.of(commands).flatMap(cmd -> Stream.of(files).map(f -> DynamicTest.dynamicTest(cmd[0] + " " + f, () -> {
            Path p = badFile(f);
            String[] args = cmd.clone();
            for (int i = 0; i < args.length; i++) args[i] = args[i].replace("%s", p.toString());
            Result r = cli(args);
            assertEquals(1, r.code(), r.all());
            assertClean(r);
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains(f), r.err());
        })));
    }

    @Test
    void specOnAMissingDirectory() {
        Result r = cli("spec", tmp.resolve("nope").toString());
        assertEquals(1, r.code());
        assertClean(r);
    }

    @Test
    void usageErrorsExitWithTwo() {
        Path basics = WASM.resolve("basics.wasm");
        for (String[] args : new String[][]{{"play", "--bogus"}, {"run", basics.toString(), "--stub-imports", "--invoke", "div", "1"},
                {"run", basics.toString(), "--stub-imports", "--invoke", "div", "x", "2"}, {"play", "--headless", "--size", "axb"}}) {
            Result r = cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.all());
            assertClean(r);
        }
    }

    @Test
    void missingExportAndMissingImportAreNamed() {
        Result r = cli("run", WASM.resolve("basics.wasm").toString(), "--stub-imports", "--invoke", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no exported function 'nope'"), r.err());
        Result s = cli("run", WASM.resolve("basics.wasm").toString(), "--invoke", "fac", "3");
        assertEquals(1, s.code());
        assertTrue(s.err().contains("env.callback"), s.err());
        assertClean(s);
    }

    @Test
    void runawayCartIsStoppedWithinItsBudgetInHeadlessPlay() {
        long t0 = System.nanoTime();
        Result r = cli("play", WASM.resolve("runaway_cart.wasm").toString(), "--headless", "--frames", "50", "--budget", "300");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("cart did not return from frame() within 300 ms"), r.err());
        assertTrue(r.out().contains("The cart stopped"), "the screen shows it: " + r.out());
        assertTrue(r.out().contains("frames=4 "), r.out());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertClean(r);
    }

    @Test
    void runawayCallIsInterruptedByRunTimeoutAndTheReplGoesOn() throws Exception {
        Result r = cli("run", WASM.resolve("basics.wasm").toString(), "--stub-imports", "--invoke", "spin", "--timeout", "200");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("did not return within 200 ms") && r.err().contains("func[5] spin"), r.err());
        assertClean(r);
    }

    @Test
    void fuelStopsRunawayCodeExactly() {
        Result r = cli("run", WASM.resolve("basics.wasm").toString(), "--stub-imports", "--invoke", "spin", "--fuel", "10000");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("out of fuel"), r.err());
        Result ok = cli("run", WASM.resolve("basics.wasm").toString(), "--stub-imports", "--invoke", "sum", "10", "--fuel", "10000");
        assertEquals(0, ok.code(), ok.all());
        assertEquals("45", ok.out().strip());
    }

    @Test
    void memoryBombGetsMinusOneNotOutOfMemory() {
        Result r = cli("run", WASM.resolve("bomb.wasm").toString(), "--invoke", "bomb");
        assertEquals(0, r.code(), r.all());
        int pages = Integer.parseInt(r.out().strip());
        assertTrue(pages >= 1 && pages <= 32767, "bounded by the JVM's array limit: " + pages);
    }

    @Test
    void cartridgeMemoryIsCappedForPlay() {
        // In play, carts get ResourceLimits.CARTRIDGE (256 MiB); the rocket cart runs well within it.
        Result r = cli("play", ROOT.resolve("carts/rocket.wasm").toString(), "--headless", "--frames", "5");
        assertEquals(0, r.code(), r.all());
    }

    @Test
    void wildCoordinatesAreClippedNotFatal() {
        Result r = cli("play", WASM.resolve("wild_cart.wasm").toString(), "--headless", "--frames", "10", "--size", "40x12");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("frames=10 "), r.out());
        assertClean(r);
    }

    @Test
    void deepRecursionTrapsInsteadOfOverflowingTheJavaStack() {
        Result r = cli("run", WASM.resolve("basics.wasm").toString(), "--stub-imports", "--invoke", "rec", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("call stack exhausted"), r.err());
        assertClean(r);
    }
}
