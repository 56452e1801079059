package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.ValType;
import java.util.function.Consumer;

/** A stand-in for an import nobody provides: it reports each call as {@code env.draw_bullet(412.5, 80.0)} and returns zeros. */
public final class LoggingStub {
    private LoggingStub() {}

    public static WasmFunction of(String qualifiedName, FuncType type, Consumer<String> sink) {
        return new WasmFunction(type, qualifiedName, f -> {
            StringBuilder sb = new StringBuilder(qualifiedName).append('(');
            for (int i = 0; i < type.paramCount(); i++) {
                if (i > 0) sb.append(", ");
                byte t = type.param(i);
                sb.append(ValType.isRef(t) ? String.valueOf(f.ref(i)) : t == ValType.V128 ? f.v128(i).text() : Value.raw(t, f.raw(i)).text());
            }
            sink.accept(sb.append(')').toString());
            for (int i = 0; i < type.resultCount(); i++) {
                f.v128(i, 0, 0); // zero results of every type: numbers, both halves of a v128
                f.ref(i, null);
            }
        });
    }
}
