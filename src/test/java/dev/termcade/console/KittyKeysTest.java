package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KittyKeysTest {
    private static StreamTerminal terminal(String input) {
        StreamTerminal t = new StreamTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(), 80, 24);
        t.getInputDecoder().addProfile(() -> java.util.List.of(new KittyKeys.Pattern()));
        return t;
    }

    @Test
    void decodesPressRepeatAndReleaseOfArrowsAndText() throws Exception {
        StreamTerminal t = terminal("\u001b[D\u001b[1;1:2D\u001b[1;1:3D \u001b[32;1:3u\u001b[27u");
        KeyStroke press = t.pollInput();
        assertEquals(KeyType.ArrowLeft, press.getKeyType());
        KittyKeys.Event repeat = assertInstanceOf(KittyKeys.Event.class, t.pollInput());
        assertEquals(KittyKeys.REPEAT, repeat.eventType());
        KittyKeys.Event release = assertInstanceOf(KittyKeys.Event.class, t.pollInput());
        assertEquals(KeyType.ArrowLeft, release.getKeyType());
        assertEquals(KittyKeys.RELEASE, release.eventType());
        assertEquals(' ', t.pollInput().getCharacter());
        KittyKeys.Event spaceUp = assertInstanceOf(KittyKeys.Event.class, t.pollInput());
        assertEquals(' ', spaceUp.getCharacter());
        assertEquals(KittyKeys.RELEASE, spaceUp.eventType());
        assertEquals(KeyType.Escape, t.pollInput().getKeyType());
        assertNull(t.pollInput());
    }

    @Test
    void legacySequencesAreLeftToLanterna() throws Exception {
        StreamTerminal t = terminal("\u001b[1;5D");
        KeyStroke k = t.pollInput();
        assertEquals(KeyType.ArrowLeft, k.getKeyType());
        assertEquals(true, k.isCtrlDown());
    }

    @Test
    void theFlagsReportSaysWhetherReleasesWillCome() throws Exception {
        StreamTerminal t = terminal("\u001b[?3u\u001b[?1u\u001b[A");
        KittyKeys.Support both = assertInstanceOf(KittyKeys.Support.class, t.pollInput());
        assertEquals(3, both.flags());
        assertEquals(true, both.reportsReleases());
        KittyKeys.Support disambiguateOnly = assertInstanceOf(KittyKeys.Support.class, t.pollInput());
        assertEquals(false, disambiguateOnly.reportsReleases());
        assertEquals(KeyType.ArrowUp, t.pollInput().getKeyType());
    }
}
