package dev.termcade.console;

/** How pixels map to terminal cells. */
public enum RenderMode {
    /** Upper half block: two pixels per cell, each its own 24-bit or 256 colour. */
    HALF(1, 2),
    /** Quadrant blocks: 2x2 pixels per cell in two colours (the cell's two most common). */
    QUADRANT(2, 2),
    /** Braille patterns: 2x4 dots per cell, one colour per cell. */
    BRAILLE(2, 4),
    /** Plain ASCII without colour, for dumb terminals: 1x2 pixels per cell. */
    ASCII(1, 2);

    final int pixelsPerColumn;
    final int pixelsPerRow;

    RenderMode(int pixelsPerColumn, int pixelsPerRow) {
        this.pixelsPerColumn = pixelsPerColumn;
        this.pixelsPerRow = pixelsPerRow;
    }

    public int pixelsPerColumn() { return pixelsPerColumn; }
    public int pixelsPerRow() { return pixelsPerRow; }

    /** The best mode for a terminal: ASCII where TERM says it is dumb, half blocks otherwise. */
    public static RenderMode detect(String term) {
        if (term == null || term.isEmpty() || term.equals("dumb") || term.startsWith("vt1")) return ASCII;
        return HALF;
    }

    /** The modes tried, in this order, to fit a fixed picture at each scale: solid blocks before dots. */
    static final RenderMode[] FIT_ORDER = {HALF, QUADRANT, BRAILLE};

    public static RenderMode parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "half": case "halfblock": case "blocks": return HALF;
            case "braille": return BRAILLE;
            case "quadrant": case "quadrants": return QUADRANT;
            case "ascii": return ASCII;
            default: throw new IllegalArgumentException("unknown render mode '" + s + "' (half, quadrant, braille, ascii)");
        }
    }
}
