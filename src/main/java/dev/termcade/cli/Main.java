package dev.termcade.cli;

import dev.termcade.vm.Trap;
import dev.termcade.wasm.SafeText;
import dev.termcade.wasm.SafeTextWriter;
import dev.termcade.wasm.WasmException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code termcade} command: subcommands for playing, inspecting, running and serving cartridges. */
@Command(name = "termcade", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A game console for the terminal that runs WebAssembly cartridges.",
        subcommands = {PlayCommand.class, ReplCommand.class, RunCommand.class, InspectCommand.class, SpecCommand.class, ServeCommand.class, NewCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    public static final int OK = 0, FAILED = 1, USAGE = 2;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show Java stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"termcade " + (v == null ? "0.1.0" : v) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }

    /** No subcommand: play the rocket game. */
    @Override public void run() {
        CommandLine play = spec.commandLine().getSubcommands().get("play");
        int rc = play.execute();
        if (rc != OK) throw new ExitRequest(rc);
    }

    /** Lets a command end with a given exit code after it printed its own message. */
    static final class ExitRequest extends RuntimeException {
        final int code;

        ExitRequest(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        // Module names, cart text and trap messages are untrusted: nothing printed may act on the terminal.
        cl.setOut(new PrintWriter(new SafeTextWriter(out), true));
        cl.setErr(new PrintWriter(new SafeTextWriter(err), true));
        cl.setExecutionExceptionHandler(Main::handle);
        // A mistyped option or value is one line naming it and where help is, not the whole usage text.
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage() + " (see: " + c.getCommandSpec().qualifiedName() + " --help)");
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        // Negative numbers are arguments of the export, not options.
        cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // The heap is gone for this command, not for the user: one line, the terminal as it was, exit 1.
            err.println("error: out of memory (" + e.getMessage() + "); the JVM's -Xmx limits the heap");
            err.flush();
            return FAILED;
        }
    }

    /** Every failure is one line on stderr; stack traces only with --debug. */
    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = e;
        while ((t instanceof CommandLine.ExecutionException || t instanceof java.lang.reflect.UndeclaredThrowableException) && t.getCause() != null) t = t.getCause();
        if (t instanceof ExitRequest) return ((ExitRequest) t).code;
        if (t instanceof dev.termcade.console.CartridgeException) {
            cl.getErr().println("error: " + SafeText.line(t.getMessage()));
            cl.getErr().flush();
            return FAILED;
        }
        PrintWriter err = cl.getErr();
        boolean debug = parsed.matchedOption("--debug") != null || hasDebug(parsed);
        if (t instanceof Trap) {
            err.println(((Trap) t).describe());
        } else if (t instanceof WasmException || t instanceof UserError) {
            err.println("error: " + SafeText.line(t.getMessage()));
        } else if (t instanceof IllegalArgumentException) {
            err.println("error: " + SafeText.line(t.getMessage()));
            err.flush();
            return USAGE;
        } else if (t instanceof java.io.IOException) {
            err.println("error: " + SafeText.line(t.getMessage()));
        } else if (t instanceof dev.termcade.vm.InternalEngineError) {
            err.println(SafeText.line(t.getMessage()) + (debug ? "" : " (run with --debug for details)"));
        } else {
            err.println("internal error: " + t + (debug ? "" : " (run with --debug for details)"));
        }
        if (debug) t.printStackTrace(err);
        err.flush();
        return FAILED;
    }

    private static boolean hasDebug(CommandLine.ParseResult p) {
        for (CommandLine.ParseResult r = p; r != null; r = r.subcommand()) if (r.matchedOption("--debug") != null) return true;
        return false;
    }

    /** A problem the user can fix, reported in one line. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) { super(message, null, false, false); }
    }
}
