package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
import java.util.function.Consumer;

/**
 * Stand-ins for imports nobody provides (the REPL, {@code run --stub-imports}): a function that reports each call as
 * {@code env.draw_bullet(412.5, 80.0)} and returns zeros, a fresh memory or table of the minimum size, a global set
 * to zero.
 */
public final class StandIns {
    private StandIns() {}

    /** The stand-in for {@code imp} of {@code module}; function calls are reported to {@code calls}. */
    public static Extern of(Import imp, Module module, Consumer<String> calls) {
        switch (imp.kind()) {
            case FUNC: return loggingFunction(imp.qualifiedName(), module.types().get(imp.typeIndex()), calls);
            case MEMORY: return new Memory((int) imp.memory().min(), imp.memory().max());
            case TABLE: return new Table(ValueType.of(imp.table().elemType()), (int) imp.table().limits().min(), imp.table().limits().max());
            default: return new GlobalVar(imp.global(), Value.zero(ValueType.of(imp.global().valType())));
        }
    }

    private static WasmFunction loggingFunction(String qualifiedName, FuncType type, Consumer<String> calls) {
        return new WasmFunction(new FunctionType(type), qualifiedName, f -> {
            StringBuilder sb = new StringBuilder(qualifiedName).append('(');
            for (int i = 0; i < type.paramCount(); i++) {
                if (i > 0) sb.append(", ");
                ValueType t = ValueType.of(type.param(i));
                sb.append(t.isReference() ? String.valueOf(f.ref(i)) : t == ValueType.V128 ? f.v128(i).text() : Value.raw(t, f.raw(i), 0).text());
            }
            calls.accept(sb.append(')').toString());
            for (int i = 0; i < type.resultCount(); i++) {
                f.v128(i, 0, 0); // zero results of every type: numbers, both halves of a v128
                f.ref(i, null);
            }
        });
    }
}
