package dev.termcade.vm;

import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
import java.util.function.Consumer;

/**
 * An import nothing in {@link Imports} provides, as {@link Imports#fallback} is asked for it: its name, its kind, a
 * function's signature, and a stand-in of the right type for hosts that run modules whatever they import (the REPL,
 * {@code run --stub-imports}).
 */
public final class UnresolvedImport {
    private final Import imp;
    private final Module module;

    UnresolvedImport(Import imp, Module module) {
        this.imp = imp;
        this.module = module;
    }

    public String module() { return imp.module(); }
    public String name() { return imp.name(); }
    /** {@code module.name}, as traps and link errors write it. */
    public String qualifiedName() { return imp.qualifiedName(); }
    public ExternKind kind() { return imp.kind(); }

    /** The signature an imported function must have, or null for the other kinds. */
    public FunctionType functionType() { return imp.kind() == ExternKind.FUNC ? new FunctionType(module.types().get(imp.typeIndex())) : null; }

    /**
     * A stand-in: a function that reports each call to {@code calls} as {@code env.draw_bullet(412.5, 80.0)} and
     * returns zeros, a fresh memory or table of the minimum size, or a global set to zero.
     */
    public Extern standIn(Consumer<String> calls) {
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

    /** As link errors name it: {@code env.log (function (i32 i32) -> ())}. */
    @Override public String toString() { return imp.qualifiedName() + " (" + Instance.describe(module, imp) + ")"; }
}
