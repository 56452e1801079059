package dev.termcade.console;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;

/** Turns a {@link Framebuffer} into terminal cells on a Lanterna {@link Screen}. */
public final class CellRenderer {
    /** How many colours the terminal shows. */
    public enum ColorDepth { TRUECOLOR, INDEXED_256, NONE;
        /** From the environment, as terminals advertise it (COLORTERM=truecolor|24bit). */
        public static ColorDepth detect(String colorterm, String term) {
            if (term == null || term.equals("dumb")) return NONE;
            if (colorterm != null && (colorterm.contains("truecolor") || colorterm.contains("24bit"))) return TRUECOLOR;
            return INDEXED_256;
        }
    }

    private static final char UPPER_HALF = '\u2580';
    private static final char FULL_BLOCK = '\u2588';
    private static final String ASCII_RAMP = " .:-=+*#%@";
    /** Braille dot bits by column then row (rows 0..3 of the left column, then the right). */
    private static final int[] BRAILLE_DOT = {0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80};

    private final RenderMode mode;
    private final ColorDepth depth;
    private int background;
    private int[] colorKeys = new int[256];
    private TextColor[] colorValues = new TextColor[256];
    private int colorCount;

    public CellRenderer(RenderMode mode, ColorDepth depth) {
        this.mode = mode;
        this.depth = mode == RenderMode.ASCII ? ColorDepth.NONE : depth;
    }

    public RenderMode mode() { return mode; }

    // Lanterna validates every TextCharacter it builds (Unicode block, emoji checks): cells are immutable, so
    // each (character, foreground, background) is built once and reused. Key: char << 48 | fg << 24 | bg.
    private long[] cellKeys = new long[4096];
    private TextCharacter[] cellValues = new TextCharacter[4096];
    private int cellCount;
    private final TextCharacter[] plainCells = new TextCharacter[65536];
    /** Marks "the terminal's default colour" in colourless output. */
    private static final int DEFAULT_COLOR = -1;

    private TextCharacter cellOf(char ch, int fg, int bg) {
        if (depth == ColorDepth.NONE || fg == DEFAULT_COLOR) {
            if (depth != ColorDepth.NONE) fg = bg; // a blank cell: its foreground is never seen
            else {
                TextCharacter c = plainCells[ch];
                if (c == null) plainCells[ch] = c = new TextCharacter(ch, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
                return c;
            }
        }
        long key = ((long) ch << 48) | ((long) (fg & 0xFFFFFF) << 24) | (bg & 0xFFFFFF);
        int mask = cellKeys.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (cellKeys[i] != 0) {
            if (cellKeys[i] == key) return cellValues[i];
            i = (i + 1) & mask;
        }
        if (cellCount * 2 >= cellKeys.length) {
            grow();
            return cellOf(ch, fg, bg);
        }
        TextCharacter c = new TextCharacter(ch, color(fg), color(bg));
        cellKeys[i] = key;
        cellValues[i] = c;
        cellCount++;
        return c;
    }

    private void grow() {
        long[] oldK = cellKeys;
        TextCharacter[] oldV = cellValues;
        boolean full = oldK.length >= 1 << 18;
        cellKeys = new long[full ? oldK.length : oldK.length * 2];
        cellValues = new TextCharacter[cellKeys.length];
        cellCount = 0;
        if (full) return; // a cart with endless colours: start over rather than grow without bound
        int mask = cellKeys.length - 1;
        for (int j = 0; j < oldK.length; j++) {
            if (oldK[j] == 0) continue;
            int i = (int) ((oldK[j] * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (cellKeys[i] != 0) i = (i + 1) & mask;
            cellKeys[i] = oldK[j];
            cellValues[i] = oldV[j];
            cellCount++;
        }
    }

    /** A terminal colour for an RGB value, cached so steady frames allocate none. */
    TextColor color(int rgb) {
        if (depth == ColorDepth.NONE) return TextColor.ANSI.DEFAULT;
        int mask = colorKeys.length - 1;
        int key = rgb | 0x1000000;
        int i = (rgb * 0x9E3779B1 >>> 24) & mask;
        while (colorKeys[i] != 0) {
            if (colorKeys[i] == key) return colorValues[i];
            i = (i + 1) & mask;
        }
        if (colorCount * 2 >= colorKeys.length) {
            if (colorKeys.length >= 1 << 16) {
                colorKeys = new int[colorKeys.length];
                colorValues = new TextColor[colorValues.length];
                colorCount = 0;
            } else {
                rehash(colorKeys.length * 2);
            }
            return color(rgb);
        }
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        TextColor c = depth == ColorDepth.TRUECOLOR ? new TextColor.RGB(r, g, b) : TextColor.Indexed.fromRGB(r, g, b);
        colorKeys[i] = key;
        colorValues[i] = c;
        colorCount++;
        return c;
    }

    private void rehash(int size) {
        int[] oldK = colorKeys;
        TextColor[] oldV = colorValues;
        colorKeys = new int[size];
        colorValues = new TextColor[size];
        colorCount = 0;
        for (int i = 0; i < oldK.length; i++) {
            if (oldK[i] == 0) continue;
            int rgb = oldK[i] & 0xFFFFFF;
            int j = (rgb * 0x9E3779B1 >>> 24) & (size - 1);
            while (colorKeys[j] != 0) j = (j + 1) & (size - 1);
            colorKeys[j] = oldK[i];
            colorValues[j] = oldV[i];
            colorCount++;
        }
    }

    /** Draws the framebuffer into the top {@code rows} rows of the screen. */
    public void render(Framebuffer fb, Screen screen, int cols, int rows) {
        background = fb.background();
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                screen.setCharacter(col, row, cell(fb, col, row));
            }
        }
        for (Framebuffer.Text t : fb.texts()) {
            int col = t.x() / mode.pixelsPerColumn, row = t.y() / mode.pixelsPerRow;
            if (row < 0 || row >= rows) continue;
            for (int i = 0; i < t.text().length(); i++) {
                int c = col + i;
                if (c < 0 || c >= cols) continue;
                int px = Math.min(fb.width() - 1, c * mode.pixelsPerColumn), py = Math.min(fb.height() - 1, row * mode.pixelsPerRow);
                screen.setCharacter(c, row, cellOf(t.text().charAt(i), t.rgb(), fb.get(px, py)));
            }
        }
    }

    private TextCharacter cell(Framebuffer fb, int col, int row) {
        switch (mode) {
            case HALF: {
                int top = pixel(fb, col, row * 2), bottom = pixel(fb, col, row * 2 + 1);
                if (top == bottom) {
                    // A full block in the pixel colour looks the same as a coloured space but survives copy and paste.
                    return top == background ? cellOf(' ', DEFAULT_COLOR, top) : cellOf(FULL_BLOCK, top, background);
                }
                return cellOf(UPPER_HALF, top, bottom);
            }
            case BRAILLE: {
                int bits = 0;
                int best = background, bestCount = 0;
                for (int dx = 0; dx < 2; dx++) {
                    for (int dy = 0; dy < 4; dy++) {
                        int p = pixel(fb, col * 2 + dx, row * 4 + dy);
                        if (p == background) continue;
                        bits |= BRAILLE_DOT[dx * 4 + dy];
                        int count = 0;
                        for (int ex = 0; ex < 2; ex++) for (int ey = 0; ey < 4; ey++) if (pixel(fb, col * 2 + ex, row * 4 + ey) == p) count++;
                        if (count > bestCount) {
                            best = p;
                            bestCount = count;
                        }
                    }
                }
                if (bits == 0) return cellOf(' ', DEFAULT_COLOR, background);
                return cellOf((char) (0x2800 + bits), best, background);
            }
            default: {
                int top = pixel(fb, col, row * 2), bottom = pixel(fb, col, row * 2 + 1);
                boolean t = top != background, b = bottom != background;
                char c;
                if (t && b) c = ASCII_RAMP.charAt(Math.max(1, Math.min(ASCII_RAMP.length() - 1, luminance(top) * ASCII_RAMP.length() / 256)));
                else if (t) c = '\'';
                else if (b) c = '.';
                else c = ' ';
                return cellOf(c, DEFAULT_COLOR, DEFAULT_COLOR);
            }
        }
    }

    private int pixel(Framebuffer fb, int x, int y) {
        if (x >= fb.width() || y >= fb.height()) return background;
        return fb.get(x, y);
    }

    private static int luminance(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b));
    }
}
