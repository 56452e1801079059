package dev.termcade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.WasmBuilder;
import dev.termcade.wasm.SafeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void specOnAnEmptyDirectoryIsAnError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no_scripts"));
        Files.writeString(empty.resolve("notes.txt"), "not a script");
        Result r = cli("spec", empty.toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("error: " + empty + ": no spec scripts (*.json) in it", r.err().strip());
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

    // ---- hostile carts: every entry point x every hazard, for both ABIs ----

    static Path written(String name, byte[] module) throws java.io.IOException {
        return Files.write(tmp.resolve(name), module);
    }

    private static final byte[] NONE = {}, F64 = {WasmBuilder.F64}, F64_F64 = {WasmBuilder.F64, WasmBuilder.F64}, I32 = {WasmBuilder.I32};

    /** What a hostile entry point does. */
    enum Hazard {
        LOOP, RECURSION, MEMORY_BOMB;

        /** The body of a function with {@code params} at index {@code self} that does this. */
        byte[] body(byte[] params, int self) {
            switch (this) {
                case LOOP: return WasmBuilder.code(0x03, 0x40, 0x0C, 0x00, 0x0B);
                case RECURSION: {
                    List<Object> c = new ArrayList<>();
                    for (byte p : params) {
                        if (p == WasmBuilder.F64) c.add(WasmBuilder.code(0x44, 0, 0, 0, 0, 0, 0, 0, 0));
                        else c.add(WasmBuilder.code(0x41, 0));
                    }
                    c.add(WasmBuilder.code(0x10, WasmBuilder.uleb(self)));
                    return WasmBuilder.code(c.toArray());
                }
                default: // asks for 4 GiB more, is refused (-1) and asks again, forever
                    return WasmBuilder.code(0x03, 0x40, 0x41, WasmBuilder.sleb(65536), 0x40, 0x00, 0x1A, 0x0C, 0x00, 0x0B);
            }
        }

        String expected(String entry) {
            return this == RECURSION ? "call stack exhausted" : "did not return from " + entry + " within 100 ms";
        }
    }

    /** A cart entry point: its ABI, export name (or the start section), signature, and the play input that reaches it. */
    record Entry(String abi, String export, byte[] params, String input, String message) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("rocket", null, NONE, "", "its start section"),
            new Entry("rocket", "resize", F64_F64, "", "resize()"),
            new Entry("rocket", "update", F64, "", "update()"),
            new Entry("rocket", "draw", NONE, "", "draw()"),
            new Entry("rocket", "toggle_shoot", I32, "0 space down\n", "a button toggle"),
            new Entry("rocket", "toggle_boost", I32, "1 up down\n", "a button toggle"),
            new Entry("rocket", "toggle_turn_left", I32, "0 left down\n", "a button toggle"),
            new Entry("rocket", "toggle_turn_right", I32, "2 right down\n2 right up\n", "a button toggle"),
            new Entry("termcade", null, NONE, "", "its start section"),
            new Entry("termcade", "start", NONE, "", "start()"),
            new Entry("termcade", "frame", F64, "", "frame()"));

    /** A well-behaved cart of the entry's ABI except that {@code hostile} does {@code hazard}. */
    static byte[] hostileCart(Entry entry, Hazard hazard) {
        WasmBuilder b = new WasmBuilder();
        List<Object[]> exports = entry.abi().equals("rocket")
                ? List.of(new Object[]{"resize", F64_F64}, new Object[]{"update", F64}, new Object[]{"draw", NONE},
                        new Object[]{"toggle_shoot", I32}, new Object[]{"toggle_boost", I32}, new Object[]{"toggle_turn_left", I32}, new Object[]{"toggle_turn_right", I32})
                : List.of(new Object[]{"start", NONE}, new Object[]{"frame", F64});
        if (entry.abi().equals("rocket")) b.importFunc("env", "clear_screen", NONE, NONE);
        else b.importFunc("termcade", "clear", I32, NONE);
        b.memory(1);
        for (Object[] e : exports) {
            byte[] params = (byte[]) e[1];
            boolean bad = e[0].equals(entry.export());
            int f = b.func(params, NONE, bad ? hazard.body(params, b.nextFuncIndex()) : new byte[0]);
            b.export((String) e[0], f);
        }
        if (entry.export() == null) b.start(b.func(NONE, NONE, hazard.body(NONE, b.nextFuncIndex())));
        return b.build();
    }

    @TestFactory
    Stream<DynamicTest> everyEntryPointOfEveryAbiIsBoundedForEveryHazard() {
        return ENTRIES.stream().flatMap(entry -> Stream.of(Hazard.values()).map(hazard -> DynamicTest.dynamicTest(
                entry.abi() + " " + (entry.export() == null ? "start section" : entry.export()) + " " + hazard, () -> {
                    Path cart = written(entry.abi() + "_" + entry.export() + "_" + hazard + ".wasm", hostileCart(entry, hazard));
                    Path input = tmp.resolve(cart.getFileName() + ".keys");
                    Files.writeString(input, entry.input());
                    Result r = cli("play", cart.toString(), "--headless", "--frames", "3", "--budget", "100", "--size", "40x12", "--input", input.toString());
                    assertEquals(1, r.code(), r.all());
                    assertTrue(r.err().contains(hazard.expected(entry.message())), r.err());
                    assertClean(r);
                })));
    }

    @Test
    void theIssuesStartSectionLoopAndLoopingResizeEndWithinTheirBudget() throws Exception {
        // (module (memory (export "memory") 1) (func $s (loop $l (br $l))) (start $s) (func (export "frame") (param f64)))
        WasmBuilder b = new WasmBuilder().memory(1);
        b.start(b.func(NONE, NONE, Hazard.LOOP.body(NONE, 0)));
        b.export("frame", b.func(F64, NONE, NONE));
        Path cart = written("start_loop.wasm", b.build());
        Result r = cli("play", cart.toString(), "--headless", "--frames", "3", "--budget", "200");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("cart did not return from its start section within 200 ms"), r.err());
        assertClean(r);

        Result run = cli("run", cart.toString(), "--invoke", "frame", "0", "--timeout", "100");
        assertEquals(1, run.code(), run.all());
        assertTrue(run.err().contains("the start section did not return within 100 ms"), run.err());
        assertClean(run);
    }

    // ---- sizes ----

    @Test
    void devZeroAsAModuleOrAnInputFileIsOneClearLine() {
        if (!Files.exists(Path.of("/dev/zero"))) return;
        Result m = cli("inspect", "/dev/zero");
        assertEquals(1, m.code(), m.all());
        assertEquals("error: /dev/zero: larger than the 256 MiB allowed for a module", m.err().strip());
        Result i = cli("play", ROOT.resolve("carts/snake.wasm").toString(), "--headless", "--frames", "1", "--input", "/dev/zero");
        assertEquals(1, i.code(), i.all());
        assertEquals("error: /dev/zero: larger than the 16 MiB allowed", i.err().strip());
        Result missing = cli("play", ROOT.resolve("carts/snake.wasm").toString(), "--headless", "--frames", "1", "--input", tmp.resolve("no.keys").toString());
        assertEquals(1, missing.code(), missing.all());
        assertTrue(missing.err().strip().endsWith("no.keys: no such file"), missing.err());
    }

    @Test
    void runAndReplCapMemoryByDefaultAndTheCapCanBeChanged() throws Exception {
        // 50 bytes that ask for 2 GiB: refused by default (256 MiB), allowed up to an explicit cap.
        WasmBuilder b = new WasmBuilder().memory(0);
        b.export("grow", b.func(NONE, new byte[]{WasmBuilder.I32}, WasmBuilder.code(0x41, WasmBuilder.sleb(32767), 0x40, 0x00)));
        b.export("small", b.func(NONE, new byte[]{WasmBuilder.I32}, WasmBuilder.code(0x41, WasmBuilder.sleb(16), 0x40, 0x00)));
        Path bomb = written("grow.wasm", b.build());
        assertTrue(Files.size(bomb) < 80);
        assertEquals("-1", cli("run", bomb.toString(), "--invoke", "grow").out().strip(), "2 GiB refused by the default cap");
        assertEquals("0", cli("run", bomb.toString(), "--invoke", "small").out().strip(), "1 MiB is fine");
        assertEquals("-1", cli("run", bomb.toString(), "--invoke", "small", "--max-memory", "512K").out().strip(), "16 pages > 8 pages");
        assertEquals("0", cli("run", bomb.toString(), "--invoke", "small", "--max-memory", "1M").out().strip());
        for (String bad : new String[]{"-5", "lots", "3T", "99999999999G"}) {
            Result r = cli("run", bomb.toString(), "--invoke", "small", "--max-memory", bad);
            assertEquals(2, r.code(), bad + ": " + r.all());
            assertClean(r);
        }
        WasmBuilder big = new WasmBuilder().memory(5000);
        big.export("f", big.func(NONE, NONE, NONE));
        Path bigMemory = written("big_memory.wasm", big.build());
        Result refused = cli("run", bigMemory.toString(), "--invoke", "f");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("memory of 5000 pages (312 MiB) exceeds the host's limit of 4096 pages (--max-memory raises the limit)"), refused.err());
        assertEquals(0, cli("run", bigMemory.toString(), "--invoke", "f", "--max-memory", "1G").code());
        Result repl = cli("repl", "--max-memory", "1M", "--help");
        assertEquals(0, repl.code(), repl.all());
    }

    @Test
    void negativeBudgetsAndOversizedScreensAreUsageErrors() {
        String basics = WASM.resolve("basics.wasm").toString();
        String[][] cases = {{"run", basics, "--stub-imports", "--invoke", "sum", "3", "--fuel", "-5"},
                {"run", basics, "--stub-imports", "--invoke", "sum", "3", "--timeout", "-1"},
                {"play", ROOT.resolve("carts/snake.wasm").toString(), "--headless", "--frames", "1", "--budget", "-100"},
                {"repl", "--timeout", "-3"}, {"serve", "--port", "0", "--budget", "-1"},
                {"play", ROOT.resolve("carts/snake.wasm").toString(), "--headless", "--frames", "1", "--size", "10000x10000"}};
        for (String[] args : cases) {
            Result r = cli(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("must"), r.err()); // "must not be negative", "must be at least", "must look like 120x40 (at most 500x200)"
            assertClean(r);
        }
    }

    // ---- untrusted text: every sink x every control-character class ----

    /** One sample of each class a terminal acts on, plus the issue's title and log-forging payloads. */
    static List<String> hostileNames() {
        List<String> names = new ArrayList<>();
        for (int cp = 0x01; cp < 0x20; cp++) names.add("c0_" + new String(Character.toChars(cp)) + "_x");
        names.add("del_\u007f_x");
        for (int cp = 0x80; cp <= 0x9F; cp++) names.add("c1_" + new String(Character.toChars(cp)) + "[2J_x");
        for (int cp : new int[]{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029}) {
            names.add("bidi_" + new String(Character.toChars(cp)) + "_x");
        }
        names.add("title\u001b]0;pwned\u0007_x");
        names.add("log\n15:00:00 FAKE LOG LINE");
        return names;
    }

    /** Nothing in {@code text} can act on a terminal: only line feeds remain of the control characters. */
    static void assertInert(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') continue;
            assertTrue(!SafeText.isUnsafe(c), what + ": U+" + Integer.toHexString(c) + " reached the output: " + text);
        }
        assertFalse(text.lines().anyMatch(l -> l.startsWith("15:00:00 FAKE")), what + ": a forged line: " + text);
    }

    /**
     * A termcade cart whose frame() calls a function exported as {@code name} (and named so in the name section
     * when {@code nameSection}) that writes {@code name} with text() and then traps: the name reaches the
     * backtrace, the crash screen, the error line, inspect and the REPL.
     */
    static byte[] namedTrapCart(String name, boolean nameSection) {
        WasmBuilder b = new WasmBuilder();
        int text = b.importFunc("termcade", "text", new byte[]{WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32}, NONE);
        b.memory(1);
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // store the name's bytes at address 16, one i32.store8 each, then text(0, 0, 16, len, 0xffffff) and trap
        List<Object> code = new ArrayList<>();
        for (int i = 0; i < utf8.length; i++) code.add(WasmBuilder.code(0x41, WasmBuilder.sleb(16 + i), 0x41, WasmBuilder.sleb(utf8[i] & 0xFF), 0x3A, 0x00, 0x00));
        code.add(WasmBuilder.code(0x41, 0, 0x41, 0, 0x41, 16, 0x41, WasmBuilder.sleb(utf8.length), 0x41, WasmBuilder.sleb(0xFFFFFF), 0x10, text, 0x00));
        int evil = b.func(NONE, NONE, WasmBuilder.code(code.toArray()));
        b.export(name, evil);
        if (nameSection) b.name(evil, name);
        b.export("frame", b.func(F64, NONE, WasmBuilder.code(0x10, evil)));
        return b.build();
    }

    @TestFactory
    Stream<DynamicTest> untrustedNamesAndTextAreInertInEverySink() {
        return hostileNames().stream().flatMap(name -> Stream.of(false, true).map(nameSection -> DynamicTest.dynamicTest(
                SafeText.of(name) + (nameSection ? " (name section)" : " (export)"), () -> {
                    // the file is named with the hostile text too: it reaches the status line, "loaded ..." and error lines
                    Path cart = written("named_" + name + "_" + nameSection + ".wasm", namedTrapCart(name, nameSection));
                    Result play = cli("play", cart.toString(), "--headless", "--frames", "2", "--size", "60x20");
                    assertEquals(1, play.code(), play.all());
                    assertTrue(play.out().contains("The cart stopped"), play.out());
                    assertInert(play.all(), "play");
                    assertClean(play);
                    Result inspect = cli("inspect", cart.toString());
                    assertEquals(0, inspect.code(), inspect.all());
                    assertInert(inspect.all(), "inspect");
                    Result run = cli("run", cart.toString(), "--stub-imports", "--invoke", "nope");
                    assertEquals(1, run.code(), run.all());
                    assertInert(run.all(), "run");
                    assertEquals(1, run.err().strip().lines().count(), run.err());
                    StringWriter replOut = new StringWriter(), replErr = new StringWriter();
                    dev.termcade.repl.Repl repl = new dev.termcade.repl.Repl(new PrintWriter(replOut), new PrintWriter(replErr), false);
                    for (String command : new String[]{"load \"" + cart + "\" as x", "exports", "info", "modules", "frame(0)", "reset", "nope"}) repl.execute(command);
                    assertTrue(replErr.toString().contains("unreachable"), replErr.toString());
                    assertInert(replOut + "" + replErr, "repl");
                })));
    }

    @Test
    void aCartFileNameWithControlsDoesNotReachTheStatusLineRaw() throws Exception {
        Path cart = tmp.resolve("evil\u001b]0;pwned\u0007.wasm");
        Files.copy(ROOT.resolve("carts/snake.wasm"), cart);
        Result r = cli("play", cart.toString(), "--headless", "--frames", "1", "--size", "80x10");
        assertEquals(0, r.code(), r.all());
        assertInert(r.all(), "status line");
        assertTrue(r.out().contains("EVIL\\x1b]0;PWNED\\x07"), r.out());
    }

    @Test
    void hostileRustSymbolsStillLoadAndShowAsTheyAre() throws Exception {
        for (String sym : new String[]{"_ZN99999999999aE", "_ZN2147483647aE", "_ZN4294967296aE", "_ZN-1aE", "_ZN\u0663aE", "_ZN3fooE", "_ZNE", "_ZN9E"}) {
            WasmBuilder b = new WasmBuilder();
            int f = b.func(NONE, NONE, WasmBuilder.code(0x00));
            b.export("boom", f).name(f, sym);
            Path p = written("sym" + Integer.toHexString(sym.hashCode()) + ".wasm", b.build());
            Result r = cli("run", p.toString(), "--invoke", "boom");
            assertEquals(1, r.code(), sym + ": " + r.all());
            assertTrue(r.err().contains("unreachable") && r.err().contains(sym.equals("_ZN3fooE") ? "foo" : sym), sym + ": " + r.err());
            assertClean(r);
        }
    }

    /** Every termcade drawing import with extreme arguments, through a real cart: none stops the cart. */
    @Test
    void termcadeDrawingCallsNeverStopTheCart() throws Exception {
        int[] extremes = {Integer.MIN_VALUE, -100000, -1, 0, 5, 100000, Integer.MAX_VALUE};
        String[][] imports = {{"pixel", "3"}, {"line", "5"}, {"rect", "5"}, {"rect_outline", "5"}, {"circle", "4"}, {"circle_outline", "4"}, {"text", "5"}};
        java.util.Random rnd = new java.util.Random(6);
        WasmBuilder b = new WasmBuilder();
        List<Object> code = new ArrayList<>();
        for (String[] imp : imports) {
            int n = Integer.parseInt(imp[1]);
            byte[] params = new byte[n];
            java.util.Arrays.fill(params, WasmBuilder.I32);
            int f = b.importFunc("termcade", imp[0], params, NONE);
            for (int call = 0; call < 40; call++) {
                for (int a = 0; a < n; a++) code.add(WasmBuilder.code(0x41, WasmBuilder.sleb(call == 0 && a == 0 && imp[0].equals("rect") ? 100000 : extremes[rnd.nextInt(extremes.length)])));
                code.add(WasmBuilder.code(0x10, f));
            }
        }
        b.memory(1);
        b.export("frame", b.func(F64, NONE, WasmBuilder.code(code.toArray())));
        Path cart = written("extremes.wasm", b.build());
        Result r = cli("play", cart.toString(), "--headless", "--frames", "3", "--size", "40x12");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("frames=3 "), r.out());
        assertClean(r);
    }

    /** The rocket ABI's draw imports with every extreme f64 (NaN, infinities, huge, tiny, -0) through a real cart. */
    @Test
    void rocketDrawingCallsNeverStopTheCart() throws Exception {
        double[] extremes = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
                1e300, -1e300, 2147483648.0, -2147483649.0, 1e7, -0.0, Double.MIN_VALUE, 400, 300};
        Object[][] imports = {{"draw_player", 3}, {"draw_enemy", 2}, {"draw_bullet", 2}, {"draw_particle", 3}, {"draw_score", 1}};
        java.util.Random rnd = new java.util.Random(7);
        WasmBuilder b = new WasmBuilder();
        List<Object> code = new ArrayList<>();
        for (Object[] imp : imports) {
            byte[] params = new byte[(Integer) imp[1]];
            java.util.Arrays.fill(params, WasmBuilder.F64);
            int f = b.importFunc("env", (String) imp[0], params, NONE);
            for (int call = 0; call < 60; call++) {
                for (int a = 0; a < params.length; a++) {
                    long bits = Double.doubleToRawLongBits(extremes[rnd.nextInt(extremes.length)]);
                    byte[] le = new byte[8];
                    for (int i = 0; i < 8; i++) le[i] = (byte) (bits >>> (8 * i));
                    code.add(WasmBuilder.code(0x44, le));
                }
                code.add(WasmBuilder.code(0x10, f));
            }
        }
        b.memory(1);
        b.export("draw", b.func(NONE, NONE, WasmBuilder.code(code.toArray())));
        b.export("resize", b.func(F64_F64, NONE, NONE));
        b.export("update", b.func(F64, NONE, NONE));
        for (String t : new String[]{"toggle_shoot", "toggle_boost", "toggle_turn_left", "toggle_turn_right"}) b.export(t, b.func(I32, NONE, NONE));
        Path cart = written("rocket_extremes.wasm", b.build());
        for (String world : new String[]{"800x600", "1x1", "10000x1"}) {
            Result r = cli("play", cart.toString(), "--headless", "--frames", "3", "--size", "40x12", "--world", world);
            assertEquals(0, r.code(), world + ": " + r.all());
            assertTrue(r.out().contains("frames=3 "), r.out());
            assertClean(r);
        }
    }
}
