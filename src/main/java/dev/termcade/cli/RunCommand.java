package dev.termcade.cli;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Imports;
import dev.termcade.vm.Instance;
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

    @Option(names = "--timeout", paramLabel = "MS", description = "Interrupt the call after this many milliseconds (default: no limit).")
    long timeoutMs;

    @Option(names = "--fuel", paramLabel = "N", description = "Stop with a trap after N register instructions (default: no limit).")
    long fuel = -1;

    @Spec
    CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CompiledModule cm = CompiledModule.load(file);
        Imports imports = new Imports();
        if (stubImports) imports.fallback(imp -> HostStubs.loggingStub(imp, cm.module(), out));
        Instance inst;
        try {
            inst = cm.instantiate(imports);
        } catch (dev.termcade.vm.LinkException e) {
            throw new Main.UserError(file + ": " + e.getMessage() + (stubImports ? "" : " (--stub-imports satisfies function imports with logging stubs)"));
        }
        WasmFunction f = inst.function(invoke);
        if (f == null) {
            throw new Main.UserError(file + ": no exported function '" + invoke + "'" + HostStubs.exportList(inst));
        }
        FuncType t = f.type();
        Value[] vals = Value.parseArguments(invoke, t, args);
        dev.termcade.vm.Machine machine = dev.termcade.vm.Machine.current();
        machine.fuel(fuel);
        Value[] results;
        try {
            if (timeoutMs > 0) {
                Watchdog.Timer timer = Watchdog.forCurrentThread("interrupted: the call did not return");
                machine.clearInterrupt();
                timer.arm("", timeoutMs);
                try {
                    results = Instance.invoke(f, vals);
                } finally {
                    timer.close();
                }
            } else {
                results = Instance.invoke(f, vals);
            }
        } finally {
            machine.fuel(-1);
        }
        for (Value v : results) out.println(ValType.isRef(v.type()) ? v.toString() : v.text());
        out.flush();
        return Main.OK;
    }
}
