package dev.termcade.cli;

import dev.termcade.repl.ImportResolver;
import dev.termcade.repl.NumberText;
import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LinkException;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Value;
import dev.termcade.vm.Watchdog;
import dev.termcade.vm.WasmFunction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Call an exported function of a module and print its results, one per line.",
                "Arguments are parsed by the export's parameter types: integers in decimal or 0x hex, floats in decimal, nan, inf."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TierOption tier;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text).")
    Path file;

    @Option(names = "--invoke", paramLabel = "NAME", description = "The export to call (default: _start).")
    String invoke = "_start";

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the export.")
    List<String> args = new ArrayList<>();

    @Option(names = "--stub-imports", description = "Satisfy imports nothing provides with stand-ins: functions that log each call and return zeros, fresh memories, tables and zero globals.")
    boolean stubImports;

    @Option(names = "--preload", paramLabel = "NAME=FILE", description = "Load FILE first and link its exports as module NAME for the imports of the modules after it (repeatable, in order).")
    List<String> preloads = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "MS", description = "Interrupt instantiation (a start section) and the call after this many milliseconds each (default: no limit).")
    long timeoutMs;

    @Option(names = "--fuel", paramLabel = "N", description = "Stop with a trap after N wasm instructions (default: no limit).")
    long fuel = -1;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = MemoryCap.class, defaultValue = MemoryCap.DEFAULT,
            description = "Most linear memory the module may have: bytes or K/M/G (default ${DEFAULT-VALUE}); growth beyond it returns -1.")
    ResourceLimits limits;

    @Spec
    CommandSpec spec;

    @Override public Integer call() {
        if (timeoutMs < 0) throw new IllegalArgumentException("--timeout must not be negative, got " + timeoutMs);
        if (fuel < -1) throw new IllegalArgumentException("--fuel must not be negative, got " + fuel);
        PrintWriter out = spec.commandLine().getOut();
        Imports imports = new Imports();
        Machine machine = new Machine();
        Watchdog.Timer timer = timeoutMs > 0 ? Watchdog.timer(machine, "interrupted: ") : null;
        try {
            for (String preload : preloads) {
                int eq = preload.indexOf('=');
                if (eq <= 0 || eq == preload.length() - 1) throw new Main.UserError("--preload takes NAME=FILE, got '" + preload + "'");
                Path path = Path.of(preload.substring(eq + 1));
                imports.instance(preload.substring(0, eq), instantiate(path, imports, machine, timer, out));
            }
            Instance inst = instantiate(file, imports, machine, timer, out);
            WasmFunction f = inst.function(invoke);
            if (f == null) {
                throw new Main.UserError(file + ": no exported function '" + invoke + "'" + exportList(inst));
            }
            Value[] vals = Value.parseArguments(invoke, f.type(), args);
            machine.fuel(fuel);
            Value[] results = bounded(timer, "the call did not return", () -> machine.call(f, vals));
            for (Value v : results) out.println(v.type().isReference() ? v.toString() : NumberText.of(v));
            out.flush();
            return Main.OK;
        } finally {
            machine.fuel(-1);
            if (timer != null) timer.close();
        }
    }

    /**
     * Loads and instantiates {@code path} with the modules linked so far, and for anything else the REPL's
     * resolution: the console's maths, and with --stub-imports stand-ins for the rest.
     */
    private Instance instantiate(Path path, Imports linked, Machine machine, Watchdog.Timer timer, PrintWriter out) {
        CompiledModule cm = CompiledModule.load(path);
        ImportResolver resolver = new ImportResolver(line -> {
            out.println(line);
            out.flush();
        }, !stubImports, () -> false);
        linked.fallback(resolver::provide);
        try {
            return bounded(timer, "the start section did not return",
                    () -> Instance.builder(cm).withImports(linked).withLimits(limits).withMachine(machine).build());
        } catch (LinkException e) {
            String hint = e.getMessage().startsWith("unknown import") && !stubImports ? " (--preload NAME=FILE links a module; --stub-imports stands in for the rest)"
                    : e.getMessage().contains("host's limit") ? " (--max-memory raises the limit)" : "";
            throw new Main.UserError(path + ": " + e.getMessage() + hint);
        }
    }

    /** The exported functions, for the error when the one asked for is missing. */
    private static String exportList(Instance inst) {
        String fns = inst.exports().entrySet().stream().filter(e -> e.getValue() instanceof WasmFunction)
                .map(e -> dev.termcade.wasm.SafeText.of(e.getKey())).collect(java.util.stream.Collectors.joining(", "));
        return fns.isEmpty() ? " (it exports no functions)" : " (exported functions: " + fns + ")";
    }

    /** Runs wasm under --timeout when one was given. */
    private <T> T bounded(Watchdog.Timer timer, String what, java.util.function.Supplier<T> call) {
        return timer != null ? timer.within(what, timeoutMs, call) : call.get();
    }
}
