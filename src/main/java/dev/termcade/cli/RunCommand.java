package dev.termcade.cli;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
import dev.termcade.vm.LinkException;
import dev.termcade.vm.Machine;
import dev.termcade.vm.ResourceLimits;
import dev.termcade.vm.Value;
import dev.termcade.vm.Watchdog;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.ValType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Call an exported function of a module and print its results, one per line.",
                "Arguments are parsed by the export's parameter types: integers in decimal or 0x hex, floats in decimal, nan, inf."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text).")
    Path file;

    @Option(names = "--invoke", paramLabel = "NAME", description = "The export to call (default: _start).")
    String invoke = "_start";

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the export.")
    List<String> args = new ArrayList<>();

    @Option(names = "--stub-imports", description = "Satisfy imports nothing provides with stubs that log each call and return zeros.")
    boolean stubImports;

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
        CompiledModule cm = CompiledModule.load(file);
        Imports imports = new Imports();
        if (stubImports) imports.fallback(imp -> HostStubs.loggingStub(imp, cm.module(), out));
        Watchdog.Timer timer = timeoutMs > 0 ? Watchdog.forCurrentThread("interrupted: ") : null;
        Machine machine = Machine.current();
        try {
            Instance inst;
            try {
                inst = bounded(timer, "the start section did not return", () -> cm.instantiate(imports, limits));
            } catch (LinkException e) {
                String hint = e.getMessage().startsWith("unknown import") && !stubImports ? " (--stub-imports satisfies function imports with logging stubs)"
                        : e.getMessage().contains("host's limit") ? " (--max-memory raises the limit)" : "";
                throw new Main.UserError(file + ": " + e.getMessage() + hint);
            }
            WasmFunction f = inst.function(invoke);
            if (f == null) {
                throw new Main.UserError(file + ": no exported function '" + invoke + "'" + HostStubs.exportList(inst));
            }
            FuncType t = f.type();
            Value[] vals = Value.parseArguments(invoke, t, args);
            machine.fuel(fuel);
            Value[] results = bounded(timer, "the call did not return", () -> Instance.invoke(f, vals));
            for (Value v : results) out.println(ValType.isRef(v.type()) ? v.toString() : v.text());
            out.flush();
            return Main.OK;
        } finally {
            machine.fuel(-1);
            if (timer != null) timer.close();
        }
    }

    /** Runs wasm under --timeout when one was given. */
    private <T> T bounded(Watchdog.Timer timer, String what, java.util.function.Supplier<T> call) {
        return timer != null ? timer.within(what, timeoutMs, call) : call.get();
    }
}
