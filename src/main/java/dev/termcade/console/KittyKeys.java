package dev.termcade.console;

import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * The kitty keyboard protocol's key events (press, repeat, release), for terminals that support it: enabling it
 * asks the terminal to report event types and, in the same write, which flags it now has; a terminal that does not
 * know the requests ignores both, and presses keep arriving as ordinary keys. A terminal that answers the query
 * ({@link Support}) will send releases, so even the first key press can be held until its release.
 *
 * <p>What kitty 0.26 really sends with flags 3 (recorded under Xvfb, replayed in {@code KittyKeysReplayTest}): a
 * press of an arrow or a text key stays legacy ({@code ESC [ A}, {@code q}); repeats and releases carry the event
 * ({@code ESC [ 1 ; 1 : 2 A}, {@code ESC [ 1 1 3 ; 1 : 3 u}); the query's answer is {@code ESC [ ? 3 u}.
 */
public final class KittyKeys {
    /** Push "disambiguate escape codes" (1) and "report event types" (2), then ask for the flags now in force. */
    public static final byte[] ENABLE = "\u001b[>3u\u001b[?u".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Pop them again, leaving the terminal as it was. */
    public static final byte[] DISABLE = "\u001b[<u".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static final int PRESS = 1, REPEAT = 2, RELEASE = 3;

    private KittyKeys() {}

    /** A key stroke that knows whether it was a press, a repeat or a release. */
    public static final class Event extends KeyStroke {
        private final int type;

        Event(KeyType keyType, boolean ctrl, boolean alt, boolean shift, int type) {
            super(keyType, ctrl, alt, shift);
            this.type = type;
        }

        Event(char c, boolean ctrl, boolean alt, boolean shift, int type) {
            super(c, ctrl, alt, shift);
            this.type = type;
        }

        public int eventType() { return type; }
    }

    /** The terminal's answer to the flags query ({@code CSI ? flags u}): it speaks the protocol. */
    public static final class Support extends KeyStroke {
        private final int flags;

        Support(int flags) {
            super(KeyType.Unknown, false, false);
            this.flags = flags;
        }

        /** The protocol's flags in force; 2 ("report event types") set means releases will come. */
        public int flags() { return flags; }

        public boolean reportsReleases() { return (flags & 2) != 0; }
    }

    /**
     * Decodes {@code CSI code [; mods [: event]] u}, {@code CSI 1 ; mods : event A|B|C|D} and the flags report
     * {@code CSI ? flags u}.
     */
    public static final class Pattern implements CharacterPattern {
        @Override public Matching match(List<Character> seq) {
            int n = seq.size();
            if (n == 0 || seq.get(0) != 0x1b) return null;
            if (n == 1) return Matching.NOT_YET;
            if (seq.get(1) != '[') return null;
            if (n > 2 && seq.get(2) == '?') return flagsReport(seq);
            int[] fields = new int[3];
            int field = 0;
            boolean digits = false, sawEvent = false;
            for (int i = 2; i < n; i++) {
                char c = seq.get(i);
                if (c >= '0' && c <= '9') {
                    fields[field] = fields[field] * 10 + (c - '0');
                    digits = true;
                    if (fields[field] > 1_114_111) return null;
                } else if (c == ';' && field == 0 && digits) {
                    field = 1;
                    digits = false;
                } else if (c == ':' && field == 1 && digits) {
                    field = 2;
                    digits = false;
                    sawEvent = true;
                } else if (i == n - 1 && digits) {
                    int mods = field >= 1 ? Math.max(0, fields[1] - 1) : 0;
                    int event = sawEvent ? fields[2] : PRESS;
                    boolean shift = (mods & 1) != 0, alt = (mods & 2) != 0, ctrl = (mods & 4) != 0;
                    if (c == 'u') return new Matching(key(fields[0], ctrl, alt, shift, event));
                    if (sawEvent && fields[0] == 1 && c >= 'A' && c <= 'D') {
                        KeyType t = c == 'A' ? KeyType.ArrowUp : c == 'B' ? KeyType.ArrowDown : c == 'C' ? KeyType.ArrowRight : KeyType.ArrowLeft;
                        return new Matching(new Event(t, ctrl, alt, shift, event));
                    }
                    return null;
                } else {
                    return null;
                }
            }
            return Matching.NOT_YET;
        }

        /** {@code ESC [ ? digits u}: only the kitty protocol answers with {@code u} (other {@code ?} reports end otherwise). */
        private static Matching flagsReport(List<Character> seq) {
            int flags = 0;
            for (int i = 3; i < seq.size(); i++) {
                char c = seq.get(i);
                if (c >= '0' && c <= '9' && i - 3 < 5) flags = flags * 10 + (c - '0');
                else if (c == 'u' && i == seq.size() - 1 && i > 3) return new Matching(new Support(flags));
                else return null;
            }
            return Matching.NOT_YET;
        }

        private static KeyStroke key(int code, boolean ctrl, boolean alt, boolean shift, int event) {
            switch (code) {
                case 27: return new Event(KeyType.Escape, ctrl, alt, shift, event);
                case 13: return new Event(KeyType.Enter, ctrl, alt, shift, event);
                case 9: return new Event(KeyType.Tab, ctrl, alt, shift, event);
                case 127: return new Event(KeyType.Backspace, ctrl, alt, shift, event);
                default: return new Event((char) Math.min(code, 0xFFFF), ctrl, alt, shift, event);
            }
        }
    }
}
