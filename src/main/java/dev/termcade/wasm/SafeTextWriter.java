package dev.termcade.wasm;

import java.io.IOException;
import java.io.Writer;

/**
 * The last line of defence of a text sink (the CLI's stdout and stderr, the REPL's terminal): everything written is
 * passed through {@link SafeText}'s rules, except line feeds and tabs, which keep the output's own layout. Messages
 * escape untrusted names where they are built; this catches any that slip through.
 */
public final class SafeTextWriter extends Writer {
    private final Writer out;
    /** A high surrogate whose low half has not been written yet. */
    private char pendingHigh;

    public SafeTextWriter(Writer out) {
        super(out);
        this.out = out;
    }

    @Override public void write(char[] buf, int off, int len) throws IOException {
        synchronized (lock) {
            int end = off + len, run = off;
            for (int i = off; i < end; i++) {
                char c = buf[i];
                if (pendingHigh == 0 && (c == '\n' || c == '\t' || (!SafeText.isUnsafe(c) && !Character.isSurrogate(c)))) continue;
                // A character that needs a look: write the plain run before it in one piece.
                out.write(buf, run, i - run);
                put(c);
                run = i + 1;
            }
            out.write(buf, run, end - run);
        }
    }

    private void put(char c) throws IOException {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                out.write(high);
                out.write(c);
                return;
            }
            out.write(SafeText.of(String.valueOf(high)));
        }
        if (Character.isHighSurrogate(c)) pendingHigh = c;
        else if (c == '\n' || c == '\t' || !SafeText.isUnsafe(c)) out.write(c);
        else out.write(SafeText.of(String.valueOf(c)));
    }

    @Override public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException {
        synchronized (lock) {
            if (pendingHigh != 0) out.write(SafeText.of(String.valueOf(pendingHigh)));
            pendingHigh = 0;
            out.close();
        }
    }
}
