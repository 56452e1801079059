package dev.termcade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code termcade new}: what it writes, how it refuses, and that each scaffold builds and plays as written. */
class NewCommandTest {
    static final Path ROOT = Path.of(System.getProperty("termcade.root", "."));

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"c, hop.c, termcade.h", "rust, hop.rs, termcade.rs", "wat, hop.wat, "})
    void scaffoldsSourceKitAndBuildScript(String lang, String source, String kit) throws Exception {
        Result r = cli("new", "hop", "--lang", lang, "--dir", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Path dir = tmp.resolve("hop");
        assertTrue(Files.readString(dir.resolve(source)).contains("\"hop\""), "the title string is the cart's name");
        for (Path p : Files.list(dir).toList()) {
            assertFalse(Files.readString(p).contains("{{"), p + " still has a placeholder");
        }
        assertTrue(Files.isExecutable(dir.resolve("build.sh")));
        assertTrue(Files.readString(dir.resolve("build.sh")).contains("hop.wasm"));
        if (kit != null) {
            // The kit is carts/include's own file, not a copy that could drift.
            assertEquals(Files.readString(ROOT.resolve("carts/include").resolve(kit)), Files.readString(dir.resolve(kit)));
        }
        assertTrue(r.out().contains(dir.resolve("build.sh").toString()), r.out());
    }

    @Test
    void watTemplateGetsTheNamesByteLength() throws Exception {
        assertEquals(0, cli("new", "abc_12", "--lang", "wat", "--dir", tmp.toString()).code());
        String wat = Files.readString(tmp.resolve("abc_12/abc_12.wat"));
        assertTrue(wat.contains("(data (i32.const 0) \"abc_12\")"), wat);
        assertTrue(wat.contains("(i32.const 6) (i32.const 0x8899AA)"), wat);
    }

    @Test
    void refusesBadNamesLanguagesAndExistingDirectories() throws Exception {
        Result badName = cli("new", "my-game", "--dir", tmp.toString());
        assertEquals(Main.USAGE, badName.code());
        assertEquals(1, badName.err().lines().count(), badName.err());
        assertTrue(badName.err().contains("'my-game'"), badName.err());

        Result badLang = cli("new", "ok", "--lang", "cobol", "--dir", tmp.toString());
        assertEquals(Main.USAGE, badLang.code());
        assertTrue(badLang.err().contains("--lang must be c, rust or wat"), badLang.err());
        assertFalse(Files.exists(tmp.resolve("ok")));

        Files.createDirectory(tmp.resolve("taken"));
        Files.writeString(tmp.resolve("taken/keep.txt"), "mine");
        Result taken = cli("new", "taken", "--dir", tmp.toString());
        assertEquals(Main.FAILED, taken.code());
        assertTrue(taken.err().contains("already exists"), taken.err());
        assertEquals("mine", Files.readString(tmp.resolve("taken/keep.txt")));

        Result noParent = cli("new", "x", "--dir", tmp.resolve("missing").toString());
        assertEquals(Main.FAILED, noParent.code());
        assertTrue(noParent.err().contains("no such directory"), noParent.err());
    }

    /**
     * Builds each scaffold with its own build.sh and plays it headless with a zigzag over the whole 40x22-pixel
     * screen: rows of the square's centre 6 pixels apart reach every spot the dot can be in (within 4 pixels),
     * so the player must catch it at least once and the score must show it.
     */
    @ParameterizedTest
    @CsvSource({"c, clang", "rust, rustc", "wat, wat2wasm"})
    void eachScaffoldBuildsAndPlaysAsWritten(String lang, String tool) throws Exception {
        assumeTrue(onPath(tool), tool + " is not installed (carts/build.sh installs the toolchains)");
        assertEquals(0, cli("new", "zig_" + lang, "--lang", lang, "--dir", tmp.toString()).code());
        Path dir = tmp.resolve("zig_" + lang);
        ProcessBuilder build = new ProcessBuilder(dir.resolve("build.sh").toString()).redirectErrorStream(true);
        if (Files.isExecutable(Path.of("/usr/bin/rustc"))) build.environment().put("RUSTC", "/usr/bin/rustc");
        Process p = build.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);

        List<String> sweep = new ArrayList<>();
        int frame = 0;
        for (int pass = 0; pass < 4; pass++) {
            String key = pass % 2 == 0 ? "right" : "left";
            sweep.add(frame + " " + key + " down");
            frame += 36;
            sweep.add(frame + " " + key + " up");
            sweep.add(frame + " down down");
            frame += 6;
            sweep.add(frame + " down up");
        }
        Path input = Files.write(tmp.resolve("sweep.txt"), sweep);
        Result r = cli("play", dir.resolve("zig_" + lang + ".wasm").toString(), "--headless", "--frames", "200",
                "--size", "40x12", "--seed", "7", "--input", input.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("zig_" + lang), "the title is drawn at the top left:\n" + r.out());
        Matcher score = Pattern.compile("best_score=(\\d+)").matcher(r.out());
        assertTrue(score.find(), r.out());
        assertTrue(Integer.parseInt(score.group(1)) >= 1, r.out());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
