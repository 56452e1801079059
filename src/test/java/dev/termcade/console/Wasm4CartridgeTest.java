package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.vm.TestModules;
import dev.termcade.vm.Trap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASM-4 carts (built from src/test/resources/wasm/w4_*.wat) played headless through the whole console. */
class Wasm4CartridgeTest {
    @TempDir Path tmp;

    private static CompiledModule cart(String name) { return CompiledModule.load(TestModules.bytes(name), name); }

    private final List<String> traces = new ArrayList<>();

    private ConsoleOptions options() {
        ConsoleOptions o = new ConsoleOptions();
        o.mode = RenderMode.HALF;
        o.colors = CellRenderer.ColorDepth.TRUECOLOR;
        o.trace = traces::add;
        return o;
    }

    private static int i32(byte[] mem, int at) { return ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN).getInt(at); }

    private static int i16(byte[] mem, int at) { return ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN).getShort(at); }

    private static Headless.InputEvent key(int frame, int player, String key, boolean down) {
        return new Headless.InputEvent(frame, player, null, key, down);
    }

    @Test void detectsTheAbiFromImports() {
        assertEquals(Cartridge.Abi.WASM4, Cartridge.Abi.detect(cart("w4_demo").module()));
        assertEquals(Cartridge.Abi.WASM4, Cartridge.Abi.detect(cart("w4_no_update").module()), "env.memory alone means WASM-4");
        assertEquals(Cartridge.Abi.TERMCADE, Cartridge.Abi.detect(cart("runaway_cart").module()));
    }

    @Test void startsOnceUpdatesEveryFrameAndSeesScriptedInput() throws Exception {
        List<Headless.InputEvent> keys = List.of(
                key(2, 0, "right", true), key(5, 0, "right", false),   // x moves right on frames 2, 3, 4
                key(6, 1, "x", true),                                  // player 2 holds X
                key(6, 3, "down", true),                               // player 4 holds down
                key(10, 0, "space", true), key(11, 0, "space", false), // X on frame 10: save the frame count (11)
                key(20, 0, "c", true));                                // Z from frame 20: load it into 0x300c
        List<Headless.MouseEvent> mouse = List.of(new Headless.MouseEvent(7, 12, 34, 1));
        Headless.Result r = Headless.run(cart("w4_demo"), options(), 160, 81, 30, 1.0 / 60, new Headless.Script(keys, mouse));
        assertNull(r.crash());
        byte[] mem = r.memory();
        assertEquals(65536, mem.length);
        assertEquals(1, i32(mem, 0x3000), "start() ran once");
        assertEquals(30, i32(mem, 0x3004), "update() ran once per frame");
        assertEquals(0x53, i32(mem, 0x3008), "moved right on three frames");
        assertEquals(11, i32(mem, 0x300c), "diskw saved the count at frame 10, diskr read it back");
        assertEquals(2, mem[0x3010], "player 1 holds Z (c) and nothing else");
        assertEquals(1, mem[0x3011], "player 2 holds X");
        assertEquals(0, mem[0x3012]);
        assertEquals((byte) 128, mem[0x3013], "player 4 holds down");
        assertEquals(12, i16(mem, 0x3014));
        assertEquals(34, i16(mem, 0x3016));
        assertEquals(1, mem[0x3018]);
        assertEquals(0xe0f8cf, i32(mem, 0x04), "default palette");
        assertEquals(0x0004, i16(mem, 0x14), "start() set DRAW_COLORS");
        assertEquals(List.of("hello"), traces);
        // The framebuffer holds only this frame's square (cleared before update): 4x4 of colour 3 at (0x53, 10).
        Framebuffer pic = r.picture();
        assertEquals(160, pic.width());
        assertEquals(0x071821, pic.get(0x53, 10));
        assertEquals(0x071821, pic.get(0x56, 13));
        assertEquals(0xe0f8cf, pic.get(0x52, 10));
        assertEquals(0xe0f8cf, pic.get(0x50, 10), "earlier squares were cleared");
    }

    @Test void preserveFramebufferKeepsEarlierFramesUntilTheCartClearsTheFlag() throws Exception {
        Headless.Result five = Headless.run(cart("w4_preserve"), options(), 80, 24, 5, 1.0 / 60, Headless.Script.EMPTY);
        for (int row = 0; row < 5; row++) assertEquals(0x306850, five.picture().get(9, row), "row " + row + " kept");
        Headless.Result six = Headless.run(cart("w4_preserve"), options(), 80, 24, 6, 1.0 / 60, Headless.Script.EMPTY);
        for (int row = 0; row < 5; row++) assertEquals(0xe0f8cf, six.picture().get(9, row), "row " + row + " cleared");
        assertEquals(0x306850, six.picture().get(9, 5));
    }

    @Test void mouseIsOffScreenUntilTheFirstReport() throws Exception {
        Headless.Result r = Headless.run(cart("w4_demo"), options(), 80, 24, 3, 1.0 / 60, Headless.Script.EMPTY);
        assertEquals(0x7fff, i16(r.memory(), 0x3014));
        assertEquals(0x7fff, i16(r.memory(), 0x3016));
    }

    @Test void diskIsSavedAtomicallyToItsFileAndReadNextTime() throws Exception {
        Path save = tmp.resolve("saves").resolve("demo.disk");
        ConsoleOptions o = options();
        o.diskFile = save;
        Headless.run(cart("w4_demo"), o, 80, 24, 5, 1.0 / 60, new Headless.Script(List.of(key(3, 0, "x", true)), List.of()));
        assertArrayEquals(new byte[]{4, 0, 0, 0}, Files.readAllBytes(save), "frame count at frame 3");
        try (var files = Files.list(save.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        // A new run loads the save: Z at frame 0 reads it into 0x300c.
        Headless.Result r = Headless.run(cart("w4_demo"), o, 80, 24, 2, 1.0 / 60, new Headless.Script(List.of(key(0, 0, "z", true)), List.of()));
        assertEquals(4, i32(r.memory(), 0x300c));
    }

    @Test void headlessRunsStartWithAnEmptyDisk() throws Exception {
        Headless.Result r = Headless.run(cart("w4_demo"), options(), 80, 24, 2, 1.0 / 60, new Headless.Script(List.of(key(0, 0, "z", true)), List.of()));
        assertEquals(0, i32(r.memory(), 0x300c));
    }

    private static String loadError(String name) {
        CartridgeException e = assertThrows(CartridgeException.class, () -> new Game(cart(name), new ConsoleOptions(), new Machine()));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test void badCartsGetOneLineErrors() {
        assertTrue(loadError("w4_bad_import").contains("unknown import env.draw_sprite"));
        assertTrue(loadError("w4_own_memory").contains("does not import env.memory"));
        assertTrue(loadError("w4_big_memory").contains("env.memory"));
        assertTrue(loadError("w4_no_update").contains("does not export update"));
    }

    @Test void trapInStartStopsTheCartWithItsMessage() throws Exception {
        Headless.Result r = Headless.run(cart("w4_trap_start"), options(), 80, 24, 10, 1.0 / 60, Headless.Script.EMPTY);
        Trap t = assertInstanceOf(Trap.class, r.crash());
        assertEquals(Trap.Kind.UNREACHABLE, t.kind());
        assertEquals(1, r.frames());
    }

    @Test void afterATrapThePictureIsTheFramebufferTheTrapLeft() throws Exception {
        Headless.Result r = Headless.run(cart("w4_trap_update"), options(), 80, 24, 10, 1.0 / 60, Headless.Script.EMPTY);
        assertInstanceOf(Trap.class, r.crash());
        assertEquals(6, r.frames());
        assertEquals(0x306850, r.picture().get(36, 10), "frame 6 drew its square before trapping");
        assertEquals(0xe0f8cf, r.picture().get(30, 10), "frame 5's square was cleared");
    }

    @Test void anUpdateThatNeverReturnsIsInterruptedByTheBudget() throws Exception {
        ConsoleOptions o = options();
        o.frameBudgetMs = 200;
        Headless.Result r = Headless.run(cart("w4_spin"), o, 80, 24, 10, 1.0 / 60, Headless.Script.EMPTY);
        assertNotNull(r.crash());
        assertTrue(r.crash().getMessage().contains("update()"), r.crash().getMessage());
        assertEquals(2, r.frames());
    }

    @Test void scribblingOverTheWholeMemoryMapNeverBringsTheHostDown() throws Exception {
        Headless.Result r = Headless.run(cart("w4_scribble"), options(), 160, 81, 120, 1.0 / 60, Headless.Script.EMPTY);
        // It may trap (a text() without an end runs off memory) but only as a trap, never a host exception.
        if (r.crash() != null) assertInstanceOf(Trap.class, r.crash());
        assertEquals(65536, r.memory().length);
    }

    @Test void fixedStepClockRunsSixtyUpdatesASecondAndCatchesUp() {
        try (Game g = new Game(cart("w4_demo"), options(), new Machine())) {
            assertEquals(1, g.advance(0), "the first call runs the first update");
            assertEquals(0, g.advance(16_000_000));
            assertEquals(1, g.advance(16_666_667));
            assertEquals(29, g.advance(500_000_000), "a slow frame is caught up, not lost");
            assertEquals(30, g.advance(1_000_000_000));
            assertEquals(61, g.updates(), "updates at 0, 1/60, ..., 60/60 s");
            assertEquals(1, g.advance(5_000_000_000L), "more than a second behind: the clock restarts");
        }
    }

    @Test void terminalMouseReportsBecomePicturePixels() throws Exception {
        var terminal = new com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal(new com.googlecode.lanterna.TerminalSize(160, 81));
        var screen = new com.googlecode.lanterna.screen.TerminalScreen(terminal);
        screen.startScreen();
        ConsoleSession s = new ConsoleSession(screen, cart("w4_demo"), options(), new Machine());
        try {
            s.layout(new com.googlecode.lanterna.TerminalSize(160, 81)); // half blocks 1:1: a cell is 1x2 pixels
            var at = new com.googlecode.lanterna.TerminalPosition(40, 12);
            s.key(new com.googlecode.lanterna.input.MouseAction(com.googlecode.lanterna.input.MouseActionType.CLICK_DOWN, 3, at), 0);
            s.step(1.0 / 60);
            byte[] mem = s.game().memory();
            assertEquals(40, i16(mem, 0x3014));
            assertEquals(25, i16(mem, 0x3016), "row 12 holds pixel rows 24 and 25: the lower one");
            assertEquals(2, mem[0x3018], "right button");
            s.key(new com.googlecode.lanterna.input.MouseAction(com.googlecode.lanterna.input.MouseActionType.CLICK_RELEASE, 3, at), 0);
            s.step(1.0 / 60);
            assertEquals(0, s.game().memory()[0x3018]);
        } finally {
            s.close();
            screen.stopScreen();
        }
    }

    @Test void playersAndNetplay() throws Exception {
        try (Game g = new Game(cart("w4_demo"), options(), new Machine())) {
            assertEquals(4, g.players());
            g.netplay(2);
            g.button(3, Button.B, true);
            g.step(1.0 / 60);
            byte[] mem = g.memory();
            assertEquals(0b110, mem[0x20], "netplay active, local player 3");
            assertEquals(2, mem[0x19], "player 4's Z");
        }
    }
}
