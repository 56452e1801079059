package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.wasm.text.Wat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ConsoleSession#swapGame}, the hook {@code play --watch} reloads a cart through, on a headless terminal. */
class CartReloadTest {
    private static final int RED = 0xff0000, BLUE = 0x0000ff;

    /** A termcade cart that clears the screen to {@code rgb} every frame and scores {@code score}. */
    private static CompiledModule filling(int rgb, int score) {
        return wat("(module (import \"termcade\" \"clear\" (func $clear (param i32)))"
                + " (import \"termcade\" \"set_score\" (func $score (param i32)))"
                + " (func (export \"frame\") (param f64) (call $clear (i32.const " + rgb + ")) (call $score (i32.const " + score + "))))");
    }

    private static CompiledModule wat(String text) {
        return CompiledModule.load(Wat.toBinary(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final class Console implements AutoCloseable {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final TerminalScreen screen;
        final ConsoleSession session;

        Console(CompiledModule first) throws Exception {
            ConsoleOptions o = new ConsoleOptions();
            o.mode = RenderMode.HALF;
            o.colors = CellRenderer.ColorDepth.TRUECOLOR;
            screen = new TerminalScreen(new StreamTerminal(new ByteArrayInputStream(new byte[0]), wire, 40, 12));
            screen.startScreen();
            session = new ConsoleSession(screen, first, o, new Machine());
            session.layout(new TerminalSize(40, 12));
        }

        /** One frame, presented; returns the colour of the middle pixel the cart drew. */
        int frame() throws Exception {
            session.step(1.0 / 30);
            session.present();
            Framebuffer fb = session.framebuffer();
            return fb.get(fb.width() / 2, fb.height() / 2) & 0xffffff;
        }

        /** The truecolor background escape of {@code rgb}, as the half-block renderer sends it. */
        boolean sent(int rgb) {
            String bg = "48;2;" + (rgb >> 16 & 0xff) + ";" + (rgb >> 8 & 0xff) + ";" + (rgb & 0xff);
            return wire.toString(StandardCharsets.UTF_8).contains(bg);
        }

        @Override public void close() throws Exception {
            session.close();
            screen.stopScreen();
        }
    }

    @Test
    void aNewModuleReplacesThePictureAndTheScore() throws Exception {
        try (Console c = new Console(filling(RED, 1))) {
            assertEquals(RED, c.frame());
            assertEquals(1, c.session.cartridge().score().getAsLong());
            assertTrue(c.sent(RED));
            assertNull(c.session.swapGame(filling(BLUE, 2)));
            c.wire.reset();
            assertEquals(BLUE, c.frame(), "the new cart draws from the next frame on");
            assertEquals(2, c.session.cartridge().score().getAsLong());
            assertTrue(c.sent(BLUE), "and the terminal is sent the new picture");
        }
    }

    @Test
    void aModuleThatCannotPlayKeepsTheOldCart() throws Exception {
        try (Console c = new Console(filling(RED, 1))) {
            c.frame();
            // No frame export: the termcade ABI cannot play it.
            String noFrame = c.session.swapGame(wat("(module (import \"termcade\" \"clear\" (func (param i32))))"));
            assertNotNull(noFrame);
            assertTrue(noFrame.contains("frame"), noFrame);
            // A start section that traps: instantiation fails on the game thread.
            String trap = c.session.swapGame(wat("(module (func $boom unreachable) (start $boom) (func (export \"frame\") (param f64)))"));
            assertNotNull(trap);
            assertTrue(trap.contains("unreachable"), trap);
            assertEquals(RED, c.frame(), "the old cart plays on");
            assertNull(c.session.crash());
        }
    }

    @Test
    void aReloadReplacesACrashedCart() throws Exception {
        CompiledModule crashing = wat("(module (func (export \"frame\") (param f64) unreachable))");
        try (Console c = new Console(crashing)) {
            c.frame();
            assertNotNull(c.session.crash(), "the first cart traps");
            assertNull(c.session.swapGame(filling(BLUE, 3)));
            assertNull(c.session.crash(), "the fixed cart runs");
            assertEquals(BLUE, c.frame());
        }
    }

    @Test
    void theStatusLineSaysWhatTheWatcherFound() throws Exception {
        try (Console c = new Console(filling(RED, 1))) {
            assertEquals(new TerminalPlay.Report("building (game.c changed)...", false),
                    TerminalPlay.reload(c.session, new CartWatcher.Building("game.c")));
            assertEquals(new TerminalPlay.Report("build failed: x", false), TerminalPlay.reload(c.session, new CartWatcher.Failed("build failed: x")));
            TerminalPlay.Report reloaded = TerminalPlay.reload(c.session, new CartWatcher.Loaded(filling(BLUE, 2), System.nanoTime()));
            assertTrue(reloaded.text().matches("reloaded in \\d+ ms") && reloaded.fades(), reloaded.toString());
            TerminalPlay.Report kept = TerminalPlay.reload(c.session, new CartWatcher.Loaded(wat("(module)"), System.nanoTime()));
            assertTrue(kept.text().startsWith("not reloaded: ") && !kept.fades(), kept.toString());
            assertEquals(BLUE, c.frame());
        }
    }
}
