package dev.termcade.console;

import java.util.EnumMap;
import java.util.Map;

/**
 * Terminals send key presses (repeated while held) but no releases. A button goes down at its first press and
 * up when the repeats stop: after {@code firstTimeout} if only one press came (covering the terminal's initial
 * repeat delay), after {@code repeatTimeout} once repeating. Real press/release events (kitty protocol) bypass
 * the timeouts.
 */
public final class KeyRepeat {
    /** Receives synthesized transitions. */
    public interface Listener {
        void button(Button b, boolean down);
    }

    private final long firstTimeoutNs;
    private final long repeatTimeoutNs;
    private final Listener listener;
    private final Map<Button, long[]> held = new EnumMap<>(Button.class);
    private boolean realReleases;

    public KeyRepeat(long firstTimeoutMs, long repeatTimeoutMs, Listener listener) {
        this.firstTimeoutNs = firstTimeoutMs * 1_000_000L;
        this.repeatTimeoutNs = repeatTimeoutMs * 1_000_000L;
        this.listener = listener;
    }

    /** A press (or repeat) from a terminal without release events. */
    public void pressed(Button b, long nowNs) {
        long[] s = held.get(b);
        if (s == null) {
            held.put(b, new long[]{nowNs, 1});
            listener.button(b, true);
        } else {
            s[0] = nowNs;
            s[1]++;
        }
    }

    /** The terminal sends real release events: stop inferring releases from silence. */
    public void useRealReleases() { realReleases = true; }

    public boolean realReleases() { return realReleases; }

    /** A real release event. */
    public void released(Button b) {
        if (held.remove(b) != null) listener.button(b, false);
    }

    /** Releases buttons whose repeats stopped. */
    public void tick(long nowNs) {
        if (realReleases) return;
        var it = held.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            long[] s = e.getValue();
            long timeout = s[1] <= 1 ? firstTimeoutNs : repeatTimeoutNs;
            if (nowNs - s[0] > timeout) {
                Button b = e.getKey();
                it.remove();
                listener.button(b, false);
            }
        }
    }

    public boolean isDown(Button b) { return held.containsKey(b); }

    public void releaseAll() {
        for (Button b : held.keySet().toArray(new Button[0])) released(b);
    }
}
