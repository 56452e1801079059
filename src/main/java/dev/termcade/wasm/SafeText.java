package dev.termcade.wasm;

/**
 * Text that came from outside (a module's export or name-section names, a cart's {@code text()}, an SSH user
 * name, a client's input) made safe to put on a terminal or into a log line. Terminals act on C0 controls (ESC
 * starts escape sequences, CR/LF forge log lines), on C1 controls (U+009B is a one-character CSI) and on bidi
 * overrides (which reorder what the reader sees); each such code point is shown escaped instead, so the text stays
 * readable and nothing it contains can act on the terminal.
 */
public final class SafeText {
    /** The longest text {@link #of(String)} returns before cutting it with an ellipsis. */
    public static final int DEFAULT_MAX_CHARS = 256;

    private SafeText() {}

    /** {@code s} with every unsafe code point escaped ({@code \x1b}, {@code \u202e}), cut to {@link #DEFAULT_MAX_CHARS}. */
    public static String of(String s) { return of(s, DEFAULT_MAX_CHARS); }

    /** The longest message {@link #line(String)} returns: room for an export list, never a flood. */
    public static final int LINE_MAX_CHARS = 4096;

    /** A message that may quote untrusted text, as the one line it must be: every unsafe code point (CR, LF too) escaped. */
    public static String line(String s) { return of(s, LINE_MAX_CHARS); }

    /** {@code s} with every unsafe code point escaped, cut to at most {@code maxChars} characters of output. */
    public static String of(String s, int maxChars) {
        if (s == null) return "null";
        if (isSafe(s) && s.length() <= maxChars) return s;
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars) + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int before = out.length();
            if (isUnsafe(cp)) {
                if (cp <= 0xFF) out.append(String.format("\\x%02x", cp));
                else out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            if (out.length() > maxChars) {
                out.setLength(before);
                out.append('\u2026');
                break;
            }
        }
        return out.toString();
    }

    /** True when the text holds nothing a terminal would act on. */
    public static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp)) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, line and paragraph separators, and
     * lone surrogates: the code points that move the cursor, start a sequence, or change what the reader sees.
     */
    public static boolean isUnsafe(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
        if (cp >= 0x202A && cp <= 0x202E) return true; // LRE RLE PDF LRO RLO
        if (cp >= 0x2066 && cp <= 0x2069) return true; // LRI RLI FSI PDI
        if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return true; // LRM RLM ALM
        if (cp == 0x2028 || cp == 0x2029) return true; // line and paragraph separators
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }
}
