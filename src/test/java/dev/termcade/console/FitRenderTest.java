package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.junit.jupiter.api.Test;

/** Fixed pictures (WASM-4's 160x160) fitted into terminals of every size, and the mouse mapped back. */
class FitRenderTest {
    private static CellRenderer fitted(int cols, int rows) {
        CellRenderer r = new CellRenderer(RenderMode.HALF, CellRenderer.ColorDepth.TRUECOLOR);
        r.fit(160, 160, cols, rows, true, 0);
        return r;
    }

    @Test void picksTheSharpestModeThatShowsAllOfIt() {
        CellRenderer big = fitted(160, 80);
        assertEquals(RenderMode.HALF, big.mode());
        assertEquals(1, big.scale());
        CellRenderer square = fitted(80, 80); // half blocks need 160 columns; quadrants fit 1:1
        assertEquals(RenderMode.QUADRANT, square.mode());
        assertEquals(1, square.scale());
        CellRenderer wide = fitted(100, 45); // 1:1 only as braille (80x40 cells)
        assertEquals(RenderMode.BRAILLE, wide.mode());
        assertEquals(1, wide.scale());
        CellRenderer small = fitted(80, 23); // an 80x24 terminal less the status line: half size, braille
        assertEquals(RenderMode.BRAILLE, small.mode());
        assertEquals(2, small.scale());
    }

    @Test void forcedModeAndScale() {
        CellRenderer r = new CellRenderer(RenderMode.HALF, CellRenderer.ColorDepth.TRUECOLOR);
        r.fit(160, 160, 80, 23, false, 0); // half blocks only: 160/4 = 40 columns, 20 rows
        assertEquals(RenderMode.HALF, r.mode());
        assertEquals(4, r.scale());
        r.fit(160, 160, 80, 23, false, 2); // --scale 2 even if it does not fit: cropped
        assertEquals(2, r.scale());
    }

    @Test void theMouseMapsBackToPicturePixels() {
        CellRenderer r = fitted(200, 100); // half blocks at 1:1, centred: 20 columns and 10 rows of margin
        assertArrayEquals(new int[]{0, 1}, r.pictureOf(20, 10));
        assertArrayEquals(new int[]{159, 159}, r.pictureOf(179, 89));
        assertArrayEquals(new int[]{-1, -1}, r.pictureOf(19, 9));
        CellRenderer half = fitted(80, 23); // braille at 1/2: a cell is 2x4 dots of 2x2 pixels
        int[] p = half.pictureOf(20, 1); // the picture starts at column 20, row 1
        assertArrayEquals(new int[]{3, 5}, p);
    }

    @Test void quadrantCellsShowTheirTwoMostCommonColours() throws Exception {
        Framebuffer fb = new Framebuffer(160, 160);
        fb.clear(0x000000);
        fb.set(0, 0, 0xFF0000); // cell (0, 0): one red pixel top-left on black
        fb.set(2, 0, 0xFF0000); // cell (1, 0): red on the top row, green at bottom-left, black at bottom-right
        fb.set(3, 0, 0xFF0000);
        fb.set(2, 1, 0x00FF00);
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 80));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        CellRenderer r = fitted(80, 80);
        r.render(fb, screen, 80, 80);
        screen.refresh();
        TextCharacter c0 = vt.getCharacter(0, 0), c1 = vt.getCharacter(1, 0);
        screen.stopScreen();
        assertEquals('\u2598', c0.getCharacter()); // quadrant upper left
        assertEquals(new TextColor.RGB(255, 0, 0), c0.getForegroundColor());
        assertEquals(new TextColor.RGB(0, 0, 0), c0.getBackgroundColor());
        // Red is the most common (2): the background. Green and black tie for second; green came first, so it
        // draws the block (lower left) and black is lost to the background.
        assertEquals('\u2596', c1.getCharacter());
        assertEquals(new TextColor.RGB(0, 255, 0), c1.getForegroundColor());
        assertEquals(new TextColor.RGB(255, 0, 0), c1.getBackgroundColor());
    }

    @Test void scaledDownASinglePixelOfInkSurvives() throws Exception {
        Framebuffer fb = new Framebuffer(160, 160);
        fb.clear(0x000000);
        fb.set(3, 3, 0xFFFFFF); // one pixel in the 2x2 block that becomes scaled pixel (1, 1)
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 80));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        CellRenderer r = new CellRenderer(RenderMode.HALF, CellRenderer.ColorDepth.TRUECOLOR);
        r.fit(160, 160, 80, 80, false, 2); // 80x80 scaled pixels, centred: rows 20..59
        r.render(fb, screen, 80, 80);
        screen.refresh();
        TextCharacter c = vt.getCharacter(1, 20);
        screen.stopScreen();
        assertEquals('\u2580', c.getCharacter()); // top: scaled pixel (1, 0), black; bottom: (1, 1), the ink
        assertEquals(new TextColor.RGB(0, 0, 0), c.getForegroundColor());
        assertEquals(new TextColor.RGB(255, 255, 255), c.getBackgroundColor());
    }

    @Test void textOnAFittedPictureMovesWithIt() throws Exception {
        Framebuffer fb = new Framebuffer(100, 40); // a room's rocket picture: 100x20 cells of half blocks
        fb.clear(0x000000);
        fb.text(0, 0, "Score: 7", 0xFFA500);
        fb.text(40, 20, "X", 0xFFFFFF);
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(140, 30));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        CellRenderer r = new CellRenderer(RenderMode.HALF, CellRenderer.ColorDepth.TRUECOLOR);
        r.fit(100, 40, 140, 30, false, 0); // 1:1, centred: 20 columns and 5 rows of margin
        r.render(fb, screen, 140, 30);
        screen.refresh();
        char score = vt.getCharacter(20, 5).getCharacter(), margin = vt.getCharacter(0, 0).getCharacter();
        r.fit(100, 40, 50, 10, false, 0); // half size: 50x10 cells, no margin
        screen.clear();
        r.render(fb, screen, 50, 10);
        screen.refresh();
        char x = vt.getCharacter(20, 5).getCharacter();
        screen.stopScreen();
        assertEquals('S', score, "the score sits at the picture's top-left corner");
        assertEquals(' ', margin, "not in the margin");
        assertEquals('X', x, "scaled down, text is placed at its pixel's place (40/2, 20/2/2)");
    }

    @Test void sixteenColourTerminalsGetTheNearestAnsiColour() {
        assertEquals(TextColor.ANSI.BLACK, CellRenderer.nearestAnsi(0x07, 0x18, 0x21)); // WASM-4's darkest green
        assertEquals(TextColor.ANSI.WHITE, CellRenderer.nearestAnsi(0xe0, 0xf8, 0xcf)); // e5e5e5, not ffffff
        assertEquals(TextColor.ANSI.RED_BRIGHT, CellRenderer.nearestAnsi(250, 10, 10));
    }
}
