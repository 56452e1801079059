package dev.termcade.cli;

import dev.termcade.vm.Instance;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.FuncType;
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
        FuncType t = module.types().get(imp.typeIndex());
        return new WasmFunction(t, imp.qualifiedName(), frame -> {
            StringBuilder sb = new StringBuilder(imp.qualifiedName()).append('(');
            for (int i = 0; i < t.paramCount(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(dev.termcade.vm.Value.raw(t.param(i), frame.raw(i)).text());
            }
            out.println(sb.append(')'));
            out.flush();
            for (int i = 0; i < t.resultCount(); i++) frame.raw(i, 0);
        });
    }

    static String exportList(Instance inst) {
        String fns = inst.exports().entrySet().stream().filter(e -> e.getValue() instanceof WasmFunction)
                .map(java.util.Map.Entry::getKey).collect(Collectors.joining(", "));
        return fns.isEmpty() ? " (it exports no functions)" : " (exported functions: " + fns + ")";
    }
}
