package dev.termcade.vm;

import java.util.Locale;

/**
 * Which engine tier runs a module's functions. Every module starts with {@link #defaultTier()}: the system property
 * {@code -Dtermcade.tier=interp|jit|auto}, or what a command line's {@code --tier} set, else {@link #AUTO}.
 */
public enum Tier {
    /** The interpreter only. */
    INTERP,
    /** Every compilable function is compiled to JVM bytecode on its first call, synchronously (tests, the spec suite). */
    JIT,
    /** Functions start interpreted; hot ones (calls, loop iterations) are compiled in the background. */
    AUTO;

    public static final String PROPERTY = "termcade.tier";

    private static volatile Tier processDefault;

    /** The tier new modules get: the last {@link #setDefault}, else the system property, else AUTO. */
    public static Tier defaultTier() {
        Tier t = processDefault;
        if (t != null) return t;
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? AUTO : parse(p);
    }

    /** Sets the tier for modules loaded from now on (a command line's {@code --tier}); null goes back to the property. */
    public static void setDefault(Tier tier) { processDefault = tier; }

    /** {@code interp}, {@code jit} or {@code auto} (any case); anything else is an IllegalArgumentException naming the choices. */
    public static Tier parse(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "interp": return INTERP;
            case "jit": return JIT;
            case "auto": return AUTO;
            default: throw new IllegalArgumentException("unknown tier '" + name + "' (expected interp, jit or auto)");
        }
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
