package dev.termcade.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.termcade.wasm.SafeText;

/**
 * An RGB pixel buffer that cartridges draw into, plus a text layer (text is shown as real terminal characters,
 * not pixels). Every shape is clipped first, so NaN, infinite or huge coordinates cost nothing and never throw.
 */
public final class Framebuffer {
    /** A line of text placed at a pixel position. */
    public record Text(int x, int y, String text, int rgb) {}

    private static final int MAX_TEXTS = 256;
    private static final int MAX_TEXT_CHARS = 512;

    private int width;
    private int height;
    private int[] pixels;
    private int background;
    private final List<Text> texts = new ArrayList<>();

    public Framebuffer(int width, int height) {
        resize(width, height);
    }

    public void resize(int w, int h) {
        this.width = Math.max(1, w);
        this.height = Math.max(1, h);
        this.pixels = new int[width * height];
        texts.clear();
    }

    /** Becomes a copy of {@code other}: size, pixels, background and text. */
    public void copyFrom(Framebuffer other) {
        if (width != other.width || height != other.height) resize(other.width, other.height);
        System.arraycopy(other.pixels, 0, pixels, 0, pixels.length);
        background = other.background;
        System.arraycopy(other.palette, 0, palette, 0, other.paletteSize);
        paletteSize = other.paletteSize;
        texts.clear();
        for (int i = 0; i < other.texts.size(); i++) texts.add(other.texts.get(i)); // addAll would allocate an array per copy
    }

    /** At most this many palette colours are declared; a picture with more colours declares none. */
    public static final int MAX_PALETTE = 16;
    private final int[] palette = new int[MAX_PALETTE];
    private int paletteSize;

    /**
     * Declares that every pixel is one of {@code colours} (a WASM-4 cart's four), so a renderer with few colours can
     * give each its own instead of merging near ones.
     */
    public void palette(int[] colours) {
        paletteSize = Math.min(colours.length, MAX_PALETTE);
        System.arraycopy(colours, 0, palette, 0, paletteSize);
    }

    /** How many palette colours are declared (0: any colour may appear). */
    public int paletteSize() { return paletteSize; }

    public int paletteColor(int i) { return palette[i]; }

    public int width() { return width; }
    public int height() { return height; }
    public int get(int x, int y) { return pixels[y * width + x]; }
    public List<Text> texts() { return texts; }

    public void clear(int rgb) {
        Arrays.fill(pixels, rgb);
        texts.clear();
        background = rgb;
    }

    /** The colour of the last clear: what the renderer treats as empty. */
    public int background() { return background; }

    public void set(int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < width && y < height) pixels[y * width + x] = rgb;
    }

    /**
     * Only NaN and infinities are refused up front; any finite value, however large, is clipped to the buffer, so
     * the work of a shape is bounded by the buffer's size and no argument can throw.
     */
    private static boolean finite(double... vs) {
        for (double v : vs) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** A filled circle: pixels whose centres are within {@code r}; at least the centre pixel. */
    public void fillCircle(double cx, double cy, double r, int rgb) {
        if (!finite(cx, cy, r) || r < 0) return;
        int y0 = Math.max(0, (int) Math.floor(cy - r)), y1 = Math.min(height - 1, (int) Math.ceil(cy + r));
        int x0 = Math.max(0, (int) Math.floor(cx - r)), x1 = Math.min(width - 1, (int) Math.ceil(cx + r));
        double r2 = r * r;
        boolean any = false;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                if (dx * dx + dy * dy <= r2) {
                    pixels[y * width + x] = rgb;
                    any = true;
                }
            }
        }
        if (!any) set(pixelOf(cx), pixelOf(cy), rgb);
    }

    public void strokeCircle(double cx, double cy, double r, int rgb) {
        if (!finite(cx, cy, r) || r < 0) return;
        int y0 = Math.max(0, (int) Math.floor(cy - r - 1)), y1 = Math.min(height - 1, (int) Math.ceil(cy + r + 1));
        int x0 = Math.max(0, (int) Math.floor(cx - r - 1)), x1 = Math.min(width - 1, (int) Math.ceil(cx + r + 1));
        double outer = (r + 0.5) * (r + 0.5), inner = Math.max(0, r - 0.5) * Math.max(0, r - 0.5);
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double d = dx * dx + dy * dy;
                if (d <= outer && d >= inner) pixels[y * width + x] = rgb;
            }
        }
    }

    /** The pixel holding coordinate {@code v} (saturating far outside the int range, where {@link #set} ignores it). */
    private static int pixelOf(double v) { return (int) Math.floor(v); }

    /** A filled triangle: pixels whose centres are inside (either winding); at least one pixel. */
    public void fillTriangle(double ax, double ay, double bx, double by, double cx, double cy, int rgb) {
        if (!finite(ax, ay, bx, by, cx, cy)) return;
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx))));
        int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy))));
        int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
        double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        boolean any = false;
        if (area != 0) {
            for (int y = y0; y <= y1; y++) {
                double py = y + 0.5;
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    double w0 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
                    double w1 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
                    double w2 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
                    if ((w0 >= 0 && w1 >= 0 && w2 >= 0) || (w0 <= 0 && w1 <= 0 && w2 <= 0)) {
                        pixels[y * width + x] = rgb;
                        any = true;
                    }
                }
            }
        }
        if (!any) set(pixelOf((ax + bx + cx) / 3), pixelOf((ay + by + cy) / 3), rgb);
    }

    /**
     * A line from (x0, y0) to (x1, y1), both endpoints included, in integer arithmetic (Bresenham's line): one pixel
     * per step along the longer axis, on the row (or column) nearest the true line; a tie goes to the pixel farther
     * from the endpoint with the smaller coordinate on that axis, so a line is the same set of pixels whichever way
     * it is drawn. Only the steps inside the buffer are walked, so any ints cost at most the buffer's size.
     */
    public void line(int x0, int y0, int x1, int y1, int rgb) {
        long dx = Math.abs((long) x1 - x0), dy = Math.abs((long) y1 - y0);
        if (dx >= dy) {
            if (x1 < x0) walk(x1, y1, dx, dy, y0 >= y1 ? 1 : -1, true, rgb);
            else walk(x0, y0, dx, dy, y1 >= y0 ? 1 : -1, true, rgb);
        } else {
            if (y1 < y0) walk(y1, x1, dy, dx, x0 >= x1 ? 1 : -1, false, rgb);
            else walk(y0, x0, dy, dx, x1 >= x0 ? 1 : -1, false, rgb);
        }
    }

    /**
     * Steps {@code i = 0..major} from ({@code majorStart}, {@code minorStart}) along the major axis (increasing); the
     * minor coordinate is {@code minorStart + minorSign * round(i * minor / major)}, kept exactly as a quotient and
     * remainder ({@code i * minor < 2^64} for int endpoints, so the unsigned division at the first visible step is exact).
     */
    private void walk(long majorStart, long minorStart, long major, long minor, int minorSign, boolean xMajor, int rgb) {
        long majorLimit = xMajor ? width : height;
        long first = Math.max(0, -majorStart), last = Math.min(major, majorLimit - 1 - majorStart);
        if (first > last) return;
        if (major == 0) {
            plot(majorStart, minorStart, xMajor, rgb);
            return;
        }
        long scaled = first * minor;
        long q = Long.divideUnsigned(scaled, major), r = Long.remainderUnsigned(scaled, major);
        for (long i = first; i <= last; i++) {
            long offset = q + (2 * r >= major ? 1 : 0);
            plot(majorStart + i, minorStart + minorSign * offset, xMajor, rgb);
            r += minor;
            if (r >= major) {
                r -= major;
                q++;
            }
        }
    }

    private void plot(long major, long minor, boolean xMajor, int rgb) {
        long x = xMajor ? major : minor, y = xMajor ? minor : major;
        if (x >= 0 && y >= 0 && x < width && y < height) pixels[(int) y * width + (int) x] = rgb;
    }

    /** A filled rectangle: the pixels whose centres are inside; any finite arguments (clipped, never thrown). */
    public void fillRect(double x, double y, double w, double h, int rgb) {
        if (!finite(x, y, w, h) || w <= 0 || h <= 0) return;
        double left = Math.max(0, Math.floor(x)), right = Math.min(width, Math.ceil(x + w));
        double top = Math.max(0, Math.floor(y)), bottom = Math.min(height, Math.ceil(y + h));
        if (!(left < right && top < bottom)) return;
        int x0 = (int) left, x1 = (int) right;
        for (int yy = (int) top; yy < (int) bottom; yy++) Arrays.fill(pixels, yy * width + x0, yy * width + x1, rgb);
    }

    /**
     * The outline of a rectangle, one pixel wide, inside (x, y, w, h): the same pixels as the four lines through its
     * corner pixels, drawn as spans so they are exact and clipped for any ints.
     */
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        if (!finite(x, y, w, h) || w <= 0 || h <= 0) return;
        fillRect(x, y, w, 1, rgb);
        fillRect(x, y + h - 1, w, 1, rgb);
        fillRect(x, y, 1, h, rgb);
        fillRect(x + w - 1, y, 1, h, rgb);
    }

    /** Text shown as terminal characters at the cell holding pixel (x, y). */
    public void text(double x, double y, String s, int rgb) {
        if (!finite(x, y) || texts.size() >= MAX_TEXTS) return;
        texts.add(new Text((int) Math.floor(x), (int) Math.floor(y), SafeText.of(s, MAX_TEXT_CHARS), rgb));
    }
}
