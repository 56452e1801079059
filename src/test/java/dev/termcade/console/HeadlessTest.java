package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HeadlessTest {
    static Path carts() {
        return Path.of(System.getProperty("termcade.root", ".")).resolve("carts");
    }

    private static List<Headless.InputEvent> shootAndTurn() {
        List<Headless.InputEvent> e = new ArrayList<>();
        e.add(new Headless.InputEvent(0, Button.A, true));
        e.add(new Headless.InputEvent(0, Button.LEFT, true));
        e.add(new Headless.InputEvent(200, Button.UP, true));
        e.add(new Headless.InputEvent(230, Button.UP, false));
        return e;
    }

    @Test
    void rocketScoresWhenItShootsAndTheScreenIsDeterministic() throws Exception {
        CompiledModule rocket = CompiledModule.load(carts().resolve("rocket.wasm"));
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = "rocket";
        o.mode = RenderMode.HALF;
        Headless.Result a = Headless.run(rocket, o, 120, 40, 1200, 1.0 / 60, shootAndTurn());
        assertNull(a.crash());
        assertTrue(a.bestScore() >= 10, "shooting for 20 s hits something: best score " + a.bestScore());
        assertEquals(40, a.screen().size());
        assertTrue(a.screen().get(39).contains("ROCKET") && a.screen().get(39).contains("Score:"), a.screen().get(39));
        assertTrue(a.bytesPerFrame() > 0 && a.bytesPerFrame() < 20_000, "delta refresh: " + a.bytesPerFrame());
        Headless.Result b = Headless.run(rocket, o, 120, 40, 1200, 1.0 / 60, shootAndTurn());
        assertEquals(a.screen(), b.screen(), "same inputs, same screen");
    }

    @Test
    void aRealTimeRunPacesItsFramesAndPlaysTheSameGame() throws Exception {
        CompiledModule rocket = CompiledModule.load(carts().resolve("rocket.wasm"));
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = "rocket";
        Headless.Script script = new Headless.Script(shootAndTurn(), List.of());
        long t0 = System.nanoTime();
        Headless.Result paced = Headless.run(rocket, o, 80, 24, 30, 1.0 / 60, script, true);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        // Frame 29 starts 29/60 s after frame 0: the run cannot be shorter than that.
        assertTrue(elapsedMs >= 29_000 / 60, "30 frames at 60 fps took " + elapsedMs + " ms");
        assertEquals(Headless.run(rocket, o, 80, 24, 30, 1.0 / 60, script).screen(), paced.screen(), "pacing changes no frame");
    }

    @Test
    void bulletsAppearWhileShooting() throws Exception {
        CompiledModule rocket = CompiledModule.load(carts().resolve("rocket.wasm"));
        TerminalScreen screen = new TerminalScreen(new StreamTerminal(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(), 100, 30));
        screen.startScreen();
        ConsoleOptions o = new ConsoleOptions();
        o.mode = RenderMode.BRAILLE;
        ConsoleSession s = new ConsoleSession(screen, rocket, o, new Machine());
        s.layout(new TerminalSize(100, 30));
        s.step(1.0 / 60);
        assertEquals(0, bullets(s.framebuffer()));
        s.button(Button.A, true);
        for (int i = 0; i < 20; i++) s.step(1.0 / 60);
        assertTrue(bullets(s.framebuffer()) > 0, "bullets are drawn");
        s.close();
        screen.stopScreen();
    }

    private static int bullets(Framebuffer fb) {
        int n = 0;
        for (int y = 0; y < fb.height(); y++) for (int x = 0; x < fb.width(); x++) if (fb.get(x, y) == RocketCartridge.BULLET) n++;
        return n;
    }

    @TestFactory
    Stream<DynamicTest> everyCommittedCartLoadsLinksAndRuns() throws Exception {
        List<Path> carts;
        try (Stream<Path> s = Files.list(carts())) {
            carts = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(carts.size() >= 2, "rocket and at least one more cart");
        return carts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ConsoleOptions o = new ConsoleOptions();
            Headless.Result r = Headless.run(CompiledModule.load(p), o, 80, 24, 120, 1.0 / 30, shootAndTurn());
            assertNull(r.crash(), () -> "cart stopped: " + r.crash());
            assertEquals(120, r.frames());
            assertTrue(r.screen().stream().anyMatch(l -> !l.isBlank()), "something is drawn");
        }));
    }
}
