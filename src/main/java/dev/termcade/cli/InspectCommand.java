package dev.termcade.cli;

import dev.termcade.vm.CompiledModule;
import dev.termcade.wasm.ModuleSummary;
import dev.termcade.wasm.WatPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Summarise a module: sections, types, imports, exports, memories, tables, globals, segments, code, "
                + "and which functions the JIT tier compiles (the REPL's tier command switches tiers at the prompt).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--disassemble", arity = "0..1", fallbackValue = "*", paramLabel = "FUNC",
            description = "Print function FUNC (name, export or index) as wasm text; without FUNC, the whole module (wat2wasm reads it back).")
    String disassemble;

    @Option(names = "--ir", arity = "0..1", fallbackValue = "*", paramLabel = "FUNC",
            description = "Print function FUNC (all if omitted) as Termcade's register code.")
    String ir;

    @Spec
    CommandSpec spec;

    @Override public Integer call() throws Exception {
        CompiledModule cm = CompiledModule.load(file);
        PrintWriter out = spec.commandLine().getOut();
        if (disassemble == null && ir == null) {
            out.print(ModuleSummary.render(cm.module(), file.toString(), Files.size(file)));
            out.println("Console ABI: " + abi(cm));
            out.println(jitTier(cm));
        }
        if (disassemble != null) {
            WatPrinter p = new WatPrinter(cm.module());
            if (disassemble.equals("*")) out.print(p.module());
            else for (int f : functions(cm, disassemble)) out.print(p.function(f));
        }
        if (ir != null) {
            for (int f : functions(cm, ir)) {
                String code = cm.disassemble(f);
                out.print(code == null ? "func[" + f + "] is imported: no code\n" : code);
            }
        }
        out.flush();
        return Main.OK;
    }

    /** Which console ABI the imports speak (what play would run it as). */
    private static String abi(CompiledModule cm) {
        try {
            return dev.termcade.console.Cartridge.Abi.detect(cm.module()).toString();
        } catch (dev.termcade.console.CartridgeException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    /**
     * Which functions the JIT tier can compile: each is compiled here (as a hot function would be), and those that
     * stay interpreted are named with the reason.
     */
    private static String jitTier(CompiledModule cm) {
        StringBuilder refused = new StringBuilder();
        int[] all = functions(cm, "*");
        int compiled = 0;
        for (int f : all) {
            String why = cm.compileForJit(f);
            String name = cm.module().functionName(f);
            if (why == null) compiled++;
            else refused.append("\n  func[").append(f).append(']').append(name == null ? "" : " " + name).append(": ").append(why);
        }
        return "JIT tier: " + compiled + " of " + all.length + " functions compile to JVM bytecode"
                + (refused.length() == 0 ? "" : "; these stay interpreted:" + refused);
    }

    static int[] functions(CompiledModule cm, String which) {
        int n = cm.module().functionTypes().size();
        if (which.equals("*")) {
            return java.util.stream.IntStream.range(cm.module().importedFunctionCount(), n).toArray();
        }
        int f = cm.findFunction(which);
        if (f < 0) throw new Main.UserError("no function '" + which + "' (give a name, an export or an index below " + n + ")");
        return new int[]{f};
    }
}
