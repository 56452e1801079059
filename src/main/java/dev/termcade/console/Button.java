package dev.termcade.console;

/** The console's buttons, as a gamepad would have them; bit values are the termcade ABI's {@code buttons()} mask. */
public enum Button {
    LEFT(1), RIGHT(2), UP(4), DOWN(8), A(16), B(32), START(64), SELECT(128);

    /** All buttons, shared (values() copies the array each call). */
    public static final Button[] VALUES = values();

    public final int bit;

    Button(int bit) { this.bit = bit; }

    /** Parses the names used in headless input files: left right up down space, or a letter. */
    public static Button fromKeyName(String key) {
        switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "left": case "a": return LEFT;
            case "right": case "d": return RIGHT;
            case "up": case "w": return UP;
            case "down": case "s": return DOWN;
            case "space": case "z": return A;
            case "x": return B;
            case "enter": return START;
            case "tab": return SELECT;
            default: throw new IllegalArgumentException("unknown key '" + key + "' (left right up down space z x enter tab, or w a s d)");
        }
    }
}
