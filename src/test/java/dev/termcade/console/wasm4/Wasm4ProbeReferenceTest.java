package dev.termcade.console.wasm4;

import static dev.termcade.console.wasm4.Wasm4ProbeReference.pixelAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The comparison the WASM-4 tests use, and the committed WASM-4 reference dumps: every expected value below is
 * worked out by hand from the probe's source, its input script and WASM-4's documented semantics, so the dumps are
 * shown to hold what WASM-4 does, not just whatever the oracle wrote.
 */
class Wasm4ProbeReferenceTest {
    private static final int FB = Wasm4ProbeReference.FRAMEBUFFER;

    private static ByteBuffer le(byte[] memory) { return ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN); }

    @Test
    void compareNamesGameStateRunsByRegionAndIgnoresTheFramebufferForGameState() {
        byte[] a = new byte[65536], b = new byte[65536];
        b[0x16] = 1;                 // GAMEPAD1
        b[0x13] = 5; b[0x14] = 6;    // adjacent, but PALETTE and DRAW_COLORS: two runs
        b[0x3000] = 7; b[0x3001] = 8;
        b[FB + 41] = (byte) 0b1100;  // framebuffer byte 41 = row 1, pixels 4..7; bits 2-3 = pixel 5
        var report = Wasm4ProbeReference.compare(a, b);
        assertEquals(List.of(new Wasm4ProbeReference.ByteRun(0x13, 0x14), new Wasm4ProbeReference.ByteRun(0x14, 0x15),
                new Wasm4ProbeReference.ByteRun(0x16, 0x17), new Wasm4ProbeReference.ByteRun(0x3000, 0x3002)), report.gameState());
        assertEquals(5, report.gameStateBytes());
        assertEquals(List.of(new Wasm4ProbeReference.Pixel(5, 1, 0, 3)), report.framebuffer());
        String text = report.toString();
        assertTrue(text.contains("0x0016..0x0016 GAMEPAD1: reference 00 | candidate 01"), text);
        assertTrue(text.contains("0x3000..0x3001 user: reference 00 00 | candidate 07 08"), text);
        assertTrue(text.contains("|.1......................................|"), text); // the pixel's 4x8 cell: column 1, row 0

        byte[] c = a.clone();
        c[FB + 100] = 3;
        assertTrue(Wasm4ProbeReference.compare(a, c).gameStateIdentical(), "framebuffer bytes are not game state");
        assertFalse(Wasm4ProbeReference.compare(a, b).gameStateIdentical());
    }

    @Test
    void everyProbeSourceIsListedWithItsBuildAndA64KibReference() throws IOException {
        Set<String> sources;
        try (Stream<Path> files = Files.list(Wasm4ProbeReference.directory())) {
            sources = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wat"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
        var probes = Wasm4ProbeReference.all();
        assertEquals(sources, probes.stream().map(Wasm4ProbeReference.Probe::name).collect(Collectors.toCollection(TreeSet::new)));
        for (var p : probes) {
            byte[] wasm = Files.readAllBytes(p.wasm());
            assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, java.util.Arrays.copyOf(wasm, 4), p.name());
            assertEquals(65536, p.reference().length, p.name());
            p.input().ifPresent(in -> assertTrue(Files.isRegularFile(in), in.toString()));
            assertTrue(p.frames() > 0, p.name());
        }
    }

    @Test
    void systemReferenceRecordsInputDiskFlagsAndTheFirstFrameAsTheNativeRuntimeRunsThem() {
        byte[] m = Wasm4ProbeReference.named("system").reference();
        ByteBuffer bb = le(m);
        // start runs inside the first update, after frame 0's input (x down, mouse 10 20 1) was written
        assertEquals(0x1203, bb.getShort(0x19a0 + 0x14));
        assertEquals(1, m[0x19a0 + 0x16]);
        assertEquals(10, bb.getShort(0x19a0 + 0x1a));
        assertEquals(20, bb.getShort(0x19a0 + 0x1c));
        assertEquals(1, m[0x19a0 + 0x1e]);
        assertEquals(0xe0f8cf, bb.getInt(0x19a0 + 0x04)); // default palette colour 0
        // per-update records: GAMEPAD1..4, MOUSE_X, MOUSE_Y, MOUSE_BUTTONS, SYSTEM_FLAGS, NETPLAY, frame, DRAW_COLORS
        int[][] gamepads = {
            {1, 0, 0, 0},                // 0: x down
            {1, 2, 16, 64},              // 1: 2:z, 3:left, 4:up
            {32, 2, 16, 64},             // 2: x up, right down
            {32 | 2 | 128, 2, 16, 64},   // 3: c (Z), 1:down
            {163, 0, 16, 65},            // 4: 2:z up, 4:x, v (X)
            {162, 0, 16, 65},            // 5: x up, space down and up in the same frame
        };
        for (int f = 0; f < gamepads.length; f++) {
            int at = 0x1c00 + 16 * f;
            for (int p = 0; p < 4; p++) assertEquals(gamepads[f][p], m[at + p] & 0xff, "frame " + f + " player " + (p + 1));
            assertEquals(f, m[at + 11], "frame counter");
            assertEquals(0, m[at + 10], "NETPLAY without netplay");
        }
        int[][] mouse = {{10, 20, 1}, {10, 20, 1}, {-5, 170, 2}, {159, 0, 7}, {159, 0, 7}, {159, 0, 7}, {80, 80, 0}};
        for (int f = 0; f < mouse.length; f++) {
            int at = 0x1c00 + 16 * f;
            assertEquals(mouse[f][0], bb.getShort(at + 4), "frame " + f + " x");
            assertEquals(mouse[f][1], bb.getShort(at + 6), "frame " + f + " y");
            assertEquals(mouse[f][2], m[at + 8], "frame " + f + " buttons");
        }
        // SYSTEM_FLAGS is set during update 6 and cleared during update 12, after each update's record
        assertEquals(0, m[0x1c00 + 16 * 6 + 9]);
        assertEquals(3, m[0x1c00 + 16 * 7 + 9]);
        assertEquals(3, m[0x1c00 + 16 * 12 + 9]);
        assertEquals(0, m[0x1c00 + 16 * 13 + 9]);
        assertEquals(0x1203, bb.getShort(0x1c00 + 16 * 5 + 12)); // DRAW_COLORS written in update 5, after its record
        assertEquals(0x0234, bb.getShort(0x1c00 + 16 * 6 + 12));
        // diskr/diskw results: empty disk 0; write 10, read back 10; write 2000 -> 1024; read 1024; read 5; write 0;
        // read of an empty disk 0; write 3; read 3
        int[] disk = {0, 10, 10, 1024, 1024, 5, 0, 0, 3, 3};
        for (int i = 0; i < disk.length; i++) assertEquals(disk[i], bb.getInt(0x1e00 + 4 * i), "disk call " + i);
        assertEquals("SAVE-DATA!", new String(m, 0x1e50, 10, StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 10; i++) assertEquals((byte) 0xee, m[0x1e5a + i], "diskr leaves bytes past the saved size alone");
        assertEquals("E-D", new String(m, 0x1e88, 3, StandardCharsets.ISO_8859_1));
        // the 1024 bytes read back are memory 0..1023 as update 2 wrote them: the palette then still the default
        assertEquals(0xe0f8cf, bb.getInt(0x2000 + 4));
        // frame 1: start's rect(0, 0, 10, 10) (fill = DRAW_COLORS nibble 3 -> palette 2) is still there at update 0
        assertEquals((byte) 0xaa, m[0x2400]);
        assertEquals((byte) 0xaa, m[0x2401]);
        assertEquals((byte) 0x0a, m[0x2402]);
        // PRESERVE_FRAMEBUFFER: after update 11 the rects of updates 6..11 are all there (fill palette 3), not 5's
        assertEquals(3, pixelAt(m, 0x3000, 8 * 6 + 1, 5 * 6 + 1));
        assertEquals(3, pixelAt(m, 0x3000, 8 * 11 + 1, 5 * 11 + 1));
        assertEquals(0, pixelAt(m, 0x3000, 8 * 5 + 1, 5 * 5 + 1));
        // after update 13 (cleared again) only 13's
        assertEquals(3, pixelAt(m, 0x4900, 8 * 13 + 1, 5 * 13 + 1));
        assertEquals(0, pixelAt(m, 0x4900, 8 * 12 + 1, 5 * 12 + 1));
        // the palette written in update 5
        assertEquals(0x00102030, bb.getInt(0x04));
        assertEquals(0xffffffff, bb.getInt(0x10));
    }

    @Test
    void initReferenceRunsStartAndInitializeAtLoadAndStartInTheFirstUpdate() {
        byte[] m = Wasm4ProbeReference.named("init").reference();
        assertEquals("SIsuuu", new String(new byte[] {m[0x3000], m[0x3008], m[0x3010], m[0x3018], m[0x3020], m[0x3028]}, StandardCharsets.US_ASCII));
        // _start and _initialize see the data segment's GAMEPAD1 (5): no input has been written yet
        assertEquals(5, m[0x3000 + 3]);
        assertEquals(5, m[0x3008 + 3]);
        // start runs in the first update, after the input was written (no buttons)
        assertEquals(0, m[0x3010 + 3]);
        // the data segment's framebuffer bytes survive until the first update (no clear before it), not after
        assertEquals((byte) 0xe4, m[0x3018 + 2]);
        assertEquals(0, m[0x3020 + 2]);
        // the data segment's palette and DRAW_COLORS win over the initial values
        assertEquals(0x332211, le(m).getInt(0x04));
        assertEquals(0x4321, le(m).getShort(0x14));
        // the mouse is written before every update: off-screen without a pointer
        assertEquals(0x7fff, le(m).getShort(0x1a));
    }

    @Test
    void drawingReferencesHoldPixelsWorkedOutByHand() {
        // blit page 0: flags 0, 1bpp 11x7 sprite at (-6, -4), DRAW_COLORS 0x4321 (bit 0 -> palette 0, bit 1 -> 1)
        byte[] blit = Wasm4ProbeReference.named("blit").reference();
        assertEquals(0, pixelAt(blit, 0x2000, 0, 0)); // sprite bit 50 = 0x81 bit 2: 0
        assertEquals(1, pixelAt(blit, 0x2000, 0, 1)); // sprite bit 61 = 0x7e bit 5: 1
        assertEquals(0, pixelAt(blit, 0x2000, 0, 2)); // sprite bit 72 = 0x66 bit 0: 0
        assertEquals(1, pixelAt(blit, 0x2000, 2, 2)); // sprite bit 74 = 0x66 bit 2: 1
        assertEquals(1, pixelAt(blit, 0x2000, 0, 3)); // below the sprite: the background stripe (palette 1)
        assertEquals(0, pixelAt(blit, 0x2000, 5, 0)); // right of the sprite, not a stripe
        // shapes page 5: rect(-10, 150, 200, 30) with DRAW_COLORS 0x42: top edge on screen (palette 3), fill palette 1,
        // no left/right/bottom edge; hline(40, 82, -6) draws nothing; hline(-20, 80, 400) fills row 80 (palette 2)
        byte[] shapes = Wasm4ProbeReference.named("shapes").reference();
        int page5 = 0x2000 + 5 * 6400;
        assertEquals(3, pixelAt(shapes, page5, 0, 150));
        assertEquals(1, pixelAt(shapes, page5, 0, 151));
        assertEquals(1, pixelAt(shapes, page5, 159, 159));
        assertEquals(2, pixelAt(shapes, page5, 1, 80));
        assertEquals(2, pixelAt(shapes, page5, 159, 80));
        assertEquals(0, pixelAt(shapes, page5, 40, 82));
        assertEquals(1, pixelAt(shapes, page5, 42, 82)); // a stripe
        // text page 0: textUtf8("ab\0cd", 5) at (60, 50) with both font colours 4 -> solid palette-3 cells for
        // "ab"; the NUL ends the text, so the cell at x 76.. shows the background
        byte[] text = Wasm4ProbeReference.named("text").reference();
        assertEquals(3, pixelAt(text, 0x2000, 60, 50));
        assertEquals(3, pixelAt(text, 0x2000, 75, 57));
        assertEquals(0, pixelAt(text, 0x2000, 76, 50));
        assertEquals(1, pixelAt(text, 0x2000, 77, 50)); // a stripe
    }
}
