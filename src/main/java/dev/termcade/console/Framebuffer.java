package dev.termcade.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An RGB pixel buffer that cartridges draw into, plus a text layer (text is shown as real terminal characters,
 * not pixels). Every shape is clipped first, so NaN, infinite or huge coordinates cost nothing and never throw.
 */
public final class Framebuffer {
    /** A line of text placed at a pixel position. */
    public record Text(int x, int y, String text, int rgb) {}

    private static final int MAX_TEXTS = 256;

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
        texts.clear();
        texts.addAll(other.texts);
    }

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

    private static boolean finite(double... vs) {
        for (double v : vs) if (!Double.isFinite(v) || Math.abs(v) > 1e7) return false;
        return true;
    }

    /** A filled circle: pixels whose centres are within {@code r}; at least the centre pixel. */
    public void fillCircle(double cx, double cy, double r, int rgb) {
        if (!finite(cx, cy, r) || r < 0) return;
        r = Math.min(r, 4.0 * (width + height));
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
        if (!any) set((int) Math.floor(cx), (int) Math.floor(cy), rgb);
    }

    public void strokeCircle(double cx, double cy, double r, int rgb) {
        if (!finite(cx, cy, r) || r < 0) return;
        r = Math.min(r, 4.0 * (width + height));
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
        if (!any) set((int) Math.floor((ax + bx + cx) / 3), (int) Math.floor((ay + by + cy) / 3), rgb);
    }

    public void line(double x0, double y0, double x1, double y1, int rgb) {
        if (!finite(x0, y0, x1, y1)) return;
        double dx = x1 - x0, dy = y1 - y0;
        int steps = (int) Math.min(Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))), 4L * (width + height));
        if (steps == 0) {
            set((int) Math.floor(x0), (int) Math.floor(y0), rgb);
            return;
        }
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            set((int) Math.floor(x0 + dx * t), (int) Math.floor(y0 + dy * t), rgb);
        }
    }

    public void fillRect(double x, double y, double w, double h, int rgb) {
        if (!finite(x, y, w, h) || w <= 0 || h <= 0) return;
        int x0 = Math.max(0, (int) Math.floor(x)), y0 = Math.max(0, (int) Math.floor(y));
        int x1 = Math.min(width, (int) Math.ceil(x + w)), y1 = Math.min(height, (int) Math.ceil(y + h));
        for (int yy = y0; yy < y1; yy++) Arrays.fill(pixels, yy * width + x0, yy * width + Math.max(x0, x1), rgb);
    }

    public void strokeRect(double x, double y, double w, double h, int rgb) {
        if (!finite(x, y, w, h) || w <= 0 || h <= 0) return;
        line(x, y, x + w - 1, y, rgb);
        line(x, y + h - 1, x + w - 1, y + h - 1, rgb);
        line(x, y, x, y + h - 1, rgb);
        line(x + w - 1, y, x + w - 1, y + h - 1, rgb);
    }

    /** Text shown as terminal characters at the cell holding pixel (x, y). */
    public void text(double x, double y, String s, int rgb) {
        if (!finite(x, y) || texts.size() >= MAX_TEXTS) return;
        String clean = s.length() > 512 ? s.substring(0, 512) : s;
        texts.add(new Text((int) Math.floor(x), (int) Math.floor(y), clean.replaceAll("[\\p{Cntrl}]", " "), rgb));
    }
}
