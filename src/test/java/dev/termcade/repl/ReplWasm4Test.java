package dev.termcade.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A WASM-4 cart in the REPL: its env imports are the real WASM-4 console, so drawing shows up in memory. */
class ReplWasm4Test {
    static final Path DEMO = ReplTest.ROOT.resolve("src/test/resources/wasm/w4_demo.wasm");

    @Test
    void updateDrawsIntoTheFramebufferAndTracePrints() throws Exception {
        // start() sets DRAW_COLORS to 0x0004 and traces; update() draws a 4x4 square of colour 3 at (80, 10):
        // row 10 starts at 0xa0 + 10 * 40 = 0x230, pixel 80 is byte 20 of it (0x244), 4 pixels = one byte 0xff.
        ReplTest.Run r = ReplTest.run("load " + DEMO + "\nstart()\nupdate()\nmem 0x240 8\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hello"), r.out());
        assertTrue(r.out().contains("00000240  00 00 00 00 ff 00 00 00"), r.out());
    }
}
