package dev.termcade.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTextTest {
    @Test
    void escapesEveryControlClass() {
        for (int cp = 0; cp < 0x20; cp++) assertFalse(SafeText.of(new String(Character.toChars(cp))).chars().anyMatch(c -> c < 0x20), "C0 " + cp);
        for (int cp = 0x7F; cp <= 0x9F; cp++) assertEquals(String.format("\\x%02x", cp), SafeText.of(new String(Character.toChars(cp))));
        assertEquals("\\u202e", SafeText.of("\u202E"));
        assertEquals("\\u2066", SafeText.of("\u2066"));
        assertEquals("\\ud800", SafeText.of("\uD800"));
    }

    @Test
    void forgedLogLineAndTitleStayOnOneInertLine() {
        String s = SafeText.of("evil\u001b[2J\n15:00:00 FAKE LOG LINE\u001b]0;pwned\u0007");
        assertEquals("evil\\x1b[2J\\x0a15:00:00 FAKE LOG LINE\\x1b]0;pwned\\x07", s);
        assertTrue(SafeText.isSafe(s));
    }

    @Test
    void keepsOrdinaryUnicodeAndCutsLongText() {
        assertEquals("Gr\u00fc\u00dfe \uD83D\uDE80 \u65e5\u672c", SafeText.of("Gr\u00fc\u00dfe \uD83D\uDE80 \u65e5\u672c"));
        String cut = SafeText.of("a".repeat(1000), 10);
        assertEquals("a".repeat(10) + "\u2026", cut);
    }

    @Test
    void boundedReadStopsAtTheLimit(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, new byte[100]);
        assertEquals(100, BoundedFiles.read(f, 100).length);
        IOException e = assertThrows(IOException.class, () -> BoundedFiles.read(f, 99));
        assertTrue(e.getMessage().contains("larger than the 99 bytes allowed"), e.getMessage());
        if (Files.exists(Path.of("/dev/zero"))) {
            IOException z = assertThrows(IOException.class, () -> BoundedFiles.read(Path.of("/dev/zero"), 1 << 20));
            assertTrue(z.getMessage().contains("1 MiB"), z.getMessage());
        }
    }
}
