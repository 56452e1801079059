package dev.termcade.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The interactive prompt: JLine line editing, tab completion, persistent history, Ctrl-C interrupts a call. */
public final class ReplTerminal {
    private ReplTerminal() {}

    /** Runs the prompt; {@code limits} and {@code timeoutMs} as for {@link Repl#limits} and {@link Repl#timeout}. */
    public static int run(java.util.List<String> files, dev.termcade.vm.ResourceLimits limits, long timeoutMs) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter out = new PrintWriter(new dev.termcade.wasm.SafeTextWriter(terminal.writer()), true);
            Repl repl = new Repl(out, out, true).limits(limits).timeout(timeoutMs);
            terminal.handle(Terminal.Signal.INT, s -> repl.interrupt());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("termcade")
                    .completer(repl.completer())
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".termcade_history"))
                    .variable(LineReader.HISTORY_SIZE, 5000)
                    // No typo-tolerant matching: "up" must never complete to "quit" (a completion that ends the REPL).
                    .variable(LineReader.ERRORS, 0)
                    .build();
            // a game takes the terminal whole: JLine stops reading it until the game gives it back
            repl.aroundPlay(terminal::pause, terminal::resume);
            out.println("Termcade REPL. help lists the commands, Tab completes, Ctrl-D leaves.");
            for (String f : files) repl.execute("load " + quoteIfNeeded(f));
            while (!repl.quitRequested()) {
                String line;
                try {
                    line = reader.readLine("termcade> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                repl.execute(line);
            }
            return 0;
        }
    }

    static String quoteIfNeeded(String f) { return f.contains(" ") ? "\"" + f + "\"" : f; }
}
