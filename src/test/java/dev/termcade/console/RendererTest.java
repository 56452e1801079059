package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.junit.jupiter.api.Test;

/** Renders into Lanterna's virtual terminal and reads back what a real terminal would show. */
class RendererTest {
    private static TextCharacter render(RenderMode mode, Framebuffer fb, int col, int row) throws Exception {
        return render(mode, CellRenderer.ColorDepth.TRUECOLOR, fb, col, row);
    }

    private static TextCharacter render(RenderMode mode, CellRenderer.ColorDepth depth, Framebuffer fb, int col, int row) throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(20, 10));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        new CellRenderer(mode, depth).render(fb, screen, 20, 10);
        screen.refresh();
        TextCharacter c = vt.getCharacter(col, row);
        screen.stopScreen();
        return c;
    }

    @Test
    void halfBlocksGiveEachPixelItsOwnColour() throws Exception {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.set(5, 6, 0xFF0000);
        fb.set(5, 7, 0x00FF00);
        TextCharacter c = render(RenderMode.HALF, fb, 5, 3);
        assertEquals('\u2580', c.getCharacter());
        assertEquals(new TextColor.RGB(255, 0, 0), c.getForegroundColor());
        assertEquals(new TextColor.RGB(0, 255, 0), c.getBackgroundColor());
        assertEquals(' ', render(RenderMode.HALF, fb, 4, 3).getCharacter());
    }

    @Test
    void circleLightsTheExpectedCells() throws Exception {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.fillCircle(10, 10, 2, 0xFFD700);
        // Pixel rows 8..11 are cell rows 4 and 5; the centre cell is solid.
        TextCharacter centre = render(RenderMode.HALF, fb, 10, 5);
        assertEquals('\u2588', centre.getCharacter());
        assertEquals(new TextColor.RGB(255, 215, 0), centre.getForegroundColor());
        assertEquals(' ', render(RenderMode.HALF, fb, 14, 5).getCharacter());
        assertEquals(' ', render(RenderMode.HALF, fb, 10, 2).getCharacter());
    }

    @Test
    void asciiKeepsColourAndTellsColoursApartByCharacter() throws Exception {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.fillRect(2, 2, 1, 2, 0xFF0000); // a red ship: one full cell (pixel rows 2-3 are cell row 1)
        fb.fillRect(6, 2, 1, 2, 0xFFFF00); // a yellow enemy
        fb.set(9, 2, 0x00FF00); // top pixel only
        fb.set(11, 3, 0x00FF00); // bottom pixel only
        TextCharacter ship = render(RenderMode.ASCII, fb, 2, 1), enemy = render(RenderMode.ASCII, fb, 6, 1);
        assertEquals(new TextColor.RGB(255, 0, 0), ship.getForegroundColor());
        assertEquals(new TextColor.RGB(255, 255, 0), enemy.getForegroundColor());
        org.junit.jupiter.api.Assertions.assertNotEquals(ship.getCharacter(), enemy.getCharacter(), "different colours, different characters");
        assertEquals('\'', render(RenderMode.ASCII, fb, 9, 1).getCharacter());
        assertEquals('.', render(RenderMode.ASCII, fb, 11, 1).getCharacter());
        for (char c : new char[]{ship.getCharacter(), enemy.getCharacter()}) org.junit.jupiter.api.Assertions.assertTrue(c < 0x80);
    }

    @Test
    void brailleGivesEachCellItsOwnBackgroundSoTextOnAPanelShows() throws Exception {
        Framebuffer fb = new Framebuffer(40, 40);
        fb.clear(0);
        fb.fillRect(0, 0, 2, 4, 0x0000FF); // a blue panel filling cell (0, 0)
        fb.set(1, 1, 0xFFFFFF); // one white text pixel on it: dot 5 (right column, second row)
        TextCharacter c = render(RenderMode.BRAILLE, fb, 0, 0);
        assertEquals((char) (0x2800 | 0x10), c.getCharacter());
        assertEquals(new TextColor.RGB(255, 255, 255), c.getForegroundColor());
        assertEquals(new TextColor.RGB(0, 0, 255), c.getBackgroundColor());
        fb.set(1, 1, 0x0000FF);
        assertEquals(' ', render(RenderMode.BRAILLE, fb, 0, 0).getCharacter(), "a plain panel cell is a coloured blank");
        assertEquals(new TextColor.RGB(0, 0, 255), render(RenderMode.BRAILLE, fb, 0, 0).getBackgroundColor());
    }

    @Test
    void sixteenColoursGiveEachPaletteColourItsOwn() throws Exception {
        int[] wasm4Default = {0x071821, 0x306850, 0x86c06c, 0xe0f8cf};
        Framebuffer fb = new Framebuffer(8, 8);
        fb.clear(wasm4Default[0]);
        fb.palette(wasm4Default);
        for (int i = 0; i < 4; i++) fb.fillRect(i * 2, 0, 2, 2, wasm4Default[i]);
        java.util.Set<TextColor> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) seen.add(render(RenderMode.HALF, CellRenderer.ColorDepth.ANSI_16, fb, i * 2, 0).getForegroundColor());
        assertEquals(4, seen.size(), "four palette colours, four terminal colours: " + seen);
        // Nearest colour alone would merge the two middle greens into bright black.
        assertEquals(CellRenderer.nearestAnsi(0x30, 0x68, 0x50), CellRenderer.nearestAnsi(0x86, 0xc0, 0x6c));
    }

    @Test
    void brailleMapsDotsToBits() throws Exception {
        Framebuffer fb = new Framebuffer(40, 40);
        fb.clear(0);
        fb.set(0, 0, 0xFFFFFF); // dot 1
        fb.set(1, 3, 0xFFFFFF); // dot 8
        assertEquals((char) (0x2800 | 0x01 | 0x80), render(RenderMode.BRAILLE, fb, 0, 0).getCharacter());
    }

    @Test
    void asciiNeedsNoColour() throws Exception {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.set(3, 0, 0xFFFFFF);
        fb.set(3, 1, 0xFFFFFF);
        fb.set(4, 1, 0x202020);
        CellRenderer.ColorDepth none = CellRenderer.ColorDepth.NONE;
        assertEquals('@', render(RenderMode.ASCII, none, fb, 3, 0).getCharacter());
        assertEquals('.', render(RenderMode.ASCII, none, fb, 4, 0).getCharacter());
        assertEquals(TextColor.ANSI.DEFAULT, render(RenderMode.ASCII, none, fb, 3, 0).getForegroundColor());
    }

    @Test
    void textIsDrawnAsCharacters() throws Exception {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.text(2, 4, "Hi", 0xFFA500);
        TextCharacter h = render(RenderMode.HALF, fb, 2, 2);
        assertEquals('H', h.getCharacter());
        assertEquals(new TextColor.RGB(255, 165, 0), h.getForegroundColor());
        assertEquals('i', render(RenderMode.HALF, fb, 3, 2).getCharacter());
    }
}
