package dev.termcade.ssh;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;

/**
 * A Lanterna screen that skips its refresh while the client has not taken the previous one: the frame is dropped,
 * and since the screen still remembers what the client last got, the next refresh sends only the difference to the
 * newest frame. The drawing thread never waits for a slow client.
 */
final class ClientScreen extends TerminalScreen {
    private final ClientOutput out;
    private volatile long dropped;

    ClientScreen(Terminal terminal, ClientOutput out) throws IOException {
        super(terminal);
        this.out = out;
    }

    @Override public synchronized void refresh(RefreshType type) throws IOException {
        if (out.busy()) {
            dropped++;
            return;
        }
        super.refresh(type);
    }

    /** Frames not sent because the client was still busy with an earlier one. */
    long droppedFrames() { return dropped; }
}
