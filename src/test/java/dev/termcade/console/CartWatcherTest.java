package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CartWatcher} on a real directory: each change leads to exactly one outcome, in order. */
class CartWatcherTest {
    /** Generous: a loaded machine may be slow to deliver file events; a healthy run takes milliseconds. */
    private static final long WAIT_S = 20;

    private static final String CART = "(module (func (export \"frame\") (param f64)))";

    private final BlockingQueue<CartWatcher.Outcome> outcomes = new LinkedBlockingQueue<>();

    private CartWatcher.Outcome next() throws InterruptedException {
        CartWatcher.Outcome o = outcomes.poll(WAIT_S, TimeUnit.SECONDS);
        assertNotNull(o, "no outcome within " + WAIT_S + " s");
        return o;
    }

    /** Lets a burst settle, then checks that nothing more came. */
    private void assertQuiet() throws InterruptedException {
        assertNull(outcomes.poll(4 * CartWatcher.SETTLE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aChangedCartIsLoadedAndABrokenOneReported(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wat");
        Files.writeString(cart, CART);
        Files.writeString(dir.resolve("notes.txt"), "x");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            assertFalse(w.builds());
            Files.writeString(dir.resolve("notes.txt"), "not the cart, and no build.sh: ignored");
            assertQuiet();
            Files.writeString(cart, CART.replace("(param f64)", "(param $dt f64)"));
            CartWatcher.Loaded loaded = assertInstanceOf(CartWatcher.Loaded.class, next());
            assertNotNull(loaded.module().module().export("frame"));
            assertQuiet();
            Files.writeString(cart, "(module (func (export \"frame\") (param f64) i32.ad))");
            CartWatcher.Failed broken = assertInstanceOf(CartWatcher.Failed.class, next());
            assertTrue(broken.line().contains("game.wat") && broken.line().contains("i32.ad"), broken.line());
        }
    }

    @Test
    void aSourceChangeRunsTheBuildOnce(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        Files.writeString(dir.resolve("game.src"), CART);
        // Stands in for clang: "compiles" game.src into the cart (text under a .wasm name loads: the loader sniffs '(')
        // and counts its runs.
        Files.writeString(dir.resolve("build.sh"), "set -e\ncd \"$(dirname \"$0\")\"\necho run >> runs.log\ncp game.src game.wasm\necho built game.wasm\n");
        Files.copy(dir.resolve("game.src"), cart);
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            assertTrue(w.builds());
            Files.writeString(dir.resolve("game.src"), CART.replace("frame", "frame\") (export \"step"));
            assertEquals(new CartWatcher.Building("game.src"), next());
            CartWatcher.Loaded loaded = assertInstanceOf(CartWatcher.Loaded.class, next());
            assertNotNull(loaded.module().module().export("step"), "the new build was loaded");
            assertQuiet(); // the build's own writes (game.wasm, runs.log) start no second build
            assertEquals(1, Files.readAllLines(dir.resolve("runs.log")).size());
        }
    }

    @Test
    void aFailedBuildNamesItsFirstErrorLine(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        Files.writeString(cart, CART);
        Files.writeString(dir.resolve("game.c"), "int x = 1;");
        Files.writeString(dir.resolve("build.sh"), "echo 'compiling game.c'\n"
                + "echo \"game.c:3:14: error: expected ';' after expression\" >&2\necho '1 error generated.' >&2\nexit 1\n");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            Files.writeString(dir.resolve("game.c"), "int x = 1");
            assertEquals(new CartWatcher.Building("game.c"), next());
            assertEquals(new CartWatcher.Failed("build failed: game.c:3:14: error: expected ';' after expression"), next());
        }
    }

    @Test
    void editorsScratchFilesAreNotSources(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        Files.writeString(cart, CART);
        Files.writeString(dir.resolve("build.sh"), "exit 0\n");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            for (String scratch : new String[]{".game.c.swp", "game.c~", "4913", "#game.c#", "other.wasm", "game.o"}) {
                assertFalse(w.isSource(dir.resolve(scratch)), scratch);
            }
            assertFalse(w.isSource(cart));
            assertTrue(w.isSource(dir.resolve("game.c")));
            assertTrue(w.isSource(dir.resolve("termcade.h")));
            assertTrue(w.isSource(dir.resolve("build.sh")));
        }
    }

    @Test
    void firstErrorLineFallsBackToTheFirstLineThenTheStatus() {
        assertEquals("ld: undefined symbol: memset", CartWatcher.firstErrorLine("\nld: undefined symbol: memset\nmore\n", 1));
        assertEquals("build.sh exited with status 2", CartWatcher.firstErrorLine("  \n", 2));
    }

    @Test
    void buildFirstMakesTheCartBeforeWatching(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        assertNull(CartWatcher.buildFirst(cart), "no build.sh: nothing to build");
        assertFalse(Files.exists(cart));
        Files.writeString(dir.resolve("game.src"), CART);
        Files.writeString(dir.resolve("build.sh"), "cd \"$(dirname \"$0\")\" && cp game.src game.wasm\n");
        assertNull(CartWatcher.buildFirst(cart));
        assertEquals(CART, Files.readString(cart), "built from its source, as just after 'new'");
        Files.writeString(dir.resolve("build.sh"), "echo 'game.c:1:1: error: unknown type name' >&2; exit 1\n");
        assertEquals("build failed: game.c:1:1: error: unknown type name", CartWatcher.buildFirst(cart));
    }

    @Test
    void aScriptForManyCartsIsNotTheCartsBuild(@TempDir Path dir) throws Exception {
        // This repository's carts/: one build.sh for every cart, each cart's sources in its own subdirectory.
        Path cart = dir.resolve("rocket.wasm");
        Files.writeString(cart, CART);
        Files.writeString(dir.resolve("build.sh"), "echo built >> runs.log\n");
        Files.createDirectory(dir.resolve("rocket"));
        Files.writeString(dir.resolve("rocket").resolve("rocket.rs"), "fn main() {}");
        assertNull(CartWatcher.buildScriptOf(cart));
        assertNull(CartWatcher.buildFirst(cart));
        assertFalse(Files.exists(dir.resolve("runs.log")), "the script did not run");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            assertFalse(w.builds());
        }
        Files.writeString(dir.resolve("rocket.rs"), "fn main() {}");
        assertEquals(dir.resolve("build.sh"), CartWatcher.buildScriptOf(cart), "a source named like the cart beside it");
    }

    @Test
    void aSaveDuringTheBuildGetsOneMoreBuild(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        Files.writeString(dir.resolve("game.src"), CART);
        Files.copy(dir.resolve("game.src"), cart);
        // A slow compiler: reads the source at once, writes the cart after a while.
        Files.writeString(dir.resolve("build.sh"), "cd \"$(dirname \"$0\")\"\necho run >> runs.log\n"
                + "cp game.src build.tmp; sleep 1; mv build.tmp game.wasm\n");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            Files.writeString(dir.resolve("game.src"), CART.replace("frame", "frame\") (export \"first"));
            assertEquals(new CartWatcher.Building("game.src"), next());
            Thread.sleep(400); // the build is running
            Files.writeString(dir.resolve("game.src"), CART.replace("frame", "frame\") (export \"second"));
            assertNotNull(assertInstanceOf(CartWatcher.Loaded.class, next()).module().module().export("first"));
            assertNotNull(assertInstanceOf(CartWatcher.Loaded.class, next()).module().module().export("second"), "the save during the build is built too");
            assertQuiet();
            assertEquals(2, Files.readAllLines(dir.resolve("runs.log")).size());
        }
    }

    @Test
    void aBuildThatWritesASourceLikeFileBuildsAtMostTwicePerSave(@TempDir Path dir) throws Exception {
        Path cart = dir.resolve("game.wasm");
        Files.writeString(dir.resolve("game.src"), CART);
        Files.copy(dir.resolve("game.src"), cart);
        Files.writeString(dir.resolve("build.sh"), "cd \"$(dirname \"$0\")\"\necho run >> runs.log\ndate > stamp.txt\ncp game.src game.wasm\n");
        try (CartWatcher w = new CartWatcher(cart, outcomes::add)) {
            Files.writeString(dir.resolve("game.src"), CART + " ");
            assertEquals(new CartWatcher.Building("game.src"), next());
            assertInstanceOf(CartWatcher.Loaded.class, next());
            assertInstanceOf(CartWatcher.Loaded.class, next());
            assertNull(outcomes.poll(1, TimeUnit.SECONDS), "no third build");
            assertEquals(2, Files.readAllLines(dir.resolve("runs.log")).size());
        }
    }
}
