package dev.termcade.console;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An ANSI terminal over plain streams whose size the host sets (from an SSH pty request, or a headless
 * {@code --size}) instead of querying a tty.
 */
public final class StreamTerminal extends ANSITerminal {
    private volatile TerminalSize size;

    public StreamTerminal(InputStream in, OutputStream out, int cols, int rows) {
        super(in, out, StandardCharsets.UTF_8);
        this.size = new TerminalSize(cols, rows);
    }

    @Override protected TerminalSize findTerminalSize() { return size; }

    /** The client's window changed: Lanterna's screen picks it up at its next resize check. */
    public void resize(int cols, int rows) {
        size = new TerminalSize(Math.max(1, cols), Math.max(1, rows));
        onResized(size);
    }
}
