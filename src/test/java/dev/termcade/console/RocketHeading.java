package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The rocket cart's heading, read from its memory: how tests see whether its turn keys reached it. */
public final class RocketHeading {
    /** The heading at the start of a round (pointing up), an f64 in the cart's memory (carts/rocket/rocket.rs). */
    public static final double START = -Math.PI / 2;

    private RocketHeading() {}

    /** Where the heading is kept: the only aligned f64 holding {@link #START} in a fresh game's memory. */
    public static int offset(byte[] memory) {
        ByteBuffer b = ByteBuffer.wrap(memory).order(ByteOrder.LITTLE_ENDIAN);
        int found = -1;
        for (int at = 0; at + 8 <= memory.length; at += 8) {
            if (b.getDouble(at) == START) {
                assertEquals(-1, found, "one heading in memory");
                found = at;
            }
        }
        assertTrue(found >= 0, "the heading is in memory");
        return found;
    }

    public static double of(Game game, int offset) {
        return ByteBuffer.wrap(game.memory()).order(ByteOrder.LITTLE_ENDIAN).getDouble(offset);
    }
}
