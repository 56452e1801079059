package dev.termcade.console.wasm4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termcade.vm.Memory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the drawing functions: every expected picture below was worked out by hand from WASM-4's rules
 * (DRAW_COLORS nibble n draws palette colour n-1, 0 is transparent; clipping; blit bit order and flags), written
 * as rows of palette indices, '.' for pixels that must keep the background colour 0.
 */
class PpuTest {
    private final Memory mem = new Memory(1, 1);
    private final Ppu ppu = new Ppu(mem);

    @BeforeEach
    void clear() { ppu.clear(); }

    private void drawColors(int dc) {
        mem.writeByte(Wasm4.DRAW_COLORS, (byte) dc);
        mem.writeByte(Wasm4.DRAW_COLORS + 1, (byte) (dc >> 8));
    }

    /** The pixels of the rectangle from (x, y), w x h, as rows of digits with '.' for 0. */
    private List<String> region(int x, int y, int w, int h) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < h; r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < w; c++) {
                int p = ppu.pixel(x + c, y + r);
                sb.append(p == 0 ? '.' : (char) ('0' + p));
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    /** The whole screen must be background except the given region, which must match {@code rows}. */
    private void assertScreen(int x, int y, String... rows) {
        assertEquals(List.of(rows), region(x, y, rows[0].length(), rows.length));
        int painted = 0;
        for (int py = 0; py < Wasm4.HEIGHT; py++) {
            for (int px = 0; px < Wasm4.WIDTH; px++) {
                boolean inside = px >= x && px < x + rows[0].length() && py >= y && py < y + rows.length;
                if (!inside && ppu.pixel(px, py) != 0) painted++;
            }
        }
        assertEquals(0, painted, "pixels drawn outside the expected region");
    }

    private void sprite(int at, int... bytes) {
        for (int i = 0; i < bytes.length; i++) mem.writeByte(at + i, (byte) bytes[i]);
    }

    @Test void rectFillAndOutline() {
        drawColors(0x0043); // fill colour 2, outline colour 3
        ppu.rect(1, 1, 4, 3);
        assertScreen(0, 0, "......", ".3333.", ".3223.", ".3333.", "......");
    }

    @Test void rectTransparentFillOrOutline() {
        drawColors(0x0040); // no fill
        ppu.rect(0, 0, 3, 3);
        assertScreen(0, 0, "333", "3.3", "333");
        ppu.clear();
        drawColors(0x0003); // no outline
        ppu.rect(0, 0, 3, 2);
        assertScreen(0, 0, "222", "222");
    }

    @Test void rectClippedAtTopLeft() {
        drawColors(0x0043);
        ppu.rect(-2, -1, 4, 3); // covers x -2..1, y -1..1: the left and top edges are off screen
        assertScreen(0, 0, "23", "33");
    }

    @Test void rectClippedAtBottomRight() {
        drawColors(0x0043);
        ppu.rect(158, 158, 5, 5); // right and bottom edges are off screen
        assertScreen(158, 158, "33", "32");
    }

    @Test void rectOfZeroWidthStillDrawsItsSideEdges() {
        drawColors(0x0040);
        ppu.rect(2, 2, 0, 3); // left edge at x=2, right edge at x+w-1 = 1, rows 2..4
        assertScreen(1, 2, "33", "33", "33");
    }

    @Test void rectWithHugeSizeIsClippedNotWrapped() {
        drawColors(0x0002);
        ppu.rect(150, 155, Integer.MAX_VALUE, Integer.MAX_VALUE); // x + width must not wrap negative
        assertScreen(150, 155, "1111111111", "1111111111", "1111111111", "1111111111", "1111111111");
    }

    @Test void hlineAndVlineClipAndUseNibbleOne() {
        drawColors(0x0002);
        ppu.hline(-3, 0, 5);
        assertScreen(0, 0, "11");
        ppu.clear();
        ppu.vline(159, 158, 10);
        assertScreen(159, 158, "1", "1");
        ppu.clear();
        drawColors(0x0010); // nibble 1 transparent: nothing
        ppu.hline(0, 0, 10);
        ppu.vline(0, 0, 10);
        assertScreen(0, 0, ".");
    }

    @Test void lineWalksFromTheUpperEnd() {
        drawColors(0x0003);
        ppu.line(0, 0, 4, 2);
        assertScreen(0, 0, "22...", "..22.", "....2");
        ppu.clear();
        ppu.line(4, 2, 0, 0); // same pixels from the other end
        assertScreen(0, 0, "22...", "..22.", "....2");
        ppu.clear();
        ppu.line(2, 0, 0, 3); // steep, leftwards
        assertScreen(0, 0, "..2", ".2.", ".2.", "2..");
    }

    @Test void lineOffScreenIsClippedPointByPoint() {
        drawColors(0x0004);
        ppu.line(-2, 156, 2, 160); // (-2,156) (-1,157) (0,158) (1,159) (2,160): two points on screen
        assertScreen(0, 158, "3.", ".3");
    }

    @Test void lineEntirelyBeyondOneEdgeDrawsNothing() {
        drawColors(0x0004);
        ppu.line(Integer.MIN_VALUE, 5, -1, 100_000); // left of the screen all the way
        ppu.line(0, 160, Integer.MAX_VALUE, Integer.MAX_VALUE); // below it
        assertScreen(0, 0, ".");
    }

    @Test void ovalSmallCircles() {
        drawColors(0x0043);
        ppu.oval(0, 0, 3, 3);
        assertScreen(0, 0, ".3.", "323", ".3.");
        ppu.clear();
        ppu.oval(0, 0, 4, 4);
        assertScreen(0, 0, ".33.", "3223", "3223", ".33.");
    }

    @Test void ovalOutlineNibbleZeroStillDrawsColourFour() {
        drawColors(0x0004); // outline nibble 0 is palette colour 3 for ovals; only 0xF hides it
        ppu.oval(0, 0, 4, 4);
        assertScreen(0, 0, ".33.", "3333", "3333", ".33.");
        ppu.clear();
        drawColors(0x00F4);
        ppu.oval(0, 0, 4, 4);
        assertScreen(0, 0, "....");
    }

    @Test void ovalsFarOffScreenDrawNothing() {
        drawColors(0x0043);
        ppu.oval(Integer.MIN_VALUE, 0, Integer.MAX_VALUE - 2, 50); // its box ends at x = -4
        ppu.oval(0, 162, 160, Integer.MAX_VALUE);
        assertScreen(0, 0, ".");
    }

    @Test void ovalWithoutFill() {
        drawColors(0x0040);
        ppu.oval(0, 0, 4, 4);
        assertScreen(0, 0, ".33.", "3..3", "3..3", ".33.");
    }

    // Sprite: 8x2 at 1 bit per pixel, row 0 = 10110000, row 1 = 01000001.
    private static final int SPRITE = 0x2000;

    private void twoRowSprite() { sprite(SPRITE, 0b10110000, 0b01000001); }

    @Test void blit1bppDrawsOnesWithNibbleTwoAndLeavesZerosTransparent() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 2, 1, 8, 2, 0, 0, 8, 0);
        assertScreen(2, 1, "3.33....", ".3.....3");
    }

    @Test void blit1bppZerosUseNibbleOne() {
        twoRowSprite();
        drawColors(0x0021); // 0 bits: colour 0 (background), 1 bits: colour 1
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, 0);
        assertScreen(0, 0, "1.11....", ".1.....1");
    }

    @Test void blitFlipX() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_FLIP_X);
        assertScreen(0, 0, "....33.3", "3.....3.");
    }

    @Test void blitFlipY() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_FLIP_Y);
        assertScreen(0, 0, ".3.....3", "3.33....");
    }

    @Test void blitFlipXY() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_FLIP_X | Wasm4.BLIT_FLIP_Y);
        assertScreen(0, 0, "3.....3.", "....33.3");
    }

    /**
     * Rotation turns the sprite a quarter anticlockwise: sprite row 0 becomes screen column 0 read bottom up, so
     * screen (c, r) shows sprite (7 - r, c).
     */
    @Test void blitRotate() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_ROTATE);
        assertScreen(0, 0, ".3", "..", "..", "..", "3.", "3.", ".3", "3.");
    }

    @Test void blitRotateFlipX() {
        twoRowSprite();
        drawColors(0x0040);
        // FLIP_X then ROTATE cancel out in x: sprite column x lands in row x.
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_ROTATE | Wasm4.BLIT_FLIP_X);
        assertScreen(0, 0, "3.", ".3", "3.", "3.", "..", "..", "..", ".3");
    }

    @Test void blitRotateFlipY() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_ROTATE | Wasm4.BLIT_FLIP_Y);
        assertScreen(0, 0, "3.", "..", "..", "..", ".3", ".3", "3.", ".3"); // screen (c, r) = sprite (7 - r, 1 - c)
    }

    @Test void blitRotateFlipXY() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, 0, 0, 8, 2, 0, 0, 8, Wasm4.BLIT_ROTATE | Wasm4.BLIT_FLIP_X | Wasm4.BLIT_FLIP_Y);
        assertScreen(0, 0, ".3", "3.", ".3", ".3", "..", "..", "..", "3.");
    }

    @Test void blit2bppUsesAllFourNibbles() {
        sprite(SPRITE, 0b00_01_10_11);
        drawColors(0x4321);
        ppu.blit(SPRITE, 0, 0, 4, 1, 0, 0, 4, Wasm4.BLIT_2BPP);
        assertScreen(0, 0, ".123");
        ppu.clear();
        drawColors(0x0324); // sprite colour 0 -> 3, 1 -> 1, 2 -> 2, 3 transparent
        ppu.blit(SPRITE, 0, 0, 4, 1, 0, 0, 4, Wasm4.BLIT_2BPP);
        assertScreen(0, 0, "312.");
    }

    @Test void blit2bppFlipXAndRotate() {
        sprite(SPRITE, 0b00_01_10_11);
        drawColors(0x4321);
        ppu.blit(SPRITE, 0, 0, 4, 1, 0, 0, 4, Wasm4.BLIT_2BPP | Wasm4.BLIT_FLIP_X);
        assertScreen(0, 0, "321.");
        ppu.clear();
        ppu.blit(SPRITE, 0, 0, 4, 1, 0, 0, 4, Wasm4.BLIT_2BPP | Wasm4.BLIT_ROTATE);
        assertScreen(0, 0, "3", "2", "1", ".");
    }

    @Test void blitOddSizeRunsBitsAcrossBytes() {
        // 3x3 at 1 bpp is 9 bits packed without padding: 101 010 101 = 10101010 1xxxxxxx
        sprite(SPRITE, 0b10101010, 0b10000000);
        drawColors(0x0020);
        ppu.blit(SPRITE, 5, 5, 3, 3, 0, 0, 3, 0);
        assertScreen(5, 5, "1.1", ".1.", "1.1");
    }

    @Test void blitSubReadsAWindowOfAWiderSheet() {
        // a 16x2 sheet: row 0 = 11110000 00001111, row 1 = 00000000 11111111
        sprite(SPRITE, 0xF0, 0x0F, 0x00, 0xFF);
        drawColors(0x0030);
        ppu.blit(SPRITE, 0, 0, 4, 2, 6, 0, 16, 0); // columns 6..9
        assertScreen(0, 0, "....", "..22");
        ppu.clear();
        ppu.blit(SPRITE, 0, 0, 3, 1, 2, 1, 16, Wasm4.BLIT_FLIP_X); // row 1, columns 2..4 mirrored
        assertScreen(0, 0, "...");
        ppu.clear();
        ppu.blit(SPRITE, 0, 0, 3, 1, 10, 1, 16, Wasm4.BLIT_FLIP_X);
        assertScreen(0, 0, "222");
    }

    @Test void blitClippedOnEveryEdge() {
        twoRowSprite();
        drawColors(0x0040);
        ppu.blit(SPRITE, -3, -1, 8, 2, 0, 0, 8, 0); // only row 1, columns 3..7: 00001
        assertScreen(0, 0, "....3");
        ppu.clear();
        ppu.blit(SPRITE, -1, 0, 8, 2, 0, 0, 8, 0); // columns 1..7
        assertScreen(0, 0, ".33....", "3.....3");
        ppu.clear();
        ppu.blit(SPRITE, 156, 159, 8, 2, 0, 0, 8, 0); // columns 0..3 of row 0
        assertScreen(156, 159, "3.33");
    }

    @Test void blitReadsZerosPastTheEndOfMemory() {
        mem.writeByte(Wasm4.MEMORY_SIZE - 1, (byte) 0xFF);
        drawColors(0x0021); // zeros draw colour 0 over a filled screen, ones colour 1
        ppu.blit(Wasm4.MEMORY_SIZE - 1, 0, 0, 16, 1, 0, 0, 16, 0);
        assertScreen(0, 0, "11111111........");
    }

    private Ppu.CharSource chars(String s) { return s::charAt; }

    @Test void textUsesTheFontInEightByEightCellsAndNewlines() {
        drawColors(0x0043); // ink colour 2, background colour 3
        String s = "A\nB";
        ppu.text(chars(s), 0, s.length(), 4, 2);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 8; x++) {
                int c = y < 8 ? 'A' : 'B';
                assertEquals(Font.ink(c, x, y % 8) ? 2 : 3, ppu.pixel(4 + x, 2 + y), "pixel " + x + "," + y);
            }
        }
        assertEquals(0, ppu.pixel(12, 2), "nothing right of the A");
        assertEquals(0, ppu.pixel(4, 18), "nothing under the B");
    }

    @Test void textStopsAtNulAndSkipsCellsForCodesOutsideTheFont() {
        drawColors(0x0040); // background only: every drawn cell becomes a solid 8x8 block of colour 3
        int[] codes = {'a', 0x100, 'b', 7, 'c', 0, 'd'};
        ppu.text(i -> codes[i], 0, codes.length, 0, 0);
        List<String> row = region(0, 7, 48, 1);
        // cells: a drawn, U+0100 skipped, b drawn, 7 skipped, c drawn, then NUL ends the text
        assertEquals("33333333........33333333........33333333........", row.get(0));
    }

    @Test void drawColorsNibbleZeroIsTransparentForText() {
        drawColors(0x0002); // a square of colour 1 to draw on
        ppu.rect(0, 0, 8, 8);
        drawColors(0x0004); // ink colour 3, background transparent
        ppu.text(chars("I"), 0, 1, 0, 0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) assertEquals(Font.ink('I', x, y) ? 3 : 1, ppu.pixel(x, y), "pixel " + x + "," + y);
        }
    }
}
