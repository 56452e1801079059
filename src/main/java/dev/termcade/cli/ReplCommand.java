package dev.termcade.cli;

import dev.termcade.repl.Repl;
import dev.termcade.repl.ReplTerminal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.termcade.vm.ResourceLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "repl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Interactive workbench: load modules, call exports, inspect memory and code.",
                "With piped input it runs the lines as a script and exits 1 if any command failed."})
final class ReplCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TierOption tier;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Modules to load first.")
    List<String> files = new ArrayList<>();

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = MemoryCap.class, defaultValue = MemoryCap.DEFAULT,
            description = "Most linear memory each module may have: bytes or K/M/G (default ${DEFAULT-VALUE}); growth beyond it returns -1.")
    ResourceLimits limits;

    @Option(names = "--timeout", paramLabel = "MS", description = "Interrupt a start section or a call after this many milliseconds (default: no limit; Ctrl-C interrupts too).")
    long timeoutMs;

    @Spec
    CommandSpec spec;

    @Override public Integer call() throws Exception {
        if (timeoutMs < 0) throw new IllegalArgumentException("--timeout must not be negative, got " + timeoutMs);
        if (System.console() != null) return ReplTerminal.run(files, limits, timeoutMs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Repl repl = new Repl(out, err, false).limits(limits).timeout(timeoutMs);
        for (String f : files) repl.execute("load " + (f.contains(" ") ? "\"" + f + "\"" : f));
        int rc = repl.runScript(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        out.flush();
        err.flush();
        return rc == 0 ? Main.OK : Main.FAILED;
    }
}
