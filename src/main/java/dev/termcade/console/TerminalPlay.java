package dev.termcade.console;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.termcade.vm.CompiledModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Plays a cartridge on the process's own terminal, restoring it afterwards whatever happens. */
public final class TerminalPlay {
    private TerminalPlay() {}

    /** Whether there is an interactive terminal to play on. */
    public static boolean available() { return System.console() != null; }

    /** Plays until the player quits; returns the crash that stopped the cart, or null. */
    public static RuntimeException play(CompiledModule module, ConsoleOptions o) throws IOException {
        CountingOutputStream wire = new CountingOutputStream(System.out);
        Terminal terminal = new DefaultTerminalFactory(wire, System.in, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        Thread restore = new Thread(() -> {
            try {
                screen.stopScreen();
            } catch (Exception ignored) {
                // the JVM is going down; nothing more can be done
            }
        });
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            ConsoleSession session = new ConsoleSession(screen, module, o);
            session.enableKeyEvents(wire);
            session.run();
            return session.crash();
        } finally {
            screen.stopScreen();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }
}
