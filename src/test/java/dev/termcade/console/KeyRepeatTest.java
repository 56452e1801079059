package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRepeatTest {
    private static final long MS = 1_000_000L;
    private static final KeyRepeat.Timing T = new KeyRepeat.Timing(50, 800, 130);

    private final List<String> events = new ArrayList<>();
    private final KeyRepeat k = new KeyRepeat(T, (b, down) -> events.add(b + (down ? " down" : " up")));

    /** Runs the game loop's ticks at 30 fps from {@code fromMs} to {@code toMs}. */
    private void frames(long fromMs, long toMs) {
        for (long t = fromMs; t <= toMs; t += 33) k.tick(t * MS);
    }

    @Test
    void aTapHoldsTheButtonForAboutTwoFramesNotTheRepeatDelay() {
        k.pressed(Button.LEFT, 0);
        k.tick(0);
        assertTrue(k.isDown(Button.LEFT), "the frame of the press sees it");
        k.tick(33 * MS);
        assertTrue(k.isDown(Button.LEFT), "and the next frame too");
        k.tick(66 * MS);
        assertFalse(k.isDown(Button.LEFT), "released after the tap time, long before a repeat could come");
        assertEquals(List.of("LEFT down", "LEFT up"), events);
    }

    @Test
    void aHeldKeyIsATapThenOneContinuousHoldOnceRepeatsArrive() {
        // X11 defaults: first repeat after 660 ms, then every 40 ms; the key is let go at 1500 ms.
        k.pressed(Button.UP, 0);
        frames(0, 650);
        k.pressed(Button.UP, 660 * MS);
        for (long t = 700; t <= 1500; t += 40) {
            k.tick(t * MS);
            k.pressed(Button.UP, t * MS);
            assertTrue(k.isDown(Button.UP), "held at " + t);
        }
        frames(1533, 1600);
        assertTrue(k.isDown(Button.UP), "inside the repeat gap");
        k.tick(1640 * MS);
        assertFalse(k.isDown(Button.UP));
        assertEquals(List.of("UP down", "UP up", "UP down", "UP up"), events);
    }

    @Test
    void slowRepeatsOfMacTerminalStillHoldWithoutFlicker() {
        k.pressed(Button.RIGHT, 0);
        frames(0, 700);
        for (long t = 750; t <= 1650; t += 90) {
            k.pressed(Button.RIGHT, t * MS);
            frames(t, t + 89);
            assertTrue(k.isDown(Button.RIGHT), "held through " + (t + 89));
        }
        assertEquals(List.of("RIGHT down", "RIGHT up", "RIGHT down"), events);
    }

    @Test
    void tapsFarApartAreSeparateTaps() {
        k.pressed(Button.A, 0);
        frames(0, 100);
        k.pressed(Button.A, 1000 * MS);
        frames(1000, 1100);
        assertEquals(List.of("A down", "A up", "A down", "A up"), events);
    }

    @Test
    void buttonsAreIndependent() {
        k.pressed(Button.LEFT, 0);
        k.pressed(Button.A, 20 * MS);
        k.tick(60 * MS);
        assertFalse(k.isDown(Button.LEFT));
        assertTrue(k.isDown(Button.A));
    }

    @Test
    void realReleaseEventsBypassTimeouts() {
        k.useRealReleases();
        k.pressed(Button.UP, 0);
        frames(0, 2000);
        assertTrue(k.isDown(Button.UP), "a real press stays down until its release event");
        k.released(Button.UP);
        assertEquals(List.of("UP down", "UP up"), events);
    }

    @Test
    void releaseAllLiftsEverything() {
        k.pressed(Button.UP, 0);
        k.pressed(Button.B, 0);
        k.releaseAll();
        assertFalse(k.isDown(Button.UP));
        assertFalse(k.isDown(Button.B));
        assertEquals(4, events.size());
    }
}
