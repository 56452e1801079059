package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RasterTest {
    private static int count(Framebuffer fb, int rgb) {
        int n = 0;
        for (int y = 0; y < fb.height(); y++) for (int x = 0; x < fb.width(); x++) if (fb.get(x, y) == rgb) n++;
        return n;
    }

    @Test
    void circleLightsExactlyThePixelsWhoseCentresAreInside() {
        Framebuffer fb = new Framebuffer(20, 20);
        fb.clear(0);
        fb.fillCircle(10, 10, 3, 0xFF0000);
        assertEquals(0xFF0000, fb.get(10, 10));
        assertEquals(0xFF0000, fb.get(7, 10));
        assertEquals(0, fb.get(6, 10));
        assertEquals(0, fb.get(12, 12) == 0xFF0000 ? 1 : 0, "corner (12.5,12.5) is 3.5 away");
        int n = count(fb, 0xFF0000);
        assertTrue(n >= 24 && n <= 36, "about pi*9 pixels, got " + n);
    }

    @Test
    void tinyCircleStillShowsOnePixel() {
        Framebuffer fb = new Framebuffer(10, 10);
        fb.clear(0);
        fb.fillCircle(4.2, 5.7, 0.1, 7);
        assertEquals(1, count(fb, 7));
        assertEquals(7, fb.get(4, 5));
    }

    @Test
    void hostileCoordinatesAreClippedNeverThrownOrLooped() {
        Framebuffer fb = new Framebuffer(50, 30);
        fb.clear(0);
        long t0 = System.nanoTime();
        fb.fillCircle(Double.NaN, 3, 4, 1);
        fb.fillCircle(10, 10, 1e300, 1);
        fb.fillCircle(Double.POSITIVE_INFINITY, 0, 1, 1);
        fb.fillTriangle(0, 0, 1e9, 5, -1e9, 7, 2);
        fb.line(Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 30, 3);
        fb.fillRect(-1e6, -1e6, 2e6, 2e6, 4);
        fb.text(Double.NaN, 0, "x", 5);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "clipping keeps hostile shapes cheap");
        assertEquals(50 * 30, count(fb, 4), "the huge rectangle covers exactly the screen");
    }

    @Test
    void rocketNosePointsAlongTheAngle() {
        double[][] cases = {{0, 1, 0}, {Math.PI / 2, 0, 1}, {Math.PI, -1, 0}};
        for (double[] c : cases) {
            Framebuffer fb = new Framebuffer(60, 60);
            fb.clear(0);
            RocketCartridge.drawRocket(fb, 30, 30, c[0], 1.0);
            // 8 units along the heading is inside the nose; 8 units the other way is beyond the flat back's middle.
            int noseX = (int) Math.floor(30 + c[1] * 8), noseY = (int) Math.floor(30 + c[2] * 8);
            assertEquals(RocketCartridge.PLAYER, fb.get(noseX, noseY), "nose at angle " + c[0]);
            // The nose is narrow and the back is wide: measure width across the heading near each end.
            int nearNose = width(fb, c, 6), nearBack = width(fb, c, -8);
            assertTrue(nearBack > nearNose + 6, "angle " + c[0] + ": back " + nearBack + " vs nose " + nearNose);
        }
    }

    private static int width(Framebuffer fb, double[] c, double along) {
        int n = 0;
        for (int k = -15; k <= 15; k++) {
            double x = 30 + c[1] * along - c[2] * k, y = 30 + c[2] * along + c[1] * k;
            if (fb.get((int) Math.floor(x), (int) Math.floor(y)) == RocketCartridge.PLAYER) n++;
        }
        return n;
    }
}
