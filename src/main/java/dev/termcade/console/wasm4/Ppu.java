package dev.termcade.console.wasm4;

import static dev.termcade.console.wasm4.Wasm4.FRAMEBUFFER;
import static dev.termcade.console.wasm4.Wasm4.HEIGHT;
import static dev.termcade.console.wasm4.Wasm4.WIDTH;

import dev.termcade.vm.Memory;

/**
 * WASM-4's drawing functions on the 2-bits-per-pixel framebuffer inside the cart's memory, pixel for pixel as
 * WASM-4's own runtime draws them (its web runtime is the reference). That runtime computes in JavaScript
 * numbers, so sums such as {@code x + width} never wrap: they are computed here in {@code long} for the same
 * results. Every loop is bounded by the 160x160 screen except line and oval, whose length follows their size.
 */
public final class Ppu {
    private final Memory memory;
    /** The sprite sheets {@link #draw} reads: the cart's memory, and the font. Built once: drawing allocates nothing. */
    private final ByteSource memoryBytes, fontBytes = i -> Font.GLYPHS[i] & 0xFF;

    /** Draws into {@code memory}, the cart's 64 KiB linear memory (its framebuffer at 0xa0, DRAW_COLORS at 0x14). */
    public Ppu(Memory memory) {
        this.memory = memory;
        this.memoryBytes = i -> memory.readByte(i) & 0xFF;
    }

    private int drawColors() { return memory.readShort(Wasm4.DRAW_COLORS) & 0xFFFF; }

    /** The palette entry (0-3) a DRAW_COLORS nibble stands for; nibble 0 means transparent to the callers that check. */
    private static int paletteIndex(int nibble) { return (nibble - 1) & 3; }

    public void clear() { memory.fill(FRAMEBUFFER, Wasm4.FRAMEBUFFER_SIZE, (byte) 0); }

    /** The palette index (0-3) of the pixel at (x, y), which must be on screen. */
    public int pixel(int x, int y) {
        int i = WIDTH * y + x;
        return (memory.readByte(FRAMEBUFFER + (i >> 2)) >> ((x & 3) << 1)) & 3;
    }

    /** The palette index (0-3) of pixel (x, y) in {@code framebuffer}, a copy of the 6400 framebuffer bytes. */
    public static int pixel(byte[] framebuffer, int x, int y) {
        int i = WIDTH * y + x;
        return (framebuffer[i >> 2] >> ((x & 3) << 1)) & 3;
    }

    private void point(int color, int x, int y) {
        int idx = FRAMEBUFFER + ((WIDTH * y + x) >> 2);
        int shift = (x & 3) << 1;
        memory.writeByte(idx, (byte) ((color << shift) | (memory.readByte(idx) & ~(3 << shift))));
    }

    private void pointClipped(int color, long x, long y) {
        if (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT) point(color, (int) x, (int) y);
    }

    /** Pixels {@code startX <= x < endX} of row {@code y}, all on screen. */
    private void span(int color, long startX, long y, long endX) {
        for (long x = startX; x < endX; x++) point(color, (int) x, (int) y);
    }

    private void spanClipped(int color, long startX, long y, long endX) {
        if (y < 0 || y >= HEIGHT) return;
        span(color, Math.max(0, startX), y, Math.min(WIDTH, endX));
    }

    /** {@code hline}: DRAW_COLORS nibble 1 from (x, y), {@code len} pixels to the right. */
    public void hline(int x, int y, int len) {
        int dc0 = drawColors() & 0xF;
        if (dc0 == 0) return;
        spanClipped(paletteIndex(dc0), x, y, (long) x + len);
    }

    /** {@code vline}: DRAW_COLORS nibble 1 from (x, y), {@code len} pixels down. */
    public void vline(int x, int y, int len) {
        if ((long) y + len <= 0 || x < 0 || x >= WIDTH) return;
        int dc0 = drawColors() & 0xF;
        if (dc0 == 0) return;
        long end = Math.min(HEIGHT, (long) y + len);
        for (long yy = Math.max(0, y); yy < end; yy++) point(paletteIndex(dc0), x, (int) yy);
    }

    /**
     * {@code rect}: filled with nibble 1, outlined with nibble 2 (each skipped when 0). An edge is drawn only when
     * its own row or column is on screen; a zero or negative size still draws the edges WASM-4 draws for it.
     */
    public void rect(int x, int y, int width, int height) {
        long startX = Math.max(0, x), startY = Math.max(0, y);
        long endXUnclamped = (long) x + width, endYUnclamped = (long) y + height;
        long endX = Math.min(endXUnclamped, WIDTH), endY = Math.min(endYUnclamped, HEIGHT);
        int dc = drawColors();
        int dc0 = dc & 0xF, dc1 = (dc >> 4) & 0xF;
        if (dc0 != 0) {
            for (long yy = startY; yy < endY; yy++) span(paletteIndex(dc0), startX, yy, endX);
        }
        if (dc1 != 0) {
            int stroke = paletteIndex(dc1);
            if (x >= 0 && x < WIDTH) {
                for (long yy = startY; yy < endY; yy++) point(stroke, x, (int) yy);
            }
            if (endXUnclamped > 0 && endXUnclamped <= WIDTH) {
                for (long yy = startY; yy < endY; yy++) point(stroke, (int) endXUnclamped - 1, (int) yy);
            }
            if (y >= 0 && y < HEIGHT) span(stroke, startX, y, endX);
            if (endYUnclamped > 0 && endYUnclamped <= HEIGHT) span(stroke, startX, endYUnclamped - 1, endX);
        }
    }

    /**
     * {@code oval}: the ellipse inscribed in the box, outline in nibble 2 and fill in nibble 1. As in WASM-4, only
     * an outline nibble of 0xF skips the outline (0 draws palette colour 4), and a fill nibble of 0 skips the fill.
     * A midpoint scan walks the outline from the middle rows outwards and mirrors it into the four quadrants.
     */
    public void oval(int x, int y, int width, int height) {
        int dc = drawColors();
        int dc0 = dc & 0xF, dc1 = (dc >> 4) & 0xF;
        if (dc1 == 0xF) return;
        int stroke = paletteIndex(dc1), fill = paletteIndex(dc0);
        // With a positive size every point and span of the scan lies within one pixel of the box: a box that far
        // off screen draws nothing, and skipping it spares a walk as long as the oval is wide (up to 2^31 steps).
        // (Negative sizes draw outside their box, and their scans are short anyway.)
        if (width > 0 && height > 0
                && ((long) x + width < -1 || x > WIDTH || (long) y + height < -1 || y > HEIGHT)) return;

        long a = (long) width - 1, b = (long) height - 1;
        long bOdd = b % 2;
        long north = y + Math.floorDiv((long) height, 2);
        long west = x, east = (long) x + width - 1;
        long south = north - bOdd; // for even heights the two middle rows start one apart
        long dx = 4 * (1 - a) * b * b, dy = 4 * (bOdd + 1) * a * a;
        long err = dx + dy + bOdd * a * a;
        long stepY = 8 * a * a, stepX = 8 * b * b;
        do {
            pointClipped(stroke, east, north);
            pointClipped(stroke, west, north);
            pointClipped(stroke, west, south);
            pointClipped(stroke, east, south);
            long start = west + 1;
            if (dc0 != 0 && east - start > 0) {
                spanClipped(fill, start, north, east);
                spanClipped(fill, start, south, east);
            }
            long err2 = 2 * err;
            if (err2 <= dy) {
                north++;
                south--;
                dy += stepY;
                err += dy;
            }
            if (err2 >= dx || err2 > dy) {
                west++;
                east--;
                dx += stepX;
                err += dx;
            }
        } while (west <= east);
        // Flat ovals leave the scan before reaching the top and bottom rows: finish those columns.
        while (north - south < height) {
            pointClipped(stroke, west - 1, north);
            pointClipped(stroke, east + 1, north);
            north++;
            pointClipped(stroke, west - 1, south);
            pointClipped(stroke, east + 1, south);
            south--;
        }
    }

    /**
     * {@code line}: nibble 1 from (x1, y1) to (x2, y2) inclusive, Bresenham's walk from the upper end. WASM-4 halves
     * the starting error exactly (a JavaScript number), so the error is kept doubled here to stay in integers.
     */
    public void line(int x1, int y1, int x2, int y2) {
        int dc0 = drawColors() & 0xF;
        if (dc0 == 0) return;
        int stroke = paletteIndex(dc0);
        // Both ends beyond the same edge: no point of the walk is on screen, so skip it (it can be 2^32 steps long).
        if ((x1 < 0 && x2 < 0) || (x1 >= WIDTH && x2 >= WIDTH) || (y1 < 0 && y2 < 0) || (y1 >= HEIGHT && y2 >= HEIGHT)) return;
        long ax = x1, ay = y1, bx = x2, by = y2;
        if (ay > by) {
            long t = ax; ax = bx; bx = t;
            t = ay; ay = by; by = t;
        }
        long dx = Math.abs(bx - ax), sx = ax < bx ? 1 : -1;
        long dy = by - ay;
        long err2x = dx > dy ? dx : -dy; // twice the error
        for (;;) {
            pointClipped(stroke, ax, ay);
            if (ax == bx && ay == by) break;
            long e2 = err2x;
            if (e2 > -2 * dx) {
                err2x -= 2 * dy;
                ax += sx;
            }
            if (e2 < 2 * dy) {
                err2x += 2 * dx;
                ay++;
            }
        }
    }

    /**
     * {@code blitSub}: a {@code width x height} window at ({@code srcX}, {@code srcY}) of a sprite sheet at
     * {@code sprite} in memory, {@code stride} pixels wide, packed 1 or 2 bits per pixel, most significant bits
     * first, drawn at (dstX, dstY) through DRAW_COLORS (nibble n for colour n-1 of the sprite; 0 is transparent).
     * Bytes past the end of memory read as 0, as WASM-4 reads them.
     */
    public void blit(int sprite, int dstX, int dstY, int width, int height, int srcX, int srcY, int stride, int flags) {
        draw(memoryBytes, sprite, memory.byteSize(), dstX, dstY, width, height, srcX, srcY, stride, flags);
    }

    /** {@link #blit} from any sheet: {@code sheet.byteAt(base + i)} is the sprite's byte i; bytes at or past {@code limit} read as 0. */
    private void draw(ByteSource sheet, int base, int limit, int dstX, int dstY, int width, int height,
                      int srcX, int srcY, int stride, int flags) {
        boolean bpp2 = (flags & Wasm4.BLIT_2BPP) != 0, flipX = (flags & Wasm4.BLIT_FLIP_X) != 0;
        boolean flipY = (flags & Wasm4.BLIT_FLIP_Y) != 0, rotate = (flags & Wasm4.BLIT_ROTATE) != 0;
        int colors = drawColors();
        long clipXMin, clipYMin, clipXMax, clipYMax;
        // Rotating turns the sprite a quarter anticlockwise: sprite rows become screen columns, mirrored.
        if (rotate) {
            flipX = !flipX;
            clipXMin = Math.max(0, dstY) - (long) dstY;
            clipYMin = Math.max(0, dstX) - (long) dstX;
            clipXMax = Math.min(width, HEIGHT - (long) dstY);
            clipYMax = Math.min(height, WIDTH - (long) dstX);
        } else {
            clipXMin = Math.max(0, dstX) - (long) dstX;
            clipYMin = Math.max(0, dstY) - (long) dstY;
            clipXMax = Math.min(width, WIDTH - (long) dstX);
            clipYMax = Math.min(height, HEIGHT - (long) dstY);
        }
        for (long y = clipYMin; y < clipYMax; y++) {
            for (long x = clipXMin; x < clipXMax; x++) {
                int tx = (int) (dstX + (rotate ? y : x));
                int ty = (int) (dstY + (rotate ? x : y));
                long sx = srcX + (flipX ? width - x - 1 : x);
                long sy = srcY + (flipY ? height - y - 1 : y);
                long bit = sy * stride + sx;
                int colorIdx;
                if (bpp2) {
                    int shift = 6 - (((int) bit & 3) << 1);
                    colorIdx = (spriteByte(sheet, base, limit, (bit & 0xFFFFFFFFL) >>> 2) >> shift) & 3;
                } else {
                    int shift = 7 - ((int) bit & 7);
                    colorIdx = (spriteByte(sheet, base, limit, (bit & 0xFFFFFFFFL) >>> 3) >> shift) & 1;
                }
                int dc = (colors >> (colorIdx << 2)) & 0xF;
                if (dc != 0) point(paletteIndex(dc), tx, ty);
            }
        }
    }

    private static int spriteByte(ByteSource sheet, int base, int limit, long index) {
        long at = base + index;
        return at < limit ? sheet.byteAt((int) at) : 0;
    }

    /** A sprite sheet's bytes (0-255) by position. */
    @FunctionalInterface
    private interface ByteSource {
        int byteAt(int i);
    }

    /**
     * Text in the 8x8 font: nibble 1 for the glyph, nibble 2 behind it. {@code chars[from..to)} are character codes
     * (bytes, or UTF-16 units); 0 ends the text, '\n' starts a new line under the first, codes 32-255 are drawn and
     * any other code leaves an empty cell.
     */
    public void text(CharSource chars, int from, int to, int x, int y) {
        long cx = x, cy = y;
        for (int i = from; i < to; i++) {
            int c = chars.charAt(i);
            if (c == 0) return;
            if (c == '\n') {
                cy += 8;
                cx = x;
            } else {
                if (c >= Font.FIRST && c <= Font.LAST && cx >= Integer.MIN_VALUE && cx <= Integer.MAX_VALUE
                        && cy >= Integer.MIN_VALUE && cy <= Integer.MAX_VALUE) {
                    draw(fontBytes, 0, Font.GLYPHS.length, (int) cx, (int) cy, 8, 8, 0, (c - Font.FIRST) << 3, 8, 0);
                }
                cx += 8;
            }
        }
    }

    /** Character codes by position, read straight from memory so drawing text allocates nothing. */
    @FunctionalInterface
    public interface CharSource {
        int charAt(int i);
    }
}
