package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static final List<String> ROCKET = StatusLine.hints("\u2190\u2192 turn  \u2191 boost  space shoot  p pause  q quit");

    @Test
    void everythingShowsWhenThereIsRoom() {
        assertEquals(" ROCKET \u2502 Score: 7 \u2502 30 fps \u2502 \u2190\u2192 turn  \u2191 boost  space shoot  p pause  q quit",
                StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 80, false));
    }

    @Test
    void narrowTerminalsDropMiddleHintsFirstAndKeepQuit() {
        String s = StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 50, false);
        assertEquals(" ROCKET \u2502 Score: 7 \u2502 30 fps \u2502 \u2190\u2192 turn  q quit", s);
        assertTrue(s.length() <= 50);
        assertEquals(" ROCKET \u2502 Score: 7 \u2502 q quit", StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 30, false));
        assertEquals(" ROCKET \u2502 Score: 7", StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 20, false));
        assertEquals(" ROCKET \u2502", StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 9, false));
    }

    @Test
    void everyWidthFits() {
        for (int cols = 0; cols <= 120; cols++) {
            String s = StatusLine.fit("SPRITELAB", List.of("PAUSED"), "60 fps", StatusLine.hints("arrows/WASD  x/v/space X  z/c Z  t log  F12 shot  p pause  q quit"), cols, false);
            assertTrue(s.length() <= cols, cols + ": " + s);
        }
    }

    @Test
    void asciiModeIsPureAscii() {
        String s = StatusLine.fit("ROCKET", List.of("Score: 7"), "30 fps", ROCKET, 80, true);
        assertEquals(" ROCKET | Score: 7 | 30 fps | <> turn  ^ boost  space shoot  p pause  q quit", s);
        assertTrue(s.chars().allMatch(c -> c >= 0x20 && c < 0x7F), s);
    }
}
