package dev.termcade.ssh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the carriage return a raw-mode SSH client sends for Enter into the line feed Lanterna expects (what a
 * tty's ICRNL setting does for a local terminal).
 */
final class CrToLfInputStream extends FilterInputStream {
    CrToLfInputStream(InputStream in) { super(in); }

    @Override public int read() throws IOException {
        int b = in.read();
        return b == '\r' ? '\n' : b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        for (int i = off; i < off + n; i++) if (buf[i] == '\r') buf[i] = '\n';
        return n;
    }
}
