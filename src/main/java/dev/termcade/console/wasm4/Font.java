package dev.termcade.console.wasm4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Termcade's 8x8 font for WASM-4 text, characters 32-255, loaded from {@code font.txt} (our own drawings). Glyphs are
 * laid out as WASM-4 expects a 1-bit sprite sheet 8 pixels wide, one glyph under the other, where a 0 bit is ink
 * (drawn with DRAW_COLORS nibble 1) and a 1 bit is the cell's background (nibble 2).
 */
public final class Font {
    public static final int FIRST = 32, LAST = 255;
    /** The sheet: 8 bytes (rows) per character from {@link #FIRST}. */
    static final byte[] GLYPHS = new byte[(LAST - FIRST + 1) * 8];

    private Font() {}

    private enum Mark {
        GRAVE(".#...", "..#.."), ACUTE("...#.", "..#.."), CIRCUMFLEX("..#..", ".#.#."), TILDE(".#..#", "#.##."),
        DIAERESIS(".#.#.", "....."), RING(".###.", ".#.#."), CEDILLA("..#..", ".....");

        final String[] rows;

        Mark(String... rows) { this.rows = rows; }
    }

    /** Latin-1 letters as a base letter plus a mark: codes, base letters and marks side by side. */
    private static final String ACCENTED = "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d9\u00da\u00db\u00dc\u00dd"
            + "\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f9\u00fa\u00fb\u00fc\u00fd\u00ff";
    private static final String BASES = "AAAAAACEEEEIIIINOOOOOUUUUY" + "aaaaaaceeeeiiiinooooouuuuyy";
    private static final Mark[] MARKS = marks("GACTDRLGACDGACDTGACTDGACDA" + "GACTDRLGACDGACDTGACTDGACDAD");

    private static Mark[] marks(String letters) {
        Mark[] m = new Mark[letters.length()];
        for (int i = 0; i < m.length; i++) {
            switch (letters.charAt(i)) {
                case 'G': m[i] = Mark.GRAVE; break;
                case 'A': m[i] = Mark.ACUTE; break;
                case 'C': m[i] = Mark.CIRCUMFLEX; break;
                case 'T': m[i] = Mark.TILDE; break;
                case 'D': m[i] = Mark.DIAERESIS; break;
                case 'R': m[i] = Mark.RING; break;
                default: m[i] = Mark.CEDILLA; break;
            }
        }
        return m;
    }

    static {
        Arrays.fill(GLYPHS, (byte) 0xFF);
        try (InputStream in = Font.class.getResourceAsStream("font.txt")) {
            if (in == null) throw new IllegalStateException("font.txt is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("//")) continue;
                String[] parts = line.trim().split(" +");
                int code = parts[0].startsWith("U+") ? Integer.parseInt(parts[0].substring(2), 16) : parts[0].codePointAt(0);
                for (int row = 1; row < parts.length; row++) setRow(code, row - 1, parts[row]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < ACCENTED.length(); i++) compose(ACCENTED.charAt(i), BASES.charAt(i), MARKS[i]);
    }

    private static void setRow(int code, int row, String pixels) {
        int bits = 0xFF;
        for (int col = 0; col < pixels.length() && col < 7; col++) {
            if (pixels.charAt(col) == '#') bits &= ~(0x80 >> (col + 1));
        }
        GLYPHS[(code - FIRST) * 8 + row] = (byte) bits;
    }

    /**
     * Capitals move down a row to make room for a one-row mark; small letters keep their place under a two-row
     * mark (an i loses its dot); a cedilla goes under the letter instead.
     */
    private static void compose(int code, char base, Mark mark) {
        int to = (code - FIRST) * 8, from = (base - FIRST) * 8;
        boolean capital = Character.isUpperCase(base);
        if (mark == Mark.CEDILLA) {
            System.arraycopy(GLYPHS, from, GLYPHS, to, 8);
            setRow(code, 7, mark.rows[0]);
            return;
        }
        if (capital) {
            System.arraycopy(GLYPHS, from, GLYPHS, to + 1, 7);
            setRow(code, 0, mark.rows[0]);
        } else {
            System.arraycopy(GLYPHS, from, GLYPHS, to, 8);
            setRow(code, 0, mark.rows[0]);
            setRow(code, 1, mark.rows[1]);
        }
    }

    /** Whether pixel (x, y) of the glyph for {@code c} is ink. */
    public static boolean ink(int c, int x, int y) {
        return (GLYPHS[(c - FIRST) * 8 + y] & (0x80 >> x)) == 0;
    }
}
