package dev.termcade.console;

import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The process's own Unix terminal, which can be handed back to the shell and taken again: what job control
 * (Ctrl-Z, then {@code fg}) needs. Lanterna saves the tty settings when it takes the terminal and restores them when
 * it closes (also from its shutdown hook, so SIGTERM and SIGHUP restore them too); this class reuses those same
 * steps for a stop in between.
 */
final class SuspendableTerminal extends UnixTerminal {
    SuspendableTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        // TRAP: Ctrl-C and Ctrl-Z arrive as keys (the tty's signal keys are off), so the game decides what they do.
        super(in, out, charset, UnixLikeTerminal.CtrlCBehaviour.TRAP);
    }

    /** Leaves the game's screen and gives the shell back the tty exactly as it was before the game started. */
    void suspend() throws IOException {
        resetColorAndSGR();
        setCursorVisible(true);
        exitPrivateMode();
        flush();
        restoreTerminalSettings();
    }

    /**
     * Gives the tty its settings back for good when the game ends but the process goes on (the REPL's {@code play}):
     * Lanterna itself restores them only when the JVM exits, and until then Ctrl-C would send no SIGINT.
     */
    void release() throws IOException {
        restoreTerminalSettings();
    }

    /** Takes the terminal again after {@link #suspend()}: raw keys, no echo, the game's own screen. */
    void resume() throws IOException {
        saveTerminalSettings();
        canonicalMode(false);
        keyEchoEnabled(false);
        keyStrokeSignalsEnabled(false);
        enterPrivateMode();
        setCursorVisible(false);
        flush();
    }
}
