package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import dev.termcade.vm.WasmBuilder;
import org.junit.jupiter.api.Test;

/** Exact lines (every octant, both endpoints, both directions) and shapes that never throw on any argument. */
class FramebufferTest {
    private static final int INK = 0xFFFFFF;

    /** The lit pixels as "x,y" strings, sorted, for comparing whole buffers with a hand-made list. */
    private static Set<String> lit(Framebuffer fb) {
        Set<String> s = new TreeSet<>();
        for (int y = 0; y < fb.height(); y++) for (int x = 0; x < fb.width(); x++) if (fb.get(x, y) == INK) s.add(x + "," + y);
        return s;
    }

    private static Set<String> pixels(int... xy) {
        Set<String> s = new TreeSet<>();
        for (int i = 0; i < xy.length; i += 2) s.add(xy[i] + "," + xy[i + 1]);
        return s;
    }

    private static Set<String> line(int x0, int y0, int x1, int y1) {
        Framebuffer fb = new Framebuffer(21, 21);
        fb.clear(0);
        fb.line(x0, y0, x1, y1, INK);
        return lit(fb);
    }

    /** Each case: the endpoints, then the pixels worked out by hand (row nearest the true line; ties as documented). */
    @Test
    void everyOctantLightsTheHandComputedPixelsInBothDirections() {
        int[][] cases = {
                // octant 1 (x-major, y down): y = i/4, the tie at x = 12 (y = 10.5) goes away from (10,10)
                {10, 10, 14, 11, /* */ 10, 10, 11, 10, 12, 11, 13, 11, 14, 11},
                // octant 2 (y-major, x right)
                {10, 10, 11, 14, /* */ 10, 10, 10, 11, 11, 12, 11, 13, 11, 14},
                // octant 3 (y-major, x left)
                {10, 10, 9, 14, /* */ 10, 10, 10, 11, 9, 12, 9, 13, 9, 14},
                // octant 4 (x-major, x left, y down): walked from (6,11), the tie at x = 8 goes towards (10,10)
                {10, 10, 6, 11, /* */ 6, 11, 7, 11, 8, 10, 9, 10, 10, 10},
                // octant 5 (x-major, x left, y up)
                {10, 10, 6, 9, /* */ 6, 9, 7, 9, 8, 10, 9, 10, 10, 10},
                // octant 6 (y-major, y up, x left)
                {10, 10, 9, 6, /* */ 9, 6, 9, 7, 10, 8, 10, 9, 10, 10},
                // octant 7 (y-major, y up, x right)
                {10, 10, 11, 6, /* */ 11, 6, 11, 7, 10, 8, 10, 9, 10, 10},
                // octant 8 (x-major, y up)
                {10, 10, 14, 9, /* */ 10, 10, 11, 10, 12, 9, 13, 9, 14, 9},
                // no ties: y = 2i/5 rounds to 0, 0, 1, 1, 2, 2
                {0, 0, 5, 2, /* */ 0, 0, 1, 0, 2, 1, 3, 1, 4, 2, 5, 2},
                // steep, no ties: x = 3i/7 rounds to 0, 0, 1, 1, 2, 2, 3, 3
                {2, 3, 5, 10, /* */ 2, 3, 2, 4, 3, 5, 3, 6, 4, 7, 4, 8, 5, 9, 5, 10},
                // diagonals, axis lines and a single point
                {3, 3, 6, 6, /* */ 3, 3, 4, 4, 5, 5, 6, 6},
                {6, 3, 3, 6, /* */ 6, 3, 5, 4, 4, 5, 3, 6},
                {2, 7, 8, 7, /* */ 2, 7, 3, 7, 4, 7, 5, 7, 6, 7, 7, 7, 8, 7},
                {4, 9, 4, 5, /* */ 4, 5, 4, 6, 4, 7, 4, 8, 4, 9},
                {7, 7, 7, 7, /* */ 7, 7},
        };
        for (int[] c : cases) {
            Set<String> want = pixels(java.util.Arrays.copyOfRange(c, 4, c.length));
            String what = "line (" + c[0] + "," + c[1] + ")-(" + c[2] + "," + c[3] + ")";
            assertEquals(want, line(c[0], c[1], c[2], c[3]), what);
            assertEquals(want, line(c[2], c[3], c[0], c[1]), what + " drawn backwards");
            assertTrue(want.contains(c[0] + "," + c[1]) && want.contains(c[2] + "," + c[3]), what + ": both endpoints");
        }
    }

    /** One pixel per step of the longer axis: no holes, no doubled pixels, for every slope in a fan of lines. */
    @Test
    void everyLineIsConnectedWithOnePixelPerMajorStep() {
        for (int ex = 0; ex <= 20; ex++) {
            for (int[] end : new int[][]{{ex, 0}, {ex, 20}, {0, ex}, {20, ex}}) {
                Set<String> px = line(10, 10, end[0], end[1]);
                int major = Math.max(Math.abs(end[0] - 10), Math.abs(end[1] - 10));
                assertEquals(major + 1, px.size(), "(10,10)-(" + end[0] + "," + end[1] + ")");
                List<int[]> pts = new ArrayList<>();
                for (String p : px) {
                    String[] xy = p.split(",");
                    pts.add(new int[]{Integer.parseInt(xy[0]), Integer.parseInt(xy[1])});
                }
                for (int[] p : pts) {
                    boolean endpoint = (p[0] == 10 && p[1] == 10) || (p[0] == end[0] && p[1] == end[1]);
                    long neighbours = pts.stream().filter(q -> q != p && Math.abs(q[0] - p[0]) <= 1 && Math.abs(q[1] - p[1]) <= 1).count();
                    assertTrue(neighbours >= (endpoint ? Math.min(1, major) : 2), "hole next to " + p[0] + "," + p[1] + " in (10,10)-(" + end[0] + "," + end[1] + ")");
                }
            }
        }
    }

    /** Clipping walks only the visible steps but must light exactly what the whole line would. */
    @Test
    void clippedLinesMatchTheSameLineDrawnWhole() {
        Random rnd = new Random(18);
        for (int n = 0; n < 300; n++) {
            int x0 = rnd.nextInt(2000) - 1000, y0 = rnd.nextInt(600) - 300, x1 = rnd.nextInt(2000) - 1000, y1 = rnd.nextInt(600) - 300;
            Framebuffer small = new Framebuffer(40, 20);
            small.clear(0);
            small.line(x0, y0, x1, y1, INK);
            Framebuffer big = new Framebuffer(2040, 640);
            big.clear(0);
            big.line(x0 + 1000, y0 + 310, x1 + 1000, y1 + 310, INK);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals(big.get(x + 1000, y + 310), small.get(x, y), "(" + x0 + "," + y0 + ")-(" + x1 + "," + y1 + ") at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void linesBetweenIntExtremesAreExactAndCheap() {
        Framebuffer fb = new Framebuffer(30, 20);
        fb.clear(0);
        fb.line(Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, INK);
        Set<String> diagonal = new TreeSet<>();
        for (int i = 0; i < 20; i++) diagonal.add(i + "," + i);
        assertEquals(diagonal, lit(fb), "the diagonal through the origin");
        fb.clear(0);
        fb.line(Integer.MIN_VALUE, 5, Integer.MAX_VALUE, 5, INK);
        assertEquals(30, lit(fb).size());
        assertTrue(lit(fb).stream().allMatch(p -> p.endsWith(",5")));
        fb.clear(0);
        fb.line(3, Integer.MAX_VALUE, 3, Integer.MIN_VALUE, INK);
        assertEquals(20, lit(fb).size());
        assertTrue(lit(fb).stream().allMatch(p -> p.startsWith("3,")));
    }

    @Test
    void strokeRectIsTheFourLinesThroughItsCornerPixels() {
        Framebuffer fb = new Framebuffer(10, 8);
        fb.clear(0);
        fb.strokeRect(1, 2, 4, 3, INK);
        assertEquals(pixels(1, 2, 2, 2, 3, 2, 4, 2, /* */ 1, 3, 4, 3, /* */ 1, 4, 2, 4, 3, 4, 4, 4), lit(fb));
        fb.clear(0);
        fb.strokeRect(6, 1, 1, 1, INK);
        assertEquals(pixels(6, 1), lit(fb), "a 1x1 outline is one pixel");
        fb.clear(0);
        fb.strokeRect(-5, -5, 8, 20, INK);
        assertEquals(pixels(2, 0, 2, 1, 2, 2, 2, 3, 2, 4, 2, 5, 2, 6, 2, 7), lit(fb), "only the right edge is on screen");
    }

    /** issue 18: the snake border had holes at x = 27, 54, 59 where floor(x0 + dx*i/steps) skipped a column. */
    @Test
    void longHorizontalBordersHaveNoHoles() {
        for (int w = 1; w <= 200; w++) {
            Framebuffer fb = new Framebuffer(200, 3);
            fb.clear(0);
            fb.strokeRect(0, 0, w, 3, INK);
            for (int x = 0; x < w; x++) {
                assertEquals(INK, fb.get(x, 0), "top edge of width " + w + " at x=" + x);
                assertEquals(INK, fb.get(x, 2), "bottom edge of width " + w + " at x=" + x);
            }
            if (w < 200) assertEquals(0, fb.get(w, 0), "nothing past the right edge");
        }
    }

    @Test
    void rectAtHugeOffsetsDrawsNothingAndFullCoverWorks() {
        Framebuffer fb = new Framebuffer(20, 10);
        fb.clear(0);
        fb.fillRect(100000, 0, 10, 10, INK);
        assertEquals(0, lit(fb).size());
        fb.fillRect(Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, INK);
        assertEquals(0, lit(fb).size(), "ends at -2, -2: off screen");
        fb.fillRect(-1e9, -1e9, 1e9 + 5, 1e9 + 3, INK);
        assertEquals(5 * 3, lit(fb).size(), "x in [-1e9, 5), y in [-1e9, 3)");
        fb.fillCircle(-2e9, 5, 2e9 + 4.5, INK);
        assertEquals(INK, fb.get(3, 5), "a far centre with a radius reaching the screen still draws");
    }

    /** A generator over every shape and every extreme argument: nothing may throw. */
    @Test
    void noShapeThrowsOnAnyArgument() {
        int[] ints = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -100000, -1, 0, 1, 19, 20, 100000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        double[] doubles = {Double.NaN, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e300, -2147483649.0, -0.5, -0.0, 0.0, 0.4, 9.5, 1e7, 4294967296.0, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        Random rnd = new Random(12);
        Framebuffer fb = new Framebuffer(20, 10);
        for (int n = 0; n < 20000; n++) {
            int[] a = new int[5];
            double[] d = new double[6];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(4) == 0 ? rnd.nextInt() : ints[rnd.nextInt(ints.length)];
            for (int i = 0; i < d.length; i++) d[i] = rnd.nextInt(4) == 0 ? a[i % 5] : doubles[rnd.nextInt(doubles.length)];
            fb.set(a[0], a[1], a[4]);
            fb.line(a[0], a[1], a[2], a[3], a[4]);
            fb.fillRect(a[0], a[1], a[2], a[3], a[4]);
            fb.strokeRect(a[0], a[1], a[2], a[3], a[4]);
            fb.fillRect(d[0], d[1], d[2], d[3], a[4]);
            fb.strokeRect(d[0], d[1], d[2], d[3], a[4]);
            fb.fillCircle(d[0], d[1], d[2], a[4]);
            fb.strokeCircle(d[0], d[1], d[2], a[4]);
            fb.fillTriangle(d[0], d[1], d[2], d[3], d[4], d[5], a[4]);
            fb.text(d[0], d[1], "x", a[4]);
            fb.clear(0);
        }
    }

    /** The termcade ABI's line and rect_outline reach the same pixels with their arguments in order. */
    @Test
    void termcadeLineAndRectOutlineCallsDrawTheHandComputedPixels() {
        byte[] five = {WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32};
        int[][] calls = {{0, 10, 10, 6, 11}, {1, 1, 2, 4, 3}}; // line (10,10)-(6,11); rect_outline at (1,2) 4x3
        for (int[] call : calls) {
            WasmBuilder b = new WasmBuilder();
            int f = b.importFunc("termcade", call[0] == 0 ? "line" : "rect_outline", five, new byte[0]);
            List<Object> code = new ArrayList<>();
            for (int i = 1; i < 5; i++) code.add(WasmBuilder.code(0x41, WasmBuilder.sleb(call[i])));
            code.add(WasmBuilder.code(0x41, WasmBuilder.sleb(INK), 0x10, f));
            b.export("frame", b.func(new byte[]{WasmBuilder.F64}, new byte[0], WasmBuilder.code(code.toArray())));
            Framebuffer fb = new Framebuffer(21, 21);
            fb.clear(0);
            Cartridge cart = Cartridge.load(CompiledModule.load(b.build()), fb, new ConsoleOptions(), new Machine());
            cart.frame(1 / 60.0, export -> { });
            Set<String> want = call[0] == 0 ? pixels(6, 11, 7, 11, 8, 10, 9, 10, 10, 10)
                    : pixels(1, 2, 2, 2, 3, 2, 4, 2, 1, 3, 4, 3, 1, 4, 2, 4, 3, 4, 4, 4);
            assertEquals(want, lit(fb), call[0] == 0 ? "line" : "rect_outline");
        }
    }
}
