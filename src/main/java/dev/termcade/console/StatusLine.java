package dev.termcade.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The bottom line of the console, fitted to the terminal's width: what matters most survives a narrow terminal.
 * The cart's name and the state (crashed, paused, a notice) stay; key hints go first, from the least important
 * (the middle of the list) while "q quit" stays as long as anything does; then the fps; then the name is cut.
 * In ASCII mode the line is pure ASCII (no box characters or arrows).
 */
final class StatusLine {
    private static final String SEPARATOR = " \u2502 ", ASCII_SEPARATOR = " | ";
    /** Hints in a cart's key help are separated by two spaces. */
    private static final String HINT_GAP = "  ";

    private StatusLine() {}

    /**
     * @param name   the cart's title
     * @param facts  always shown after the name when they fit (score, room, state), most important first
     * @param fps    the frame rate text, or null
     * @param hints  key hints, the last one ("q quit") most important
     */
    static String fit(String name, List<String> facts, String fps, List<String> hints, int cols, boolean ascii) {
        String sep = ascii ? ASCII_SEPARATOR : SEPARATOR;
        List<String> keep = new ArrayList<>(hints);
        boolean withFps = fps != null;
        while (true) {
            String line = join(name, facts, withFps ? fps : null, keep, sep);
            if (line.length() <= cols) return ascii ? ascii(line) : line;
            if (keep.size() > 1) keep.remove(keep.size() - 2); // the hint before "q quit"
            else if (!keep.isEmpty() && withFps) withFps = false;
            else if (!keep.isEmpty()) keep.clear();
            else if (withFps) withFps = false;
            else {
                String cut = line.substring(0, Math.max(0, cols));
                return ascii ? ascii(cut) : cut;
            }
        }
    }

    /** Splits a cart's key help ("arrows move  x shoot  q quit") into its hints. */
    static List<String> hints(String keyHelp) {
        List<String> out = new ArrayList<>();
        for (String h : keyHelp.split(HINT_GAP)) if (!h.isBlank()) out.add(h.strip());
        return out;
    }

    private static String join(String name, List<String> facts, String fps, List<String> hints, String sep) {
        StringBuilder sb = new StringBuilder(" ").append(name);
        for (String f : facts) sb.append(sep).append(f);
        if (fps != null) sb.append(sep).append(fps);
        if (!hints.isEmpty()) sb.append(sep).append(String.join(HINT_GAP, hints));
        return sb.toString();
    }

    /** The line in plain ASCII: arrows and box characters spelled out, anything else non-ASCII as '?'. */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2190': sb.append('<'); break;
                case '\u2192': sb.append('>'); break;
                case '\u2191': sb.append('^'); break;
                case '\u2193': sb.append('v'); break;
                case '\u2502': sb.append('|'); break;
                default: sb.append(c < 0x80 ? c : '?');
            }
        }
        return sb.toString();
    }
}
