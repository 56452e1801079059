package dev.termcade.console;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes a terminal is sent, so every frame's cost on the wire can be measured. */
public final class CountingOutputStream extends FilterOutputStream {
    private long count;

    public CountingOutputStream(OutputStream out) { super(out); }

    @Override public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    public long count() { return count; }
}
