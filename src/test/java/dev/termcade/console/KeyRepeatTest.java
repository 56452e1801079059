package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRepeatTest {
    private static final long MS = 1_000_000L;

    @Test
    void holdIsOnePressAndOneReleaseAfterRepeatsStop() {
        List<String> events = new ArrayList<>();
        KeyRepeat k = new KeyRepeat(600, 150, (b, down) -> events.add(b + (down ? " down" : " up")));
        k.pressed(Button.LEFT, 0);
        k.tick(500 * MS); // still inside the terminal's initial repeat delay
        k.pressed(Button.LEFT, 550 * MS); // repeats begin
        for (long t = 580; t <= 1000; t += 30) k.pressed(Button.LEFT, t * MS);
        k.tick(1100 * MS);
        assertEquals(List.of("LEFT down"), events);
        k.tick(1200 * MS);
        assertEquals(List.of("LEFT down", "LEFT up"), events);
    }

    @Test
    void aSingleTapReleasesAfterTheLongerFirstTimeout() {
        List<String> events = new ArrayList<>();
        KeyRepeat k = new KeyRepeat(600, 150, (b, down) -> events.add(b + (down ? " down" : " up")));
        k.pressed(Button.A, 0);
        k.tick(300 * MS);
        assertEquals(1, events.size());
        k.tick(700 * MS);
        assertEquals(List.of("A down", "A up"), events);
    }

    @Test
    void realReleaseEventsBypassTimeouts() {
        List<String> events = new ArrayList<>();
        KeyRepeat k = new KeyRepeat(600, 150, (b, down) -> events.add(b + (down ? " down" : " up")));
        k.pressed(Button.UP, 0);
        k.released(Button.UP);
        assertEquals(List.of("UP down", "UP up"), events);
    }
}
