package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PracticeRunTest {
    @TempDir Path tmp;

    private static CompiledModule cart(String name) { return CompiledModule.load(TestModules.bytes(name), name); }

    @Test void practiceLeavesTheSaveAndTheTraceAlone() throws Exception {
        // w4_demo traces "hello" in start() and saves its frame count with diskw whenever X is held: random
        // buttons over hundreds of frames hold X many times.
        Path save = tmp.resolve("demo.disk");
        Files.write(save, new byte[] {9, 9, 9, 9});
        List<String> traces = new ArrayList<>();
        ConsoleOptions o = new ConsoleOptions();
        o.diskFile = save;
        o.trace = traces::add;
        PracticeRun.Result r = PracticeRun.run(cart("w4_demo"), o, 80, 24, 400);
        assertTrue(r.frames() > PracticeRun.BUTTON_EVERY * 8, "played " + r.describe());
        assertArrayEquals(new byte[] {9, 9, 9, 9}, Files.readAllBytes(save), "the player's save is untouched");
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no other file written");
        }
        assertEquals(List.of(), traces, "the copy's trace output goes nowhere");
        // The options handed in still describe the real game.
        assertEquals(save, o.diskFile);
    }

    @Test void theGameAfterAPracticePlaysAsItWouldHaveWithout() throws Exception {
        CompiledModule rocket = CompiledModule.load(java.nio.file.Path.of("carts/rocket.wasm"));
        ConsoleOptions o = new ConsoleOptions();
        o.mode = RenderMode.HALF;
        o.colors = CellRenderer.ColorDepth.TRUECOLOR;
        Headless.Script shootAndTurn = new Headless.Script(List.of(
                new Headless.InputEvent(0, Button.A, true), new Headless.InputEvent(0, Button.LEFT, true)), List.of());
        Headless.Result before = Headless.run(rocket, o, 120, 40, 200, 1.0 / 60, shootAndTurn);
        PracticeRun.run(rocket, o, 120, 40, 300);
        Headless.Result after = Headless.run(rocket, o, 120, 40, 200, 1.0 / 60, shootAndTurn);
        assertEquals(before.screen(), after.screen());
        assertArrayEquals(before.memory(), after.memory());
    }

    @Test void practiceStopsAtItsTimeLimit() throws Exception {
        PracticeRun.Result r = PracticeRun.run(cart("w4_demo"), new ConsoleOptions(), 80, 24, 100);
        assertTrue(r.millis() >= 100 || r.settled(), r.describe());
        assertTrue(r.millis() < 100 + 1000, "one frame at most past the limit: " + r.describe());
    }

    @Test void aCartThatCannotStartEndsThePracticeQuietly() throws Exception {
        PracticeRun.Result bad = PracticeRun.run(cart("w4_bad_import"), new ConsoleOptions(), 80, 24, 1000);
        assertEquals(0, bad.frames());
        assertFalse(bad.settled());
        PracticeRun.Result trap = PracticeRun.run(cart("w4_trap_start"), new ConsoleOptions(), 80, 24, 1000);
        // A trap in start() stops the copy's game (as it would the real one): the practice ends at its first frame.
        assertTrue(trap.frames() <= 1 && !trap.settled(), trap.describe());
    }
}
