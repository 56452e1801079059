package dev.termcade.console;

/**
 * Terminals send key presses, repeated while a key is held, but no releases; this turns that stream into button
 * transitions that feel like a gamepad's.
 *
 * <p>A single press is a <em>tap</em>: the button goes down and comes up {@link Timing#tapMs} later, so one tap of
 * Left turns a little, not for the length of the terminal's initial repeat delay. A key that is really held starts
 * repeating after that delay: a press that follows the previous one within {@link Timing#repeatDelayMs} is a repeat,
 * and the button then stays down until the repeats stop for {@link Timing#repeatGapMs}. The cost of inferring is a
 * short gap between the tap and the first repeat of a held key; terminals that speak the kitty keyboard protocol
 * send real releases, which bypass all of this.
 *
 * <p>The state is two arrays indexed by button, so a key event allocates nothing.
 */
public final class KeyRepeat {
    /**
     * How presses are read. Defaults from the terminals' own defaults: initial repeat delay 660 ms on X11/xterm
     * ({@code xset q}), 500 ms on GNOME, up to ~700 ms on macOS; repeat interval 40 ms on X11 (25 Hz), 30-33 ms on
     * GNOME and Windows, up to ~90 ms on macOS; tmux passes repeats through at the outer terminal's rate.
     *
     * @param tapMs        how long a single press holds the button: two frames at 30 fps
     * @param repeatDelayMs a press within this long of the previous press of the same key is a repeat; longer than
     *                     the longest common initial delay, so the first repeat of a held key is recognised
     * @param repeatGapMs  once repeating, the button comes up when no repeat came for this long; above the slowest
     *                     common repeat interval plus network jitter
     */
    public record Timing(long tapMs, long repeatDelayMs, long repeatGapMs) {
        public static final Timing DEFAULT = new Timing(50, 800, 130);

        public Timing {
            if (tapMs <= 0 || repeatDelayMs <= 0 || repeatGapMs <= 0) throw new IllegalArgumentException("key timings must be positive");
        }
    }

    /** Receives synthesized transitions. */
    public interface Listener {
        void button(Button b, boolean down);
    }

    private static final int N = Button.values().length;
    private static final long NEVER = Long.MIN_VALUE;

    private final long tapNs, repeatDelayNs, repeatGapNs;
    private final Listener listener;
    /** When the key of each button was last pressed, or NEVER; kept after release to recognise the first repeat. */
    private final long[] lastPressNs = new long[N];
    /** Whether each button is down, and whether it is down because its key repeats (held) rather than tapped. */
    private final boolean[] down = new boolean[N], repeating = new boolean[N];
    private boolean realReleases;

    public KeyRepeat(Timing timing, Listener listener) {
        this.tapNs = timing.tapMs() * 1_000_000L;
        this.repeatDelayNs = timing.repeatDelayMs() * 1_000_000L;
        this.repeatGapNs = timing.repeatGapMs() * 1_000_000L;
        this.listener = listener;
        java.util.Arrays.fill(lastPressNs, NEVER);
    }

    /** A press (or repeat) from the terminal. */
    public void pressed(Button b, long nowNs) {
        int i = b.ordinal();
        boolean isRepeat = lastPressNs[i] != NEVER && nowNs - lastPressNs[i] <= repeatDelayNs;
        lastPressNs[i] = nowNs;
        if (realReleases) isRepeat = true; // the release event will end it
        repeating[i] |= isRepeat;
        if (!down[i]) {
            down[i] = true;
            listener.button(b, true);
        }
    }

    /** The terminal sends real release events: stop inferring releases from silence. */
    public void useRealReleases() { realReleases = true; }

    public boolean realReleases() { return realReleases; }

    /** A real release event. */
    public void released(Button b) {
        int i = b.ordinal();
        lastPressNs[i] = NEVER;
        repeating[i] = false;
        if (down[i]) {
            down[i] = false;
            listener.button(b, false);
        }
    }

    /** Ends taps whose time is up and holds whose repeats stopped; call once per frame before the game steps. */
    public void tick(long nowNs) {
        if (realReleases) return;
        Button[] buttons = Button.VALUES;
        for (int i = 0; i < N; i++) {
            if (!down[i]) continue;
            long quiet = nowNs - lastPressNs[i];
            if (quiet > (repeating[i] ? repeatGapNs : tapNs)) {
                down[i] = false;
                repeating[i] = false;
                listener.button(buttons[i], false);
            }
        }
    }

    public boolean isDown(Button b) { return down[b.ordinal()]; }

    public void releaseAll() {
        for (Button b : Button.VALUES) released(b);
    }
}
