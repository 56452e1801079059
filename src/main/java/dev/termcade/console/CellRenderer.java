package dev.termcade.console;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;

/** Turns a {@link Framebuffer} into terminal cells on a Lanterna {@link Screen}. */
public final class CellRenderer {
    /** How many colours the terminal shows. */
    public enum ColorDepth { TRUECOLOR, INDEXED_256, ANSI_16, NONE;
        /** From the environment, as terminals advertise it (COLORTERM=truecolor|24bit; the Linux console: 16). */
        public static ColorDepth detect(String colorterm, String term) {
            if (term == null || term.equals("dumb")) return NONE;
            if (term.equals("linux") || term.equals("vt100") || term.equals("ansi")) return ANSI_16;
            if (colorterm != null && (colorterm.contains("truecolor") || colorterm.contains("24bit"))) return TRUECOLOR;
            return INDEXED_256;
        }
    }

    private static final char UPPER_HALF = '\u2580';
    private static final char FULL_BLOCK = '\u2588';
    /**
     * Characters for full ASCII cells by {@link #colourFamily}: dark, blue, green, cyan, red, magenta, yellow, white.
     */
    private static final String ASCII_FILLS = "+O%&#*$@";
    /** Braille dot bits by column then row (rows 0..3 of the left column, then the right). */
    private static final int[] BRAILLE_DOT = {0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80};

    /** Quadrant block characters by mask: top-left 1, top-right 2, bottom-left 4, bottom-right 8. */
    private static final char[] QUADRANTS = " \u2598\u259d\u2580\u2596\u258c\u259e\u259b\u2597\u259a\u2590\u259c\u2584\u2599\u259f\u2588".toCharArray();

    private RenderMode mode;
    /** A fixed picture is shown at 1/scale of its size, its top-left pixel at terminal pixel (originX, originY). */
    private int scale = 1, originX, originY;
    private final ColorDepth depth;
    private int background;
    private final LongCache<TextColor> colors = new LongCache<>(256, 1 << 16);

    public CellRenderer(RenderMode mode, ColorDepth depth) {
        this.mode = mode;
        this.depth = depth;
    }

    public RenderMode mode() { return mode; }
    public int scale() { return scale; }

    /**
     * Fits a fixed {@code width x height} picture into {@code cols x rows} cells, centred: with {@code auto}, the
     * sharpest mode and scale that show all of it (the smallest scale, then {@link RenderMode#FIT_ORDER}); else in
     * this renderer's mode. {@code forcedScale} > 0 fixes the scale. A picture too big even at scale 8 is cropped.
     */
    public void fit(int width, int height, int cols, int rows, boolean auto, int forcedScale) {
        RenderMode[] modes = auto ? RenderMode.FIT_ORDER : new RenderMode[]{mode};
        search:
        for (int s = forcedScale > 0 ? forcedScale : 1; s <= (forcedScale > 0 ? forcedScale : 8); s++) {
            for (RenderMode m : modes) {
                scale = s;
                if (auto) mode = m;
                if (ceilDiv(ceilDiv(width, s), m.pixelsPerColumn) <= cols && ceilDiv(ceilDiv(height, s), m.pixelsPerRow) <= rows) break search;
            }
        }
        int shownW = ceilDiv(width, scale), shownH = ceilDiv(height, scale);
        originX = Math.max(0, (cols * mode.pixelsPerColumn - shownW) / 2 / mode.pixelsPerColumn * mode.pixelsPerColumn);
        originY = Math.max(0, (rows * mode.pixelsPerRow - shownH) / 2 / mode.pixelsPerRow * mode.pixelsPerRow);
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** The picture pixel at the middle of cell (col, row); may lie outside the picture. */
    public int[] pictureOf(int col, int row) {
        int x = (col * mode.pixelsPerColumn + mode.pixelsPerColumn / 2 - originX) * scale + scale / 2;
        int y = (row * mode.pixelsPerRow + mode.pixelsPerRow / 2 - originY) * scale + scale / 2;
        return new int[]{x, y};
    }

    // Lanterna validates every TextCharacter it builds (Unicode block, emoji checks): cells are immutable, so
    // each (character, foreground, background) is built once and reused. Key: char << 48 | fg << 24 | bg, never 0
    // because every character drawn is printable.
    private final int[] quad = new int[4];
    private final LongCache<TextCharacter> cells = new LongCache<>(4096, 1 << 18);
    private final TextCharacter[] plainCells = new TextCharacter[65536];
    /** Marks "the terminal's default colour" in colourless output. */
    private static final int DEFAULT_COLOR = -1;

    private TextCharacter cellOf(char ch, int fg, int bg) {
        if (depth == ColorDepth.NONE) {
            TextCharacter c = plainCells[ch];
            if (c == null) plainCells[ch] = c = new Cell(ch, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
            return c;
        }
        if (fg == DEFAULT_COLOR) fg = bg; // a blank cell: its foreground is never seen
        long key = ((long) ch << 48) | ((long) (fg & 0xFFFFFF) << 24) | (bg & 0xFFFFFF);
        TextCharacter c = cells.get(key);
        if (c == null) {
            c = new Cell(ch, color(fg), color(bg));
            cells.put(key, c);
        }
        return c;
    }

    /**
     * A cell that knows its width. Lanterna asks every cell whether it is double width several times per refresh and
     * works it out each time from the character's Unicode block (a search through all blocks) and an emoji check:
     * half of the SSH server's CPU went there. Cells are immutable, so the answer is computed once.
     */
    private static final class Cell extends TextCharacter {
        /** Per character: 0 not known yet, 1 single width, 2 double width (the cell caches churn with many colours). */
        private static final byte[] WIDTH = new byte[65536];
        private final boolean doubleWidth;

        Cell(char ch, TextColor fg, TextColor bg) {
            super(ch, fg, bg);
            if (WIDTH[ch] == 0) WIDTH[ch] = (byte) (super.isDoubleWidth() ? 2 : 1);
            this.doubleWidth = WIDTH[ch] == 2;
        }

        @Override public boolean isDoubleWidth() { return doubleWidth; }
    }

    // With 16 colours, a picture's declared palette (WASM-4's four colours) gets four different ANSI colours, the
    // closest such set: nearest-colour alone maps e.g. WASM-4's default greens to black, black, bright black, white.
    private final int[] palette = new int[Framebuffer.MAX_PALETTE];
    private final TextColor.ANSI[] paletteAnsi = new TextColor.ANSI[Framebuffer.MAX_PALETTE];
    private int paletteSize;
    /** Palettes up to this size are matched to distinct colours (16^4 assignments to try, once per palette change). */
    private static final int DISTINCT_PALETTE = 4;

    private void usePalette(Framebuffer fb) {
        int n = fb.paletteSize();
        boolean same = n == paletteSize;
        for (int i = 0; same && i < n; i++) same = fb.paletteColor(i) == palette[i];
        if (same) return;
        paletteSize = n;
        for (int i = 0; i < n; i++) palette[i] = fb.paletteColor(i);
        int[] best = distinctAnsi(palette, n <= DISTINCT_PALETTE ? n : 0);
        for (int i = 0; i < n; i++) paletteAnsi[i] = best != null ? ANSI_COLORS[best[i]] : nearestAnsi(palette[i] >> 16 & 0xFF, palette[i] >> 8 & 0xFF, palette[i] & 0xFF);
        cells.clear(); // cached cells hold the old palette's colours
    }

    /** Indices into the ANSI colours, all different, with the least total distance to the first {@code n} colours. */
    private static int[] distinctAnsi(int[] colours, int n) {
        if (n == 0) return null;
        int[] choice = new int[n], best = new int[n];
        long[] bestCost = {Long.MAX_VALUE};
        assign(colours, n, 0, 0, choice, best, bestCost);
        return best;
    }

    private static void assign(int[] colours, int n, int k, long cost, int[] choice, int[] best, long[] bestCost) {
        if (cost >= bestCost[0]) return;
        if (k == n) {
            bestCost[0] = cost;
            System.arraycopy(choice, 0, best, 0, n);
            return;
        }
        next:
        for (int a = 0; a < ANSI_RGB.length; a++) {
            for (int j = 0; j < k; j++) if (choice[j] == a) continue next;
            choice[k] = a;
            assign(colours, n, k + 1, cost + distance(colours[k], ANSI_RGB[a]), choice, best, bestCost);
        }
    }

    /** Squared RGB distance plus weighted luminance difference: shades must keep their order of brightness. */
    private static long distance(int x, int y) {
        int dr = (x >> 16 & 0xFF) - (y >> 16 & 0xFF), dg = (x >> 8 & 0xFF) - (y >> 8 & 0xFF), db = (x & 0xFF) - (y & 0xFF);
        long dl = (299L * dr + 587L * dg + 114L * db) / 1000;
        return (long) dr * dr + (long) dg * dg + (long) db * db + 3 * dl * dl;
    }

    /** A terminal colour for an RGB value, cached so steady frames allocate none. */
    TextColor color(int rgb) {
        if (depth == ColorDepth.NONE) return TextColor.ANSI.DEFAULT;
        if (depth == ColorDepth.ANSI_16) {
            for (int i = 0; i < paletteSize; i++) if (palette[i] == rgb) return paletteAnsi[i];
        }
        long key = (rgb & 0xFFFFFFL) | 1L << 24;
        TextColor c = colors.get(key);
        if (c == null) {
            int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
            c = depth == ColorDepth.TRUECOLOR ? new TextColor.RGB(r, g, b)
                    : depth == ColorDepth.ANSI_16 ? nearestAnsi(r, g, b) : TextColor.Indexed.fromRGB(r, g, b);
            colors.put(key, c);
        }
        return c;
    }

    /** The 16 ANSI colours as xterm shows them by default, in {@link TextColor.ANSI} order. */
    private static final int[] ANSI_RGB = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    private static final TextColor.ANSI[] ANSI_COLORS = {TextColor.ANSI.BLACK, TextColor.ANSI.RED, TextColor.ANSI.GREEN,
            TextColor.ANSI.YELLOW, TextColor.ANSI.BLUE, TextColor.ANSI.MAGENTA, TextColor.ANSI.CYAN, TextColor.ANSI.WHITE,
            TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
            TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.WHITE_BRIGHT};

    /** The ANSI colour nearest to (r, g, b), by squared distance. */
    static TextColor.ANSI nearestAnsi(int r, int g, int b) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < ANSI_RGB.length; i++) {
            int dr = r - (ANSI_RGB[i] >> 16), dg = g - ((ANSI_RGB[i] >> 8) & 0xFF), db = b - (ANSI_RGB[i] & 0xFF);
            long d = (long) dr * dr + (long) dg * dg + (long) db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return ANSI_COLORS[best];
    }

    /** Draws the framebuffer into the top {@code rows} rows of the screen. */
    public void render(Framebuffer fb, Screen screen, int cols, int rows) {
        background = fb.background();
        if (depth == ColorDepth.ANSI_16) usePalette(fb);
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                screen.setCharacter(col, row, cell(fb, col, row));
            }
        }
        for (Framebuffer.Text t : fb.texts()) {
            // Text stays one character per cell, placed where its picture pixel is shown (a fitted picture is moved and scaled).
            int col = Math.floorDiv(Math.floorDiv(t.x(), scale) + originX, mode.pixelsPerColumn);
            int row = Math.floorDiv(Math.floorDiv(t.y(), scale) + originY, mode.pixelsPerRow);
            if (row < 0 || row >= rows) continue;
            for (int i = 0; i < t.text().length(); i++) {
                int c = col + i;
                if (c < 0 || c >= cols) continue;
                screen.setCharacter(c, row, cellOf(t.text().charAt(i), t.rgb(), pixel(fb, c * mode.pixelsPerColumn, row * mode.pixelsPerRow)));
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
            case QUADRANT: {
                int[] q = quad;
                for (int i = 0; i < 4; i++) q[i] = pixel(fb, col * 2 + (i & 1), row * 2 + (i >> 1));
                // Two colours per cell: the most common is the background, the next most common draws the blocks.
                int n = 0;
                for (int i = 0; i < 4; i++) n = tally(q[i], n);
                int bg = mostCommon(n);
                int fg = bg, fgCount = 0;
                for (int i = 0; i < n; i++) {
                    if (tallyColor[i] != bg && tallyCount[i] > fgCount) {
                        fg = tallyColor[i];
                        fgCount = tallyCount[i];
                    }
                }
                int mask = 0;
                for (int i = 0; i < 4; i++) if (q[i] == fg && fg != bg) mask |= 1 << i;
                return mask == 0 ? cellOf(' ', DEFAULT_COLOR, bg) : cellOf(QUADRANTS[mask], fg, bg);
            }
            case BRAILLE: {
                // Like quadrants, each cell has its own background: its most common colour. Every other pixel is a
                // dot, drawn in the most common of those colours, so text on a coloured panel stays readable.
                // Sample first: pixel() uses the tallies itself when the picture is scaled down.
                for (int dx = 0; dx < 2; dx++) for (int dy = 0; dy < 4; dy++) brailleSample[dx * 4 + dy] = pixel(fb, col * 2 + dx, row * 4 + dy);
                int n = 0;
                for (int i = 0; i < 8; i++) n = tally(brailleSample[i], n);
                int bg = n == 1 ? tallyColor[0] : mostCommonPreferring(n, background);
                int fg = bg, fgCount = 0;
                for (int i = 0; i < n; i++) {
                    if (tallyColor[i] != bg && tallyCount[i] > fgCount) {
                        fg = tallyColor[i];
                        fgCount = tallyCount[i];
                    }
                }
                int bits = 0;
                for (int i = 0; i < 8; i++) if (brailleSample[i] != bg) bits |= BRAILLE_DOT[i];
                if (bits == 0) return cellOf(' ', DEFAULT_COLOR, bg);
                return cellOf((char) (0x2800 + bits), fg, bg);
            }
            default: {
                // Plain ASCII, in colour where the terminal has it: a full cell's character follows its colour, so
                // differently coloured things (a ship and an enemy) look different even without colour.
                int top = pixel(fb, col, row * 2), bottom = pixel(fb, col, row * 2 + 1);
                boolean t = top != background, b = bottom != background;
                if (!t && !b) return cellOf(' ', DEFAULT_COLOR, background);
                int fg = t ? top : bottom;
                char c = t && b ? ASCII_FILLS.charAt(colourFamily(fg)) : t ? '\'' : '.';
                return cellOf(c, fg, background);
            }
        }
    }

    /**
     * The colour at terminal pixel (x, y): outside the picture the background. Scaled down, the most common colour
     * of the block other than the background, if any: thin lines and text stay visible (bolder) instead of being
     * outvoted by the space around them.
     */
    private int pixel(Framebuffer fb, int x, int y) {
        int px = (x - originX) * scale, py = (y - originY) * scale;
        if (px < 0 || py < 0 || px >= fb.width() || py >= fb.height()) return background;
        if (scale == 1) return fb.get(px, py);
        int n = 0;
        for (int dy = 0; dy < scale && py + dy < fb.height(); dy++) {
            for (int dx = 0; dx < scale && px + dx < fb.width(); dx++) {
                int rgb = fb.get(px + dx, py + dy);
                if (rgb != background) n = tally(rgb, n);
            }
        }
        return n == 0 ? background : mostCommon(n);
    }

    // Colour tallies for one scaled pixel or one cell (at most 8x8 samples), reused so rendering allocates nothing.
    private final int[] tallyColor = new int[64];
    private final int[] tallyCount = new int[64];

    private int tally(int rgb, int n) {
        for (int i = 0; i < n; i++) {
            if (tallyColor[i] == rgb) {
                tallyCount[i]++;
                return n;
            }
        }
        tallyColor[n] = rgb;
        tallyCount[n] = 1;
        return n + 1;
    }

    /** Which of the eight corners of the colour cube a colour is nearest: one bit per bright channel (r 4, g 2, b 1). */
    private static int colourFamily(int rgb) {
        return ((rgb >> 23) & 1) << 2 | ((rgb >> 15) & 1) << 1 | ((rgb >> 7) & 1);
    }

    /** The pixels of one braille cell, by dot index (left column top to bottom, then the right). */
    private final int[] brailleSample = new int[8];

    /** The most common tallied colour; on a tie, {@code preferred} if it is among the most common. */
    private int mostCommonPreferring(int n, int preferred) {
        int best = mostCommon(n);
        for (int i = 0; i < n; i++) if (tallyColor[i] == preferred && tallyCount[i] == tallyCount[indexOf(best, n)]) return preferred;
        return best;
    }

    private int indexOf(int rgb, int n) {
        for (int i = 0; i < n; i++) if (tallyColor[i] == rgb) return i;
        return 0;
    }

    /** The most common tallied colour; ties go to the first seen. */
    private int mostCommon(int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (tallyCount[i] > tallyCount[best]) best = i;
        return tallyColor[best];
    }
}
