package dev.termcade.cli;

import dev.termcade.vm.Instance;
import dev.termcade.vm.LoggingStub;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Stand-ins for imports nobody provides: they print each call and return zeros, as the talk first ran the game. */
public final class HostStubs {
    private HostStubs() {}

    /** A logging stub for a function import; null for other kinds (those can't be stubbed meaningfully). */
    public static Object loggingStub(Import imp, Module module, PrintWriter out) {
        if (imp.kind() != ExternKind.FUNC) return null;
        return LoggingStub.of(imp.qualifiedName(), module.types().get(imp.typeIndex()), line -> {
            out.println(line);
            out.flush();
        });
    }

    static String exportList(Instance inst) {
        String fns = inst.exports().entrySet().stream().filter(e -> e.getValue() instanceof WasmFunction)
                .map(e -> dev.termcade.wasm.SafeText.of(e.getKey())).collect(Collectors.joining(", "));
        return fns.isEmpty() ? " (it exports no functions)" : " (exported functions: " + fns + ")";
    }
}
