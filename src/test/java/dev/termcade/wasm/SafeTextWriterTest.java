package dev.termcade.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SafeTextWriterTest {
    private static String through(String... pieces) throws IOException {
        StringWriter sink = new StringWriter();
        try (SafeTextWriter w = new SafeTextWriter(sink)) {
            for (String p : pieces) w.write(p);
        }
        return sink.toString();
    }

    @Test
    void keepsLinesAndTabsAndEscapesEverythingElseATerminalActsOn() throws IOException {
        assertEquals("a\tb\nc\\x1b[2J\\x0d\\x9b\\u202e\\x7f\n", through("a\tb\nc\u001b[2J\r\u009b\u202e\u007f\n"));
    }

    @Test
    void surrogatePairsSplitAcrossWritesStayWholeAndLoneOnesAreEscaped() throws IOException {
        assertEquals("\uD83D\uDE80!", through("\uD83D", "\uDE80!"));
        assertEquals("\\ud83d!", through("\uD83D", "!"));
        assertEquals("x\\ud83d", through("x\uD83D"));
        assertEquals("\\ude80", through("\uDE80"));
    }
}
